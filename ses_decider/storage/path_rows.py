"""Rows for the other paths of one assessment: ``paths`` (title, kind, order) and ``path_ratings``
(each path's lean and dealbreaker per factor; a factor with neither has no row).

Called by `AssessmentStore.save` / `load` inside their transaction, so one save of an assessment
stays atomic. All rows of the assessment are replaced on each save (they are few). A lean for a
factor the assessment no longer has (a removed factor of the person's own) is not written.
"""

from __future__ import annotations

from ses_decider.core.model import Assessment, CareerPath
from ses_decider.storage.connection import Database


def save_paths(db: Database, assessment_id: int, assessment: Assessment) -> None:
    """Store the assessment's other paths (call inside a transaction)."""
    # Deleting the path rows cascades to their leans and dealbreakers.
    db.execute("DELETE FROM paths WHERE assessment_id = ?", [assessment_id])
    db.conn.executemany(
        "INSERT INTO paths (assessment_id, path_id, position, kind, title) VALUES (?, ?, ?, ?, ?)",
        [
            (assessment_id, p.id, position, p.kind, p.title)
            for position, p in enumerate(assessment.paths)
        ],
    )
    db.conn.executemany(
        """INSERT INTO path_ratings (assessment_id, path_id, factor_id, lean, dealbreaker)
           VALUES (?, ?, ?, ?, ?)""",
        [
            (assessment_id, p.id, fid, p.leans.get(fid), int(fid in p.dealbreakers))
            for p in assessment.paths
            for fid in assessment.ratings
            if fid in p.leans or fid in p.dealbreakers
        ],
    )


def load_paths(db: Database, assessment_id: int) -> list[CareerPath]:
    """The assessment's other paths, in their order (an empty list when there are none)."""
    paths = [
        CareerPath(id=row["path_id"], title=row["title"], kind=row["kind"])
        for row in db.query(
            "SELECT path_id, title, kind FROM paths WHERE assessment_id = ? ORDER BY position",
            [assessment_id],
        )
    ]
    if not paths:
        return paths
    by_id = {p.id: p for p in paths}
    for row in db.query(
        """SELECT path_id, factor_id, lean, dealbreaker FROM path_ratings
           WHERE assessment_id = ?""",
        [assessment_id],
    ):
        path = by_id[row["path_id"]]
        if row["lean"] is not None:
            path.leans[row["factor_id"]] = row["lean"]
        if row["dealbreaker"]:
            path.dealbreakers.add(row["factor_id"])
    return paths
