"""Bringing files in: an assessment file or a person file, each all or nothing, in one transaction.

Identity is the uid: two people with different uids are never merged, whatever their names. An older
file never rolls a newer current assessment back (it still brings the snapshots it has that are new),
a snapshot is never stored twice, and a snapshot uid that belongs to someone else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ses_decider.core.model import Assessment
from ses_decider.core.records import BEFORE_IMPORT, MENTOR, SELF, Person
from ses_decider.ops import Changes, OpResult
from ses_decider.storage.bodies import assessment_body, same_content
from ses_decider.storage.errors import FormatError
from ses_decider.storage.exchange import ASSESSMENT_FORMAT, assessment_from_data, read_json_file
from ses_decider.storage.person_file import PERSON_FORMAT, ParsedPerson, parse_person_data
from ses_decider.storage.repository import Repository
from ses_decider.storage.snapshots import NewSnapshot

DEFAULT_IMPORT_NAME = "Imported assessment"


@dataclass(frozen=True)
class AssessmentFile:
    """A checked assessment file: who it names, what it holds, and when it was written."""

    name: str
    assessment: Assessment
    exported_at: str | None


ImportRequest = AssessmentFile | ParsedPerson


def read_import(path: str | Path) -> ImportRequest:
    """Read and check a file to import (either kind, by its "format"); nothing is written."""
    data = read_json_file(path)
    if isinstance(data, dict) and data.get("format") == PERSON_FORMAT:
        return parse_person_data(data)
    if isinstance(data, dict) and data.get("format") not in (None, ASSESSMENT_FORMAT):
        raise FormatError(
            f"field format: expected {ASSESSMENT_FORMAT!r} or {PERSON_FORMAT!r},"
            f" got {data.get('format')!r}"
        )
    name, assessment = assessment_from_data(data)
    return AssessmentFile(
        (name or "").strip() or DEFAULT_IMPORT_NAME, assessment, data.get("exported_at")
    )


def apply_import(repo: Repository, request: ImportRequest) -> OpResult:
    """Bring a checked file in; ``value`` is the Person it concerns."""
    if isinstance(request, ParsedPerson):
        return import_person(repo, request)
    return import_assessment(repo, request)


def _older(file_time: str | None, local_time: str | None) -> bool:
    """Whether the file's content is older than (or as old as) what is stored."""
    return bool(file_time and local_time and _instant(file_time) <= _instant(local_time))


def _instant(text: str) -> str:
    # Stamps are UTC ISO 8601 written by this app ("+00:00"); compare them at one precision.
    from datetime import datetime

    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat(
            timespec="microseconds"
        )
    except ValueError:
        return text


def import_assessment(repo: Repository, request: AssessmentFile) -> OpResult:
    """Make the file's assessment the current one of the person it names (created if new).

    The replaced assessment is kept as a snapshot labelled "before import"; the same content again
    changes nothing; a file older than the stored assessment changes nothing either.
    """
    name = request.name
    namesakes = repo.people.named(name)
    if len(namesakes) > 1:
        raise FormatError(
            f"{len(namesakes)} people are called {name}; an assessment file cannot say which one "
            "it is for: import their person file instead, or rename one of them first"
        )
    if not namesakes:
        person = repo.create_person(name, request.assessment, changed_at=request.exported_at)
        return OpResult(Changes.PEOPLE, f"Imported {name} as a new person.", person)
    person = namesakes[0]
    current = repo.assessments.load(person.id)
    if same_content(current, request.assessment):
        return OpResult(
            Changes.NONE, f"{name} already has this assessment; nothing changed.", person
        )
    if _older(request.exported_at, repo.assessments.changed_at(person.id)):
        return OpResult(
            Changes.NONE,
            f"This file is older than what you have for {name}; nothing changed.",
            person,
        )
    _keep_as_snapshot(repo, person.id, current)
    repo.assessments.save(person.id, request.assessment, changed_at=request.exported_at)
    return OpResult(
        Changes.current() | Changes.SNAPSHOTS,
        f"Imported {name}; the previous assessment is kept as a snapshot.",
        person,
    )


