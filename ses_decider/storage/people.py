"""People beyond their assessment: discussion notes, the final decision, review dates, search,
restoring a snapshot, the timeline in one query, and a person's whole data for export or undo.

`PeopleMixin` is mixed into `Repository`, so the GUI calls these as ``repo.method(...)``. Each change
runs in one transaction.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ses_decider.core.model import Verdict

if TYPE_CHECKING:
    import sqlite_utils

    from ses_decider.storage.person_file import PersonImport
    from ses_decider.storage.repository import Person, SnapshotInfo

BEFORE_RESTORE = "before restore"


class Choice(enum.Enum):
    """The final decision a person recorded."""

    APPLIED = "applied"
    NOT_NOW = "not_now"
    NOT_FOR_ME = "not_for_me"

    @property
    def label(self) -> str:
        return {"applied": "Applied", "not_now": "Not now", "not_for_me": "Not for me"}[self.value]


@dataclass(frozen=True)
class Decision:
    choice: Choice
    decided_on: str  # YYYY-MM-DD
    outcome: str = ""  # later: how it went
    outcome_on: str | None = None  # YYYY-MM-DD
    updated_at: str = ""


@dataclass(frozen=True)
class DiscussionNote:
    factor_id: str
    text: str
    updated_at: str


@dataclass(frozen=True)
class TimelinePoint:
    """One snapshot as the timeline draws it: score, verdict and the two axes."""

    snapshot_id: int
    uid: str
    taken_at: str
    label: str
    score: float | None
    verdict: Verdict
    want: float | None
    ready: float | None


@dataclass(frozen=True)
class PersonSummary:
    """A row of the person switcher: no assessment is loaded to build it."""

    id: int
    name: str
    review_on: str | None
    snapshot_count: int
    last_snapshot_at: str | None


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PeopleMixin:
    """Methods of `Repository` for people, notes, decisions and history."""

    db: sqlite_utils.Database

    # Switcher -------------------------------------------------------------------------------
    def person_summaries(self) -> list[PersonSummary]:
        """Every person with their snapshot count, by name, in one query."""
        rows = self.db.execute(
            """SELECT p.id, p.name, p.review_on, count(s.id), max(s.taken_at)
               FROM people p LEFT JOIN snapshots s ON s.person_id = p.id
               GROUP BY p.id ORDER BY p.name"""
        ).fetchall()
        return [PersonSummary(*row) for row in rows]

    def search_people(self, text: str, limit: int = 50) -> list[Person]:
        """People whose name contains ``text`` (any case); names starting with it come first."""
        from ses_decider.storage.repository import Person

        text = text.strip()
        rows = self.db.execute(
            r"""SELECT id, uid, name, created_at, is_demo, review_on FROM people
               WHERE name LIKE :pattern ESCAPE '\'
               ORDER BY (name LIKE :prefix ESCAPE '\') DESC, name
               LIMIT :limit""",
            {
                "pattern": _like_pattern(text),
                "prefix": _like_pattern(text)[1:],
                "limit": max(0, int(limit)),
            },
        ).fetchall()
        return [Person(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]

    def person_by_uid(self, uid: str) -> Person | None:
        row = self.db.execute("SELECT id FROM people WHERE uid = ?", [uid]).fetchone()
        return self.person(row[0]) if row else None  # type: ignore[attr-defined]

    # Review dates ---------------------------------------------------------------------------
    def people_due_for_review(self, today: date | str) -> list[Person]:
        """People whose review-on date is today or earlier, earliest first."""
        from ses_decider.storage.repository import Person

        day = today.isoformat() if isinstance(today, date) else today
        rows = self.db.execute(
            """SELECT id, uid, name, created_at, is_demo, review_on FROM people
               WHERE review_on IS NOT NULL AND review_on <= ? ORDER BY review_on, name""",
            [day],
        ).fetchall()
        return [Person(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]

    # Discussion notes -----------------------------------------------------------------------
    def notes(self, person_id: int) -> dict[str, DiscussionNote]:
        """The shared mentor/mentee notes of a person, by factor id."""
        rows = self.db.execute(
            """SELECT factor_id, text, updated_at FROM discussion_notes
               WHERE person_id = ? ORDER BY factor_id""",
            [person_id],
        ).fetchall()
        return {r[0]: DiscussionNote(*r) for r in rows}

    def set_note(
        self, person_id: int, factor_id: str, text: str, *, updated_at: str | None = None
    ) -> None:
        """Store the shared note for one factor; an empty text removes it."""
        from ses_decider.storage.repository import now_iso

        with self.db.atomic():
            if text == "":
                self.db.execute(
                    "DELETE FROM discussion_notes WHERE person_id = ? AND factor_id = ?",
                    [person_id, factor_id],
                )
                return
            self.db.execute(
                """INSERT INTO discussion_notes (person_id, factor_id, text, updated_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (person_id, factor_id) DO UPDATE SET
                     text = excluded.text, updated_at = excluded.updated_at""",
                [person_id, factor_id, text, updated_at or now_iso()],
            )

    # Final decision -------------------------------------------------------------------------
    def decision(self, person_id: int) -> Decision | None:
        row = self.db.execute(
            """SELECT choice, decided_on, outcome, outcome_on, updated_at FROM decisions
               WHERE person_id = ?""",
            [person_id],
        ).fetchone()
        if row is None:
            return None
        return Decision(Choice(row[0]), row[1], row[2], row[3], row[4])

    def set_decision(self, person_id: int, decision: Decision | None) -> None:
        """Record (or, with None, clear) the final decision and how it went."""
        from ses_decider.storage.repository import now_iso

        with self.db.atomic():
            if decision is None:
                self.db.execute("DELETE FROM decisions WHERE person_id = ?", [person_id])
                return
            self.db.execute(
                """INSERT INTO decisions
                     (person_id, choice, decided_on, outcome, outcome_on, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (person_id) DO UPDATE SET
                     choice = excluded.choice, decided_on = excluded.decided_on,
                     outcome = excluded.outcome, outcome_on = excluded.outcome_on,
                     updated_at = excluded.updated_at""",
                [
                    person_id,
                    Choice(decision.choice).value,
                    decision.decided_on,
                    decision.outcome,
                    decision.outcome_on,
                    decision.updated_at or now_iso(),
                ],
            )

    # History --------------------------------------------------------------------------------
    def timeline(self, person_id: int) -> list[TimelinePoint]:
        """Every snapshot's score, verdict and axes, oldest first, in one indexed query."""
        rows = self.db.execute(
            """SELECT id, uid, taken_at, label, score, verdict, want, ready FROM snapshots
               WHERE person_id = ? ORDER BY taken_at, id""",
            [person_id],
        ).fetchall()
        return [
            TimelinePoint(r[0], r[1], r[2], r[3], r[4], Verdict(r[5]), r[6], r[7]) for r in rows
        ]

    def restore_snapshot(self, person_id: int, snapshot_id: int) -> SnapshotInfo:
        """Make a snapshot the current assessment, in one transaction.

        The replaced current assessment is kept as a snapshot labelled "before restore", which is
        returned (so the GUI can offer to go back to it).
        """
        row = self.db.execute(
            "SELECT person_id FROM snapshots WHERE id = ?", [snapshot_id]
        ).fetchone()
        if row is None or row[0] != person_id:
            raise KeyError(snapshot_id)
        restored = self.load_snapshot(snapshot_id)  # type: ignore[attr-defined]
        with self.db.atomic():
            current = self.load_assessment(person_id)  # type: ignore[attr-defined]
            kept = self.take_snapshot(person_id, current, BEFORE_RESTORE)  # type: ignore[attr-defined]
            self.save_assessment(person_id, restored)  # type: ignore[attr-defined]
        return kept

    # A person's whole data ------------------------------------------------------------------
    def export_person_data(self, person_id: int) -> dict[str, Any]:
        """Everything about a person as a person file (ses-decider/person, version 1)."""
        from ses_decider.storage.person_file import person_to_data

        return person_to_data(self, person_id)  # type: ignore[arg-type]

    def import_person_data(self, data: Any) -> PersonImport:
        """Bring in a person file's data, all or nothing; the undo of a delete passes what
        `export_person_data` returned. Raises FormatError (one line naming the field)."""
        from ses_decider.storage.person_file import import_person

        return import_person(self, data)  # type: ignore[arg-type]
