"""People, their assessments and snapshots: typed functions in, dataclasses out.

The only module that writes SQL for the app's data. Each multi-row change runs in one transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from ses_decider.core.content import catalogue
from ses_decider.core.model import Assessment, Certainty, Factor, Rating, Thresholds, Verdict
from ses_decider.core.readiness import axes as readiness_axes
from ses_decider.core.scoring import evaluate
from ses_decider.storage.exchange import assessment_from_data, assessment_to_data
from ses_decider.storage.people import PeopleMixin
from ses_decider.storage.readiness_rows import load_fit, load_readiness, save_fit_and_readiness

SELF = "self"
MENTOR = "mentor"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Person:
    id: int
    uid: str
    name: str
    created_at: str
    is_demo: bool = False
    review_on: str | None = None


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    uid: str
    person_id: int
    taken_at: str
    label: str
    score: float | None
    verdict: Verdict


@dataclass(frozen=True)
class AxesPoint:
    """A snapshot's place on the 2x2 ("Do I want it?" x "Am I ready?")."""

    snapshot_id: int
    taken_at: str
    label: str
    want: float
    ready: float


class NameTaken(ValueError):
    """Another person already has this name."""


class Repository(PeopleMixin):
    """Typed access to one open database."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # People ---------------------------------------------------------------------------------
    def people(self) -> list[Person]:
        rows = self.db.execute(
            "SELECT id, uid, name, created_at, is_demo, review_on FROM people ORDER BY name"
        ).fetchall()
        return [Person(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]

    def person(self, person_id: int) -> Person:
        row = self.db.execute(
            "SELECT id, uid, name, created_at, is_demo, review_on FROM people WHERE id = ?",
            [person_id],
        ).fetchone()
        if row is None:
            raise KeyError(person_id)
        return Person(row[0], row[1], row[2], row[3], bool(row[4]), row[5])

    def person_by_name(self, name: str) -> Person | None:
        row = self.db.execute("SELECT id FROM people WHERE name = ?", [name]).fetchone()
        return self.person(row[0]) if row else None

    def create_person(
        self,
        name: str,
        assessment: Assessment,
        *,
        is_demo: bool = False,
        uid: str | None = None,
    ) -> Person:
        """Add a person with a current assessment, in one transaction."""
        name = name.strip()
        if not name:
            raise ValueError("a person needs a name")
        if self.person_by_name(name):
            raise NameTaken(f"There is already a person called {name!r}.")
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO people (uid, name, created_at, is_demo) VALUES (?, ?, ?, ?)",
                [uid or uuid.uuid4().hex, name, now_iso(), int(is_demo)],
            )
            person_id = cursor.lastrowid
            self.save_assessment(person_id, assessment)
        return self.person(person_id)

    def rename_person(self, person_id: int, name: str) -> None:
        name = name.strip()
        existing = self.person_by_name(name)
        if not name:
            raise ValueError("a person needs a name")
        if existing and existing.id != person_id:
            raise NameTaken(f"There is already a person called {name!r}.")
        with self.db.atomic():
            self.db.execute(
                "UPDATE people SET name = ?, is_demo = 0 WHERE id = ?", [name, person_id]
            )

    def delete_person(self, person_id: int) -> None:
        """Remove a person with their assessments, ratings and snapshots (cascade)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM people WHERE id = ?", [person_id])

    def set_review_on(self, person_id: int, review_on: str | None) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE people SET review_on = ? WHERE id = ?", [review_on, person_id])

    # Assessments ----------------------------------------------------------------------------
    def has_assessment(self, person_id: int, role: str = SELF) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM assessments WHERE person_id = ? AND role = ?", [person_id, role]
        ).fetchone()
        return row is not None

    def save_assessment(self, person_id: int, assessment: Assessment, role: str = SELF) -> None:
        """Store the assessment as the person's current one (replacing the previous) atomically."""
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO assessments
                     (person_id, role, go_threshold, no_go_threshold, gut_before, gut_after,
                      method, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (person_id, role) DO UPDATE SET
                     go_threshold = excluded.go_threshold,
                     no_go_threshold = excluded.no_go_threshold,
                     gut_before = excluded.gut_before,
                     gut_after = excluded.gut_after,
                     method = excluded.method,
                     updated_at = excluded.updated_at""",
                [
                    person_id,
                    role,
                    assessment.thresholds.go,
                    assessment.thresholds.no_go,
                    assessment.gut_before.value if assessment.gut_before else None,
                    assessment.gut_after.value if assessment.gut_after else None,
                    assessment.method,
                    now_iso(),
                ],
            )
            assessment_id = self.db.execute(
                "SELECT id FROM assessments WHERE person_id = ? AND role = ?", [person_id, role]
            ).fetchone()[0]
            self.db.execute("DELETE FROM ratings WHERE assessment_id = ?", [assessment_id])
            self.db.conn.executemany(
                """INSERT INTO ratings (assessment_id, factor_id, position, weight, lean,
                     dealbreaker, hidden, certainty, note, custom, title, pro, con)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        assessment_id,
                        f.id,
                        position,
                        r.weight,
                        r.lean,
                        int(r.dealbreaker),
                        int(f.id in assessment.hidden),
                        r.certainty.value,
                        r.note,
                        int(f.custom),
                        f.title if f.custom else None,
                        f.pro if f.custom else None,
                        f.con if f.custom else None,
                    )
                    for position, f in enumerate(assessment.factors)
                    for r in (assessment.ratings[f.id],)
                ],
            )
            save_fit_and_readiness(self.db, assessment_id, assessment)

    def load_assessment(self, person_id: int, role: str = SELF) -> Assessment:
        """The person's current assessment; every default factor is present (new ones appended)."""
        row = self.db.execute(
            """SELECT id, go_threshold, no_go_threshold, gut_before, gut_after, method
               FROM assessments WHERE person_id = ? AND role = ?""",
            [person_id, role],
        ).fetchone()
        if row is None:
            raise KeyError((person_id, role))
        assessment_id, go, no_go, gut_before, gut_after, method = row
        defaults = {f.id: f for f in catalogue().factors}
        factors: list[Factor] = []
        ratings: dict[str, Rating] = {}
        hidden: set[str] = set()
        for (
            fid,
            weight,
            lean,
            dealbreaker,
            is_hidden,
            certainty,
            note,
            custom,
            t,
            p,
            c,
        ) in self.db.execute(
            """SELECT factor_id, weight, lean, dealbreaker, hidden, certainty, note,
                          custom, title, pro, con
                   FROM ratings WHERE assessment_id = ? ORDER BY position""",
            [assessment_id],
        ):
            if custom:
                factor = Factor(fid, t, p, c, custom=True)
            elif fid in defaults:
                factor = defaults[fid]
            else:
                continue  # a default retired from the catalogue: nothing to show it with
            factors.append(factor)
            ratings[fid] = Rating(weight, lean, bool(dealbreaker), note, Certainty(certainty))
            if is_hidden:
                hidden.add(fid)
        for fid, factor in defaults.items():
            if fid not in ratings:
                # A default added to the catalogue since this was saved: present, so the table
                # stays whole, but hidden until the person shows it, so no score moves by itself.
                factors.append(factor)
                ratings[fid] = Rating()
                hidden.add(fid)
        return Assessment(
            factors=factors,
            ratings=ratings,
            hidden=hidden,
            thresholds=Thresholds(go=go, no_go=no_go),
            gut_before=Verdict(gut_before) if gut_before else None,
            gut_after=Verdict(gut_after) if gut_after else None,
            method=method,
            fit=load_fit(self.db, assessment_id),
            readiness=load_readiness(self.db, assessment_id),
        )

    # Snapshots ------------------------------------------------------------------------------
    def take_snapshot(
        self,
        person_id: int,
        assessment: Assessment,
        label: str = "",
        *,
        taken_at: str | None = None,
        uid: str | None = None,
    ) -> SnapshotInfo:
        """Freeze the assessment with a label; returns what the timeline shows of it."""
        evaluation = evaluate(assessment)
        axes = readiness_axes(assessment, evaluation)
        # Keep hidden factors too (the interchange format leaves them out), so a restore is exact.
        everything = assessment.copy()
        everything.hidden = set()
        data = assessment_to_data(everything)
        data["hidden"] = sorted(assessment.hidden)
        info = {
            "uid": uid or uuid.uuid4().hex,
            "person_id": person_id,
            "taken_at": taken_at or now_iso(),
            "label": label.strip(),
            "score": evaluation.score,
            "verdict": evaluation.verdict.value,
            "data": json.dumps(data, ensure_ascii=False),
            "want": axes.want,
            "ready": axes.ready,
        }
        with self.db.atomic():
            cursor = self.db.execute(
                """INSERT INTO snapshots
                     (uid, person_id, taken_at, label, score, verdict, data, want, ready)
                   VALUES
                     (:uid, :person_id, :taken_at, :label, :score, :verdict, :data, :want, :ready)""",
                info,
            )
        return SnapshotInfo(
            cursor.lastrowid,
            info["uid"],
            person_id,
            info["taken_at"],
            info["label"],
            evaluation.score,
            evaluation.verdict,
        )

    def snapshots(self, person_id: int) -> list[SnapshotInfo]:
        """The person's snapshots, oldest first, in one indexed query."""
        rows = self.db.execute(
            """SELECT id, uid, person_id, taken_at, label, score, verdict FROM snapshots
               WHERE person_id = ? ORDER BY taken_at, id""",
            [person_id],
        ).fetchall()
        return [SnapshotInfo(r[0], r[1], r[2], r[3], r[4], r[5], Verdict(r[6])) for r in rows]

    def axes_history(self, person_id: int) -> list[AxesPoint]:
        """Past points for the 2x2: snapshots with both axes, oldest first, in one query."""
        rows = self.db.execute(
            """SELECT id, taken_at, label, want, ready FROM snapshots
               WHERE person_id = ? AND want IS NOT NULL AND ready IS NOT NULL
               ORDER BY taken_at, id""",
            [person_id],
        ).fetchall()
        return [AxesPoint(*row) for row in rows]

    def load_snapshot(self, snapshot_id: int) -> Assessment:
        row = self.db.execute("SELECT data FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
        if row is None:
            raise KeyError(snapshot_id)
        data = json.loads(row[0])
        hidden = set(data.pop("hidden", []))
        _, assessment = assessment_from_data(data)
        assessment.hidden |= hidden
        return assessment

    # Settings -------------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
