"""Open the database: location, pragmas, checks before any write, schema migrations.

A file that is not an SES Decider database, is damaged (an empty, 0-byte file included) or was
written by a newer version is never written to: opening it raises `DatabaseProblem` with one
sentence for the user. A database that is locked, read-only or on a full disk is not damaged:
that raises `StorageProblem` (see storage/problems.py) with its own sentence.

A new database is built beside its final name and linked into place complete, so a database file
is never empty, even for a moment, and an empty one is always a fault. File modes only tighten:
group and other bits are taken away, none is ever added, so a file the user made 0400 stays 0400.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from ses_decider.storage.connection import Database

# ensure_private_dir is also imported from here by the GUI
from ses_decider.storage.file_modes import can_write, ensure_private_dir, tighten_mode
from ses_decider.storage.problems import (
    IS_A_FOLDER,
    MISSING,
    NOT_A_FILE,
    READ_ONLY,
    StorageProblem,
    as_storage_problem,
)
from ses_decider.storage.schema import migrations

DB_FILENAME = "ses-decider.db"
ENV_DATA_DIR = "SES_DECIDER_DATA_DIR"
BUSY_TIMEOUT_MS = 10_000
# How long to wait for another process's write lock; tests shorten it.
ENV_BUSY_TIMEOUT = "SES_DECIDER_BUSY_TIMEOUT_MS"
# Tests only: cap the database's size in pages, so that growing it fails as on a full disk.
ENV_TEST_MAX_PAGES = "SES_DECIDER_TEST_MAX_PAGE_COUNT"
_SIDECARS = ("-wal", "-shm", "-journal")


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


def busy_timeout_ms() -> int:
    """Milliseconds to wait for a lock: $SES_DECIDER_BUSY_TIMEOUT_MS, else 10 seconds."""
    try:
        return max(0, int(os.environ.get(ENV_BUSY_TIMEOUT, BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def is_read_only(db: Database) -> bool:
    """True for a database opened read-only (``open_database(..., read_only=True)``)."""
    return bool(db.conn.execute("PRAGMA query_only").fetchone()[0])


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    timeout = busy_timeout_ms()
    conn = sqlite3.connect(target, uri=uri, timeout=timeout / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {timeout}")
    pages = os.environ.get(ENV_TEST_MAX_PAGES, "")
    if pages.isdigit():
        conn.execute(f"PRAGMA max_page_count = {int(pages)}")
    return conn


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        problem = as_storage_problem(exc, path)  # locked, read-only, I/O: not damage
        if problem is not None:
            raise problem from None
        if "not a database" in str(exc) or "file is encrypted" in str(exc):
            raise DatabaseProblem(
                f"{path} is not an SES Decider database.", "not_database", path
            ) from None
        raise DatabaseProblem(f"The database {path} is damaged ({exc}).", "damaged", path) from None
    if result != "ok":
        raise DatabaseProblem(f"The database {path} is damaged ({result}).", "damaged", path)


def _check_known_schema(db: Database, path: Path) -> None:
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


def _check_existing_file(path: Path) -> None:
    """An existing database must be a regular file with something in it."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise StorageProblem(f"The database {path} is a folder, not a file.", IS_A_FOLDER, path)
    if not stat.S_ISREG(mode):
        raise StorageProblem(
            f"The database {path} is not a regular file (a device, pipe or socket).",
            NOT_A_FILE,
            path,
        )
    if path.stat().st_size == 0:  # never one of ours: a new database appears complete
        raise DatabaseProblem(
            f"The database {path} is empty (0 bytes), so it is damaged.", "damaged", path
        )


