"""Bringing files into the database: each import is one transaction, all or nothing."""

from __future__ import annotations

from ses_decider.core.model import Assessment
from ses_decider.storage.exchange import assessment_to_data
from ses_decider.storage.repository import Repository
from ses_decider.storage.safety import write_transaction

DEFAULT_IMPORT_NAME = "Imported assessment"


def import_assessment(repo: Repository, person_name: str | None, assessment: Assessment) -> str:
    """Make ``assessment`` the current one of the person it names (created if new).

    The assessment it replaces is kept as a snapshot labelled "before import". Importing the same
    content again changes nothing. Returns one sentence saying what happened.
    """
    name = (person_name or "").strip() or DEFAULT_IMPORT_NAME  # a blank name is no name
    with write_transaction(repo.db):  # reads then writes: take the write lock first
        person = repo.person_by_name(name)
        if person is None:
            repo.create_person(name, assessment)
            return f"Imported {name} as a new person."
        current = repo.load_assessment(person.id)
        if _same(current, assessment):
            return f"{name} already has this assessment; nothing changed."
        repo.take_snapshot(person.id, current, "before import")
        repo.save_assessment(person.id, assessment)
    return f"Imported {name}; the previous assessment is kept as a snapshot."


def _same(a: Assessment, b: Assessment) -> bool:
    def comparable(x: Assessment) -> dict:
        data = assessment_to_data(x)
        data.pop("exported_at")
        return data

    return comparable(a) == comparable(b)
