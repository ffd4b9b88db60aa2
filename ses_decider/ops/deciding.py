"""Deciding well: own reasons, premortem answers, friend's views, experiments and the journal.

Records are built (and checked) by the caller with the constructors and `edited` of
`core/deciding_records.py`; these operations store them, each returning the operation that undoes
it, all flagged `Changes.DECIDING`. Edits of the table itself (a factor of one's own made from a
reason, a lean kept from the friend's view, a premortem's one-click change) are the session's
undoable edits, not operations here.

Readers (for views through ``session.read``, and for the brief): `deciding_records`, `due_now`,
`journal_review`, `own_reason_factor_ids`, `score_extras_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from ses_decider.core.deciding import DueItem, JournalEntry, edited
from ses_decider.core.deciding_content import deciding_content
from ses_decider.core.deciding_summary import DecidingRecords, own_reason_factors, score_extras
from ses_decider.core.model import Assessment
from ses_decider.core.records import Snapshot
from ses_decider.core.scoring import evaluate
from ses_decider.ops import Changes, OpResult
from ses_decider.storage.deciding import kind_of
from ses_decider.storage.repository import Repository

_WHAT = {
    "own_reason": "Reason",
    "premortem": "Premortem answer",
    "friend_view": "Friend's view",
    "experiment": "Experiment",
    "journal": "Journal entry",
}


# Readers ---------------------------------------------------------------------------------------
def deciding_records(repo: Repository, person_id: int) -> DecidingRecords:
    """Every deciding-well record of the person."""
    return repo.deciding.records(person_id)


def due_now(repo: Repository, person_id: int, today: date, within_days: int = 0) -> list[DueItem]:
    """Experiments, preventive steps and journal reviews due on ``today`` or before."""
    return repo.deciding.records(person_id).due(today, within_days)


def own_reason_factor_ids(repo: Repository, person_id: int) -> set[str]:
    """The factors of the person's table that came from their own reasons."""
    assessment = repo.assessments.load(person_id)
    return set(own_reason_factors(repo.deciding.records(person_id), assessment))


def score_extras_for(repo: Repository, person_id: int, today: date) -> dict[str, Any]:
    """What `score --json` shows of deciding well, for a stored person (the brief can use it)."""
    return score_extras(repo.deciding.records(person_id), repo.assessments.load(person_id), today)


@dataclass(frozen=True)
class JournalReview:
    """A journal entry at its review: what was written then, and the snapshot taken then."""

    entry: JournalEntry
    snapshot: Snapshot | None


def journal_review(repo: Repository, person_id: int, entry_id: str) -> JournalReview:
    found = repo.deciding.get(person_id, "journal", entry_id)
    if found is None:
        raise KeyError(entry_id)
    entry = found[0]
    snapshot = repo.snapshots.by_uid(entry.snapshot_uid) if entry.snapshot_uid else None
    if snapshot is not None and snapshot.person_id != person_id:
        snapshot = None
    return JournalReview(entry, snapshot)


# Adding, editing, removing any record ----------------------------------------------------------
def put_record(
    repo: Repository,
    person_id: int,
    record: Any,
    *,
    position: int | None = None,
    restamp: bool = False,
    message: str | None = None,
) -> OpResult:
    """Add a record, or store an edited copy in place of the one with its id.

    ``restamp`` stamps it now (an undo is the latest change, so it wins a later merge).
    """
    kind = kind_of(record)
    if restamp:
        record = edited(record)
    before = repo.deciding.get(person_id, kind, record.id)
    repo.deciding.put(person_id, record, position)
    if before is None:
        undo = partial(remove_record, person_id=person_id, kind=kind, record_id=record.id)
        text = message or f"{_WHAT[kind]} added."
    else:
        undo = partial(
            put_record, person_id=person_id, record=before[0], position=before[1], restamp=True
        )
        text = message or f"{_WHAT[kind]} saved."
    return OpResult(Changes.DECIDING, text, record, undo=undo)


def remove_record(repo: Repository, person_id: int, kind: str, record_id: str) -> OpResult:
    found = repo.deciding.get(person_id, kind, record_id)
    if found is None:
        raise KeyError(record_id)
    record, position = found
    repo.deciding.delete(person_id, kind, record_id)
    return OpResult(
        Changes.DECIDING,
        f"{_WHAT[kind]} removed.",
        None,
        undo=partial(
            put_record,
            person_id=person_id,
            record=record,
            position=position,
            message=f"{_WHAT[kind]} back.",
        ),
    )


def _edit(repo: Repository, person_id: int, kind: str, record_id: str, message: str, **changes):
    found = repo.deciding.get(person_id, kind, record_id)
    if found is None:
        raise KeyError(record_id)
    return put_record(repo, person_id, edited(found[0], **changes), message=message)