def open_database(
    path: str | os.PathLike, *, migrate: bool = True, read_only: bool = False
) -> Database:
    """Open (creating if new) the database at ``path``, checked and migrated.

    Raises DatabaseProblem for a foreign, damaged, empty or newer file, and StorageProblem when
    the file or its folder is read-only, locked beyond the busy timeout, or on a full disk; in
    every case the file and its mode are left as they were. ``read_only=True`` opens an existing
    database for reading only (never created, migrated or chmodded; writes through it fail).
    """
    path = Path(path)
    if read_only:
        return _open_read_only(path)
    if not path.exists():
        _create(path)
    _check_existing_file(path)
    if not can_write(path):
        raise StorageProblem(
            f"The database {path} is read-only, so nothing can be saved to it; nothing was changed.",
            READ_ONLY,
            path,
        )
    conn = _connect(str(path))
    try:
        _check_readable(conn, path)
        # No sqlite-utils plugins: third-party code has no business with the user's database, and
        # finding plugins scans every installed package's metadata (~20 ms of start-up).
        db = Database(conn)
        _check_known_schema(db, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash loses nothing committed
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate and migrations.pending(db):
            _migrate(db, path)
    except BaseException as exc:
        conn.close()
        problem = as_storage_problem(exc, path) if isinstance(exc, sqlite3.Error) else None
        if problem is not None:
            raise problem from None
        raise
    _make_private(path)
    return db


def open_database_for_reading(path: str | os.PathLike) -> Database:
    """Open for a command that only reads: as :func:`open_database` (so a new database is created
    and an older one updated, as always), but read-only when the file or its folder cannot be
    written, so a read-only database can still be read."""
    path = Path(path)
    if path.exists() and not can_write(path):
        return _open_read_only(path)
    try:
        return open_database(path)
    except StorageProblem as problem:
        if problem.kind != READ_ONLY or not path.exists():
            raise
        return _open_read_only(path)  # the OS refused a write that os.access allowed


def _open_read_only(path: Path) -> Database:
    if not path.exists():
        raise StorageProblem(f"The database {path} does not exist.", MISSING, path)
    _check_existing_file(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not can_write(path) and not any(Path(f"{path}{s}").exists() for s in ("-wal", "-journal")):
        # No -wal or -journal: no connection has it open for writing. immutable=1 lets SQLite
        # read in a read-only folder at all (it could not create the -shm it wants) and keeps it
        # from leaving -wal/-shm beside a read-only file that it could never remove.
        uri += "&immutable=1"
    try:
        conn = _connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise (as_storage_problem(exc, path) or exc) from None
    try:
        conn.execute("PRAGMA query_only = 1")  # any write through this connection fails
        _check_readable(conn, path)
        db = Database(conn)
        _check_known_schema(db, path)
        if migrations.pending(db):
            raise StorageProblem(
                f"The database {path} is read-only and was written by an older version of "
                "SES Decider; it cannot be read until it is updated, which needs it writable.",
                READ_ONLY,
                path,
            )
    except BaseException as exc:
        conn.close()
        problem = as_storage_problem(exc, path) if isinstance(exc, sqlite3.Error) else None
        if problem is not None:
            raise problem from None
        raise
    return db


def _create(path: Path) -> None:
    """Build a new, migrated database beside ``path`` and link it into place complete.

    When several processes create the database at once, one link wins and the others use it.
    """
    ensure_private_dir(path.parent)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StorageProblem(
            f"The data folder {path.parent} is read-only, so the database cannot be created there; "
            "nothing was changed.",
            READ_ONLY,
            path.parent,
        )
    partial = path.with_name(f".{path.name}.new-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        conn = _connect(str(partial))
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            db = Database(conn)
            conn.execute("BEGIN IMMEDIATE")
            try:
                migrations.apply(db)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()  # the last connection: SQLite checkpoints and removes -wal and -shm
        tighten_mode(partial)
        try:
            os.link(partial, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:  # a file system without hard links (FAT): nearly as good
            if not path.exists():
                os.replace(partial, path)
    except (OSError, sqlite3.Error) as exc:
        problem = as_storage_problem(exc, path)  # names the database, never the partial file
        if problem is None:
            raise
        raise problem from None
    finally:
        for suffix in ("", *_SIDECARS):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)


def _migrate(db: Database, path: Path) -> None:
    """Back up, then apply pending migrations holding the write lock: when several processes open
    an older database at once, one migrates and the others wait, then find it done."""
    # outside the transaction: the backup API cannot read past our own write lock
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
    for candidate in (path.parent, path, *(Path(f"{path}{s}") for s in ("-wal", "-shm"))):
        if candidate.exists():
            tighten_mode(candidate)
