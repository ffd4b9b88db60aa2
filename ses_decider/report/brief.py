"""What a decision brief says, built from core objects: plain data, no Qt and no HTML.

``build_brief`` gathers the verdict, the pros-and-cons table with weights, shares, leans and
contributions, the numbers behind both charts, tipping points, robustness, the gut check, the mentor's
view with the largest differences, the fit-and-readiness quadrant with the development plan, the
notes, and the sources with their as-of dates. ``report/html.py`` and ``report/pdf.py`` render it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ses_decider.core import sensitivity
from ses_decider.core.content import catalogue
from ses_decider.core.explain import formula_lines, gut_check, verdict_sentence
from ses_decider.core.model import Assessment, Thresholds, Verdict
from ses_decider.core.scoring import Evaluation, evaluate

if TYPE_CHECKING:
    from ses_decider.core.readiness import StoryEvidence

TORNADO_ROWS = 8  # as many as the app's tornado chart shows
MENTOR_DIFFERENCES = 5


@dataclass(frozen=True)
class FactorLine:
    """One row of the pros-and-cons table, with the numbers behind it."""

    id: str
    title: str
    pro: str
    con: str
    weight: float
    share: float | None  # of the total weight, 0..1; None when no factor has weight
    lean: float
    contribution: float  # points added to (or taken from) 50
    dealbreaker: bool
    dealbreaker_hit: bool
    certainty: str
    note: str
    source: str  # the source's short name; "your own" for a factor the person added
    custom: bool


@dataclass(frozen=True)
class Difference:
    """Where mentor and mentee differ on one factor, and what taking the mentor's view would do."""

    factor_id: str
    title: str
    weight: float
    lean: float
    mentor_weight: float
    mentor_lean: float
    score_change: float | None  # the mentee's score with the mentor's weight and lean, minus now
    verdict_if: Verdict  # the mentee's verdict with the mentor's values for this factor
    changes_verdict: bool


@dataclass(frozen=True)
class MentorView:
    score: float | None
    verdict: Verdict
    sentence: str
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class AxesView:
    """The fit-and-readiness 2x2; ``quadrant`` and its texts are empty until both axes exist."""

    want: float | None
    ready: float | None
    fit_score: float | None
    quadrant: str  # the quadrant's title, "" when there is none
    meaning: str
    next_step: str
    quadrant_titles: tuple[str, ...]  # go now, build readiness, reconsider, not now
    ways: tuple[tuple[str, float], ...]  # (way title, credit 0..1)
    want_capped: bool


@dataclass(frozen=True)
class PlanLine:
    text: str
    target_date: str | None
    done: bool
    suggested: bool  # proposed for a gap, not yet in the person's own plan


@dataclass(frozen=True)
class SourceLine:
    short: str
    citation: str
    as_of: str
    note: str
    used_for: str


@dataclass(frozen=True)
class Brief:
    person: str
    day: date
    verdict: Verdict
    score: float | None
    verdict_sentence: str
    thresholds: Thresholds
    method: str
    factors: tuple[FactorLine, ...]
    left_out: tuple[str, ...]  # titles of default factors the person hid
    contributions: tuple[tuple[str, float], ...]  # (chart label, points), display order
    tornado: tuple[tuple[str, float, float], ...]  # (chart label, score at -5, score at +5)
    tipping: tuple[str, ...]
    robustness: sensitivity.Robustness
    robustness_sentence: str
    worth_checking: tuple[str, ...]  # factor titles
    gut: tuple[str, ...]
    gut_before: Verdict | None
    gut_after: Verdict | None
    formula: tuple[str, ...]
    overlap_note: str
    notes: tuple[tuple[str, str], ...]  # (factor title, note)
    mentor: MentorView | None
    axes: AxesView | None
    plan: tuple[PlanLine, ...]
    sources: tuple[SourceLine, ...]

    @property
    def date_text(self) -> str:
        return f"{self.day:%B} {self.day.day}, {self.day.year}"