# Own reasons -----------------------------------------------------------------------------------
def match_reason_to(
    repo: Repository, person_id: int, reason_id: str, factor_id: str | None
) -> OpResult:
    """Accept (or change) the factor a reason counts toward; None leaves it unmatched."""
    text = "Reason matched." if factor_id else "Reason left unmatched."
    return _edit(
        repo, person_id, "own_reason", reason_id, text, factor_id=factor_id, custom_factor_id=None
    )


def link_reason_to_own_factor(
    repo: Repository, person_id: int, reason_id: str, custom_factor_id: str
) -> OpResult:
    """The reason became a factor of the person's own (added to the table by the session)."""
    return _edit(
        repo,
        person_id,
        "own_reason",
        reason_id,
        "The reason is now a factor of your own.",
        factor_id=None,
        custom_factor_id=custom_factor_id,
    )


# Friend's view ---------------------------------------------------------------------------------
def keep_answer(
    repo: Repository, person_id: int, view_id: str, factor_id: str, which: str
) -> OpResult:
    """Record which answer the person kept for a factor: "own" or "friend"."""
    found = repo.deciding.get(person_id, "friend_view", view_id)
    if found is None:
        raise KeyError(view_id)
    kept = {**found[0].kept, factor_id: which}
    text = "Kept your friend's answer." if which == "friend" else "Kept your own answer."
    return _edit(repo, person_id, "friend_view", view_id, text, kept=kept)


# Experiments -----------------------------------------------------------------------------------
def finish_experiment(
    repo: Repository,
    person_id: int,
    experiment_id: str,
    assessment: Assessment,
    learned: str,
    finished_on: str,
) -> OpResult:
    """Mark an experiment done and take a snapshot of the (re-rated) assessment labelled with it."""
    found = repo.deciding.get(person_id, "experiment", experiment_id)
    if found is None:
        raise KeyError(experiment_id)
    before = found[0]
    label = deciding_content().label_for_snapshot(before.title)
    snapshot = repo.snapshots.take(person_id, assessment, label)
    done = edited(
        before,
        status="done",
        learned=learned.strip(),
        finished_on=finished_on,
        snapshot_uid=snapshot.uid,
    )
    repo.deciding.put(person_id, done)
    return OpResult(
        Changes.DECIDING | Changes.SNAPSHOTS,
        f"\u201c{before.title}\u201d done; snapshot \u201c{label}\u201d saved.",
        done,
        undo=partial(
            _unfinish,
            person_id=person_id,
            before=before,
            snapshot_id=snapshot.id,
            redo=(assessment, learned, finished_on),
        ),
    )


def _unfinish(
    repo: Repository, person_id: int, before: Any, snapshot_id: int, redo: tuple
) -> OpResult:
    repo.snapshots.delete(snapshot_id)
    repo.deciding.put(person_id, edited(before))
    return OpResult(
        Changes.DECIDING | Changes.SNAPSHOTS,
        f"\u201c{before.title}\u201d is planned again.",
        None,
        undo=partial(
            finish_experiment,
            person_id=person_id,
            experiment_id=before.id,
            assessment=redo[0],
            learned=redo[1],
            finished_on=redo[2],
        ),
    )


def drop_experiment(repo: Repository, person_id: int, experiment_id: str) -> OpResult:
    return _edit(
        repo, person_id, "experiment", experiment_id, "Experiment dropped.", status="dropped"
    )


# The journal -----------------------------------------------------------------------------------
def record_journal(
    repo: Repository, person_id: int, entry: JournalEntry, assessment: Assessment
) -> OpResult:
    """Write a journal entry with the verdict of the day and a snapshot of the assessment then,
    so the review can show what the person expected."""
    snapshot = repo.snapshots.take(person_id, assessment, f"Decided: {entry.decision}"[:200])
    entry = edited(entry, verdict=evaluate(assessment).verdict.label, snapshot_uid=snapshot.uid)
    repo.deciding.put(person_id, entry)
    return OpResult(
        Changes.DECIDING | Changes.SNAPSHOTS,
        f"Decision written in your journal; the review is on {entry.review_on}.",
        entry,
        undo=partial(
            _unrecord,
            person_id=person_id,
            entry=entry,
            snapshot_id=snapshot.id,
            assessment=assessment,
        ),
    )


def _unrecord(
    repo: Repository, person_id: int, entry: JournalEntry, snapshot_id: int, assessment: Assessment
) -> OpResult:
    repo.deciding.delete(person_id, "journal", entry.id)
    repo.snapshots.delete(snapshot_id)
    return OpResult(
        Changes.DECIDING | Changes.SNAPSHOTS,
        "Journal entry removed.",
        None,
        undo=partial(record_journal, person_id=person_id, entry=entry, assessment=assessment),
    )


def answer_review(
    repo: Repository, person_id: int, entry_id: str, outcome: str, answered_on: str
) -> OpResult:
    """How it went, written at the review date."""
    return _edit(
        repo,
        person_id,
        "journal",
        entry_id,
        "Thank you: how it went is in your journal.",
        outcome=outcome.strip(),
        answered_on=answered_on,
    )
