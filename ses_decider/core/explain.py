"""Words and numbers that explain a verdict, shared by the GUI, the CLI and the report."""

from __future__ import annotations

from typing import Any

from ses_decider.core.model import Assessment, Verdict
from ses_decider.core.scoring import Evaluation, evaluate


def fmt(value: float, signed: bool = False) -> str:
    """Numbers as people write them: 7, 6.5, +2, -1.5."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if signed and value > 0:
        text = "+" + text
    return text


NOT_RATED_YET = (
    "Rate the factors to see your verdict: set how each one lands and how much it matters."
)


def verdict_sentence(assessment: Assessment, evaluation: Evaluation | None = None) -> str:
    """One sentence a person reads under the verdict."""
    evaluation = evaluation or evaluate(assessment)
    t = assessment.thresholds
    if evaluation.dealbreakers:
        titles = ", ".join(assessment.factor(fid).title for fid in evaluation.dealbreakers)
        return f"NO-GO because of a dealbreaker: {titles} (lean -3 or lower)."
    if evaluation.verdict is Verdict.NOT_ENOUGH_INPUT:
        if not assessment.active():
            return NOT_RATED_YET
        return "Give at least one factor a weight above 0 to get a score."
    score = fmt(evaluation.score)
    if evaluation.verdict is Verdict.GO:
        return (
            f"Score {score} is at or above {fmt(t.go)}: the case for aiming at the SES is strong."
        )
    if evaluation.verdict is Verdict.NO_GO:
        return f"Score {score} is below {fmt(t.no_go)}: the cons outweigh the pros for you now."
    return f"Score {score} is between {fmt(t.no_go)} and {fmt(t.go)}: a close call."


def formula_lines(assessment: Assessment, evaluation: Evaluation | None = None) -> list[str]:
    """The formula with the person's own numbers, one line per step."""
    evaluation = evaluation or evaluate(assessment)
    active = assessment.active()
    lines = [
        "score = 50 + 10 × Σ(weight × lean) ÷ Σ(weight)",
        "Each weight is 0-10 (how much it matters); each lean is -5 (the con is true for me) "
        "to +5 (the pro is).",
    ]
    if not active:
        lines.append("No factor is rated yet, so there is no score yet.")
        return lines
    if evaluation.total_weight <= 0:
        lines.append("All weights are 0, so there is no score yet.")
        return lines
    products = [r.weight * r.lean for _, r in active if r.weight]
    terms = " + ".join(
        f"{fmt(r.weight)}×{fmt(r.lean)}" if r.lean >= 0 else f"{fmt(r.weight)}×({fmt(r.lean)})"
        for _, r in active
        if r.weight
    )
    lines.append(f"Σ(weight × lean) = {terms} = {fmt(sum(products))}")
    lines.append(f"Σ(weight) = {fmt(evaluation.total_weight)}")
    lines.append(
        f"score = 50 + 10 × {fmt(sum(products))} ÷ {fmt(evaluation.total_weight)}"
        f" = {fmt(evaluation.score)}"  # one way: 50, never 50.0
    )
    t = assessment.thresholds
    lines.append(
        f"GO at {fmt(t.go)} or more, NO-GO below {fmt(t.no_go)}, CLOSE CALL between; a dealbreaker "
        "with a lean of -3 or lower makes it NO-GO whatever the score."
    )
    return lines


def explain_result(assessment: Assessment, seed: int = 0, with_robustness: bool = True) -> dict:
    """The machine-readable result printed by `ses-decider score --json`."""
    from ses_decider.core import sensitivity

    evaluation = evaluate(assessment)
    result: dict[str, Any] = {
        # Full precision: rounded contributions would no longer add up to score - 50.
        "score": evaluation.score,
        "verdict": evaluation.verdict.value,
        "contributions": dict(evaluation.contributions),
        "weight_shares": dict(evaluation.shares),
        "dealbreakers": list(evaluation.dealbreakers),
        "thresholds": {"go": assessment.thresholds.go, "no_go": assessment.thresholds.no_go},
    }
    points = sensitivity.tipping_points(assessment)
    result["tipping_points"] = {
        fid: {
            "weight": _tip(tp.weight),
            "lean": _tip(tp.lean),
        }
        for fid, tp in points.items()
    }
    result["tipping_sentences"] = sensitivity.tipping_sentences(assessment)
    if with_robustness:
        rob = sensitivity.robustness(assessment, seed=seed)
        result["robustness"] = {
            "p_go": rob.p_go,
            "p_close_call": rob.p_close_call,
            "p_no_go": rob.p_no_go,
            "draws": rob.draws,
            "seed": rob.seed,
            "label": rob.label,
            "worth_checking": list(rob.worth_checking),
        }
    if assessment.gut_before or assessment.gut_after:
        result["gut"] = {
            "before": assessment.gut_before.value if assessment.gut_before else None,
            "after": assessment.gut_after.value if assessment.gut_after else None,
        }
    if assessment.fit or assessment.readiness is not None:
        result.update(_axes_result(assessment, evaluation))
    result.update(_paths_result(assessment, evaluation))
    return result


