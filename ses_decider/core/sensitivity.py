"""How solid is the verdict: exact tipping points, a tornado of lean swings, Monte Carlo robustness.

Everything here goes through the scoring rules in :mod:`ses_decider.core.scoring` (``raw_score`` and
``verdict_for``); the Monte Carlo check applies the same rules to whole arrays of draws at once.
numpy is imported inside :func:`robustness` so that importing this module stays cheap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ses_decider.core.model import (
    DEALBREAKER_LEAN,
    LEAN_MAX,
    LEAN_MIN,
    WEIGHT_MAX,
    WEIGHT_MIN,
    Assessment,
    Certainty,
    Thresholds,
    Verdict,
    dealbreaker_decides,
)
from ses_decider.core.scoring import raw_score, verdict_for

# "Just past" a tipping point: the changed verdict holds at ``at + EPS * direction``. Tips are exact
# in closed form; EPS only has to clear float noise and raw_score's rounding of the score to 1e-9.
EPS = 1e-6
# A candidate this close to the current value is treated as the current value itself.
_SAME = 1e-9

# Half-widths (weight, lean) of the uniform uncertainty attached to each certainty level.
SPREAD: dict[Certainty, tuple[float, float]] = {
    Certainty.SURE: (0.5, 0.5),
    Certainty.UNSURE: (1.5, 1.0),
    Certainty.NO_IDEA: (3.0, 2.5),
}
ROBUST_SHARE = 0.80  # the current verdict must come up in at least this share of draws
MIN_EFFECT = 0.02  # fixing a factor must raise P(current verdict) by 2 points to be worth checking
NOT_ENOUGH_LABEL = "not enough input"


@dataclass(frozen=True)
class Tip:
    """A value at which the verdict changes: ``at``, the new ``verdict``, and which way to move."""

    at: float
    verdict: Verdict
    direction: int  # +1: the value must rise to ``at``; -1: it must fall


@dataclass(frozen=True)
class TippingPoint:
    """The nearest tipping value of one factor's weight and of its lean (None: nothing in range)."""

    weight: Tip | None
    lean: Tip | None


@dataclass(frozen=True)
class TornadoBar:
    """The score with one factor's lean at -5 and at +5, everything else held fixed."""

    factor_id: str
    low_score: float
    high_score: float

    @property
    def span(self) -> float:
        return abs(self.high_score - self.low_score)


@dataclass(frozen=True)
class Robustness:
    """How often each verdict comes up when weights and leans are redrawn within their uncertainty.

    Every probability has all ``draws`` as denominator. A draw whose weights all land on 0 has no
    score and counts only in ``p_not_enough_input``, so the four probabilities sum to 1.
    """

    p_go: float
    p_close_call: float
    p_no_go: float
    draws: int
    seed: int
    label: str  # "robust", "fragile", or "not enough input" when there is nothing to simulate
    worth_checking: tuple[str, ...]
    p_not_enough_input: float = 0.0
    verdict: Verdict = Verdict.NOT_ENOUGH_INPUT  # the current verdict the label is about

    @property
    def p_current(self) -> float:
        """The share of draws that give the current verdict."""
        return {
            Verdict.GO: self.p_go,
            Verdict.CLOSE_CALL: self.p_close_call,
            Verdict.NO_GO: self.p_no_go,
            Verdict.NOT_ENOUGH_INPUT: self.p_not_enough_input,
        }[self.verdict]


