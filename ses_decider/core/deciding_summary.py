"""A person's deciding-well records together, and what of them touches the score.

`DecidingRecords` is what storage hands back for one person (every kind, in the order the person
made them); `score_extras` is what `ses-decider score --json` adds from it, and the brief and the
mentor's agenda can use the same. Pure: no storage, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ses_decider.core.deciding_records import (
    Experiment,
    FriendView,
    JournalEntry,
    OwnReason,
    PremortemItem,
)
from ses_decider.core.model import Assessment

# The rules (core/deciding.py, which needs the sensitivity module) are imported where they are used,
# so that storage can hold these records without loading them.

# The person file's lists (resources/deciding_records.schema.json), by record kind.
LIST_KEYS: dict[str, str] = {
    "own_reason": "own_reasons",
    "premortem": "premortem",
    "friend_view": "friend_views",
    "experiment": "experiments",
    "journal": "journal",
}


@dataclass(frozen=True)
class DecidingRecords:
    """Every deciding-well record of one person, each kind in the order it was made."""

    own_reasons: tuple[OwnReason, ...] = ()
    premortem: tuple[PremortemItem, ...] = ()
    friend_views: tuple[FriendView, ...] = ()
    experiments: tuple[Experiment, ...] = ()
    journal: tuple[JournalEntry, ...] = ()

    def of(self, kind: str) -> tuple:
        """The records of one kind (a key of RECORD_TYPES)."""
        return getattr(self, LIST_KEYS[kind])

    @property
    def empty(self) -> bool:
        return not any(self.of(kind) for kind in LIST_KEYS)

    @property
    def latest_friend_view(self) -> FriendView | None:
        return self.friend_views[-1] if self.friend_views else None

    def due(self, today: date, within_days: int = 0):
        """What is due (experiments, preventive steps, journal reviews): see `due_items`."""
        from ses_decider.core.deciding import due_items

        return due_items(
            today, self.experiments, self.premortem, self.journal, within_days=within_days
        )


def own_reason_factors(records: DecidingRecords, assessment: Assessment) -> list[str]:
    """The factors of the table that came from the person's own reasons, in table order."""
    from ses_decider.core.deciding import covered_factor_ids

    covered = covered_factor_ids(records.own_reasons)
    return [f.id for f in assessment.factors if f.id in covered and f.id not in assessment.hidden]


def score_extras(records: DecidingRecords, assessment: Assessment, today: date) -> dict[str, Any]:
    """What `score --json` adds: own reasons' factors, open preventive steps, experiments due."""
    from ses_decider.core.deciding import due_items, open_premortem_actions

    return {
        "own_reason_factors": own_reason_factors(records, assessment),
        "open_premortem_actions": [
            {
                "path": item.path,
                "text": item.text,
                "factor_id": item.factor_id,
                "prevention": item.prevention,
                "due": item.due,
            }
            for item in open_premortem_actions(records.premortem)
        ],
        "experiments_due": [
            {
                "title": d.title,
                "due": d.due,
                "days_overdue": d.days_overdue,
                "factor_ids": list(_experiment(records, d.record_id).factor_ids),
            }
            for d in due_items(today, experiments=records.experiments)
        ],
    }


def _experiment(records: DecidingRecords, record_id: str) -> Experiment:
    return next(e for e in records.experiments if e.id == record_id)


def no_score_extras() -> dict[str, Any]:
    """The same keys, empty: an assessment file carries no deciding-well records."""
    return {"own_reason_factors": [], "open_premortem_actions": [], "experiments_due": []}
