"""Snapshots: a frozen body of the assessment (JSON) plus the columns the timeline needs, so the
timeline is one indexed query and old snapshots never change shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ses_decider.core.model import Assessment
from ses_decider.core.records import Snapshot
from ses_decider.core.scoring import evaluate
from ses_decider.storage.bodies import assessment_body, assessment_from_body, strip_envelope
from ses_decider.storage.connection import Database
from ses_decider.storage.people import new_uid, now_iso

_COLUMNS = "id, uid, person_id, taken_at, label, score, verdict, want, ready"
_CHUNK = 500  # SQLite allows 999 parameters in older builds


@dataclass(frozen=True)
class NewSnapshot:
    """A snapshot to add: the assessment, and its body when the caller has it already."""

    assessment: Assessment
    label: str = ""
    taken_at: str | None = None
    uid: str | None = None
    body: dict[str, Any] | None = None  # as assessment_body() writes it


class _Columns:
    """The timeline's columns for many snapshots: the same content is evaluated once, and the same
    fit answers and readiness are scored once (with the core's own rules, as `readiness.axes`,
    "Am I ready?" with the person's story bank as it is now)."""

    def __init__(self, evidence=None) -> None:
        self._evidence = evidence
        self._by_data: dict[str, tuple] = {}
        self._fit: dict[str, float | None] = {}
        self._ready: dict[str, float | None] = {}

    def of(self, assessment: Assessment, body: dict[str, Any], data: str) -> tuple:
        from ses_decider.core.readiness import fit_score, ready_score, want_score  # not at start

        found = self._by_data.get(data)
        if found is None:
            evaluation = evaluate(assessment)
            fit_key, ready_key = repr(body.get("fit")), repr(body.get("readiness"))
            if fit_key not in self._fit:
                self._fit[fit_key] = fit_score(assessment.fit)
            if ready_key not in self._ready:
                state = assessment.readiness
                self._ready[ready_key] = (
                    None if state is None else ready_score(state, self._evidence)
                )
            want = want_score(evaluation.score, self._fit[fit_key], bool(evaluation.dealbreakers))
            found = (evaluation.score, evaluation.verdict.value, want, self._ready[ready_key])
            self._by_data[data] = found
        return found


class SnapshotStore:
    def __init__(self, db: Database):
        self.db = db

    def take(
        self,
        person_id: int,
        assessment: Assessment,
        label: str = "",
        *,
        taken_at: str | None = None,
        uid: str | None = None,
    ) -> Snapshot:
        """Freeze the assessment with a label; returns what the timeline shows of it."""
        return self.add_many(
            person_id, [NewSnapshot(assessment, label, taken_at=taken_at, uid=uid)]
        )[0]

    def add_many(self, person_id: int, new: list[NewSnapshot]) -> list[Snapshot]:
        """Add snapshots in one statement (an import brings thousands); returns them in order.

        Each one's timeline columns (score, verdict, want, ready) are computed once, and once for
        all snapshots with the same content.
        """
        from ses_decider.storage.applying import ApplyingStore

        columns = _Columns(ApplyingStore(self.db).evidence(person_id))
        rows = []
        for snap in new:
            body = snap.body if snap.body is not None else assessment_body(snap.assessment)
            data = json.dumps(body, ensure_ascii=False)
            score, verdict, want, ready = columns.of(snap.assessment, body, data)
            rows.append(
                {
                    "uid": snap.uid or new_uid(),
                    "person_id": person_id,
                    "taken_at": snap.taken_at or now_iso(),
                    "label": snap.label.strip(),
                    "score": score,
                    "verdict": verdict,
                    "want": want,
                    "ready": ready,
                    "data": data,
                }
            )
        with self.db.atomic():
            before = self.db.execute("SELECT coalesce(max(id), 0) FROM snapshots").fetchone()[0]
            self.db.conn.executemany(
                """INSERT INTO snapshots
                     (uid, person_id, taken_at, label, score, verdict, data, want, ready)
                   VALUES
                     (:uid, :person_id, :taken_at, :label, :score, :verdict, :data, :want, :ready)""",
                rows,
            )
            ids = {
                uid: sid
                for uid, sid in self.db.execute(
                    "SELECT uid, id FROM snapshots WHERE person_id = ? AND id > ?",
                    [person_id, before],
                )
            }
        return [
            Snapshot(id=ids[row["uid"]], **{k: v for k, v in row.items() if k != "data"})
            for row in rows
        ]

    def list(self, person_id: int) -> list[Snapshot]:
        """The person's snapshots, oldest first, in one indexed query."""
        return [
            Snapshot(**row)
            for row in self.db.query(
                f"SELECT {_COLUMNS} FROM snapshots WHERE person_id = ? ORDER BY taken_at, id",
                [person_id],
            )
        ]

    def get(self, snapshot_id: int) -> Snapshot:
        rows = list(self.db.query(f"SELECT {_COLUMNS} FROM snapshots WHERE id = ?", [snapshot_id]))
        if not rows:
            raise KeyError(snapshot_id)
        return Snapshot(**rows[0])

    def by_uid(self, uid: str) -> Snapshot | None:
        rows = list(self.db.query(f"SELECT {_COLUMNS} FROM snapshots WHERE uid = ?", [uid]))
        return Snapshot(**rows[0]) if rows else None

    def body(self, snapshot_id: int) -> dict[str, Any]:
        """The snapshot's stored assessment as a body (see storage/bodies.py)."""
        row = self.db.execute("SELECT data FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
        if row is None:
            raise KeyError(snapshot_id)
        return strip_envelope(json.loads(row[0]))

    def load(self, snapshot_id: int) -> Assessment:
        return assessment_from_body(self.body(snapshot_id))

    def bodies(self, person_id: int) -> list[tuple[Snapshot, dict[str, Any]]]:
        """Every snapshot of a person with its body, oldest first, in one query."""
        return [
            (
                Snapshot(**{k: row[k] for k in row if k != "data"}),
                strip_envelope(json.loads(row["data"])),
            )
            for row in self.db.query(
                f"""SELECT {_COLUMNS}, data FROM snapshots WHERE person_id = ?
                    ORDER BY taken_at, id""",
                [person_id],
            )
        ]

    def owners(self, uids: list[str]) -> dict[str, int]:
        """Which person each of these snapshot uids already belongs to (uid -> person id)."""
        found: dict[str, int] = {}
        for start in range(0, len(uids), _CHUNK):
            chunk = uids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.execute(
                    f"SELECT uid, person_id FROM snapshots WHERE uid IN ({marks})", chunk
                ).fetchall()
            )
        return found

    def set_label(self, snapshot_id: int, label: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE snapshots SET label = ? WHERE id = ?", [label.strip(), snapshot_id]
            )

    def delete(self, snapshot_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM snapshots WHERE id = ?", [snapshot_id])

    def count(self, person_id: int) -> int:
        return self.db.execute(
            "SELECT count(*) FROM snapshots WHERE person_id = ?", [person_id]
        ).fetchone()[0]