class _Inputs:
    """The active ratings as parallel lists, and the verdict for one value changed."""

    def __init__(self, assessment: Assessment) -> None:
        active = assessment.active()
        self.ids = [f.id for f, _ in active]
        self.titles = [f.title for f, _ in active]
        self.weights = [float(r.weight) for _, r in active]
        self.leans = [float(r.lean) for _, r in active]
        self.musts = [r.dealbreaker for _, r in active]
        self.thresholds: Thresholds = assessment.thresholds
        # A must with its lean set but no weight yet takes no part in the score, yet still decides.
        self.fixed_hit = any(r.dealbreaker_hit for _, r in assessment.shown() if not r.rated)
        # Which dealbreakers decide now: one changed value moves only its own (asked per probe).
        self.hits = [dealbreaker_decides(m, r) for m, r in zip(self.musts, self.leans, strict=True)]
        self.hit_count = sum(self.hits)

    def verdict(
        self, j: int = -1, weight: float | None = None, lean: float | None = None
    ) -> Verdict:
        weights, leans = self.weights, self.leans
        if weight is not None:
            weights = weights.copy()
            weights[j] = weight
        if lean is not None:
            leans = leans.copy()
            leans[j] = lean
        hits = self.hit_count
        if lean is not None:
            hits += dealbreaker_decides(self.musts[j], lean) - self.hits[j]
        hit = self.fixed_hit or hits > 0
        return verdict_for(raw_score(weights, leans), self.thresholds, hit)

    def others(self, j: int) -> tuple[float, float]:
        """Total weight and total weight x lean of every factor but j."""
        total = sum(w for i, w in enumerate(self.weights) if i != j)
        weighted = sum(
            w * r for i, (w, r) in enumerate(zip(self.weights, self.leans, strict=True)) if i != j
        )
        return total, weighted

    def has_outcome(self) -> bool:
        """False when there is neither a score nor a dealbreaker hit: nothing to analyse."""
        return self.verdict() is not Verdict.NOT_ENOUGH_INPUT


def _score_levels(thresholds: Thresholds) -> list[float]:
    # score = 50 + 10 * x  <=>  x = (score - 50) / 10: the weighted mean lean at each threshold.
    return [(thresholds.go - 50.0) / 10.0, (thresholds.no_go - 50.0) / 10.0]


def nearest_change(
    current: float, candidates: list[float], lo: float, hi: float, changed
) -> tuple[float, int, float] | None:
    """The nearest value in [lo, hi], either way from ``current``, just past which ``changed`` holds:
    ``(at, direction, witness)`` with ``witness`` a value past ``at`` where it holds, or None.

    ``changed`` is False at ``current`` and flips only at the ``candidates`` (closed-form roots), so
    each stretch between neighbouring candidates is looked at halfway, and a range end itself
    when a candidate lies on or past it (it has no stretch beyond). Roots are exact but for float noise (large when solved through
    a tiny weight) and raw_score's rounding of scores to 1e-9; where the change does not hold just
    past a root, bisection finds where it really starts.
    """
    breaks = {lo, hi, current}
    for raw in candidates:
        if lo - _SAME <= raw <= hi + _SAME:
            c = min(hi, max(lo, raw))
            # A hair from the current value: the current value itself (on a boundary already).
            breaks.add(current if abs(c - current) <= _SAME and c not in (lo, hi) else c)
    best: tuple[float, int, float] | None = None
    for d, edge in ((1, hi), (-1, lo)):
        start = current
        ends = sorted((b for b in breaks if (b - current) * d > 0), key=lambda b: d * b)
        # A root on the range end, or solved (through float noise) past it: look at the end too.
        end_counts = any((raw - edge) * d >= -_SAME for raw in candidates)
        for end in ends:
            if best is not None and abs(start - current) >= abs(best[0] - current):
                break  # nothing this way can be nearer than what the other way found
            found = _edge(start, end, d, changed, at_range_end=end_counts and end == edge)
            if found is not None:
                if best is None or abs(found[0] - current) < abs(best[0] - current):
                    best = (found[0], d, found[1])
                break
            start = end
    return best


