"""The person file: a person's current assessment, the mentor's view, snapshots, notes and decision.

``{"format": "ses-decider/person", "version": 2, "person": name, "uid": ..., "current": {...},
"mentor": {...}, "snapshots": [{"uid", "taken_at", "label", ...}], "notes": [...], "decision": {...},
"review_on": ...}``, checked once against ``resources/person.schema.json``. An assessment inside it is
a body (storage/bodies.py: every factor, ``hidden``, null for not rated) with ``changed_at``, when its
content last changed, so an import can tell an older file from a newer one. Version 1 files (no
``changed_at``, no nulls) still read; their ``exported_at`` stands in for ``changed_at``.

This module only reads and writes the format; `ses_decider.ops.imports` decides what an import changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ses_decider.core.model import Assessment, check_iso_date
from ses_decider.core.records import MENTOR, SELF, Decision
from ses_decider.storage.bodies import BodyReader, assessment_body, strip_envelope
from ses_decider.storage.errors import FormatError, check_text
from ses_decider.storage.exchange import check_format_header, validate, write_json_atomically
from ses_decider.storage.repository import Repository

PERSON_FORMAT = "ses-decider/person"
PERSON_VERSION = 2  # the version this app writes; it reads 1 and 2


@dataclass(frozen=True)
class FileSnapshot:
    uid: str
    taken_at: str
    label: str
    assessment: Assessment
    body: dict[str, Any]  # as assessment_body() writes it: compare bodies to find "the same"


@dataclass(frozen=True)
class ParsedPerson:
    """A whole person file, checked; nothing has been written."""

    name: str
    uid: str
    created_at: str | None
    exported_at: str | None
    current: Assessment
    current_changed_at: str | None
    mentor: Assessment | None
    mentor_changed_at: str | None
    snapshots: list[FileSnapshot]
    notes: list[tuple[str, str, str]]  # factor id, text, updated_at
    decision: Decision | None
    review_on: str | None
    parts: dict[str, Any] = field(default_factory=dict)  # section key -> what its parse returned


# Export -----------------------------------------------------------------------------------------
def person_to_data(repo: Repository, person_id: int) -> dict[str, Any]:
    """Everything about a person as a person file (one query per kind of row)."""
    person = repo.people.get(person_id)
    data: dict[str, Any] = {
        "format": PERSON_FORMAT,
        "version": PERSON_VERSION,
        "person": person.name,
        "uid": person.uid,
        "created_at": person.created_at,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "current": _view(repo, person_id, SELF),
    }
    if repo.assessments.has(person_id, MENTOR):
        data["mentor"] = _view(repo, person_id, MENTOR)
    data["snapshots"] = [
        {"uid": s.uid, "taken_at": s.taken_at, "label": s.label, **body}
        for s, body in repo.snapshots.bodies(person_id)
    ]
    data["notes"] = [
        {"factor_id": n.factor_id, "text": n.text, "updated_at": n.updated_at}
        for n in repo.notes.of(person_id).values()
    ]
    decision = repo.decisions.get(person_id)
    data["decision"] = None
    if decision is not None:
        data["decision"] = {
            "choice": decision.choice.value,
            "decided_on": decision.decided_on,
            "outcome": decision.outcome,
            "outcome_on": decision.outcome_on,
            "updated_at": decision.updated_at,
        }
    data["review_on"] = person.review_on
    from ses_decider.storage.person_sections import sections

    for section in sections():  # the parts features add (storage/person_sections.py)
        value = section.export(repo, person_id)
        if value is not None:
            data[section.key] = value
    return data


def _view(repo: Repository, person_id: int, role: str) -> dict[str, Any]:
    body = assessment_body(repo.assessments.load(person_id, role))
    body["changed_at"] = repo.assessments.changed_at(person_id, role)
    return body


def export_person_file(repo: Repository, person_id: int, path: str | Path) -> None:
    write_json_atomically(path, person_to_data(repo, person_id))


# Import -----------------------------------------------------------------------------------------
def _body(section: dict[str, Any], where: str, reader: BodyReader | None = None):
    """The assessment in a section of the file, and its body as written back."""
    data = {k: v for k, v in strip_envelope(section).items() if k != "changed_at"}
    return (reader or BodyReader()).read(data, where)


def check_version(data: Any) -> None:
    """A file from a newer app says so in one line, before the schema gets to it."""
    if isinstance(data, dict) and isinstance(data.get("version"), int) and data["version"] > 2:
        raise FormatError(
            f"this person file was written by a newer version of SES Decider (file version "
            f"{data['version']}; this app reads versions 1 and {PERSON_VERSION}): update the app"
        )


def parse_person_data(data: Any) -> ParsedPerson:
    """Check a whole person file once; nothing is written. Raises FormatError naming the field."""
    check_format_header(data, PERSON_FORMAT)
    check_version(data)
    validate(data, "person.schema.json")
    check_text(data["person"], "person")
    exported_at = data.get("exported_at")
    reader = BodyReader()  # each distinct factor item, fit and readiness checked once
    current = _body(data["current"], "current", reader)[0]
    mentor = _body(data["mentor"], "mentor", reader)[0] if "mentor" in data else None
    snapshots = []
    seen: set[str] = set()
    for index, item in enumerate(data.get("snapshots", [])):
        where = f"snapshots[{index}]"
        if item["uid"] in seen:
            raise FormatError(f"field {where}.uid: {item['uid']!r} appears more than once")
        seen.add(item["uid"])
        check_text(item.get("label"), f"{where}.label")
        assessment, body = _body(item, where, reader)
        snapshots.append(
            FileSnapshot(item["uid"], item["taken_at"], item.get("label", ""), assessment, body)
        )
    notes = []
    noted: set[str] = set()
    for index, item in enumerate(data.get("notes", [])):
        if item["factor_id"] in noted:
            raise FormatError(
                f"field notes[{index}].factor_id: {item['factor_id']!r} appears more than once"
            )
        noted.add(item["factor_id"])
        check_text(item["text"], f"notes[{index}].text")
        notes.append((item["factor_id"], item["text"], item.get("updated_at", "")))
    from ses_decider.storage.person_sections import sections

    parts = {s.key: s.parse(data[s.key]) for s in sections() if data.get(s.key) is not None}
    try:
        check_iso_date(data.get("review_on"), "review date")
    except ValueError as exc:
        raise FormatError(f"field review_on: {exc}") from None
    return ParsedPerson(
        name=data["person"].strip(),
        uid=data["uid"],
        created_at=data.get("created_at"),
        exported_at=exported_at,
        current=current,
        current_changed_at=data["current"].get("changed_at") or exported_at,
        mentor=mentor,
        mentor_changed_at=(data["mentor"].get("changed_at") or exported_at) if mentor else None,
        snapshots=snapshots,
        notes=notes,
        decision=_decision(data.get("decision")),
        review_on=data.get("review_on"),
        parts=parts,
    )


def _decision(d: dict[str, Any] | None) -> Decision | None:
    if d is None:
        return None
    check_text(d.get("outcome"), "decision.outcome")
    try:
        return Decision(
            d["choice"],
            d["decided_on"],
            d.get("outcome", ""),
            d.get("outcome_on"),
            d.get("updated_at", ""),
        )
    except ValueError as exc:
        raise FormatError(f"field decision: {exc}") from None
