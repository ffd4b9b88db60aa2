"""Where the SES and the best other path change places: the nearest single change of a weight (shared),
an SES lean or that path's lean that makes the one behind score higher than the one ahead.

Both scores come from the scoring rule (``scoring.raw_score``, the rule `evaluate` applies), so a
tip holds in the app as shown. Candidates are solved in closed form, as in `core.sensitivity`: the
SES score is linear in an SES lean, the path's in its own lean, and equal scores at a shared weight w
are the roots of a quadratic (or linear) equation in w. Each candidate is confirmed by the scores
just past it. "Overtake" means scoring strictly higher; a tie overtakes nobody.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ses_decider.core.model import LEAN_MAX, LEAN_MIN, WEIGHT_MAX, WEIGHT_MIN, Assessment
from ses_decider.core.paths import best_other
from ses_decider.core.scoring import raw_score
from ses_decider.core.sensitivity import _fmt, nearest_change

WEIGHT, SES_LEAN, PATH_LEAN = "weight", "ses_lean", "path_lean"


@dataclass(frozen=True)
class PathTip:
    """Moving one value to ``at`` (``direction`` +1 up, -1 down) makes the one behind overtake."""

    path_id: str
    path_title: str
    factor_id: str
    factor_title: str
    kind: str  # WEIGHT (shared by every path), SES_LEAN or PATH_LEAN (the other path's lean)
    current: float
    at: float
    direction: int
    ses_ahead_now: bool  # True: the path would overtake the SES; False: the SES would overtake it

    @property
    def distance(self) -> float:
        """How far the value must move, as a share of its range (both ranges are 10 wide)."""
        return abs(self.at - self.current) / 10.0

    def to_json(self) -> dict:
        return {
            "path": self.path_id,
            "factor": self.factor_id,
            "change": self.kind,
            "from": self.current,
            "at": round(self.at, 4),
            "direction": self.direction,
            "overtakes": self.path_id if self.ses_ahead_now else "ses",
        }


class _Pair:
    """The SES and one path as parallel values per factor: shared weight, SES lean, path lean."""

    def __init__(self, assessment: Assessment, path) -> None:
        shown = [(f, r) for f, r in assessment.shown() if r.weight is not None]
        self.ids = [f.id for f, _ in shown]
        self.titles = {f.id: f.title for f, _ in shown}
        self.w = {f.id: float(r.weight) for f, r in shown}
        self.r = {f.id: float(r.lean) for f, r in shown if r.lean is not None}
        self.q = {f.id: float(path.leans[f.id]) for f, _ in shown if f.id in path.leans}
        # Totals of each side, once: `sums` takes one factor out of them.
        self._totals = {
            id(leans): (sum(self.w[i] for i in leans), sum(self.w[i] * leans[i] for i in leans))
            for leans in (self.r, self.q)
        }
        self.now = (self._score(self.w, self.r), self._score(self.w, self.q))

    @staticmethod
    def _score(w: dict[str, float], leans: dict[str, float]) -> float | None:
        # In display order, as `evaluate` sums them: the same floats, the same rounding.
        return raw_score([w[i] for i in leans], list(leans.values()))

    def scores(
        self, fid: str | None = None, kind: str | None = None, value: float = 0.0
    ) -> tuple[float | None, float | None]:
        if kind == WEIGHT:
            w = {**self.w, fid: value}
            return self._score(w, self.r), self._score(w, self.q)
        if kind == SES_LEAN:  # only the SES's score moves
            return self._score(self.w, {**self.r, fid: value}), self.now[1]
        if kind == PATH_LEAN:
            return self.now[0], self._score(self.w, {**self.q, fid: value})
        return self.now

    def sums(self, fid: str | None, leans: dict[str, float]) -> tuple[float, float]:
        """Total weight and weight x lean of the factors rated in ``leans``, but ``fid``."""
        total, weighted = self._totals[id(leans)]
        if fid in leans:
            total, weighted = total - self.w[fid], weighted - self.w[fid] * leans[fid]
        return total, weighted


def _path_ahead(scores: tuple[float | None, float | None]) -> bool | None:
    ses, other = scores
    if ses is None or other is None:
        return None
    return other > ses


def _overtaken(scores, ses_ahead_now: bool) -> bool:
    """After a change: the one behind now scores strictly higher."""
    ses, other = scores
    if ses is None or other is None:
        return False
    return other > ses if ses_ahead_now else ses > other


def _weight_roots(pair: _Pair, fid: str) -> list[float]:
    """Shared weights at which the two scores are equal (their mean leans meet)."""
    in_s, in_p = fid in pair.r, fid in pair.q
    bs, as_ = pair.sums(fid, pair.r)
    bp, ap = pair.sums(fid, pair.q)
    if in_s and in_p:
        r, q = pair.r[fid], pair.q[fid]
        # (as + w r)(bp + w) = (ap + w q)(bs + w)
        a = r - q
        b = as_ + r * bp - ap - q * bs
        c = as_ * bp - ap * bs
        if a == 0:
            return [] if b == 0 else [-c / b]
        disc = b * b - 4 * a * c
        if disc < 0:
            return []
        root = math.sqrt(disc)
        return [(-b - root) / (2 * a), (-b + root) / (2 * a)]
    if in_s and bp > 0:  # (as + w r) / (bs + w) = the path's mean lean
        m, r = ap / bp, pair.r[fid]
        return [] if r == m else [(m * bs - as_) / (r - m)]
    if in_p and bs > 0:
        m, q = as_ / bs, pair.q[fid]
        return [] if q == m else [(m * bp - ap) / (q - m)]
    return []


def _lean_root(pair: _Pair, fid: str, kind: str) -> list[float]:
    """The lean (the SES's or the path's) at which its score meets the other's, held fixed."""
    leans, others = (pair.r, pair.q) if kind == SES_LEAN else (pair.q, pair.r)
    total, weighted = pair.sums(fid, leans)
    other_total, other_weighted = pair.sums(None, others)
    w = pair.w[fid]
    if w <= 0 or other_total <= 0:
        return []
    k = other_weighted / other_total  # the other's mean lean, unrounded
    return [(k * (total + w) - weighted) / w]