def _edge(start, end, d, changed, at_range_end: bool) -> tuple[float, float] | None:
    """Where ``changed`` starts between ``start`` (it does not hold) and ``end``: (at, witness)."""
    mid = (start + end) / 2
    if changed(mid):
        just_past = start + EPS * d
        if (just_past - mid) * d < 0 and changed(just_past):
            return start, just_past  # the root itself: exact
        inside, outside = start, mid
    elif at_range_end and changed(end):
        just_before = end - EPS * d
        if (just_before - mid) * d > 0 and not changed(just_before):
            return end, end  # it holds from the root (a dealbreaker's -3) or the range end on
        inside, outside = mid, end
    else:
        return None
    for _ in range(80):
        half = (inside + outside) / 2
        if changed(half):
            outside = half
        else:
            inside = half
    return inside, outside


def _nearest_tip(
    inputs: _Inputs, j: int, kind: str, candidates: list[float], lo: float, hi: float
) -> Tip | None:
    """The nearest value of one factor's weight or lean that changes the verdict."""
    current = inputs.weights[j] if kind == "weight" else inputs.leans[j]
    before = inputs.verdict()

    def at(value: float) -> Verdict:
        return inputs.verdict(j, **{kind: value})

    found = nearest_change(current, candidates, lo, hi, lambda value: at(value) is not before)
    if found is None:
        return None
    value, direction, witness = found
    return Tip(at=value, verdict=at(witness), direction=direction)


def tipping_points(assessment: Assessment) -> dict[str, TippingPoint]:
    """For each active factor, the nearest weight (0..10) and lean (-5..+5) that change the verdict.

    Everything else is held fixed. The verdict is unchanged strictly between the current value and
    ``at`` and differs just past it (``at + EPS * direction``). Candidates are solved in closed
    form: threshold crossings (the score is linear in a lean and a ratio of linear functions in a
    weight), the dealbreaker lean, and a weight of 0 that leaves no weight at all. Returns an empty
    dict when there is neither a score nor a dealbreaker hit.
    """
    inputs = _Inputs(assessment)
    if not inputs.has_outcome():
        return {}
    levels = _score_levels(inputs.thresholds)
    result: dict[str, TippingPoint] = {}
    for j, factor_id in enumerate(inputs.ids):
        w, r = inputs.weights[j], inputs.leans[j]
        rest_total, rest_weighted = inputs.others(j)
        total = rest_total + w
        # Weight: (rest_weighted + w r) / (rest_total + w) = k  =>  w = (k rest_total - rest_weighted) / (r - k)
        weight_candidates = [w]
        for k in levels:
            if r != k:
                weight_candidates.append((k * rest_total - rest_weighted) / (r - k))
        if rest_total <= 0:
            weight_candidates.append(0.0)  # no weight left at all: no score
        # Lean: (rest_weighted + w r) / total = k  =>  r = (k total - rest_weighted) / w
        lean_candidates = [r]
        if w > 0 and total > 0:
            lean_candidates.extend((k * total - rest_weighted) / w for k in levels)
        if inputs.musts[j]:
            lean_candidates.append(DEALBREAKER_LEAN)
        result[factor_id] = TippingPoint(
            weight=_nearest_tip(inputs, j, "weight", weight_candidates, WEIGHT_MIN, WEIGHT_MAX),
            lean=_nearest_tip(inputs, j, "lean", lean_candidates, LEAN_MIN, LEAN_MAX),
        )
    return result


def _fmt(value: float, signed: bool = False, digits: int = 1, direction: int = 0) -> str:
    """A number for a sentence: one decimal, no trailing .0, a sign on leans, never "-0".

    With a ``direction`` the value is rounded that way (up for +1, down for -1), so that a rounded
    "rises to 1.3" or "drops below 1.2" still tips the verdict.
    """
    scale = 10**digits
    if direction > 0:
        value = math.ceil(value * scale - 1e-6) / scale
    elif direction < 0:
        value = math.floor(value * scale + 1e-6) / scale
    else:
        value = round(value, digits)
    if value == 0:
        value = 0.0
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return f"+{text}" if signed and value > 0 else text


