"""What would change the verdict, for the brief: the closest tipping values exactly as
`core.sensitivity.tipping_points` computes them (the app's sentences round them toward the change;
a brief to keep shows the computed value, -0.83 rather than "below -0.9")."""

from __future__ import annotations

from dataclasses import dataclass

from ses_decider.core import sensitivity
from ses_decider.core.model import DEALBREAKER_LEAN, Assessment, Verdict
from ses_decider.core.scoring import evaluate

TIPPING_ROWS = 3  # the closest tipping values, as many as the app's "How solid is it" names


@dataclass(frozen=True)
class TippingLine:
    """One value that would change the verdict, as computed (one change at a time)."""

    factor: str  # the factor's title
    what: str  # "weight" or "lean"
    now: float
    at: float  # the exact tipping value
    change: str  # "rises to", "rises above", "drops below", "drops to"
    verdict: Verdict  # the verdict just past ``at``
    dealbreaker: bool  # ``at`` is the lean at which the person's dealbreaker decides


def tipping_lines(assessment: Assessment, limit: int = TIPPING_ROWS) -> list[TippingLine]:
    """The ``limit`` closest values of one weight or one lean that change the verdict, as
    `sensitivity.tipping_points` computes them (never rounded toward the change), closest first.

    Closeness is the distance to the tipping value as a share of its range, as in the app.
    """
    before = evaluate(assessment).verdict
    found: list[tuple[float, int, TippingLine]] = []
    points = sensitivity.tipping_points(assessment)
    for order, (factor, rating) in enumerate(assessment.active()):
        point = points.get(factor.id)
        if point is None:
            continue
        for what, tip, now in (
            ("weight", point.weight, rating.weight),
            ("lean", point.lean, rating.lean),
        ):
            if tip is None:
                continue
            trial = assessment.copy()
            setattr(trial.ratings[factor.id], what, tip.at)
            at_itself = evaluate(trial).verdict is not before
            verb = "rises" if tip.direction > 0 else "drops"
            where = "to" if at_itself else ("above" if tip.direction > 0 else "below")
            line = TippingLine(
                factor=factor.title,
                what=what,
                now=now,
                at=tip.at,
                change=f"{verb} {where}",
                verdict=tip.verdict,
                dealbreaker=what == "lean" and rating.dealbreaker and tip.at == DEALBREAKER_LEAN,
            )
            found.append((abs(tip.at - now) / 10.0, order, line))
    found.sort(key=lambda item: (item[0], item[1]))
    return [line for _, _, line in found[: max(0, limit)]]


def exact(value: float, signed: bool = False) -> str:
    """A tipping value as computed, to two decimals: -0.83, 1.17, +2 (never "-0")."""
    value = round(value, 2)
    if value == 0:
        value = 0.0
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"+{text}" if signed and value > 0 else text
