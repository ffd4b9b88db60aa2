"""Deciding-well records per person (tables of m006_deciding), and their part of the person file.

Each record (`core/deciding_records.py`) is one row keyed by (person, record id); ``position`` keeps
the order the person made them in. In the person file they travel under ``"deciding"`` as the lists
of ``resources/deciding_records.schema.json``, merged record by record: the newer ``updated_at``
wins, a record is never stored twice, and nothing crosses from one person to another.
"""

from __future__ import annotations

import json
from typing import Any

from ses_decider.core.deciding_records import RECORD_TYPES, from_dict, merge_records, to_dict
from ses_decider.core.deciding_summary import LIST_KEYS, DecidingRecords
from ses_decider.storage.connection import Database
from ses_decider.storage.errors import FormatError, check_text
from ses_decider.storage.person_sections import PersonSection, register

TABLES: dict[str, str] = {
    "own_reason": "deciding_reasons",
    "premortem": "deciding_premortem",
    "friend_view": "deciding_friend_views",
    "experiment": "deciding_experiments",
    "journal": "deciding_journal",
}
_JSON_FIELDS = ("leans", "kept", "factor_ids", "rejected")
SECTION_KEY = "deciding"
SCHEMA = "deciding_records.schema.json"


def kind_of(record: Any) -> str:
    """The RECORD_TYPES key of a record."""
    for kind, cls in RECORD_TYPES.items():
        if isinstance(record, cls):
            return kind
    raise TypeError(f"not a deciding-well record: {record!r}")


def _row(record: Any) -> dict[str, Any]:
    row = to_dict(record)
    for name in _JSON_FIELDS:
        if name in row:
            row[name] = json.dumps(row[name], ensure_ascii=False)
    if "done" in row:
        row["done"] = int(row["done"])
    return row


def _record(kind: str, row: dict[str, Any]) -> Any:
    data = {k: v for k, v in row.items() if k not in ("person_id", "position")}
    for name in _JSON_FIELDS:
        if name in data:
            data[name] = json.loads(data[name])
    if "done" in data:
        data["done"] = bool(data["done"])
    return from_dict(kind, data)


class DecidingStore:
    """The five kinds of deciding-well record of each person."""

    def __init__(self, db: Database):
        self.db = db

    def list(self, person_id: int, kind: str) -> list[Any]:
        """The person's records of one kind, in the order they were made."""
        rows = self.db.query(
            f"SELECT * FROM {TABLES[kind]} WHERE person_id = ? ORDER BY position, id", [person_id]
        )
        return [_record(kind, row) for row in rows]

    def records(self, person_id: int) -> DecidingRecords:
        """Every record of the person, each kind in order."""
        return DecidingRecords(
            **{LIST_KEYS[kind]: tuple(self.list(person_id, kind)) for kind in TABLES}
        )

    def get(self, person_id: int, kind: str, record_id: str) -> tuple[Any, int] | None:
        """The record and its position, or None if the person has no such record."""
        rows = list(
            self.db.query(
                f"SELECT * FROM {TABLES[kind]} WHERE person_id = ? AND id = ?",
                [person_id, record_id],
            )
        )
        return (_record(kind, rows[0]), rows[0]["position"]) if rows else None

    def put(self, person_id: int, record: Any, position: int | None = None) -> int:
        """Store a record, new or changed; returns its position. A changed record keeps its place
        unless ``position`` is given; a new one goes last (or at ``position``: putting one back)."""
        kind = kind_of(record)
        table = TABLES[kind]
        if position is None:
            found = self.get(person_id, kind, record.id)
            if found is not None:
                position = found[1]
            else:
                top = self.db.execute(
                    f"SELECT max(position) FROM {table} WHERE person_id = ?", [person_id]
                ).fetchone()[0]
                position = 0 if top is None else top + 1
        row = {"person_id": person_id, "position": position, **_row(record)}
        columns = ", ".join(row)
        marks = ", ".join(f":{c}" for c in row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in ("person_id", "id"))
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})"
                f" ON CONFLICT (person_id, id) DO UPDATE SET {updates}",
                row,
            )
        return position

    def delete(self, person_id: int, kind: str, record_id: str) -> None:
        with self.db.atomic():
            self.db.execute(
                f"DELETE FROM {TABLES[kind]} WHERE person_id = ? AND id = ?",
                [person_id, record_id],
            )


# The person file's part ------------------------------------------------------------------------
def export_section(repo, person_id: int) -> dict[str, list] | None:
    """The person's records as plain lists, or None (left out of the file) when there are none."""
    records = repo.deciding.records(person_id)
    if records.empty:
        return None
    return {LIST_KEYS[kind]: [to_dict(r) for r in records.of(kind)] for kind in TABLES}


def parse_section(data: Any) -> DecidingRecords:
    """Check the part against its schema and the records' rules; FormatError names the field."""
    from ses_decider.storage.exchange import validate

    if not isinstance(data, dict):
        raise FormatError(f"field {SECTION_KEY}: must be an object")
    try:
        validate(data, SCHEMA)
    except FormatError as exc:
        text = str(exc)
        raise FormatError(
            text.replace("field ", f"field {SECTION_KEY}.", 1)
            if text.startswith("field ")
            else text
        ) from None
    lists: dict[str, tuple] = {}
    for kind, key in LIST_KEYS.items():
        seen: set[str] = set()
        records = []
        for index, item in enumerate(data.get(key, [])):
            where = f"{SECTION_KEY}.{key}[{index}]"
            _check_strings(item, where)
            try:
                record = from_dict(kind, item)
            except ValueError as exc:
                raise FormatError(f"field {where}: {exc}") from None
            if record.id in seen:
                raise FormatError(f"field {where}.id: {record.id!r} appears more than once")
            seen.add(record.id)
            records.append(record)
        lists[key] = tuple(records)
    return DecidingRecords(**lists)


def _check_strings(value: Any, where: str) -> None:
    """Every text in a record, however deep (a rejected path's why), must be storable."""
    if isinstance(value, dict):
        for name, inner in value.items():
            check_text(name, where)
            _check_strings(inner, f"{where}.{name}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _check_strings(inner, f"{where}[{index}]")
    else:
        check_text(value, where)


def merge_section(repo, person_id: int, theirs: DecidingRecords, _file_older: bool) -> str | None:
    """Bring the file's records in: new ones added, newer copies replace older ones. Stamps decide
    record by record, so an older file as a whole still brings what it has that is newer."""
    store: DecidingStore = repo.deciding
    changed = 0
    for kind in TABLES:
        mine = store.list(person_id, kind)
        by_id = {r.id: r for r in mine}
        for record in merge_records(mine, list(theirs.of(kind))):
            if by_id.get(record.id) != record:
                store.put(person_id, record)
                changed += 1
    if not changed:
        return None
    return f"{changed} deciding-well record{'s' if changed != 1 else ''}"


SECTION = register(
    PersonSection(
        key=SECTION_KEY,
        export=export_section,
        parse=parse_section,
        merge=merge_section,
        changes="DECIDING",
    )
)