def _clause(inputs: _Inputs, j: int, kind: str, tip: Tip) -> str:
    """One tip in words. Values are rounded toward the change, so each stated value really tips."""
    title = inputs.titles[j]
    before = inputs.verdict()
    if kind == "weight":
        current = inputs.weights[j]
        at, now = _fmt(tip.at, direction=tip.direction), _fmt(current)
        if at == now:
            at, now = _fmt(tip.at, digits=2, direction=tip.direction), _fmt(current, digits=2)
        if inputs.verdict(j, weight=float(at)) is not before:
            return f"{title} matters {at} instead of {now}"
        return f"{title} matters {'more' if tip.direction > 0 else 'less'} than {at} (now {now})"
    # An upward crossing into GO (or onto the dealbreaker lean) tips at the value itself: "to";
    # otherwise the verdict changes only beyond it: "below" / "above".
    verb = "rises" if tip.direction > 0 else "drops"
    if inputs.verdict(j, lean=tip.at) is not before:
        where = "to"
    else:
        where = "above" if tip.direction > 0 else "below"
    note = " (your dealbreaker)" if inputs.musts[j] and tip.at == DEALBREAKER_LEAN else ""
    return f"your {title} lean {verb} {where} {_fmt(tip.at, True, direction=tip.direction)}{note}"


def tipping_sentences(assessment: Assessment, limit: int = 3) -> list[str]:
    """Plain-English tipping points: the ``limit`` closest, one sentence per verdict they lead to.

    Closeness is the distance to the tipping value as a share of its range (both ranges are 10
    wide). Example: "NO-GO if Stress and hours matters 8.5 instead of 6, or if your Pay lean drops
    below +1.2." Fewer sentences than ``limit`` come back when several tips lead to the same verdict.
    """
    inputs = _Inputs(assessment)
    points = tipping_points(assessment)
    found: list[tuple[float, int, str, Tip]] = []
    for j, factor_id in enumerate(inputs.ids):
        point = points.get(factor_id)
        if point is None:
            continue
        if point.weight is not None:
            span = WEIGHT_MAX - WEIGHT_MIN
            found.append(
                (abs(point.weight.at - inputs.weights[j]) / span, j, "weight", point.weight)
            )
        if point.lean is not None:
            span = LEAN_MAX - LEAN_MIN
            found.append((abs(point.lean.at - inputs.leans[j]) / span, j, "lean", point.lean))
    found.sort(key=lambda item: item[0])
    grouped: dict[Verdict, list[str]] = {}
    for _, j, kind, tip in found[: max(0, limit)]:
        grouped.setdefault(tip.verdict, []).append(_clause(inputs, j, kind, tip))
    return [
        f"{verdict.label} if " + ", or if ".join(clauses) + "."
        for verdict, clauses in grouped.items()
    ]


def tornado(assessment: Assessment) -> list[TornadoBar]:
    """Score at each active factor's lean -5 and +5 (others fixed), widest swing first.

    Empty when there is no score (no weight at all). Dealbreakers do not enter: this is about the score.
    """
    inputs = _Inputs(assessment)
    if sum(inputs.weights) <= 0:
        return []
    bars = []
    for j, factor_id in enumerate(inputs.ids):
        scores = []
        for lean in (LEAN_MIN, LEAN_MAX):
            leans = inputs.leans.copy()
            leans[j] = lean
            score = raw_score(inputs.weights, leans)
            scores.append(50.0 if score is None else score)
        bars.append(TornadoBar(factor_id=factor_id, low_score=scores[0], high_score=scores[1]))
    bars.sort(key=lambda bar: bar.span, reverse=True)  # stable: ties keep display order
    return bars


# Verdict codes for whole arrays of draws.
_GO, _CLOSE, _NO_GO, _NONE = 0, 1, 2, 3
_CODE = {
    Verdict.GO: _GO,
    Verdict.CLOSE_CALL: _CLOSE,
    Verdict.NO_GO: _NO_GO,
    Verdict.NOT_ENOUGH_INPUT: _NONE,
}