def _keep_as_snapshot(
    repo: Repository, person_id: int, current: Assessment, also_in: list[dict] | None = None
) -> bool:
    """Keep the assessment an import replaces, unless a snapshot (stored, or about to be added from
    the file) already holds exactly it. Returns whether a snapshot was taken."""
    body = assessment_body(current)
    if also_in and body in also_in:
        return False
    latest = repo.snapshots.list(person_id)[-1:]
    if latest and repo.snapshots.body(latest[0].id) == body:
        return False
    repo.snapshots.take(person_id, current, BEFORE_IMPORT)
    return True


def import_person(repo: Repository, parsed: ParsedPerson) -> OpResult:
    """Bring a person file in; see the module docstring for the rules."""
    person = repo.people.by_uid(parsed.uid)
    owners = repo.snapshots.owners([s.uid for s in parsed.snapshots])
    foreign = {uid: pid for uid, pid in owners.items() if person is None or pid != person.id}
    if foreign:
        uid, pid = next(iter(foreign.items()))
        raise FormatError(
            f"snapshot {uid} in this file belongs to {repo.people.get(pid).name} in your database,"
            " not to the person of this file; nothing was imported"
        )
    said: list[str] = []
    flags = Changes.NONE
    file_older = person is not None and _older(
        parsed.current_changed_at, repo.assessments.changed_at(person.id)
    )
    if person is None:
        namesakes = repo.people.named(parsed.name)
        person = repo.create_person(
            parsed.name,
            parsed.current,
            uid=parsed.uid,
            created_at=parsed.created_at,
            changed_at=parsed.current_changed_at,
        )
        flags |= Changes.PEOPLE
        text = f"Imported {person.name} as a new person"
        if namesakes:
            text += (
                f" (you already had a different person called {parsed.name}: both are kept,"
                " told apart by the date each was added)"
            )
        said.append(text)
    else:
        if person.name != parsed.name:
            said.append(f"Updated {person.name} (the file calls them {parsed.name})")
        else:
            said.append(f"Updated {person.name}")
        flags |= _import_current(repo, person, parsed, file_older, said)
    added = len(
        repo.snapshots.add_many(  # in one statement, each body as the file was read into it
            person.id,
            [
                NewSnapshot(s.assessment, s.label, taken_at=s.taken_at, uid=s.uid, body=s.body)
                for s in parsed.snapshots
                if s.uid not in owners
            ],
        )
    )
    if added:
        flags |= Changes.SNAPSHOTS
        said.append(f"{added} new snapshot(s)")
    flags |= _import_mentor(repo, person, parsed, said)
    flags |= _import_notes_and_decision(repo, person, parsed, file_older, said)
    flags |= _import_sections(repo, person, parsed, file_older, said)
    person = repo.people.get(person.id)
    if flags == Changes.NONE:
        return OpResult(
            Changes.NONE,
            f"{person.name} already has everything in this file; nothing changed.",
            person,
        )
    return OpResult(flags, _sentence(said), person)


def _sentence(parts: list[str]) -> str:
    head, rest = parts[0], parts[1:]
    if not rest:
        return head + "."
    return head + ": " + ", ".join(rest) + "."


def _import_current(
    repo: Repository, person: Person, parsed: ParsedPerson, file_older: bool, said: list[str]
) -> Changes:
    local = repo.assessments.load(person.id)
    if same_content(local, parsed.current):
        return Changes.NONE
    if file_older:
        said.append("this file is older than what you have, so the current assessment is kept")
        return Changes.NONE
    kept = _keep_as_snapshot(repo, person.id, local, [s.body for s in parsed.snapshots])
    repo.assessments.save(person.id, parsed.current, changed_at=parsed.current_changed_at)
    said.append(
        "a newer current assessment" + (" (the previous one is kept as a snapshot)" if kept else "")
    )
    return Changes.current() | (Changes.SNAPSHOTS if kept else Changes.NONE)


