"""Open the database: location, pragmas, checks before any write, schema migrations.

A file that is not an SES Decider database, is damaged, or was written by a newer version is never
written to: opening it raises `DatabaseProblem` with one sentence for the user.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

DB_FILENAME = "ses-decider.db"
ENV_DATA_DIR = "SES_DECIDER_DATA_DIR"
BUSY_TIMEOUT_MS = 10_000

migrations = Migrations("ses_decider")


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
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        if migrations.pending(db):
            migrations.apply(db)  # each migration becomes a savepoint of this transaction
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


def _make_private(path: Path) -> None:
    if os.name != "posix":
        return
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, 0o600)


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL,
            is_demo INTEGER NOT NULL DEFAULT 0,
            review_on TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            role TEXT NOT NULL DEFAULT 'self',
            go_threshold REAL NOT NULL DEFAULT 60,
            no_go_threshold REAL NOT NULL DEFAULT 40,
            gut_before TEXT,
            gut_after TEXT,
            method TEXT NOT NULL DEFAULT 'direct',
            updated_at TEXT NOT NULL,
            UNIQUE (person_id, role)
        )"""
    )
    db.execute(
        """CREATE TABLE ratings (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            factor_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            weight REAL NOT NULL CHECK (weight BETWEEN 0 AND 10),
            lean REAL NOT NULL CHECK (lean BETWEEN -5 AND 5),
            dealbreaker INTEGER NOT NULL DEFAULT 0,
            hidden INTEGER NOT NULL DEFAULT 0,
            certainty TEXT NOT NULL DEFAULT 'unsure',
            note TEXT NOT NULL DEFAULT '',
            custom INTEGER NOT NULL DEFAULT 0,  -- a factor of the person's own: text below
            title TEXT,
            pro TEXT,
            con TEXT,
            PRIMARY KEY (assessment_id, factor_id)
        )"""
    )
    # A snapshot is a frozen document (the interchange JSON) plus the columns the timeline needs,
    # so the timeline is one indexed query and old snapshots never change shape.
    db.execute(
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            taken_at TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            score REAL,
            verdict TEXT NOT NULL,
            data TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX snapshots_by_person ON snapshots (person_id, taken_at)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")


@migrations()
def m002_fit_and_readiness(db: sqlite_utils.Database) -> None:
    """Fit answers, readiness facts, ECQ self-ratings and the development plan, per assessment.

    A row in ``readiness`` means the person has started the roadmap; its children hang off it, so
    deleting an assessment (or a person) removes them all. Snapshots gain the two axes so the 2x2
    can show past points without parsing every snapshot.
    """
    db.execute(
        """CREATE TABLE fit_answers (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            answer REAL NOT NULL CHECK (answer BETWEEN 0 AND 4),
            PRIMARY KEY (assessment_id, question_id)
        )"""
    )
    db.execute(
        """CREATE TABLE readiness (
            assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
            ecq_set TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE readiness_facts (
            assessment_id INTEGER NOT NULL
                REFERENCES readiness(assessment_id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            value REAL NOT NULL CHECK (value >= 0),
            PRIMARY KEY (assessment_id, item_id)
        )"""
    )
    db.execute(
        """CREATE TABLE ecq_ratings (
            assessment_id INTEGER NOT NULL
                REFERENCES readiness(assessment_id) ON DELETE CASCADE,
            ecq_id TEXT NOT NULL,
            rating INTEGER CHECK (rating BETWEEN 0 AND 4),
            example TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (assessment_id, ecq_id)
        )"""
    )
    db.execute(
        """CREATE TABLE plan_items (
            assessment_id INTEGER NOT NULL
                REFERENCES readiness(assessment_id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            gap TEXT,
            target_date TEXT,
            done INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (assessment_id, item_id)
        )"""
    )
    db.execute("ALTER TABLE snapshots ADD COLUMN want REAL")
    db.execute("ALTER TABLE snapshots ADD COLUMN ready REAL")


@migrations()
def m003_notes_and_decisions(db: sqlite_utils.Database) -> None:
    """Shared mentor/mentee discussion notes per factor, the final decision, and review dates.

    Both hang off the person, so deleting a person removes them (cascade).
    """
    db.execute(
        """CREATE TABLE discussion_notes (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            factor_id TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, factor_id)
        )"""
    )
    db.execute(
        """CREATE TABLE decisions (
            person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
            choice TEXT NOT NULL CHECK (choice IN ('applied', 'not_now', 'not_for_me')),
            decided_on TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT '',
            outcome_on TEXT,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX people_by_review_on ON people (review_on) WHERE review_on IS NOT NULL")
