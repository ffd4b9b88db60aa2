"""Rows for fit answers, readiness facts, ECQ ratings and plan items of one assessment.

Called by `Repository.save_assessment` / `load_assessment` inside their transaction, so one save of an
assessment stays atomic. Replaces all rows of the assessment on each save (they are few).
"""

from __future__ import annotations

from ses_decider.core.model import Assessment, EcqRating, PlanItem, ReadinessState
from ses_decider.storage.connection import Database


def save_fit_and_readiness(db: Database, assessment_id: int, assessment: Assessment) -> None:
    """Store the assessment's fit answers and readiness state (call inside a transaction)."""
    db.execute("DELETE FROM fit_answers WHERE assessment_id = ?", [assessment_id])
    db.conn.executemany(
        "INSERT INTO fit_answers (assessment_id, question_id, answer) VALUES (?, ?, ?)",
        [(assessment_id, qid, float(answer)) for qid, answer in assessment.fit.items()],
    )
    # Deleting the readiness row cascades to its facts, ratings and plan items.
    db.execute("DELETE FROM readiness WHERE assessment_id = ?", [assessment_id])
    state = assessment.readiness
    if state is None:
        return
    db.execute(
        "INSERT INTO readiness (assessment_id, ecq_set) VALUES (?, ?)",
        [assessment_id, state.ecq_set],
    )
    db.conn.executemany(
        "INSERT INTO readiness_facts (assessment_id, item_id, value) VALUES (?, ?, ?)",
        [(assessment_id, item_id, float(value)) for item_id, value in state.facts.items()],
    )
    db.conn.executemany(
        "INSERT INTO ecq_ratings (assessment_id, ecq_id, rating, example) VALUES (?, ?, ?, ?)",
        [(assessment_id, eid, r.rating, r.example) for eid, r in state.ecq.items()],
    )
    db.conn.executemany(
        """INSERT INTO plan_items (assessment_id, item_id, position, text, gap, target_date, done)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [
            (assessment_id, p.id, position, p.text, p.gap, p.target_date, int(p.done))
            for position, p in enumerate(state.plan)
        ],
    )


def load_fit(db: Database, assessment_id: int) -> dict[str, float]:
    rows = db.execute(
        "SELECT question_id, answer FROM fit_answers WHERE assessment_id = ? ORDER BY rowid",
        [assessment_id],
    )
    return {qid: answer for qid, answer in rows}


def load_readiness(db: Database, assessment_id: int) -> ReadinessState | None:
    """The stored readiness state, or None if the person has not started the roadmap."""
    row = db.execute(
        "SELECT ecq_set FROM readiness WHERE assessment_id = ?", [assessment_id]
    ).fetchone()
    if row is None:
        return None
    facts = {
        item_id: value
        for item_id, value in db.execute(
            "SELECT item_id, value FROM readiness_facts WHERE assessment_id = ? ORDER BY rowid",
            [assessment_id],
        )
    }
    ecq = {
        eid: EcqRating(rating, example)
        for eid, rating, example in db.execute(
            "SELECT ecq_id, rating, example FROM ecq_ratings WHERE assessment_id = ? ORDER BY rowid",
            [assessment_id],
        )
    }
    plan = [
        PlanItem(item_id, text, gap, target_date, bool(done))
        for item_id, text, gap, target_date, done in db.execute(
            """SELECT item_id, text, gap, target_date, done FROM plan_items
               WHERE assessment_id = ? ORDER BY position""",
            [assessment_id],
        )
    ]
    return ReadinessState(facts=facts, ecq_set=row[0], ecq=ecq, plan=plan)
