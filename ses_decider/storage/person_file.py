"""The person file: a person's current assessment, mentor view, snapshots, notes and decision.

``{"format": "ses-decider/person", "version": 1, "person": name, "uid": ..., "current": {...},
"mentor": {...}, "snapshots": [{"uid", "taken_at", "label", ...}], "notes": [...], "decision": {...},
"review_on": ...}``, checked against ``resources/person.schema.json``. An assessment inside it has the
assessment file's fields (without format, version and person) plus ``hidden``: every factor is kept,
so a round trip is exact.

Import is all or nothing (everything is parsed before one transaction writes) and idempotent: the
person and each snapshot keep their uid, so importing the same file again adds nothing, and a newer
file adds only its new snapshots (and replaces the current assessment if it differs, keeping the
replaced one as a snapshot).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ses_decider.core.model import Assessment
from ses_decider.storage.exchange import (
    ASSESSMENT_FORMAT,
    FormatError,
    _check_text,
    assessment_from_data,
    assessment_to_data,
    check_format_header,
    read_json_file,
    validate,
)
from ses_decider.storage.people import Choice, Decision

if TYPE_CHECKING:
    from ses_decider.storage.repository import Repository

PERSON_FORMAT = "ses-decider/person"
BEFORE_IMPORT = "before import"
_ENVELOPE = ("format", "version", "person", "exported_at")


@dataclass(frozen=True)
class PersonImport:
    """What an import did, with one sentence for the user."""

    person_id: int
    name: str
    created: bool
    snapshots_added: int
    current_replaced: bool
    mentor_replaced: bool
    notes_changed: int
    decision_changed: bool
    review_on_changed: bool
    message: str

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.snapshots_added
            or self.current_replaced
            or self.mentor_replaced
            or self.notes_changed
            or self.decision_changed
            or self.review_on_changed
        )


# Assessments inside the file ------------------------------------------------------------------
def assessment_body(assessment: Assessment) -> dict[str, Any]:
    """An assessment as the person file holds it: every factor, with ``hidden`` listing some."""
    everything = assessment.copy()
    everything.hidden = set()
    data = assessment_to_data(everything)
    for key in _ENVELOPE:
        data.pop(key, None)
    data["hidden"] = sorted(assessment.hidden)
    return data


def body_to_assessment(body: dict[str, Any], where: str) -> Assessment:
    """Parse an assessment of the person file; errors name the field from the file's top."""
    data = {k: v for k, v in body.items() if k not in ("hidden", "updated_at", "uid", "taken_at")}
    data.pop("label", None)
    data.update(format=ASSESSMENT_FORMAT, version=1)
    try:
        _, assessment = assessment_from_data(data)
    except FormatError as exc:
        text = str(exc)
        if text.startswith("field "):
            text = f"field {where}.{text[len('field ') :]}"
        else:
            text = f"{where}: {text}"
        raise FormatError(text) from None
    known = {f.id for f in assessment.factors}
    for index, factor_id in enumerate(body.get("hidden", [])):
        if factor_id not in known:
            raise FormatError(f"field {where}.hidden[{index}]: unknown factor id {factor_id!r}")
    assessment.hidden |= set(body.get("hidden", []))
    return assessment


def _stored_snapshot_body(text: str) -> dict[str, Any]:
    data = json.loads(text)
    for key in _ENVELOPE:
        data.pop(key, None)
    data.setdefault("hidden", [])
    return data


