"""Keeping the user's data safe: daily backups, restoring one, setting a bad file aside, deleting all.

Nothing here deletes or overwrites a database the user has not asked to delete: a damaged file, or the
database a restore replaces, is renamed with a timestamp and kept next to the new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ses_decider.storage.backups import BACKUP_DIR, backup_database, list_backups
from ses_decider.storage.connection import Database
from ses_decider.storage.db import DB_FILENAME, is_read_only, migrations
from ses_decider.storage.file_modes import tighten_mode

_STAMP = "%Y%m%d-%H%M%S-%f"
_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime | None
    reason: str
    people: int | None  # None: the copy cannot be read (damaged or foreign)

    @property
    def usable(self) -> bool:
        return self.people is not None


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """Like ``db.atomic()`` but takes the write lock first (BEGIN IMMEDIATE).

    A transaction that reads and then writes must not start deferred: when another process commits
    in between, SQLite cannot upgrade the read to a write and fails at once instead of waiting out
    the busy timeout. Nested use becomes a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise


def _stamp_of(path: Path) -> tuple[datetime | None, str]:
    """(time, reason) from a name like ses-decider-20260101-101010-123456-daily.db."""
    parts = path.stem.split("-")
    try:
        taken = _parse_stamp(*parts[2:5])
    except (ValueError, TypeError):
        return None, ""
    return taken, "-".join(parts[5:])


def _parse_stamp(day: str, clock: str, micro: str) -> datetime:
    """The time _STAMP wrote as 20260101-101010-123456. Not strptime: its first use costs start-up
    some 10 ms (locale, calendar, regular expressions) for one file name."""
    if not (
        len(day) == 8 and len(clock) == 6 and len(micro) == 6 and (day + clock + micro).isdigit()
    ):
        raise ValueError(f"not a backup stamp: {day}-{clock}-{micro}")
    return datetime.fromisoformat(f"{day}T{clock}.{micro}")


def _read_only_uri(path: Path) -> str:
    # immutable: a backup is never written, so no locks and no -wal/-shm files appear beside it
    return f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"


def inspect_database(path: Path) -> int | None:
    """The number of people in an SES Decider database file, or None if it is not a usable one.

    Reads only: the file is opened read-only and checked (quick_check, known migrations).
    """
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return None
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.name]
            )
        }
        if not applied or applied - {m.name for m in migrations._migrations}:
            return None  # not ours, or written by a newer version
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def backups_with_info(data_folder: Path) -> list[BackupInfo]:
    """Every backup, newest first, with its date and how many people it holds."""
    out = []
    for path in list_backups(data_folder):
        taken, reason = _stamp_of(path)
        out.append(BackupInfo(path, taken, reason, inspect_database(path)))
    return out


def daily_backup(db: Database, data_folder: Path, now: datetime | None = None) -> Path | None:
    """Back up unless the newest backup (of any reason) was made today; returns the new copy or
    None. A database opened read-only is not backed up: nothing can change in it."""
    if is_read_only(db):
        return None
    now = now or datetime.now()
    for path in list_backups(data_folder):
        taken, _ = _stamp_of(path)
        if taken is not None:
            if taken.date() == now.date():
                return None
            break
    return backup_database(db, data_folder, reason="daily")


def set_aside(db_path: Path, reason: str = "damaged") -> Path:
    """Rename the database (with its -wal/-shm) to a timestamped name beside it; never overwrite.

    The connection to it must be closed. Returns the new name of the database file.
    """
    db_path = Path(db_path)
    stamp = datetime.now().strftime(_STAMP)
    target = db_path.with_name(f"{db_path.stem}-{stamp}-{reason}{db_path.suffix}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}-{stamp}-{reason}-{n}{db_path.suffix}")
        n += 1
    for suffix in _SIDECARS:  # sidecars first: the main file is the one a crash must not orphan
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, f"{target}{suffix}")
    if db_path.exists():
        os.replace(db_path, target)
    return target


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace the (closed) database at db_path with a copy of ``backup``.

    The current database is set aside first (renamed with a timestamp); the copy is made with the
    online backup API. Returns where the old database went (None if there was none). Raises
    ValueError if the backup is not a usable SES Decider database; then nothing is changed.
    """
    backup, db_path = Path(backup), Path(db_path)
    if inspect_database(backup) is None:
        raise ValueError(f"{backup.name} is not a usable backup")
    aside = set_aside(db_path, "before-restore") if db_path.exists() else None
    try:
        src = sqlite3.connect(_read_only_uri(backup), uri=True)
        dest = sqlite3.connect(str(db_path))
        try:
            src.backup(dest)
        finally:
            dest.close()
            src.close()
    except BaseException:
        for suffix in ("", *_SIDECARS):  # put the old database back as it was
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        if aside is not None:
            for suffix in _SIDECARS:
                if Path(f"{aside}{suffix}").exists():
                    os.replace(f"{aside}{suffix}", f"{db_path}{suffix}")
            os.replace(aside, db_path)
        raise
    tighten_mode(db_path)  # a new file: 0644 by the umask becomes 0600
    return aside


def latest_good_backup(data_folder: Path) -> BackupInfo | None:
    for info in backups_with_info(data_folder):
        if info.usable:
            return info
    return None


def delete_all_data(data_folder: Path) -> list[Path]:
    """Remove the database, its -wal/-shm, set-aside copies and the backups folder.

    Every connection to the database must be closed first. Returns what was removed.
    """
    folder = Path(data_folder)
    removed: list[Path] = []
    stem = Path(DB_FILENAME).stem
    for path in sorted(folder.glob(f"{stem}*.db*")):  # the database and set-aside copies
        if path.is_file() and path.name.endswith((".db", *(f".db{s}" for s in _SIDECARS))):
            path.unlink()
            removed.append(path)
    backups = folder / BACKUP_DIR
    if backups.exists():
        shutil.rmtree(backups)
        removed.append(backups)
    return removed