def _confirm(
    pair: _Pair, fid: str, kind: str, candidates: list[float], lo: float, hi: float, ahead: bool
) -> tuple[float, int] | None:
    """The nearest value just past which the one behind overtakes, with its direction."""
    current = pair.w[fid] if kind == WEIGHT else (pair.r if kind == SES_LEAN else pair.q)[fid]
    found = nearest_change(
        current,
        candidates,
        lo,
        hi,
        lambda value: _overtaken(pair.scores(fid, kind, value), ahead),
    )
    return None if found is None else found[:2]


def path_tips(assessment: Assessment, scores=None) -> list[PathTip]:
    """For the best other path: every single change that makes it and the SES change places, one
    per factor and kind of change (the nearest), nearest first. Empty with no other path scored,
    or when the SES has no score. ``scores``: `other_scores` already at hand (saves evaluating)."""
    best = best_other(assessment, scores)
    if best is None:
        return []
    path = assessment.path(best.id)
    pair = _Pair(assessment, path)
    ahead = _path_ahead(pair.scores())
    if ahead is None:
        return []
    ses_ahead = not ahead
    tips: list[PathTip] = []
    for fid in pair.ids:
        changes = []
        if fid in pair.r or fid in pair.q:
            changes.append((WEIGHT, _weight_roots(pair, fid), WEIGHT_MIN, WEIGHT_MAX))
        if fid in pair.r:
            changes.append((SES_LEAN, _lean_root(pair, fid, SES_LEAN), LEAN_MIN, LEAN_MAX))
        if fid in pair.q:
            changes.append((PATH_LEAN, _lean_root(pair, fid, PATH_LEAN), LEAN_MIN, LEAN_MAX))
        for kind, candidates, lo, hi in changes:
            found = _confirm(pair, fid, kind, candidates, lo, hi, ses_ahead)
            if found is None:
                continue
            current = {WEIGHT: pair.w, SES_LEAN: pair.r, PATH_LEAN: pair.q}[kind][fid]
            at, direction = found
            tips.append(
                PathTip(
                    path.id,
                    path.title,
                    fid,
                    pair.titles[fid],
                    kind,
                    current,
                    at,
                    direction,
                    ses_ahead,
                )
            )
    tips.sort(key=lambda t: t.distance)
    return tips


def path_tipping_point(assessment: Assessment) -> PathTip | None:
    """The nearest change that makes the best other path and the SES change places, or None."""
    tips = path_tips(assessment)
    return tips[0] if tips else None


def _clause(assessment: Assessment, tip: PathTip) -> str:
    """One tip in words; values are rounded toward the change, so each stated value really tips."""
    pair = _Pair(assessment, assessment.path(tip.path_id))

    def overtakes(value: float) -> bool:
        return _overtaken(pair.scores(tip.factor_id, tip.kind, value), tip.ses_ahead_now)

    if tip.kind == WEIGHT:
        at, now = _fmt(tip.at, direction=tip.direction), _fmt(tip.current)
        if at == now:
            at, now = _fmt(tip.at, digits=2, direction=tip.direction), _fmt(tip.current, digits=2)
        if overtakes(float(at)):
            return f"{tip.factor_title} matters {at} instead of {now}"
        more = "more" if tip.direction > 0 else "less"
        return f"{tip.factor_title} matters {more} than {at} (now {now})"
    whose = "the SES" if tip.kind == SES_LEAN else tip.path_title
    verb = "rises" if tip.direction > 0 else "drops"
    at = _fmt(tip.at, True, direction=tip.direction)
    where = "to" if overtakes(float(at)) else ("above" if tip.direction > 0 else "below")
    return f"your {tip.factor_title} lean for {whose} {verb} {where} {at}"


def path_tipping_sentence(assessment: Assessment, limit: int = 2) -> str | None:
    """ "Senior Level would overtake the SES if your Pay lean for the SES drops below +1, or if
    ...": the ``limit`` nearest changes; None when no single change would do it."""
    tips = path_tips(assessment)[: max(0, limit)]
    if not tips:
        return None
    first = tips[0]
    who = (
        f"{first.path_title} would overtake the SES"
        if first.ses_ahead_now
        else f"The SES would overtake {first.path_title}"
    )
    return f"{who} if " + ", or if ".join(_clause(assessment, t) for t in tips) + "."
