"""The database's tables, as `sqlite_utils.Migrations`: each migration runs once, in order, recorded in
``_sqlite_migrations``. `db.open_database` applies the pending ones in one write transaction, with
foreign keys off so a table can be rebuilt (SQLite cannot drop a UNIQUE or NOT NULL in place).
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("ses_decider")


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
