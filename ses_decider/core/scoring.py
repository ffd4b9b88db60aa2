"""The default scoring model: the one implementation used by the GUI, the CLI and the report.

score = 50 + 10 * sum(w_f * r_f) / sum(w_f), in [0, 100]; contribution of f = 10 * w_f * r_f / sum(w_f).
GO at score >= go threshold, NO-GO below the no-go threshold, CLOSE CALL between. A dealbreaker whose
lean is -3 or lower makes the verdict NO-GO whatever the score; with no weight at all there is no score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ses_decider.core.model import Assessment, Thresholds, Verdict


@dataclass(frozen=True)
class Evaluation:
    """The verdict and everything needed to explain it."""

    score: float | None
    verdict: Verdict
    contributions: dict[str, float]  # points each factor adds to (or takes from) 50
    shares: dict[str, float]  # normalised weights, summing to 1 (empty with no weight)
    total_weight: float
    dealbreakers: tuple[str, ...]  # ids of dealbreakers that decided the verdict


def raw_score(weights: Sequence[float], leans: Sequence[float]) -> float | None:
    """The score for parallel lists of weights and leans, or None when all weights are 0."""
    total = sum(weights)
    if total <= 0:
        return None
    weighted = sum(w * r for w, r in zip(weights, leans, strict=True))
    # Round away float noise, so that weights 6.2, 8.4 with leans -3.2, 4.1 score exactly 60 (GO),
    # not 59.99999999999999 (shown as "60.0" yet CLOSE CALL). Clamp: the extremes can land a hair
    # outside [0, 100].
    return min(100.0, max(0.0, round(50.0 + 10.0 * weighted / total, 9)))


def verdict_for(
    score: float | None, thresholds: Thresholds, dealbreaker_hit: bool = False
) -> Verdict:
    """Map a score (and whether a dealbreaker is hit) to a verdict."""
    if dealbreaker_hit:
        return Verdict.NO_GO
    if score is None:
        return Verdict.NOT_ENOUGH_INPUT
    if score >= thresholds.go:
        return Verdict.GO
    if score < thresholds.no_go:
        return Verdict.NO_GO
    return Verdict.CLOSE_CALL


def evaluate(assessment: Assessment) -> Evaluation:
    """Score an assessment: score, verdict, per-factor contributions and weight shares."""
    active = assessment.active()
    weights = [r.weight for _, r in active]
    total = sum(weights)
    score = raw_score(weights, [r.lean for _, r in active])
    contributions: dict[str, float] = {}
    shares: dict[str, float] = {}
    for factor, rating in active:
        contributions[factor.id] = 10.0 * rating.weight * rating.lean / total if total > 0 else 0.0
        if total > 0:
            shares[factor.id] = rating.weight / total
    # Dealbreakers screen before the weighing: a marked must with its lean set counts even before
    # (or without) a weight.
    dealbreakers = tuple(f.id for f, r in assessment.shown() if r.dealbreaker_hit)
    return Evaluation(
        score=score,
        verdict=verdict_for(score, assessment.thresholds, bool(dealbreakers)),
        contributions=contributions,
        shares=shares,
        total_weight=total,
        dealbreakers=dealbreakers,
    )