# Export ---------------------------------------------------------------------------------------
def person_to_data(repo: Repository, person_id: int) -> dict[str, Any]:
    """Everything about a person as a person file (one query per kind of row)."""
    from ses_decider.storage.repository import MENTOR

    person = repo.person(person_id)
    data: dict[str, Any] = {
        "format": PERSON_FORMAT,
        "version": 1,
        "person": person.name,
        "uid": person.uid,
        "created_at": person.created_at,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "current": assessment_body(repo.load_assessment(person_id)),
    }
    if repo.has_assessment(person_id, MENTOR):
        data["mentor"] = assessment_body(repo.load_assessment(person_id, MENTOR))
    rows = repo.db.execute(
        """SELECT uid, taken_at, label, data FROM snapshots
           WHERE person_id = ? ORDER BY taken_at, id""",
        [person_id],
    ).fetchall()
    data["snapshots"] = [
        {"uid": uid, "taken_at": taken_at, "label": label, **_stored_snapshot_body(text)}
        for uid, taken_at, label, text in rows
    ]
    data["notes"] = [
        {"factor_id": n.factor_id, "text": n.text, "updated_at": n.updated_at}
        for n in repo.notes(person_id).values()
    ]
    decision = repo.decision(person_id)
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
    return data


def export_person_file(repo: Repository, person_id: int, path: str | Path) -> None:
    from ses_decider.storage.exchange import write_json_atomically

    write_json_atomically(path, person_to_data(repo, person_id))


# Import ---------------------------------------------------------------------------------------
@dataclass
class _Parsed:
    name: str
    uid: str
    created_at: str | None
    current: Assessment
    mentor: Assessment | None
    snapshots: list[tuple[str, str, str, Assessment]]  # uid, taken_at, label, assessment
    notes: list[tuple[str, str, str]]  # factor id, text, updated_at
    decision: Decision | None
    review_on: str | None


def parse_person_data(data: Any) -> _Parsed:
    """Check a whole person file; nothing is written. Raises FormatError naming the field."""
    check_format_header(data, PERSON_FORMAT)
    validate(data, "person.schema.json")
    _check_text(data["person"], "person")
    current = body_to_assessment(data["current"], "current")
    mentor = body_to_assessment(data["mentor"], "mentor") if "mentor" in data else None
    snapshots = []
    seen: set[str] = set()
    for index, item in enumerate(data.get("snapshots", [])):
        where = f"snapshots[{index}]"
        if item["uid"] in seen:
            raise FormatError(f"field {where}.uid: {item['uid']!r} appears more than once")
        seen.add(item["uid"])
        _check_text(item.get("label"), f"{where}.label")
        snapshots.append(
            (item["uid"], item["taken_at"], item.get("label", ""), body_to_assessment(item, where))
        )
    notes = []
    noted: set[str] = set()
    for index, item in enumerate(data.get("notes", [])):
        if item["factor_id"] in noted:
            raise FormatError(
                f"field notes[{index}].factor_id: {item['factor_id']!r} appears more than once"
            )
        noted.add(item["factor_id"])
        _check_text(item["text"], f"notes[{index}].text")
        notes.append((item["factor_id"], item["text"], item.get("updated_at", "")))
    decision = None
    if data.get("decision") is not None:
        d = data["decision"]
        _check_text(d.get("outcome"), "decision.outcome")
        decision = Decision(
            Choice(d["choice"]),
            d["decided_on"],
            d.get("outcome", ""),
            d.get("outcome_on"),
            d.get("updated_at", ""),
        )
    return _Parsed(
        name=data["person"].strip(),
        uid=data["uid"],
        created_at=data.get("created_at"),
        current=current,
        mentor=mentor,
        snapshots=snapshots,
        notes=notes,
        decision=decision,
        review_on=data.get("review_on"),
    )


def _same(a: Assessment, b: Assessment) -> bool:
    return assessment_body(a) == assessment_body(b)


def _existing_uids(repo: Repository, uids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in repo.db.execute(f"SELECT uid FROM snapshots WHERE uid IN ({marks})", chunk)
        )
    return found


