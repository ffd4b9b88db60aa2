"""History: snapshots (take, label, restore, delete), the review-on date and the final decision."""

from __future__ import annotations

from functools import partial
from typing import Any

from ses_decider.core.model import Assessment, check_iso_date
from ses_decider.core.records import BEFORE_RESTORE, SELF, Decision
from ses_decider.ops import Changes, OpResult
from ses_decider.storage.repository import Repository


def take_snapshot(
    repo: Repository, person_id: int, assessment: Assessment, label: str = ""
) -> OpResult:
    """Freeze ``assessment`` (the one on screen, already saved) under a label."""
    snapshot = repo.snapshots.take(person_id, assessment, label)
    return OpResult(
        Changes.SNAPSHOTS,
        f"Snapshot \u201c{snapshot.name}\u201d saved.",
        snapshot,
        undo=partial(delete_snapshot, snapshot_id=snapshot.id),
    )


def delete_snapshot(repo: Repository, snapshot_id: int) -> OpResult:
    row = _row(repo, snapshot_id)
    repo.snapshots.delete(snapshot_id)
    return OpResult(
        Changes.SNAPSHOTS, "Snapshot removed.", None, undo=partial(_put_back_snapshot, row=row)
    )


def _row(repo: Repository, snapshot_id: int) -> dict[str, Any]:
    rows = list(repo.db.query("SELECT * FROM snapshots WHERE id = ?", [snapshot_id]))
    if not rows:
        raise KeyError(snapshot_id)
    return rows[0]


def _put_back_snapshot(repo: Repository, row: dict[str, Any]) -> OpResult:
    columns = ", ".join(row)
    repo.db.execute(
        f"INSERT INTO snapshots ({columns}) VALUES ({', '.join(':' + c for c in row)})", row
    )
    return OpResult(
        Changes.SNAPSHOTS,
        "Snapshot back.",
        None,
        undo=partial(delete_snapshot, snapshot_id=row["id"]),
    )


def set_snapshot_label(repo: Repository, snapshot_id: int, label: str) -> OpResult:
    before = repo.snapshots.get(snapshot_id)
    repo.snapshots.set_label(snapshot_id, label)
    return OpResult(
        Changes.SNAPSHOTS,
        "Label saved.",
        repo.snapshots.get(snapshot_id),
        undo=partial(set_snapshot_label, snapshot_id=snapshot_id, label=before.label),
    )


def restore_snapshot(repo: Repository, person_id: int, snapshot_id: int) -> OpResult:
    """Make a snapshot the current assessment. The one it replaces is kept as a snapshot labelled
    "before restore"; ``value`` is that snapshot."""
    if repo.snapshots.get(snapshot_id).person_id != person_id:
        raise KeyError(snapshot_id)
    restored = repo.snapshots.load(snapshot_id)
    current = repo.assessments.load(person_id)
    changed_at = repo.assessments.changed_at(person_id)
    kept = repo.snapshots.take(person_id, current, BEFORE_RESTORE)
    repo.assessments.save(person_id, restored)
    source = repo.snapshots.get(snapshot_id)
    return OpResult(
        Changes.current() | Changes.SNAPSHOTS,
        f"Restored \u201c{source.name}\u201d; the assessment it replaced is kept as a snapshot "
        f"labelled \u201c{BEFORE_RESTORE}\u201d.",
        kept,
        undo=partial(
            _undo_restore,
            person_id=person_id,
            previous=current,
            changed_at=changed_at,
            kept_id=kept.id,
            snapshot_id=snapshot_id,
        ),
    )


def _undo_restore(
    repo: Repository,
    person_id: int,
    previous: Assessment,
    changed_at: str | None,
    kept_id: int,
    snapshot_id: int,
) -> OpResult:
    repo.assessments.save(person_id, previous, SELF, changed_at=changed_at)
    repo.snapshots.delete(kept_id)
    return OpResult(
        Changes.current() | Changes.SNAPSHOTS,
        "The restore is undone.",
        None,
        undo=partial(restore_snapshot, person_id=person_id, snapshot_id=snapshot_id),
    )


def set_review_on(repo: Repository, person_id: int, review_on: str | None) -> OpResult:
    """Set (or with None clear) the date to look at the decision again."""
    check_iso_date(review_on, "review date")
    before = repo.people.get(person_id).review_on
    repo.people.set_review_on(person_id, review_on)
    return OpResult(
        Changes.PERSON,
        f"Review date set to {review_on}." if review_on else "Review date cleared.",
        None,
        undo=partial(set_review_on, person_id=person_id, review_on=before),
    )


def set_decision(repo: Repository, person_id: int, decision: Decision | None) -> OpResult:
    """Record (or with None clear) the final decision and how it went."""
    before = repo.decisions.get(person_id)
    repo.decisions.set(person_id, decision)
    return OpResult(
        Changes.DECISION,
        "Decision saved." if decision else "Decision cleared.",
        None,
        undo=partial(set_decision, person_id=person_id, decision=before),
    )