def _import_mentor(
    repo: Repository, person: Person, parsed: ParsedPerson, said: list[str]
) -> Changes:
    if parsed.mentor is None:
        return Changes.NONE
    if repo.assessments.has(person.id, MENTOR):
        if same_content(repo.assessments.load(person.id, MENTOR), parsed.mentor):
            return Changes.NONE
        if _older(parsed.mentor_changed_at, repo.assessments.changed_at(person.id, MENTOR)):
            said.append("the mentor's view in the file is older than yours, so yours is kept")
            return Changes.NONE
    repo.assessments.save(person.id, parsed.mentor, MENTOR, changed_at=parsed.mentor_changed_at)
    said.append("the mentor's view")
    return Changes.MENTOR


def _import_notes_and_decision(
    repo: Repository, person: Person, parsed: ParsedPerson, file_older: bool, said: list[str]
) -> Changes:
    flags = Changes.NONE
    local_notes = repo.notes.of(person.id)
    changed = 0
    for factor_id, text, updated_at in parsed.notes:
        mine = local_notes.get(factor_id)
        if mine is None or (mine.text != text and updated_at > mine.updated_at):
            repo.notes.set(person.id, factor_id, text, updated_at=updated_at or None)
            changed += 1
    if changed:
        flags |= Changes.NOTES
        said.append(f"{changed} note(s)")
    if parsed.decision is not None:
        mine = repo.decisions.get(person.id)
        if mine is None or (
            mine != parsed.decision and parsed.decision.updated_at > mine.updated_at
        ):
            repo.decisions.set(person.id, parsed.decision)
            flags |= Changes.DECISION
            said.append("the final decision")
    if parsed.review_on is not None and parsed.review_on != person.review_on:
        if person.review_on is None or not file_older:
            repo.people.set_review_on(person.id, parsed.review_on)
            flags |= Changes.PERSON
            said.append("the review date")
    return flags


def _import_sections(
    repo: Repository, person: Person, parsed: ParsedPerson, file_older: bool, said: list[str]
) -> Changes:
    """The parts features add to the person file (storage/person_sections.py), each merged by
    record id, newer wins."""
    from ses_decider.storage.person_sections import sections

    flags = Changes.NONE
    for section in sections():
        if section.key in parsed.parts:
            words = section.merge(repo, person.id, parsed.parts[section.key], file_older)
            if words:
                flags |= Changes[section.changes]
                said.append(words)
    return flags


def backup_before_import(repo: Repository) -> Path | None:
    """The copy of the database every import starts with, from the GUI (File > Import, a dropped
    file) and the command line alike: `ops.run` takes it before the import's transaction.

    Taken whenever the database already holds someone: a superset of the imports that replace
    someone's current assessment, decided before the file meets the database. It also counts as
    the day's backup. When it cannot be made, the import does not go ahead: a StorageProblem
    says so in one sentence. Returns the copy (None: nothing to copy, or no file behind it).
    """
    import sqlite3

    from ses_decider.storage import problems
    from ses_decider.storage.backups import BACKUP_DIR, backup_database

    file = repo.db.execute("PRAGMA database_list").fetchone()[2]
    if not file or not repo.db.execute("SELECT EXISTS (SELECT 1 FROM people)").fetchone()[0]:
        return None
    folder = Path(file).parent
    try:
        return backup_database(repo.db, folder, reason="before-import")
    except (OSError, sqlite3.Error) as exc:
        kind = problems.problem_kind(exc, folder) or problems.OTHER
        why = {
            problems.FULL: "the disk is full",
            problems.READ_ONLY: "it is read-only",
            problems.PERMISSION: "permission denied",
            problems.NOT_A_FOLDER: "it is not a folder",
            problems.BUSY: "the database stayed locked",
        }.get(kind, "an error")
        raise problems.StorageProblem(
            f"No backup could be made in {folder / BACKUP_DIR} before the import ({why}), "
            "so nothing was imported.",
            kind,
            folder / BACKUP_DIR,
        ) from None


apply_import.before_transaction = backup_before_import  # type: ignore[attr-defined]


def import_file(repo_factory, path: str | Path) -> OpResult:
    """Read and check a file, then import it: the database is opened (``repo_factory()``) only
    once the whole file is known to be good. For the command line; the GUI runs `apply_import`."""
    from ses_decider.ops import run

    request = read_import(path)
    return run(repo_factory(), apply_import, request)


__all__ = [
    "SELF",
    "ImportRequest",
    "apply_import",
    "backup_before_import",
    "import_file",
    "read_import",
]
