"""Snapshots: a frozen body of the assessment (JSON) plus the columns the timeline needs, so the
timeline is one indexed query and old snapshots never change shape."""

from __future__ import annotations

import json
import uuid
from typing import Any

from ses_decider.core.model import Assessment
from ses_decider.core.records import Snapshot
from ses_decider.core.scoring import evaluate
from ses_decider.storage.bodies import assessment_body, assessment_from_body, strip_envelope
from ses_decider.storage.connection import Database
from ses_decider.storage.people import now_iso

_COLUMNS = "id, uid, person_id, taken_at, label, score, verdict, want, ready"
_CHUNK = 500  # SQLite allows 999 parameters in older builds


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
        from ses_decider.core.readiness import axes as readiness_axes  # not needed to start

        evaluation = evaluate(assessment)
        axes = readiness_axes(assessment, evaluation)
        row: dict[str, Any] = {
            "uid": uid or uuid.uuid4().hex,
            "person_id": person_id,
            "taken_at": taken_at or now_iso(),
            "label": label.strip(),
            "score": evaluation.score,
            "verdict": evaluation.verdict.value,
            "want": axes.want,
            "ready": axes.ready,
        }
        with self.db.atomic():
            cursor = self.db.execute(
                """INSERT INTO snapshots
                     (uid, person_id, taken_at, label, score, verdict, data, want, ready)
                   VALUES
                     (:uid, :person_id, :taken_at, :label, :score, :verdict, :data, :want, :ready)""",
                row | {"data": json.dumps(assessment_body(assessment), ensure_ascii=False)},
            )
        return Snapshot(id=cursor.lastrowid, **row)

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
