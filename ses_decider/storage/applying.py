"""Rows of the story bank, the résumé and interview practice, per person (tables of m008_applying).

Records are the dataclasses of core/stories.py, core/resume.py and core/practice.py, built from rows
by name. Each method is one statement or one transaction; ``put_*`` inserts or replaces by id.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from ses_decider.storage.connection import Database

# The records' modules load content and the readiness rules: imported when rows are read, so that
# opening the database at start-up does not pay for them (see storage/connection.py).
if TYPE_CHECKING:
    from ses_decider.core.practice import PracticeSession
    from ses_decider.core.readiness import StoryEvidence
    from ses_decider.core.resume import Resume
    from ses_decider.core.stories import Story

_STORY_COLUMNS = "id, title, challenge, context, action, result, happened_on, ecqs, updated_at"
_SESSION_COLUMNS = (
    "id, ecq_id, question_id, started_at, duration_seconds, target_seconds, notes, self_rating, "
    "mentor_rating, updated_at"
)


def _story(row: dict) -> Story:
    from ses_decider.core.stories import Story

    return Story(**{**row, "ecqs": tuple(json.loads(row["ecqs"]))})


def _session(row: dict) -> PracticeSession:
    from ses_decider.core.practice import PracticeSession

    return PracticeSession(**{**row, "duration_seconds": float(row["duration_seconds"])})


class ApplyingStore:
    def __init__(self, db: Database):
        self.db = db

    # Stories ----------------------------------------------------------------------------------
    def stories(self, person_id: int) -> list[Story]:
        """The person's stories, the most recent first (undated ones last), then by title."""
        return [
            _story(row)
            for row in self.db.query(
                f"""SELECT {_STORY_COLUMNS} FROM stories WHERE person_id = ?
                    ORDER BY happened_on IS NULL, happened_on DESC, title COLLATE NOCASE, id""",
                [person_id],
            )
        ]

    def story(self, person_id: int, story_id: str) -> Story | None:
        rows = list(
            self.db.query(
                f"SELECT {_STORY_COLUMNS} FROM stories WHERE person_id = ? AND id = ?",
                [person_id, story_id],
            )
        )
        return _story(rows[0]) if rows else None

    def put_story(self, person_id: int, story: Story) -> None:
        """Store the story as it is (``updated_at`` included), replacing one with its id."""
        with self.db.atomic():
            self.db.execute(
                f"""INSERT OR REPLACE INTO stories (person_id, {_STORY_COLUMNS})
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    person_id,
                    story.id,
                    story.title,
                    story.challenge,
                    story.context,
                    story.action,
                    story.result,
                    story.happened_on,
                    json.dumps(list(story.ecqs)),
                    story.updated_at,
                ],
            )

    def delete_story(self, person_id: int, story_id: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "DELETE FROM stories WHERE person_id = ? AND id = ?", [person_id, story_id]
            )

    def evidence(self, person_id: int, today: date | None = None) -> StoryEvidence:
        """What the person's story bank shows, as ``core/readiness.py`` takes it."""
        from ses_decider.core.stories import story_evidence

        return story_evidence(self.stories(person_id), today or date.today())

    # The résumé -------------------------------------------------------------------------------
    def resume(self, person_id: int) -> Resume | None:
        from ses_decider.core.resume import Resume

        rows = list(
            self.db.query("SELECT text, updated_at FROM resumes WHERE person_id = ?", [person_id])
        )
        return Resume(**rows[0]) if rows else None

    def set_resume(self, person_id: int, resume: Resume | None) -> None:
        """Store the résumé (None: forget it)."""
        with self.db.atomic():
            if resume is None:
                self.db.execute("DELETE FROM resumes WHERE person_id = ?", [person_id])
                return
            self.db.execute(
                """INSERT INTO resumes (person_id, text, updated_at) VALUES (?, ?, ?)
                   ON CONFLICT (person_id) DO UPDATE SET
                     text = excluded.text, updated_at = excluded.updated_at""",
                [person_id, resume.text, resume.updated_at],
            )

    # Practice ---------------------------------------------------------------------------------
    def sessions(self, person_id: int) -> list[PracticeSession]:
        """The person's practised answers, oldest first."""
        return [
            _session(row)
            for row in self.db.query(
                f"""SELECT {_SESSION_COLUMNS} FROM practice_sessions WHERE person_id = ?
                    ORDER BY started_at, id""",
                [person_id],
            )
        ]

    def session(self, person_id: int, session_id: str) -> PracticeSession | None:
        rows = list(
            self.db.query(
                f"SELECT {_SESSION_COLUMNS} FROM practice_sessions WHERE person_id = ? AND id = ?",
                [person_id, session_id],
            )
        )
        return _session(rows[0]) if rows else None

    def put_session(self, person_id: int, session: PracticeSession) -> None:
        with self.db.atomic():
            self.db.execute(
                f"""INSERT OR REPLACE INTO practice_sessions (person_id, {_SESSION_COLUMNS})
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    person_id,
                    session.id,
                    session.ecq_id,
                    session.question_id,
                    session.started_at,
                    float(session.duration_seconds),
                    session.target_seconds,
                    session.notes,
                    session.self_rating,
                    session.mentor_rating,
                    session.updated_at,
                ],
            )

    def delete_session(self, person_id: int, session_id: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "DELETE FROM practice_sessions WHERE person_id = ? AND id = ?",
                [person_id, session_id],
            )

    # For the ECQ grid -------------------------------------------------------------------------
    def ecq_set(self, person_id: int) -> str | None:
        """The ECQ set the person chose on "Am I ready?" (None before they started it)."""
        row = self.db.execute(
            """SELECT r.ecq_set FROM readiness r JOIN assessments a ON a.id = r.assessment_id
               WHERE a.person_id = ? AND a.role = 'self'""",
            [person_id],
        ).fetchone()
        return row[0] if row else None
