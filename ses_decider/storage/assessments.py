"""A person's current assessment (and the mentor's view of them): one row in ``assessments`` plus a
row per factor in ``ratings``, the fit and readiness rows and the other paths' rows. Each save replaces them atomically."""

from __future__ import annotations

from ses_decider.core.content import catalogue
from ses_decider.core.model import Assessment, Certainty, Factor, Rating, Thresholds, Verdict
from ses_decider.core.records import SELF
from ses_decider.storage.connection import Database
from ses_decider.storage.path_rows import load_paths, save_paths
from ses_decider.storage.people import now_iso
from ses_decider.storage.readiness_rows import load_fit, load_readiness, save_fit_and_readiness


class AssessmentStore:
    def __init__(self, db: Database):
        self.db = db

    def _id(self, person_id: int, role: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM assessments WHERE person_id = ? AND role = ?", [person_id, role]
        ).fetchone()
        return row[0] if row else None

    def has(self, person_id: int, role: str = SELF) -> bool:
        return self._id(person_id, role) is not None

    def changed_at(self, person_id: int, role: str = SELF) -> str | None:
        """When this view last changed (UTC, ISO 8601), or None if there is none."""
        row = self.db.execute(
            "SELECT updated_at FROM assessments WHERE person_id = ? AND role = ?", [person_id, role]
        ).fetchone()
        return row[0] if row else None

    def save(
        self,
        person_id: int,
        assessment: Assessment,
        role: str = SELF,
        *,
        changed_at: str | None = None,
    ) -> None:
        """Store the assessment as the person's current one (replacing the previous) atomically.

        ``changed_at`` is when its content last changed: now for an edit, the file's own time for
        an import, so that an older file can be told from a newer one later.
        """
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
                    changed_at or now_iso(),
                ],
            )
            assessment_id = self._id(person_id, role)
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
            save_paths(self.db, assessment_id, assessment)

    def load(self, person_id: int, role: str = SELF) -> Assessment:
        """The stored view; every default factor is present (those never stored: not rated)."""
        rows = list(
            self.db.query(
                """SELECT id, go_threshold, no_go_threshold, gut_before, gut_after, method
                   FROM assessments WHERE person_id = ? AND role = ?""",
                [person_id, role],
            )
        )
        if not rows:
            raise KeyError((person_id, role))
        head = rows[0]
        defaults = {f.id: f for f in catalogue().factors}
        factors: list[Factor] = []
        ratings: dict[str, Rating] = {}
        hidden: set[str] = set()
        for row in self.db.query(
            """SELECT factor_id, weight, lean, dealbreaker, hidden, certainty, note,
                      custom, title, pro, con
               FROM ratings WHERE assessment_id = ? ORDER BY position""",
            [head["id"]],
        ):
            fid = row["factor_id"]
            if row["custom"]:
                factor = Factor(fid, row["title"], row["pro"], row["con"], custom=True)
            elif fid in defaults:
                factor = defaults[fid]
            else:
                continue  # a default retired from the catalogue: nothing to show it with
            factors.append(factor)
            ratings[fid] = Rating(
                row["weight"],
                row["lean"],
                bool(row["dealbreaker"]),
                row["note"],
                Certainty(row["certainty"]),
            )
            if row["hidden"]:
                hidden.add(fid)
        for fid, factor in defaults.items():
            if fid not in ratings:
                factors.append(factor)
                ratings[fid] = Rating()
        return Assessment(
            factors=factors,
            ratings=ratings,
            hidden=hidden,
            thresholds=Thresholds(go=head["go_threshold"], no_go=head["no_go_threshold"]),
            gut_before=Verdict(head["gut_before"]) if head["gut_before"] else None,
            gut_after=Verdict(head["gut_after"]) if head["gut_after"] else None,
            method=head["method"],
            fit=load_fit(self.db, head["id"]),
            readiness=load_readiness(self.db, head["id"]),
            paths=load_paths(self.db, head["id"]),
        )

    def delete(self, person_id: int, role: str) -> None:
        """Forget one view (the mentor's, say); its ratings and readiness go with it (cascade)."""
        with self.db.atomic():
            self.db.execute(
                "DELETE FROM assessments WHERE person_id = ? AND role = ?", [person_id, role]
            )