def build_brief(
    person: str,
    assessment: Assessment,
    *,
    mentor: Assessment | None = None,
    day: date | None = None,
    seed: int = 0,
    draws: int = 10_000,
    evidence: StoryEvidence | None = None,
) -> Brief:
    """Everything the brief says about ``person``'s assessment (and a mentor's, when given).

    ``evidence``: the person's story bank, which "Am I ready?" takes beside the self-ratings."""
    evaluation = evaluate(assessment)
    rob = sensitivity.robustness(assessment, draws=draws, seed=seed)
    factors = tuple(_factor_lines(assessment, evaluation))
    axes, plan = readiness_parts(assessment, evaluation, evidence)
    return Brief(
        person=person,
        day=day or date.today(),
        verdict=evaluation.verdict,
        score=evaluation.score,
        verdict_sentence=verdict_sentence(assessment, evaluation),
        thresholds=assessment.thresholds,
        method=assessment.method,
        factors=factors,
        left_out=tuple(f.title for f in assessment.factors if f.id in assessment.hidden),
        contributions=tuple(
            (f.label, evaluation.contributions.get(f.id, 0.0)) for f, _ in assessment.active()
        ),
        tornado=tuple(
            (assessment.factor(b.factor_id).label, b.low_score, b.high_score)
            for b in sensitivity.tornado(assessment)[:TORNADO_ROWS]
        ),
        tipping=tuple(sensitivity.tipping_sentences(assessment)),
        robustness=rob,
        robustness_sentence=robustness_sentence(rob),
        worth_checking=tuple(assessment.factor(fid).title for fid in rob.worth_checking),
        gut=tuple(gut_check(assessment, evaluation)),
        gut_before=assessment.gut_before,
        gut_after=assessment.gut_after,
        formula=tuple(formula_lines(assessment, evaluation)),
        overlap_note=_overlap_note(assessment),
        notes=tuple((line.title, line.note) for line in factors if line.note.strip()),
        mentor=mentor_view(assessment, mentor, evaluation) if mentor is not None else None,
        axes=axes,
        plan=plan,
        sources=tuple(_sources(assessment, axes is not None)),
    )


def _factor_lines(assessment: Assessment, evaluation: Evaluation) -> list[FactorLine]:
    sources = catalogue().sources
    lines = []
    for factor, rating in assessment.active():
        source = sources.get(factor.source)
        lines.append(
            FactorLine(
                id=factor.id,
                title=factor.title,
                pro=factor.pro,
                con=factor.con,
                weight=rating.weight,
                share=evaluation.shares.get(factor.id),
                lean=rating.lean,
                contribution=evaluation.contributions.get(factor.id, 0.0),
                dealbreaker=rating.dealbreaker,
                dealbreaker_hit=rating.dealbreaker_hit,
                certainty=rating.certainty.value,
                note=rating.note,
                source="your own" if factor.custom else (source.short if source else ""),
                custom=factor.custom,
            )
        )
    return lines


def robustness_sentence(rob: sensitivity.Robustness) -> str:
    """The robustness check in one or two sentences, as the app's "How solid is it" panel says it."""
    if rob.draws == 0:
        return "Not enough input to test yet."
    word = "Robust" if rob.label == "robust" else "Fragile"
    return (
        f"{word}: in {rob.draws:,} what-ifs with the weights and leans a little different (by how "
        f"sure the person is of each), the verdict stays {rob.verdict.label} {rob.p_current:.0%} "
        f"of the time (GO {rob.p_go:.0%}, CLOSE CALL {rob.p_close_call:.0%}, "
        f"NO-GO {rob.p_no_go:.0%})."
    )


def mentor_differences(
    mentee: Assessment,
    mentor: Assessment,
    evaluation: Evaluation | None = None,
    limit: int = MENTOR_DIFFERENCES,
) -> list[Difference]:
    """The factors where the two differ, ranked by what each would do to the mentee's verdict.

    For each factor the mentee weighs, the mentee's weight and lean are replaced by the mentor's (a
    factor the mentor hid counts as weight 0) and the mentee's assessment is scored again. Changes
    that flip the verdict come first, then the largest moves of the score.
    """
    from ses_decider.core.compare import differences  # the ranking rule, implemented once

    found = []
    for diff in differences(mentee, mentor):
        if diff.mine is None:
            continue  # a factor only the mentor weighs: nothing of the mentee's to move
        theirs = diff.theirs
        found.append(
            Difference(
                factor_id=diff.factor_id,
                title=diff.title,
                weight=diff.mine.weight,
                lean=diff.mine.lean,
                mentor_weight=0.0 if theirs is None else theirs.weight,
                mentor_lean=diff.mine.lean if theirs is None else theirs.lean,
                score_change=diff.score_shift
                if diff.verdict_after.label != "NOT ENOUGH INPUT"
                else None,
                verdict_if=diff.verdict_after,
                changes_verdict=diff.changes_verdict,
            )
        )
    return found[:limit]


