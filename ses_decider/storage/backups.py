"""Copies of the database made with SQLite's online backup API, kept in a folder beside it."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import sqlite_utils

BACKUP_DIR = "backups"
KEEP = 10


def backup_database(db: sqlite_utils.Database, data_folder: Path, reason: str = "daily") -> Path:
    """Copy the open database into data_folder/backups; keep the newest ``KEEP`` copies."""
    folder = Path(data_folder) / BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"ses-decider-{stamp}-{reason}.db"
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    if os.name == "posix":
        os.chmod(target, 0o600)
    for old in list_backups(data_folder)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(data_folder: Path) -> list[Path]:
    """Backups, newest first."""
    folder = Path(data_folder) / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(folder.glob("ses-decider-*.db"), key=lambda p: p.name, reverse=True)
