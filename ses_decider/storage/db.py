"""Open the database: location, pragmas, checks before any write, schema migrations.

A file that is not an SES Decider database, is damaged, or was written by a newer version is never
written to: opening it raises `DatabaseProblem` with one sentence for the user.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from ses_decider.storage.schema import migrations

DB_FILENAME = "ses-decider.db"
ENV_DATA_DIR = "SES_DECIDER_DATA_DIR"
BUSY_TIMEOUT_MS = 10_000


class DatabaseProblem(RuntimeError):
    """The database cannot be used safely; ``kind`` is 'not_database', 'damaged' or 'newer'."""

    def __init__(self, message: str, kind: str, path: Path):
        super().__init__(message)
        self.kind = kind
        self.path = path


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """Where the database lives: --data-dir, else $SES_DECIDER_DATA_DIR, else the OS data folder."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ses-decider", appauthor=False))


def database_path(override: str | os.PathLike | None = None) -> Path:
    return data_dir(override) / DB_FILENAME


def ensure_private_dir(path: Path) -> None:
    """Create the data folder readable by its owner only (on POSIX)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "file is encrypted" in str(exc):
            raise DatabaseProblem(
                f"{path} is not an SES Decider database.", "not_database", path
            ) from None
        raise DatabaseProblem(f"The database {path} is damaged ({exc}).", "damaged", path) from None
    if result != "ok":
        raise DatabaseProblem(f"The database {path} is damaged ({result}).", "damaged", path)


def _check_known_schema(db: sqlite_utils.Database, path: Path) -> None:
    tables = set(db.table_names())
    if tables and "_sqlite_migrations" not in tables:
        raise DatabaseProblem(
            f"{path} is an SQLite database of another program, not SES Decider's.",
            "not_database",
            path,
        )
    known = {m.name for m in migrations._migrations}
    applied = {m.name for m in migrations.applied(db)}
    if applied - known:
        raise DatabaseProblem(
            f"{path} was written by a newer version of SES Decider; update the app to open it.",
            "newer",
            path,
        )


def open_database(path: str | os.PathLike, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if new) the database at ``path``, checked and migrated.

    Raises DatabaseProblem for a foreign, damaged or newer file; that file is left untouched.
    """
    path = Path(path)
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new:
        ensure_private_dir(path.parent)
    conn = _connect(path)
    try:
        if not is_new:
            _check_readable(conn, path)
        # No sqlite-utils plugins: third-party code has no business with the user's database, and
        # finding plugins scans every installed package's metadata (~20 ms of start-up).
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if not is_new:
            _check_known_schema(db, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash loses nothing committed
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate and migrations.pending(db):
            _migrate(db, path, is_new)
    except BaseException:
        conn.close()
        raise
    _make_private(path)
    return db


def _migrate(db: sqlite_utils.Database, path: Path, is_new: bool) -> None:
    """Back up, then apply pending migrations holding the write lock: when several processes open
    a new database at once, one migrates and the others wait, then find it done."""
    if not is_new:  # outside the transaction: the backup API cannot read past our own write lock
        from ses_decider.storage.backups import backup_database

        backup_database(db, path.parent, reason="before-migration")
    # Foreign keys off while tables are rebuilt (SQLite's own recipe for changing a table: with
    # them on, dropping the old table would cascade-delete every child row); checked before commit.
    db.conn.execute("PRAGMA foreign_keys = OFF")
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        if migrations.pending(db):
            migrations.apply(db)  # each migration becomes a savepoint of this transaction
        broken = db.conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left {len(broken)} broken reference(s); rolled back")
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")


def _make_private(path: Path) -> None:
    if os.name != "posix":
        return
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, 0o600)
