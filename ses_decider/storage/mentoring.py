"""Mentoring sessions and agreed actions per person, the desk's bulk reads, and their part of the
person file (``"mentoring": {"sessions": [...], "actions": [...]}``, merged by record id)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ses_decider.core.mentoring import (
    AgendaItem,
    AgreedAction,
    MentoringSession,
    ScorePoint,
    action_from_dict,
    record_to_dict,
    session_from_dict,
)
from ses_decider.core.model import Verdict
from ses_decider.storage.connection import Database
from ses_decider.storage.errors import FormatError, check_text
from ses_decider.storage.person_sections import PersonSection, register

if TYPE_CHECKING:
    from ses_decider.storage.repository import Repository

KEY = "mentoring"
_SESSION_COLUMNS = "id, held_on, agenda, notes, score, verdict, updated_at"
_ACTION_COLUMNS = "id, session_id, what, who, due, done, updated_at"
_CHUNK = 500


def _session(row: dict[str, Any]) -> MentoringSession:
    agenda = tuple(AgendaItem(**item) for item in json.loads(row.pop("agenda")))
    return MentoringSession(agenda=agenda, **row)


def _action(row: dict[str, Any]) -> AgreedAction:
    row["done"] = bool(row["done"])
    return AgreedAction(**row)


class MentoringStore:
    """Rows of ``mentoring_sessions`` and ``agreed_actions``; each method one statement or one
    transaction."""

    def __init__(self, db: Database):
        self.db = db

    # Reading ----------------------------------------------------------------------------------
    def sessions(self, person_id: int) -> list[MentoringSession]:
        """The person's sessions, oldest first."""
        return [
            _session(row)
            for row in self.db.query(
                f"""SELECT {_SESSION_COLUMNS} FROM mentoring_sessions WHERE person_id = ?
                    ORDER BY held_on, updated_at""",
                [person_id],
            )
        ]

    def actions(self, person_id: int) -> list[AgreedAction]:
        """The person's agreed actions: by due date (undated last), then as agreed."""
        return [
            _action(row)
            for row in self.db.query(
                f"""SELECT {_ACTION_COLUMNS} FROM agreed_actions WHERE person_id = ?
                    ORDER BY due IS NULL, due, rowid""",
                [person_id],
            )
        ]

    def session(self, session_id: str) -> tuple[int, MentoringSession] | None:
        """(person id, session), or None."""
        rows = list(
            self.db.query(
                f"SELECT person_id, {_SESSION_COLUMNS} FROM mentoring_sessions WHERE id = ?",
                [session_id],
            )
        )
        if not rows:
            return None
        row = rows[0]
        return row.pop("person_id"), _session(row)

    def action(self, action_id: str) -> tuple[int, AgreedAction] | None:
        rows = list(
            self.db.query(
                f"SELECT person_id, {_ACTION_COLUMNS} FROM agreed_actions WHERE id = ?",
                [action_id],
            )
        )
        if not rows:
            return None
        row = rows[0]
        return row.pop("person_id"), _action(row)

    def owners(self, table: str, ids: list[str]) -> dict[str, int]:
        """Which person each of these record ids already belongs to (id -> person id)."""
        if table not in ("mentoring_sessions", "agreed_actions"):
            raise ValueError(table)
        found: dict[str, int] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.execute(
                    f"SELECT id, person_id FROM {table} WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        return found

    # The desk: everyone at once, in one query per kind of row ---------------------------------
    def all_sessions(self) -> dict[int, list[MentoringSession]]:
        out: dict[int, list[MentoringSession]] = defaultdict(list)
        for row in self.db.query(
            f"""SELECT person_id, {_SESSION_COLUMNS} FROM mentoring_sessions
                ORDER BY person_id, held_on, updated_at"""
        ):
            out[row.pop("person_id")].append(_session(row))
        return out

    def all_actions(self) -> dict[int, list[AgreedAction]]:
        out: dict[int, list[AgreedAction]] = defaultdict(list)
        for row in self.db.query(
            f"""SELECT person_id, {_ACTION_COLUMNS} FROM agreed_actions
                ORDER BY person_id, due IS NULL, due, rowid"""
        ):
            out[row.pop("person_id")].append(_action(row))
        return out

    def all_score_points(self) -> dict[int, list[ScorePoint]]:
        """Every snapshot's score and verdict, by person, oldest first: the columns the timeline
        keeps, so no snapshot body is read."""
        out: dict[int, list[ScorePoint]] = defaultdict(list)
        verdicts = {v.value: v for v in Verdict}
        rows = self.db.execute(
            """SELECT person_id, taken_at, score, verdict FROM snapshots INDEXED BY snapshots_scores
               ORDER BY person_id, taken_at, id"""
        )
        for person_id, taken_at, score, verdict in rows:
            out[person_id].append(ScorePoint(taken_at, score, verdicts[verdict]))
        return out

    def score_points(self, person_id: int) -> list[ScorePoint]:
        verdicts = {v.value: v for v in Verdict}
        return [
            ScorePoint(taken_at, score, verdicts[verdict])
            for taken_at, score, verdict in self.db.execute(
                """SELECT taken_at, score, verdict FROM snapshots WHERE person_id = ?
                   ORDER BY taken_at, id""",
                [person_id],
            )
        ]

    # Writing ----------------------------------------------------------------------------------
    def put_session(self, person_id: int, session: MentoringSession) -> None:
        """Store a session as it is (its id and updated_at included), replacing a stored copy."""
        row = record_to_dict(session)
        row["agenda"] = json.dumps(row["agenda"], ensure_ascii=False)
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO mentoring_sessions
                     (id, person_id, held_on, agenda, notes, score, verdict, updated_at)
                   VALUES (:id, :person_id, :held_on, :agenda, :notes, :score, :verdict,
                           :updated_at)
                   ON CONFLICT (id) DO UPDATE SET
                     held_on = excluded.held_on, agenda = excluded.agenda,
                     notes = excluded.notes, score = excluded.score,
                     verdict = excluded.verdict, updated_at = excluded.updated_at
                   WHERE mentoring_sessions.person_id = excluded.person_id""",
                row | {"person_id": person_id},
            )

    def put_action(self, person_id: int, action: AgreedAction) -> None:
        """Store an action as it is, replacing a stored copy. Its session must be the person's."""
        owner = self.session(action.session_id)
        if owner is None or owner[0] != person_id:
            raise KeyError(action.session_id)
        row = record_to_dict(action) | {"person_id": person_id}
        row["done"] = int(row["done"])
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO agreed_actions
                     (id, person_id, session_id, what, who, due, done, updated_at)
                   VALUES (:id, :person_id, :session_id, :what, :who, :due, :done, :updated_at)
                   ON CONFLICT (id) DO UPDATE SET
                     session_id = excluded.session_id, what = excluded.what,
                     who = excluded.who, due = excluded.due, done = excluded.done,
                     updated_at = excluded.updated_at
                   WHERE agreed_actions.person_id = excluded.person_id""",
                row,
            )

    def delete_session(self, session_id: str) -> None:
        """Remove a session and the actions it agreed (cascade)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM mentoring_sessions WHERE id = ?", [session_id])

    def delete_action(self, action_id: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM agreed_actions WHERE id = ?", [action_id])


# The person file's "mentoring" part ------------------------------------------------------------
def export_part(repo: Repository, person_id: int) -> dict[str, Any] | None:
    sessions = repo.mentoring.sessions(person_id)
    if not sessions:
        return None
    return {
        "sessions": [record_to_dict(s) for s in sessions],
        "actions": [record_to_dict(a) for a in repo.mentoring.actions(person_id)],
    }


def _where(message: str) -> str:
    """A field named from the part's top ("sessions[0].held_on") named from the file's top."""
    head, sep, rest = message.partition("field ")
    if head or not sep:
        return f"field {KEY}: {message}"
    field_name, colon, text = rest.partition(":")
    if field_name == "the top level":
        return f"field {KEY}:{text}"
    return f"field {KEY}.{field_name}{colon}{text}"


def parse_part(data: Any) -> tuple[list[MentoringSession], list[AgreedAction]]:
    """Check the part against resources/mentoring.schema.json and the records' own rules."""
    from ses_decider.storage.exchange import validate

    if not isinstance(data, dict):
        raise FormatError(f"field {KEY}: must be an object with sessions and actions")
    try:
        validate(data, "mentoring.schema.json")
    except FormatError as exc:
        raise FormatError(_where(str(exc))) from None
    sessions = _records(data.get("sessions", []), "sessions", session_from_dict)
    actions = _records(data.get("actions", []), "actions", action_from_dict)
    known = {s.id for s in sessions}
    for index, action in enumerate(actions):
        if action.session_id not in known:
            raise FormatError(
                f"field {KEY}.actions[{index}].session_id: no session {action.session_id!r} in "
                "this file"
            )
    return sessions, actions


def _records(items: list[dict[str, Any]], name: str, build) -> list:
    out, seen = [], set()
    for index, item in enumerate(items):
        where = f"{KEY}.{name}[{index}]"
        for key in ("notes", "what", "who"):
            check_text(item.get(key), f"{where}.{key}")
        for position, entry in enumerate(item.get("agenda", [])):
            check_text(entry.get("text"), f"{where}.agenda[{position}].text")
        try:
            record = build(item)
        except ValueError as exc:
            raise FormatError(f"field {where}: {exc}") from None
        if record.id in seen:
            raise FormatError(f"field {where}.id: {record.id!r} appears more than once")
        seen.add(record.id)
        out.append(record)
    return out


def _newer(theirs: str, mine: str) -> bool:
    return datetime.fromisoformat(theirs) > datetime.fromisoformat(mine)


def merge_part(
    repo: Repository,
    person_id: int,
    parsed: tuple[list[MentoringSession], list[AgreedAction]],
    file_older: bool,
) -> str | None:
    """Bring sessions and actions in by id: new ones added, a newer copy replaces an older one,
    nothing doubled. A record id that belongs to someone else stops the whole import.
    (``file_older`` plays no part: each record says itself when it last changed.)"""
    sessions, actions = parsed
    store = repo.mentoring
    for table, records, what in (
        ("mentoring_sessions", sessions, "session"),
        ("agreed_actions", actions, "agreed action"),
    ):
        owners = store.owners(table, [r.id for r in records])
        foreign = {rid: pid for rid, pid in owners.items() if pid != person_id}
        if foreign:
            rid, pid = next(iter(foreign.items()))
            raise FormatError(
                f"{what} {rid} in this file belongs to {repo.people.get(pid).name} in your "
                "database, not to the person of this file; nothing was imported"
            )
    mine_sessions = {s.id: s for s in store.sessions(person_id)}
    mine_actions = {a.id: a for a in store.actions(person_id)}
    changed_sessions = changed_actions = 0
    for session in sessions:
        local = mine_sessions.get(session.id)
        if local is None or (local != session and _newer(session.updated_at, local.updated_at)):
            store.put_session(person_id, session)
            changed_sessions += 1
    for action in actions:
        local = mine_actions.get(action.id)
        if local is None or (local != action and _newer(action.updated_at, local.updated_at)):
            store.put_action(person_id, action)
            changed_actions += 1
    words = []
    if changed_sessions:
        words.append(f"{changed_sessions} mentoring session(s)")
    if changed_actions:
        words.append(f"{changed_actions} agreed action(s)")
    return ", ".join(words) or None


SECTION = register(PersonSection(KEY, export_part, parse_part, merge_part, "SESSIONS"))
