"""Typed access to one open database, composed of one small store per kind of row.

``repo.people``, ``repo.assessments``, ``repo.snapshots``, ``repo.notes``, ``repo.decisions``,
``repo.settings``, ``repo.deciding``, ``repo.applying`` (stories, résumé, practice) and
``repo.mentoring`` (sessions and agreed actions) each own their tables; the few changes that span
several (a new person with their assessment; a person's rows kept for "bring back") are here.
Operations (``ses_decider.ops``) combine them into what a user does, each in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ses_decider.core.model import Assessment
from ses_decider.core.records import MENTOR, SELF, Person
from ses_decider.storage.assessments import AssessmentStore
from ses_decider.storage.connection import Database
from ses_decider.storage.notes import DecisionStore, NoteStore
from ses_decider.storage.people import PeopleStore, now_iso
from ses_decider.storage.snapshots import SnapshotStore

if TYPE_CHECKING:
    from ses_decider.storage.applying import ApplyingStore
    from ses_decider.storage.deciding import DecidingStore
    from ses_decider.storage.mentoring import MentoringStore

__all__ = ["MENTOR", "SELF", "PersonRows", "Repository", "SettingStore", "now_iso"]

# Every table that holds a person's data, parents before children, with how its rows are found.
_PERSON_TABLES: tuple[tuple[str, str], ...] = (
    ("people", "id = :person"),
    ("assessments", "person_id = :person"),
    ("ratings", "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)"),
    ("fit_answers", "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)"),
    ("readiness", "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)"),
    (
        "readiness_facts",
        "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)",
    ),
    ("ecq_ratings", "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)"),
    ("plan_items", "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)"),
    ("paths", "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)"),
    ("path_ratings", "assessment_id IN (SELECT id FROM assessments WHERE person_id = :person)"),
    ("snapshots", "person_id = :person"),
    ("discussion_notes", "person_id = :person"),
    ("decisions", "person_id = :person"),
    ("deciding_reasons", "person_id = :person"),
    ("deciding_premortem", "person_id = :person"),
    ("deciding_friend_views", "person_id = :person"),
    ("deciding_experiments", "person_id = :person"),
    ("deciding_journal", "person_id = :person"),
    ("stories", "person_id = :person"),
    ("resumes", "person_id = :person"),
    ("practice_sessions", "person_id = :person"),
    ("mentoring_sessions", "person_id = :person"),
    ("agreed_actions", "person_id = :person"),
)


@dataclass(frozen=True)
class PersonRows:
    """Exactly what was stored for one person, table by table: what "bring back" puts back."""

    person: Person
    tables: dict[str, list[dict[str, Any]]]


class SettingStore:
    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str | None) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


# Kinds of record a view asks about before it loads the feature's code: someone with none of them
# has nothing due and no reasons to mark, and opening them (start-up) loads no more.
RECORD_GROUPS: dict[str, tuple[str, ...]] = {
    "deciding_dated": ("deciding_premortem", "deciding_experiments", "deciding_journal"),
    "agreed_actions": ("agreed_actions",),
    "own_reasons": ("deciding_reasons",),
}


class Repository:
    """One open database, as stores of people, assessments, snapshots, notes and settings."""

    def __init__(self, db: Database):
        self.db = db
        self.people = PeopleStore(db)
        self.assessments = AssessmentStore(db)
        self.snapshots = SnapshotStore(db)
        self.notes = NoteStore(db)
        self.decisions = DecisionStore(db)
        self.settings = SettingStore(db)

    # The feature stores (and the core modules behind them) load when first used, not at start-up.
    @cached_property
    def applying(self) -> ApplyingStore:
        from ses_decider.storage.applying import ApplyingStore

        return ApplyingStore(self.db)

    @cached_property
    def deciding(self) -> DecidingStore:
        from ses_decider.storage.deciding import DecidingStore

        return DecidingStore(self.db)

    @cached_property
    def mentoring(self) -> MentoringStore:
        from ses_decider.storage.mentoring import MentoringStore

        return MentoringStore(self.db)

    def create_person(
        self,
        name: str,
        assessment: Assessment,
        *,
        is_demo: bool = False,
        uid: str | None = None,
        created_at: str | None = None,
        changed_at: str | None = None,
    ) -> Person:
        """Add a person with a current assessment, in one transaction. Names may repeat."""
        with self.db.atomic():
            person_id = self.people.insert(name, uid=uid, created_at=created_at, is_demo=is_demo)
            self.assessments.save(person_id, assessment, SELF, changed_at=changed_at)
        return self.people.get(person_id)

    def has_records(self, person_id: int, group: str) -> bool:
        """Whether the person has any record in the tables of `RECORD_GROUPS[group]`."""
        tables = RECORD_GROUPS[group]
        found = " UNION ALL ".join(f"SELECT 1 FROM {table} WHERE person_id = ?" for table in tables)
        row = self.db.execute(f"SELECT EXISTS ({found})", [person_id] * len(tables)).fetchone()
        return bool(row[0])

    # A person's rows, for "bring back" ------------------------------------------------------
    def person_rows(self, person_id: int) -> PersonRows:
        """Every row stored for the person, read in one transaction."""
        with self.db.atomic():
            tables = {
                table: list(
                    self.db.query(f"SELECT * FROM {table} WHERE {where}", {"person": person_id})
                )
                for table, where in _PERSON_TABLES
            }
        return PersonRows(self.people.get(person_id), tables)

    def put_back(self, rows: PersonRows) -> None:
        """Insert exactly the rows `person_rows` read (same ids, same uids): nothing is re-parsed,
        so nothing that was stored can be refused. Raises sqlite3.IntegrityError if a row's id
        or uid has been taken since (then nothing is written)."""
        with self.db.atomic():
            for table, _ in _PERSON_TABLES:
                for row in rows.tables[table]:
                    columns = ", ".join(row)
                    marks = ", ".join(f":{c}" for c in row)
                    self.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)


def person_tables() -> tuple[str, ...]:
    """The tables that `Repository.person_rows` reads (a test checks none is missing)."""
    return tuple(table for table, _ in _PERSON_TABLES)