def mentor_view(
    mentee: Assessment, mentor: Assessment, evaluation: Evaluation | None = None
) -> MentorView:
    theirs = evaluate(mentor)
    score = "" if theirs.score is None else f" (score {theirs.score:.1f})"
    return MentorView(
        score=theirs.score,
        verdict=theirs.verdict,
        sentence=f"Weighing the same factors independently, the mentor's view comes out "
        f"{theirs.verdict.label}{score}.",
        differences=tuple(mentor_differences(mentee, mentor, evaluation)),
    )


def readiness_parts(
    assessment: Assessment, evaluation: Evaluation, evidence: StoryEvidence | None = None
) -> tuple[AxesView | None, tuple[PlanLine, ...]]:
    """The 2x2 and the development plan, when the person has fit answers or readiness facts.

    The hook between the brief and ``core/readiness.py``: the only place the report reads it.
    """
    if not assessment.fit and assessment.readiness is None:
        return None, ()
    from ses_decider.core.readiness import Quadrant, axes, refresh_plan
    from ses_decider.core.readiness_content import readiness_content

    found = axes(assessment, evaluation, evidence)
    content = readiness_content()
    quadrant = found.quadrant.text if found.quadrant else None
    view = AxesView(
        want=found.want,
        ready=found.ready,
        fit_score=found.fit_score,
        quadrant=quadrant.title if quadrant else "",
        meaning=quadrant.meaning if quadrant else "",
        next_step=quadrant.next_step if quadrant else "",
        quadrant_titles=tuple(q.title for q in Quadrant),
        ways=tuple((content.way(wid).title, credit) for wid, credit in found.way_credits.items()),
        want_capped=found.want_capped,
    )
    plan: tuple[PlanLine, ...] = ()
    if assessment.readiness is not None:
        own = {item.id for item in assessment.readiness.plan}
        plan = tuple(
            PlanLine(item.text, item.target_date, item.done, item.id not in own)
            for item in refresh_plan(assessment.readiness, evidence)
        )
    return view, plan


def _overlap_note(assessment: Assessment) -> str:
    """The catalogue's warning about overlapping factors, when two or more of them carry weight."""
    notes = catalogue().overlap_notes
    groups: dict[str, int] = {}
    for factor, rating in assessment.active():
        if factor.overlap and rating.weight > 0:
            groups[factor.overlap] = groups.get(factor.overlap, 0) + 1
    return " ".join(notes[g] for g, n in groups.items() if n >= 2 and g in notes)


def _sources(assessment: Assessment, with_readiness: bool) -> list[SourceLine]:
    cat = catalogue()
    used = []
    for factor, _ in assessment.active():
        if factor.source in cat.sources and factor.source not in used:
            used.append(factor.source)
    lines = [
        SourceLine(
            cat.sources[k].short,
            cat.sources[k].citation(),
            cat.sources[k].as_of,
            cat.sources[k].note,
            "the pros and cons",
        )
        for k in used
    ]
    if with_readiness:
        from ses_decider.core.readiness import active_ecq_set
        from ses_decider.core.readiness_content import readiness_content

        content = readiness_content()
        keys = {w.source for w in content.ways} | {q.source for q in content.quadrants.values()}
        keys |= {q.source for q in content.fit_questions if q.id in assessment.fit}
        if assessment.readiness is not None:
            keys.add(active_ecq_set(assessment.readiness).source)
        for key in sorted(keys):
            ref = content.sources.get(key)
            if ref is not None and ref.citation() not in {s.citation for s in lines}:
                lines.append(
                    SourceLine(ref.short, ref.citation(), ref.as_of, ref.note, "fit and readiness")
                )
    return lines
