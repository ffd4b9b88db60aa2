"""The database's tables, as `sqlite_utils.Migrations`: each migration runs once, in order, recorded in
``_sqlite_migrations``. `db.open_database` applies the pending ones in one write transaction, with
foreign keys off so a table can be rebuilt (SQLite cannot drop a UNIQUE or NOT NULL in place).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils


@dataclass(frozen=True)
class Step:
    name: str
    fn: Callable[[Any], None]


class LazyMigrations:
    """``sqlite_utils.Migrations`` with sqlite-utils imported only when a migration must run.

    Registered the same way (``@migrations()``); what is pending is read with plain SQL from the
    ``_sqlite_migrations`` table sqlite-utils keeps, so opening an up-to-date database imports
    nothing more (see storage/connection.py for why).
    """

    name = "ses_decider"
    table = "_sqlite_migrations"

    def __init__(self) -> None:
        self._steps: list[Step] = []
        self._real = None

    def __call__(self, *, name: str | None = None):
        def inner(fn):
            self._steps.append(Step(name or fn.__name__, fn))
            return fn

        return inner

    @property
    def _migrations(self) -> list[Step]:
        """Every migration, in order (each has ``.name``), as sqlite-utils names the list."""
        return list(self._steps)

    def applied(self, db) -> list[Step]:
        """The migrations of this set the database has recorded, in the order applied."""
        conn = db.conn
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [self.table]
        ).fetchone()
        if not exists:
            return []
        rows = conn.execute(
            f"SELECT name FROM {self.table} WHERE migration_set = ? ORDER BY rowid", [self.name]
        ).fetchall()
        known = {step.name: step for step in self._steps}
        return [known.get(name, Step(name, lambda _db: None)) for (name,) in rows]

    def pending(self, db) -> list[Step]:
        done = {step.name for step in self.applied(db)}
        return [step for step in self._steps if step.name not in done]

    def apply(self, db, *, stop_before: str | None = None) -> None:
        """Apply what is pending through sqlite-utils (each migration in a savepoint)."""
        import sqlite_utils

        if self._real is None:
            self._real = sqlite_utils.Migrations(self.name)
            for step in self._steps:
                self._real(name=step.name)(step.fn)
        target = db if isinstance(db, sqlite_utils.Database) else db.for_migrations()
        self._real.apply(target, stop_before=stop_before)


migrations = LazyMigrations()


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


@migrations()
def m004_identity_and_not_rated(db: sqlite_utils.Database) -> None:
    """People are told apart by uid, not name; a factor can be "not rated"; dates are real dates.

    - ``people.name`` is no longer unique: two mentees called Alex are two people (their uids differ).
    - ``ratings.weight`` and ``ratings.lean`` may be NULL: not rated yet, which is not the same as 0.
    - Dates that could not be read back (a plan date of 2026-02-31 typed before the date fields were
      checked) become empty rather than making the person impossible to load or bring back.
    """
    db.execute(
        """CREATE TABLE people_new (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL COLLATE NOCASE,
            created_at TEXT NOT NULL,
            is_demo INTEGER NOT NULL DEFAULT 0,
            review_on TEXT
        )"""
    )
    db.execute(
        "INSERT INTO people_new SELECT id, uid, name, created_at, is_demo, review_on FROM people"
    )
    db.execute("DROP TABLE people")
    db.execute("ALTER TABLE people_new RENAME TO people")
    db.execute("CREATE INDEX people_by_name ON people (name)")
    db.execute("CREATE INDEX people_by_review_on ON people (review_on) WHERE review_on IS NOT NULL")

    db.execute(
        """CREATE TABLE ratings_new (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            factor_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            weight REAL CHECK (weight IS NULL OR weight BETWEEN 0 AND 10),
            lean REAL CHECK (lean IS NULL OR lean BETWEEN -5 AND 5),
            dealbreaker INTEGER NOT NULL DEFAULT 0,
            hidden INTEGER NOT NULL DEFAULT 0,
            certainty TEXT NOT NULL DEFAULT 'unsure',
            note TEXT NOT NULL DEFAULT '',
            custom INTEGER NOT NULL DEFAULT 0,
            title TEXT,
            pro TEXT,
            con TEXT,
            PRIMARY KEY (assessment_id, factor_id)
        )"""
    )
    db.execute("INSERT INTO ratings_new SELECT * FROM ratings")
    db.execute("DROP TABLE ratings")
    db.execute("ALTER TABLE ratings_new RENAME TO ratings")

    # SQLite's own date() passes 2026-02-31 through unchanged, so the check is Python's.
    for table, column in (
        ("plan_items", "target_date"),
        ("people", "review_on"),
        ("decisions", "outcome_on"),
    ):
        _clear_impossible_dates(db, table, column)
    for rowid, day, updated in db.execute(
        "SELECT rowid, decided_on, updated_at FROM decisions"
    ).fetchall():
        if not _real_date(day):  # a decision needs a day: the day it was last saved
            db.execute("UPDATE decisions SET decided_on = ? WHERE rowid = ?", [updated[:10], rowid])


def _real_date(value) -> bool:
    from datetime import date

    try:
        return isinstance(value, str) and len(value) == 10 and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _clear_impossible_dates(db: sqlite_utils.Database, table: str, column: str) -> None:
    rows = db.execute(f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()
    for rowid, value in rows:
        if not _real_date(value):
            db.execute(f"UPDATE {table} SET {column} = NULL WHERE rowid = ?", [rowid])


@migrations()
def m005_paths(db: sqlite_utils.Database) -> None:
    """Other paths beside the SES (SL/ST, another agency, leaving), per assessment.

    A path row holds its title and kind; its leans and dealbreakers are rows of ``path_ratings``
    (a factor with neither has no row: not rated for that path). Both go with their assessment
    (cascade), and the weights stay in ``ratings``: they are shared by every path.
    """
    db.execute(
        """CREATE TABLE paths (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            path_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'own',
            title TEXT NOT NULL,
            PRIMARY KEY (assessment_id, path_id)
        )"""
    )
    db.execute(
        """CREATE TABLE path_ratings (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            path_id TEXT NOT NULL,
            factor_id TEXT NOT NULL,
            lean REAL CHECK (lean IS NULL OR lean BETWEEN -5 AND 5),
            dealbreaker INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (assessment_id, path_id, factor_id),
            FOREIGN KEY (assessment_id, path_id)
                REFERENCES paths(assessment_id, path_id) ON DELETE CASCADE
        )"""
    )


@migrations()
def m006_deciding(db: sqlite_utils.Database) -> None:
    """Deciding well: own reasons, premortem answers, friend's views, experiments, the journal.

    One table per kind of record, each row one record of `core/deciding_records.py` keyed by its
    own id (a uuid, so copies of a person file merge record by record) within the person, who owns
    it (cascade). ``position`` keeps the order the person made them in; lists and maps are JSON.
    """
    db.execute(
        """CREATE TABLE deciding_reasons (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('for', 'against')),
            factor_id TEXT,
            custom_factor_id TEXT,
            prompt_id TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, id)
        )"""
    )
    db.execute(
        """CREATE TABLE deciding_premortem (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            path TEXT NOT NULL CHECK (path IN ('ses', 'stay')),
            text TEXT NOT NULL,
            factor_id TEXT,
            prevention TEXT NOT NULL DEFAULT '',
            due TEXT,
            done INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, id)
        )"""
    )
    db.execute(
        """CREATE TABLE deciding_friend_views (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            leans TEXT NOT NULL,
            taken_on TEXT NOT NULL,
            kept TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, id)
        )"""
    )
    db.execute(
        """CREATE TABLE deciding_experiments (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            factor_ids TEXT NOT NULL,
            due TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('planned', 'done', 'dropped')),
            learned TEXT NOT NULL DEFAULT '',
            finished_on TEXT,
            snapshot_uid TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, id)
        )"""
    )
    db.execute(
        """CREATE TABLE deciding_journal (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            decision TEXT NOT NULL,
            decided_on TEXT NOT NULL,
            review_on TEXT NOT NULL,
            reasons TEXT NOT NULL DEFAULT '',
            confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
            rejected TEXT NOT NULL DEFAULT '[]',
            verdict TEXT NOT NULL DEFAULT '',
            snapshot_uid TEXT,
            outcome TEXT NOT NULL DEFAULT '',
            answered_on TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, id)
        )"""
    )


@migrations()
def m007_mentoring(db: sqlite_utils.Database) -> None:
    """Mentoring sessions (the day, the agenda as used, notes) and the actions they agreed.

    Both hang off the person (deleting a person removes them); an action also hangs off its session.
    Ids are the records' own (uuid hex), so a person file can merge them record by record.
    """
    db.execute(
        """CREATE TABLE mentoring_sessions (
            id TEXT PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            held_on TEXT NOT NULL,
            agenda TEXT NOT NULL DEFAULT '[]',  -- JSON: [{"kind", "text", "ref"}, ...]
            notes TEXT NOT NULL DEFAULT '',
            score REAL,  -- the mentee's score when recorded on the day (the "change since" baseline)
            verdict TEXT,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute(
        "CREATE INDEX mentoring_sessions_by_person ON mentoring_sessions (person_id, held_on)"
    )
    db.execute(
        """CREATE TABLE agreed_actions (
            id TEXT PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            session_id TEXT NOT NULL REFERENCES mentoring_sessions(id) ON DELETE CASCADE,
            what TEXT NOT NULL,
            who TEXT NOT NULL,
            due TEXT,
            done INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX agreed_actions_by_person ON agreed_actions (person_id, due)")
    db.execute("CREATE INDEX agreed_actions_by_session ON agreed_actions (session_id)")
    # Every mentee's score over time, read for the desk without touching the snapshots' bodies.
    db.execute(
        "CREATE INDEX snapshots_scores ON snapshots (person_id, taken_at, id, score, verdict)"
    )


@migrations()
def m008_applying(db: sqlite_utils.Database) -> None:
    """Applying: the story bank, the résumé text (one per person) and interview practice.

    Record ids are uuid4 hex made by the app (core/stories.py), unique per person: the same id in
    two people's rows is two records, so nothing is ever merged across people.
    """
    db.execute(
        """CREATE TABLE stories (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            challenge TEXT NOT NULL DEFAULT '',
            context TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL DEFAULT '',
            happened_on TEXT,
            ecqs TEXT NOT NULL DEFAULT '[]',  -- a JSON list of ECQ ids
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, id)
        )"""
    )
    db.execute(
        """CREATE TABLE resumes (
            person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE practice_sessions (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            ecq_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            duration_seconds REAL NOT NULL CHECK (duration_seconds >= 0),
            target_seconds INTEGER NOT NULL CHECK (target_seconds > 0),
            notes TEXT NOT NULL DEFAULT '',
            self_rating INTEGER CHECK (self_rating IS NULL OR self_rating BETWEEN 0 AND 4),
            mentor_rating INTEGER CHECK (mentor_rating IS NULL OR mentor_rating BETWEEN 0 AND 4),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, id)
        )"""
    )
