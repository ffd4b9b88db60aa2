"""People: add, rename, delete and bring back."""

from __future__ import annotations

from functools import partial

from ses_decider.core.model import Assessment
from ses_decider.ops import Changes, OpResult
from ses_decider.storage.repository import PersonRows, Repository


def create_person(
    repo: Repository, name: str, assessment: Assessment, *, is_demo: bool = False
) -> OpResult:
    """A new person with this assessment; ``value`` is the Person. Names may repeat."""
    person = repo.create_person(name, assessment, is_demo=is_demo)
    return OpResult(
        Changes.PEOPLE,
        f"Added {person.name}.",
        person,
        undo=partial(delete_person, person_id=person.id),
    )


def rename_person(repo: Repository, person_id: int, name: str) -> OpResult:
    before = repo.people.get(person_id)
    repo.people.rename(person_id, name)
    after = repo.people.get(person_id)
    return OpResult(
        Changes.PEOPLE | Changes.PERSON,
        f"Renamed {before.name} to {after.name}.",
        after,
        undo=partial(rename_person, person_id=person_id, name=before.name),
    )


def delete_person(repo: Repository, person_id: int) -> OpResult:
    """Remove a person and everything of theirs; ``value`` holds their rows for `bring_back`."""
    rows = repo.person_rows(person_id)
    repo.people.delete(person_id)
    return OpResult(
        Changes.PEOPLE,
        f"Deleted {rows.person.name}.",
        rows,
        undo=partial(bring_back, rows=rows),
    )


def bring_back(repo: Repository, rows: PersonRows) -> OpResult:
    """Put a deleted person back exactly as they were stored (nothing is re-parsed)."""
    repo.put_back(rows)
    return OpResult(
        Changes.PEOPLE,
        f"{rows.person.name} is back.",
        repo.people.get(rows.person.id),
        undo=partial(delete_person, person_id=rows.person.id),
    )


DEMO_NAME = "Sample person (demo)"


def first_person(repo: Repository) -> OpResult:
    """The person to open: the last one used, else the first, else a new demo person (``value``
    is their id)."""
    from ses_decider.core.content import demo_assessment

    people = repo.people.all()
    if not people:
        person = repo.create_person(DEMO_NAME, demo_assessment(), is_demo=True)
        return OpResult(Changes.PEOPLE, "", person.id)
    last = repo.settings.get("current_person")
    ids = {p.id for p in people}
    if last and last.isdigit() and int(last) in ids:
        return OpResult(Changes.NONE, "", int(last))
    return OpResult(Changes.NONE, "", people[0].id)
