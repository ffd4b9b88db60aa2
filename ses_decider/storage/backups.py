"""Copies of the database made with SQLite's online backup API, kept in a folder beside it.

Each reason ("daily", "before-import", "before-migration", ...) keeps its own newest ``KEEP``
copies, so a day of imports never pushes the daily backups of the days before out of the folder.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime
from pathlib import Path

from ses_decider.storage.connection import Database
from ses_decider.storage.file_modes import ensure_private_dir, tighten_mode
from ses_decider.storage.problems import as_storage_problem

BACKUP_DIR = "backups"
KEEP = 10
_PREFIX = "ses-decider-"
_STAMP_PARTS = 3  # 20260101-101010-123456


def backup_database(db: Database, data_folder: Path, reason: str = "daily") -> Path:
    """Copy the open database into data_folder/backups; keep the newest ``KEEP`` of each reason.

    A copy that fails part-way (a full disk) is removed, and the failure raised as a
    StorageProblem naming the backup folder; the database itself is only read.
    """
    folder = Path(data_folder) / BACKUP_DIR
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{_PREFIX}{stamp}-{reason}.db"
    try:
        ensure_private_dir(folder)
        dest = sqlite3.connect(str(target))
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as exc:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        problem = as_storage_problem(exc, folder, what="The backup folder")
        if problem is None:
            raise
        raise problem from None
    tighten_mode(target)
    _prune(data_folder, reason)
    return target


def reason_of(path: Path) -> str:
    """The reason in a backup's name (ses-decider-20260101-101010-123456-daily.db -> daily)."""
    parts = Path(path).stem[len(_PREFIX) :].split("-")
    return "-".join(parts[_STAMP_PARTS:])


def _prune(data_folder: Path, reason: str) -> None:
    same = [p for p in list_backups(data_folder) if reason_of(p) == reason]
    for old in same[KEEP:]:
        old.unlink(missing_ok=True)


def list_backups(data_folder: Path) -> list[Path]:
    """Backups, newest first."""
    folder = Path(data_folder) / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{_PREFIX}*.db"), key=lambda p: p.name, reverse=True)
