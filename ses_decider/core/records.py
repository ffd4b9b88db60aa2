"""What storage hands back about people and their history: plain records, built from rows by name.

A leaf module (it imports only the model), so storage, operations, the report and the views can all use
these types without importing each other. Each record is built as ``Record(**row)`` from a row read as a
mapping, never by position; dates are checked here, so no record with an impossible date exists.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ses_decider.core.model import Verdict, check_iso_date

BEFORE_RESTORE = "before restore"
BEFORE_IMPORT = "before import"
SELF, MENTOR = "self", "mentor"  # whose view an assessment is


def _set(record, name: str, value) -> None:
    object.__setattr__(record, name, value)  # frozen records normalise row values once


@dataclass(frozen=True)
class Person:
    id: int
    uid: str
    name: str
    created_at: str
    is_demo: bool = False
    review_on: str | None = None

    def __post_init__(self) -> None:
        _set(self, "is_demo", bool(self.is_demo))
        check_iso_date(self.review_on, "review date")


@dataclass(frozen=True)
class Snapshot:
    """One snapshot as lists and the timeline show it: no assessment is parsed to build it."""

    id: int
    uid: str
    person_id: int
    taken_at: str
    label: str
    score: float | None
    verdict: Verdict
    want: float | None = None
    ready: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.verdict, Verdict):
            _set(self, "verdict", Verdict(self.verdict))

    @property
    def name(self) -> str:
        """What the person calls it: its label, else the day it was taken."""
        return self.label or self.taken_at[:10]


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

    def __post_init__(self) -> None:
        if not isinstance(self.choice, Choice):
            _set(self, "choice", Choice(self.choice))
        check_iso_date(self.decided_on, "decision date")
        check_iso_date(self.outcome_on, "outcome date")


@dataclass(frozen=True)
class DiscussionNote:
    factor_id: str
    text: str
    updated_at: str


@dataclass(frozen=True)
class PersonSummary:
    """A row of the person switcher: no assessment is loaded to build it."""

    id: int
    name: str
    review_on: str | None
    snapshot_count: int
    last_snapshot_at: str | None


def display_names(people: list[Person]) -> dict[int, str]:
    """What to call each person where names repeat: "Alex (added 2026-11-03)", and if two namesakes
    were added the same day, the start of their uid too. Unique names are shown as they are."""
    by_name: dict[str, list[Person]] = {}
    for person in people:
        by_name.setdefault(person.name.casefold(), []).append(person)
    out: dict[int, str] = {}
    for group in by_name.values():
        days = [p.created_at[:10] for p in group]
        for person in group:
            if len(group) == 1:
                out[person.id] = person.name
                continue
            day = person.created_at[:10]
            text = f"{person.name} (added {day}"
            if days.count(day) > 1:
                text += f", #{person.uid[:6]}"
            out[person.id] = text + ")"
    return out
