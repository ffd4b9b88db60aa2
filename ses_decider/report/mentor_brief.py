"""The mentor's view in the brief: only what the mentor rated, ranked by what it would do to the
mentee's verdict (the ranking is `core.compare.differences`, implemented once)."""

from __future__ import annotations

from dataclasses import dataclass

from ses_decider.core.model import Assessment, Verdict
from ses_decider.core.scoring import Evaluation, evaluate

MENTOR_DIFFERENCES = 5


@dataclass(frozen=True)
class Difference:
    """Where mentor and mentee differ on one factor, and what taking the mentor's view would do."""

    factor_id: str
    title: str
    weight: float | None  # the mentee's; None: the mentee has not rated it, or left it out
    lean: float | None
    mentor_weight: float  # only factors the mentor rated are differences
    mentor_lean: float
    score_change: float | None  # the mentee's score with the mentor's weight and lean, minus now
    verdict_if: Verdict  # the mentee's verdict with the mentor's values for this factor
    changes_verdict: bool
    left_out: bool = False  # the mentee left the factor out of the table (hid it)


@dataclass(frozen=True)
class MentorView:
    score: float | None
    verdict: Verdict
    sentence: str
    differences: tuple[Difference, ...]
    rated: int  # how many of the factors on the mentee's table the mentor rated
    shown: int
    not_rated: tuple[str, ...]  # titles of the factors the mentor left out


def mentor_differences(
    mentee: Assessment,
    mentor: Assessment,
    evaluation: Evaluation | None = None,
    limit: int = MENTOR_DIFFERENCES,
) -> list[Difference]:
    """The factors the mentor rated differently, ranked by what each would do to the mentee's verdict.

    For each factor the mentor rated, the mentee's weight and lean are replaced by the mentor's
    (keeping every dealbreaker that applies) and the mentee's assessment is scored again. Changes
    that flip the verdict come first, then the largest moves of the score. A factor the mentor did
    not rate is no difference: not rated is not an opinion.
    """
    from ses_decider.core.compare import differences  # the ranking rule, implemented once

    found = []
    for diff in differences(mentee, mentor, rated_in_second_only=True):
        mine, theirs = diff.mine, diff.theirs
        if theirs is None:
            continue
        found.append(
            Difference(
                factor_id=diff.factor_id,
                title=diff.title,
                weight=None if mine is None else mine.weight,
                lean=None if mine is None else mine.lean,
                mentor_weight=theirs.weight,
                mentor_lean=theirs.lean,
                score_change=diff.score_shift
                if diff.verdict_after is not Verdict.NOT_ENOUGH_INPUT
                and diff.verdict_before is not Verdict.NOT_ENOUGH_INPUT
                else None,
                verdict_if=diff.verdict_after,
                changes_verdict=diff.changes_verdict,
                left_out=mine is None and diff.factor_id in mentee.hidden,
            )
        )
    return found[:limit]


def mentor_view(
    mentee: Assessment, mentor: Assessment, evaluation: Evaluation | None = None
) -> MentorView:
    theirs = evaluate(mentor)
    score = "" if theirs.score is None else f" (score {theirs.score:.1f})"
    rated = {f.id for f, _ in mentor.active()}
    shown = mentee.shown()
    return MentorView(
        score=theirs.score,
        verdict=theirs.verdict,
        sentence=f"Weighing the factors independently, the mentor's view comes out "
        f"{theirs.verdict.label}{score}.",
        differences=tuple(mentor_differences(mentee, mentor, evaluation)),
        rated=sum(1 for f, _ in shown if f.id in rated),
        shown=len(shown),
        not_rated=tuple(f.title for f, _ in shown if f.id not in rated),
    )