def _paths_result(assessment: Assessment, evaluation: Evaluation) -> dict[str, Any]:
    """The other paths beside the SES (none: empty), the best of them and where it and the SES
    would change places (core/paths.py, core/path_tipping.py)."""
    from ses_decider.core.path_tipping import path_tipping_point, path_tipping_sentence
    from ses_decider.core.paths import best_other, higher_path_sentence, other_scores

    scores = other_scores(assessment)
    best = best_other(assessment, scores)
    tip = path_tipping_point(assessment) if best is not None else None
    return {
        "paths": [
            {
                "id": s.id,
                "title": s.title,
                "kind": s.kind,
                "score": s.score,
                "verdict": s.verdict.value,
                "contributions": dict(s.evaluation.contributions),
                "dealbreakers": list(s.evaluation.dealbreakers),
            }
            for s in scores
        ],
        "best_other_path": best.id if best else None,
        "higher_path_sentence": higher_path_sentence(assessment, evaluation),
        "path_tipping_point": tip.to_json() if tip else None,
        "path_tipping_sentence": path_tipping_sentence(assessment) if tip else None,
    }


def _axes_result(assessment: Assessment, evaluation: Evaluation) -> dict[str, Any]:
    """The two axes, "Do I want it?" and "Am I ready?", and the quadrant (core/readiness.py)."""
    from ses_decider.core.readiness import axes

    found = axes(assessment, evaluation)
    return {
        "want": found.want,
        "ready": found.ready,
        "quadrant": found.quadrant.value if found.quadrant else None,
        "quadrant_title": found.quadrant.title if found.quadrant else None,
        "fit_score": found.fit_score,
        "readiness_ways": dict(found.way_credits),
        "want_capped_by_dealbreaker": found.want_capped,
    }


def _tip(tip) -> dict | None:
    if tip is None:
        return None
    return {"at": round(tip.at, 4), "verdict": tip.verdict.value}


_ORDER = {Verdict.NO_GO: 0, Verdict.CLOSE_CALL: 1, Verdict.GO: 2}


def gut_check(assessment: Assessment, evaluation: Evaluation | None = None) -> list[str]:
    """Compare the gut answer with the model; where they differ, say what might be missing.

    The latest gut answer counts (after weighing if given, else before). Returns sentences; empty
    when there is no gut answer yet.
    """
    evaluation = evaluation or evaluate(assessment)
    gut = assessment.gut_after or assessment.gut_before
    if gut is None:
        return []
    model = evaluation.verdict
    when = "after weighing" if assessment.gut_after else "before weighing"
    if model is Verdict.NOT_ENOUGH_INPUT:
        return [
            f"Your gut said {gut.label} {when}; weigh the factors to compare it with the model."
        ]
    if gut is model:
        return [f"Your gut ({gut.label}, {when}) and the model agree."]
    if evaluation.dealbreakers:
        # A dealbreaker decides whatever the weights: reweighting would change nothing.
        titles = _titles(assessment, list(evaluation.dealbreakers))
        return [
            f"Your gut says {gut.label} ({when}) but the model says NO-GO because of your "
            f"dealbreaker on {titles}, whatever the weights.",
            f"Could you live with {titles} as it is for you after all? Then it is not a "
            "dealbreaker: untick it. If you could not, your gut may be hoping it will not apply.",
        ]
    lines = [
        f"Your gut says {gut.label} ({when}) but the model says {model.label}. What is missing?"
    ]
    gut_more_positive = _ORDER[gut] > _ORDER[model]
    ranked = sorted(evaluation.contributions.items(), key=lambda kv: kv[1])
    if gut_more_positive:
        helpers = [fid for fid, pts in reversed(ranked) if pts > 0][:3]
        drags = [fid for fid, pts in ranked if pts < 0][:3]
        lines.append("A reason for going that is not on the list? Add a factor of your own.")
        if helpers:
            lines.append(
                "Or a pro weighted too low: do "
                + _titles(assessment, helpers)
                + " matter more to you than their weights say?"
            )
        if drags:
            lines.append("Or a con given too much weight: " + _titles(assessment, drags) + ".")
    else:
        drags = [fid for fid, pts in ranked if pts < 0][:3]
        lines.append("A worry that is not on the list? Add a factor of your own.")
        if drags:
            lines.append(
                "Or a con weighted too low: do "
                + _titles(assessment, drags)
                + " weigh on you more than their weights say?"
            )
        lines.append(
            "Or a dealbreaker not marked: is there something you could not accept "
            "(for example, relocating)? Tick it as a dealbreaker."
        )
    return lines


def _titles(assessment: Assessment, ids: list[str]) -> str:
    titles = [assessment.factor(fid).title for fid in ids]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
