"""The people table: who is in the database. Names need not be unique; the uid says who is who."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ses_decider.core.model import check_iso_date
from ses_decider.core.records import Person, PersonSummary
from ses_decider.storage.connection import Database

_COLUMNS = "id, uid, name, created_at, is_demo, review_on"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def clean_name(name: str) -> str:
    """A person's name as stored: trimmed, never blank."""
    name = (name or "").strip()
    if not name:
        raise ValueError("a person needs a name")
    if len(name) > 200:
        raise ValueError("a name can be at most 200 characters")
    return name


class PeopleStore:
    """Rows of ``people``; every method is one statement or one transaction."""

    def __init__(self, db: Database):
        self.db = db

    def _query(self, sql: str, params=()) -> list[Person]:
        return [Person(**row) for row in self.db.query(sql, params)]

    def all(self) -> list[Person]:
        """Everyone, by name (then by when they were added, so namesakes keep their order)."""
        return self._query(f"SELECT {_COLUMNS} FROM people ORDER BY name, created_at, id")

    def get(self, person_id: int) -> Person:
        found = self._query(f"SELECT {_COLUMNS} FROM people WHERE id = ?", [person_id])
        if not found:
            raise KeyError(person_id)
        return found[0]

    def named(self, name: str) -> list[Person]:
        """Everyone with this name (any case), oldest first."""
        return self._query(
            f"SELECT {_COLUMNS} FROM people WHERE name = ? ORDER BY created_at, id", [name.strip()]
        )

    def by_name(self, name: str) -> Person | None:
        """The oldest person with this name, or None."""
        found = self.named(name)
        return found[0] if found else None

    def by_uid(self, uid: str) -> Person | None:
        found = self._query(f"SELECT {_COLUMNS} FROM people WHERE uid = ?", [uid])
        return found[0] if found else None

    def search(self, text: str, limit: int = 50) -> list[Person]:
        """People whose name contains ``text`` (any case); names starting with it come first."""
        return self._query(
            rf"""SELECT {_COLUMNS} FROM people
               WHERE name LIKE :pattern ESCAPE '\'
               ORDER BY (name LIKE :prefix ESCAPE '\') DESC, name, created_at
               LIMIT :limit""",
            {
                "pattern": _like_pattern(text.strip()),
                "prefix": _like_pattern(text.strip())[1:],
                "limit": max(0, int(limit)),
            },
        )

    def summaries(self) -> list[PersonSummary]:
        """Every person with their snapshot count, by name, in one query."""
        rows = self.db.query(
            """SELECT p.id, p.name, p.review_on, count(s.id) AS snapshot_count,
                      max(s.taken_at) AS last_snapshot_at
               FROM people p LEFT JOIN snapshots s ON s.person_id = p.id
               GROUP BY p.id ORDER BY p.name, p.created_at"""
        )
        return [PersonSummary(**row) for row in rows]

    def due_for_review(self, today: date | str) -> list[Person]:
        """People whose review-on date is today or earlier, earliest first."""
        day = today.isoformat() if isinstance(today, date) else today
        return self._query(
            f"""SELECT {_COLUMNS} FROM people WHERE review_on IS NOT NULL AND review_on <= ?
               ORDER BY review_on, name""",
            [day],
        )

    def insert(
        self,
        name: str,
        *,
        uid: str | None = None,
        created_at: str | None = None,
        is_demo: bool = False,
        review_on: str | None = None,
    ) -> int:
        """Add a person row; returns its id. Call inside the caller's transaction."""
        check_iso_date(review_on, "review date")
        cursor = self.db.execute(
            "INSERT INTO people (uid, name, created_at, is_demo, review_on) VALUES (?, ?, ?, ?, ?)",
            [
                uid or new_uid(),
                clean_name(name),
                created_at or now_iso(),
                int(is_demo),
                review_on,
            ],
        )
        return cursor.lastrowid

    def rename(self, person_id: int, name: str) -> None:
        """A new name (no longer the demo person's once renamed)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE people SET name = ?, is_demo = 0 WHERE id = ?",
                [clean_name(name), person_id],
            )

    def delete(self, person_id: int) -> None:
        """Remove a person with their assessments, ratings, snapshots and notes (cascade)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM people WHERE id = ?", [person_id])

    def set_review_on(self, person_id: int, review_on: str | None) -> None:
        check_iso_date(review_on, "review date")
        with self.db.atomic():
            self.db.execute("UPDATE people SET review_on = ? WHERE id = ?", [review_on, person_id])


def new_uid() -> str:
    import uuid  # here, not at start-up: the uuid module costs more to import than most of ours

    return uuid.uuid4().hex