def _verdict_codes(total, weighted, hit, thresholds: Thresholds):
    """``scoring.verdict_for`` applied elementwise to arrays of totals, weighted sums and hits."""
    import numpy as np

    has_score = total > 0
    mean = np.divide(weighted, total, out=np.zeros(np.shape(total)), where=has_score)
    # The same rounding (to 1e-9) and clamp as raw_score.
    score = np.clip(np.round(50.0 + 10.0 * mean, 9), 0.0, 100.0)
    codes = np.where(
        score >= thresholds.go, _GO, np.where(score < thresholds.no_go, _NO_GO, _CLOSE)
    )
    codes = np.where(has_score, codes, _NONE)
    return np.where(hit, _NO_GO, codes)


def robustness(assessment: Assessment, draws: int = 10_000, seed: int = 0) -> Robustness:
    """Redraw every weight and lean within its uncertainty and count the verdicts.

    Each value is drawn uniformly within +/- the spread for its rating's certainty (see ``SPREAD``)
    and clipped to its range; a dealbreaker counts in every draw where its lean is -3 or lower.
    "robust" when the current verdict comes up in at least 80% of draws. ``worth_checking`` names up
    to three factors whose uncertainty matters most: holding a factor at its current values (same
    draws for the rest) raises P(current verdict) by at least ``MIN_EFFECT``, largest rise first.
    With neither a score nor a dealbreaker hit nothing is drawn: all zeros, label "not enough input".
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    inputs = _Inputs(assessment)
    current = inputs.verdict()
    if current is Verdict.NOT_ENOUGH_INPUT:
        return Robustness(0.0, 0.0, 0.0, 0, seed, NOT_ENOUGH_LABEL, (), 0.0, current)

    import numpy as np

    active = assessment.active()
    w0 = np.array(inputs.weights)
    r0 = np.array(inputs.leans)
    musts = np.array(inputs.musts, dtype=bool)
    w_spread = np.array([SPREAD[r.certainty][0] for _, r in active])
    r_spread = np.array([SPREAD[r.certainty][1] for _, r in active])
    n = len(active)
    rng = np.random.default_rng(seed)
    weights = np.clip(w0 + rng.uniform(-1.0, 1.0, (draws, n)) * w_spread, WEIGHT_MIN, WEIGHT_MAX)
    leans = np.clip(r0 + rng.uniform(-1.0, 1.0, (draws, n)) * r_spread, LEAN_MIN, LEAN_MAX)
    products = weights * leans
    hits = (leans <= DEALBREAKER_LEAN) & musts  # dealbreaker_decides, over every draw at once
    total = weights.sum(axis=1)
    weighted = products.sum(axis=1)
    hit_count = hits.sum(axis=1)
    codes = _verdict_codes(total, weighted, (hit_count > 0) | inputs.fixed_hit, inputs.thresholds)
    counts = np.bincount(codes, minlength=4) / draws
    p_current = counts[_CODE[current]]

    # Each factor held at its current values in every draw: an (draws, n) matrix of verdicts.
    held = _verdict_codes(
        total[:, None] - weights + w0,
        weighted[:, None] - products + w0 * r0,
        ((hit_count[:, None] - hits + ((r0 <= DEALBREAKER_LEAN) & musts)) > 0) | inputs.fixed_hit,
        inputs.thresholds,
    )
    rise = (held == _CODE[current]).mean(axis=0) - p_current
    order = sorted(range(n), key=lambda j: -rise[j])
    worth = tuple(inputs.ids[j] for j in order[:3] if rise[j] >= MIN_EFFECT)
    return Robustness(
        p_go=float(counts[_GO]),
        p_close_call=float(counts[_CLOSE]),
        p_no_go=float(counts[_NO_GO]),
        draws=draws,
        seed=seed,
        label="robust" if p_current >= ROBUST_SHARE else "fragile",
        worth_checking=worth,
        p_not_enough_input=float(counts[_NONE]),
        verdict=current,
    )