def import_person(repo: Repository, data: Any) -> PersonImport:
    """Bring a person file into the database in one transaction; see the module docstring.

    The person is found by uid, else by name (keeping the local uid and name), else created with
    the file's uid. Notes and the decision are taken from the file when new or more recently
    updated; a review-on date in the file replaces the local one.
    """
    from ses_decider.storage.repository import MENTOR

    parsed = parse_person_data(data)
    created = current_replaced = mentor_replaced = decision_changed = review_changed = False
    notes_changed = 0
    from ses_decider.storage.safety import write_transaction

    with write_transaction(repo.db):  # reads then writes: take the write lock first
        person = repo.person_by_uid(parsed.uid) or repo.person_by_name(parsed.name)
        if person is None:
            person = repo.create_person(parsed.name, parsed.current, uid=parsed.uid)
            created = True
            if parsed.created_at:
                repo.db.execute(
                    "UPDATE people SET created_at = ? WHERE id = ?", [parsed.created_at, person.id]
                )
        else:
            local = repo.load_assessment(person.id)
            if not _same(local, parsed.current):
                repo.take_snapshot(person.id, local, BEFORE_IMPORT)
                repo.save_assessment(person.id, parsed.current)
                current_replaced = True
        if parsed.mentor is not None and not (
            repo.has_assessment(person.id, MENTOR)
            and _same(repo.load_assessment(person.id, MENTOR), parsed.mentor)
        ):
            repo.save_assessment(person.id, parsed.mentor, MENTOR)
            mentor_replaced = not created
        known = _existing_uids(repo, [uid for uid, *_ in parsed.snapshots])
        added = 0
        for uid, taken_at, label, assessment in parsed.snapshots:
            if uid not in known:
                repo.take_snapshot(person.id, assessment, label, taken_at=taken_at, uid=uid)
                added += 1
        local_notes = repo.notes(person.id)
        for factor_id, text, updated_at in parsed.notes:
            mine = local_notes.get(factor_id)
            if mine is None or (mine.text != text and updated_at > mine.updated_at):
                repo.set_note(person.id, factor_id, text, updated_at=updated_at or None)
                notes_changed += 1
        if parsed.decision is not None:
            mine_d = repo.decision(person.id)
            if mine_d is None or (
                mine_d != parsed.decision and parsed.decision.updated_at > mine_d.updated_at
            ):
                repo.set_decision(person.id, parsed.decision)
                decision_changed = True
        if parsed.review_on is not None and parsed.review_on != person.review_on:
            repo.set_review_on(person.id, parsed.review_on)
            review_changed = True
    outcome = PersonImport(
        person.id,
        person.name,
        created,
        added,
        current_replaced,
        mentor_replaced,
        notes_changed,
        decision_changed,
        review_changed,
        "",
    )
    return _with_message(outcome)


def _with_message(o: PersonImport) -> PersonImport:
    from dataclasses import replace

    if o.created:
        text = f"Imported {o.name} as a new person with {o.snapshots_added} snapshot(s)."
    elif not o.changed:
        text = f"{o.name} already has everything in this file; nothing changed."
    else:
        parts = []
        if o.snapshots_added:
            parts.append(f"{o.snapshots_added} new snapshot(s)")
        if o.current_replaced:
            parts.append("a new current assessment (the previous one is kept as a snapshot)")
        if o.mentor_replaced:
            parts.append("the mentor's view")
        if o.notes_changed:
            parts.append(f"{o.notes_changed} note(s)")
        if o.decision_changed:
            parts.append("the final decision")
        if o.review_on_changed:
            parts.append("the review date")
        text = f"Updated {o.name}: " + ", ".join(parts) + "."
    return replace(o, message=text)


def import_file(repo_factory, path: str | Path) -> str:
    """Import an assessment file or a person file (by its "format"); returns one sentence.

    The file is read and checked before ``repo_factory()`` opens the database.
    """
    from ses_decider.storage.transfer import import_assessment

    data = read_json_file(path)
    if isinstance(data, dict) and data.get("format") == PERSON_FORMAT:
        parse_person_data(data)  # check everything before touching the database
        return import_person(repo_factory(), data).message
    person_name, assessment = assessment_from_data(data)
    return import_assessment(repo_factory(), person_name, assessment)
