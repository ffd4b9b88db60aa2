"""Saving what is edited on screen: the current assessment and the mentor's view, and shared notes."""

from __future__ import annotations

from functools import partial

from ses_decider.core.model import Assessment
from ses_decider.core.records import MENTOR
from ses_decider.ops import Changes, OpResult
from ses_decider.storage.repository import Repository


def save_views(repo: Repository, person_id: int, views: dict[str, Assessment]) -> OpResult:
    """Store the edited views (role -> assessment) of one person. Edits made on screen are undone
    on screen (each is an undo step of its own), so this has no undo of its own."""
    for role, assessment in views.items():
        repo.assessments.save(person_id, assessment, role)
    flags = Changes.NONE
    for role in views:
        flags |= Changes.MENTOR if role == MENTOR else Changes.RATINGS
    return OpResult(flags, "All changes saved.")


def has_records(repo: Repository, person_id: int, group: str) -> bool:
    """Whether the person has any record of a group of `storage.repository.RECORD_GROUPS`."""
    return repo.has_records(person_id, group)


def set_note(repo: Repository, person_id: int, factor_id: str, text: str) -> OpResult:
    """The shared mentor/mentee note on one factor (an empty text removes it)."""
    before = repo.notes.of(person_id).get(factor_id)
    if (before.text if before else "") == text:
        return OpResult(Changes.NONE, "The note is unchanged.")
    repo.notes.set(person_id, factor_id, text)
    return OpResult(
        Changes.NOTES,
        "Note saved." if text else "Note removed.",
        None,
        undo=partial(
            set_note, person_id=person_id, factor_id=factor_id, text=before.text if before else ""
        ),
    )


def remember(repo: Repository, key: str, value: str | None) -> OpResult:
    """A setting of the app's own (the tour was shown, say): no view shows it, no undo."""
    repo.settings.set(key, value)
    return OpResult(Changes.NONE)
