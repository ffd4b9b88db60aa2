"""Shared mentor/mentee notes per factor, and the record of the final decision."""

from __future__ import annotations

from ses_decider.core.records import Choice, Decision, DiscussionNote
from ses_decider.storage.connection import Database
from ses_decider.storage.people import now_iso


class NoteStore:
    def __init__(self, db: Database):
        self.db = db

    def of(self, person_id: int) -> dict[str, DiscussionNote]:
        """The shared notes of a person, by factor id."""
        rows = self.db.query(
            """SELECT factor_id, text, updated_at FROM discussion_notes
               WHERE person_id = ? ORDER BY factor_id""",
            [person_id],
        )
        return {row["factor_id"]: DiscussionNote(**row) for row in rows}

    def set(
        self, person_id: int, factor_id: str, text: str, *, updated_at: str | None = None
    ) -> None:
        """Store the shared note for one factor; an empty text removes it."""
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


class DecisionStore:
    def __init__(self, db: Database):
        self.db = db

    def get(self, person_id: int) -> Decision | None:
        rows = list(
            self.db.query(
                """SELECT choice, decided_on, outcome, outcome_on, updated_at FROM decisions
                   WHERE person_id = ?""",
                [person_id],
            )
        )
        return Decision(**rows[0]) if rows else None

    def set(self, person_id: int, decision: Decision | None) -> None:
        """Record (or, with None, clear) the final decision and how it went."""
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
