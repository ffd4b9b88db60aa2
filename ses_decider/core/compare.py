"""Two views of one decision side by side: mentor vs mentee, or a snapshot vs another.

Differences are ranked by how much each would move the first assessment's score if it took the second
one's value for that factor alone (weight and lean), so a session starts with the differences that
would change the answer. Taking the other value keeps every dealbreaker either view marks on that
factor: a claim that a difference "would change the verdict" holds with the dealbreakers that apply.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ses_decider.core.model import Assessment, Rating, Verdict
from ses_decider.core.scoring import evaluate


@dataclass(frozen=True)
class Difference:
    factor_id: str
    title: str
    mine: Rating | None  # None: the factor takes no part in this assessment (hidden or not rated)
    theirs: Rating | None
    score_shift: float  # points the first score moves if it took the other value (0 if no score)
    verdict_before: Verdict  # the first assessment's verdict as it stands
    verdict_after: Verdict  # ... and after taking the other value

    dealbreaker_kept: bool = False  # taking the other value keeps a dealbreaker the first marked

    @property
    def changes_verdict(self) -> bool:
        return self.verdict_after is not self.verdict_before


def differences(
    first: Assessment, second: Assessment, *, rated_in_second_only: bool = False
) -> list[Difference]:
    """Factors whose rating differs, biggest effect on ``first``'s score (or verdict) first.

    With ``rated_in_second_only`` (a mentor's view) a factor the second did not rate is no
    difference at all: not rated is not an opinion.
    """
    base = evaluate(first)
    active_first = {f.id: r for f, r in first.active()}
    active_second = {f.id: r for f, r in second.active()}
    titles = {f.id: f.title for f in first.factors} | {f.id: f.title for f in second.factors}
    out: list[Difference] = []
    candidates = list(active_first) + [i for i in active_second if i not in active_first]
    if rated_in_second_only:
        candidates = [fid for fid in candidates if fid in active_second]
    for fid in candidates:
        mine, theirs = active_first.get(fid), active_second.get(fid)
        if _same(mine, theirs):
            continue
        trial = _take(first, fid, theirs, second)
        after = evaluate(trial)
        shift = 0.0
        if base.score is not None and after.score is not None:
            shift = after.score - base.score
        kept = bool(mine and mine.dealbreaker and theirs and not theirs.dealbreaker)
        out.append(
            Difference(fid, titles[fid], mine, theirs, shift, base.verdict, after.verdict, kept)
        )
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
        old,
        weight=theirs.weight,
        lean=theirs.lean,
        dealbreaker=old.dealbreaker or theirs.dealbreaker,
    )
    return trial


def path_changes(first: Assessment, second: Assessment) -> list[str]:
    """What changed in the other paths from ``first`` to ``second``, one sentence per path:
    added, removed, renamed, or its leans and dealbreakers (and its score) changed. Paths are
    matched by id; a path whose score moved only because the shared weights did says so."""
    from ses_decider.core.explain import fmt
    from ses_decider.core.paths import evaluate_path, score_text

    before = {p.id: p for p in first.paths}
    after = {p.id: p for p in second.paths}
    titles = {f.id: f.title for f in first.factors} | {f.id: f.title for f in second.factors}

    def lean(value: float | None) -> str:
        return "not rated" if value is None else fmt(value, signed=True)

    lines: list[str] = []
    for path in second.paths:
        old = before.get(path.id)
        score = evaluate_path(second, path).score
        if old is None:
            lines.append(f"Added the path \u201c{path.title}\u201d (scores {score_text(score)}).")
            continue
        parts = []
        if old.title != path.title:
            parts.append(f"renamed from \u201c{old.title}\u201d")
        for fid in [f.id for f in second.factors]:
            if old.leans.get(fid) != path.leans.get(fid):
                parts.append(
                    f"{titles[fid]} lean {lean(old.leans.get(fid))} \u2192 {lean(path.leans.get(fid))}"
                )
            if (fid in old.dealbreakers) != (fid in path.dealbreakers):
                now = "now" if fid in path.dealbreakers else "no longer"
                parts.append(f"{titles[fid]} {now} a dealbreaker")
        old_score = evaluate_path(first, old).score
        moved = score_text(old_score) != score_text(score)
        if moved:
            why = "" if parts else " (the weights changed)"
            parts.append(f"score {score_text(old_score)} \u2192 {score_text(score)}{why}")
        if parts:
            lines.append(f"{path.title}: " + "; ".join(parts) + ".")
    for path in first.paths:
        if path.id not in after:
            lines.append(f"Removed the path \u201c{path.title}\u201d.")
    return lines
