"""Two views of one decision side by side: mentor vs mentee, or a snapshot vs another.

Differences are ranked by how much each would move the first assessment's score if it took the second
one's value for that factor alone (weight, lean and dealbreaker together), so a session starts with
the differences that would change the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ses_decider.core.model import Assessment, Rating, Verdict
from ses_decider.core.scoring import evaluate


@dataclass(frozen=True)
class Difference:
    factor_id: str
    title: str
    mine: Rating | None  # None: the factor takes no part in this assessment
    theirs: Rating | None
    score_shift: float  # points the first score moves if it took the other value (0 if no score)
    verdict_before: Verdict  # the first assessment's verdict as it stands
    verdict_after: Verdict  # ... and after taking the other value

    @property
    def changes_verdict(self) -> bool:
        return self.verdict_after is not self.verdict_before


def differences(first: Assessment, second: Assessment) -> list[Difference]:
    """Factors whose rating differs, biggest effect on ``first``'s score (or verdict) first."""
    base = evaluate(first)
    active_first = {f.id: r for f, r in first.active()}
    active_second = {f.id: r for f, r in second.active()}
    titles = {f.id: f.title for f in first.factors} | {f.id: f.title for f in second.factors}
    out: list[Difference] = []
    for fid in list(active_first) + [i for i in active_second if i not in active_first]:
        mine, theirs = active_first.get(fid), active_second.get(fid)
        if _same(mine, theirs):
            continue
        trial = _take(first, fid, theirs, second)
        after = evaluate(trial)
        shift = 0.0
        if base.score is not None and after.score is not None:
            shift = after.score - base.score
        out.append(Difference(fid, titles[fid], mine, theirs, shift, base.verdict, after.verdict))
    out.sort(key=lambda d: (not d.changes_verdict, -abs(d.score_shift), d.title))
    return out


def _same(a: Rating | None, b: Rating | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.weight, a.lean, a.dealbreaker) == (b.weight, b.lean, b.dealbreaker)


def _take(first: Assessment, fid: str, theirs: Rating | None, second: Assessment) -> Assessment:
    trial = first.copy()
    if theirs is None:
        trial.hidden.add(fid)
        return trial
    if fid not in trial.ratings:
        trial.factors.append(second.factor(fid))
    trial.hidden.discard(fid)
    old = trial.ratings.get(fid, Rating())
    trial.ratings[fid] = replace(
        old, weight=theirs.weight, lean=theirs.lean, dealbreaker=theirs.dealbreaker
    )
    return trial
