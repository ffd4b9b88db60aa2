"""What a decision brief says, built from core objects: plain data, no Qt and no HTML.

``build_brief`` gathers the verdict, the pros-and-cons table with weights, shares, leans and
contributions (a factor not rated yet is "not rated", never 0), the numbers behind both charts,
tipping points as computed, robustness, the gut check, the mentor's view with the largest
differences (only factors the mentor rated), the fit-and-readiness quadrant with the development
plan, the notes, the shared mentor/mentee notes, the final decision, the review date and the sources
with their as-of dates. ``report/html.py`` and ``report/pdf.py`` render it, section by section
(``report/sections.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ses_decider.core import sensitivity
from ses_decider.core.content import catalogue
from ses_decider.core.explain import formula_lines, gut_check, verdict_sentence
from ses_decider.core.model import Assessment, Thresholds, Verdict
from ses_decider.core.path_tipping import path_tipping_sentence
from ses_decider.core.paths import higher_path_sentence, other_scores, score_text
from ses_decider.core.records import Decision, DiscussionNote
from ses_decider.core.scoring import Evaluation, evaluate
from ses_decider.report.mentor_brief import (
    MENTOR_DIFFERENCES,
    Difference,
    MentorView,
    mentor_differences,
    mentor_view,
)
from ses_decider.report.tipping_lines import TippingLine, exact, tipping_lines

__all__ = [
    "MENTOR_DIFFERENCES",
    "Brief",
    "Difference",
    "MentorView",
    "TippingLine",
    "build_brief",
    "exact",
    "mentor_differences",
    "mentor_view",
    "tipping_lines",
]

if TYPE_CHECKING:
    from ses_decider.core.readiness import StoryEvidence

TORNADO_ROWS = 8  # as many as the app's tornado chart shows


@dataclass(frozen=True)
class FactorLine:
    """One row of the pros-and-cons table, with the numbers behind it."""

    id: str
    title: str
    pro: str
    con: str
    weight: float | None  # None: not rated yet (it takes no part in the score)
    share: float | None  # of the total weight, 0..1; None when not rated or no factor has weight
    lean: float | None
    contribution: float | None  # points added to (or taken from) 50; None when not rated
    dealbreaker: bool
    dealbreaker_hit: bool
    certainty: str
    note: str
    source: str  # the source's short name; "your own" for a factor the person added
    custom: bool

    @property
    def rated(self) -> bool:
        return self.weight is not None and self.lean is not None


@dataclass(frozen=True)
class PathLine:
    """Another path the person added, as the paths table shows it."""

    title: str
    score: str  # a whole number, or a dash without a score
    verdict: str  # the verdict's label, marked when a dealbreaker of the path decides it


@dataclass(frozen=True)
class SharedNote:
    """A note mentor and mentee keep together on one factor."""

    title: str
    text: str
    updated_on: str  # YYYY-MM-DD, "" when unknown


@dataclass(frozen=True)
class AxesView:
    """The fit-and-readiness 2x2; ``quadrant`` and its texts are empty until both axes exist."""

    want: float | None
    ready: float | None
    fit_score: float | None
    quadrant: str  # the quadrant's title, "" when there is none
    meaning: str
    next_step: str
    quadrant_titles: tuple[tuple[str, str], ...]  # (quadrant id, its title), for the 2x2
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
    tipping: tuple[TippingLine, ...]
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
    shared_notes: tuple[SharedNote, ...] = ()
    decision: Decision | None = None
    review_on: str | None = None  # YYYY-MM-DD
    paths: tuple[PathLine, ...] = ()  # the other paths the person added, in their order
    higher_path: str | None = None  # "Senior Level scores 66, the SES 61." when one scores higher
    path_tip: str | None = None  # the change that makes the best other path and the SES swap
    rated: int = 0  # factors on the table with a weight and a lean
    shown: int = 0  # factors on the table
    # What sections a feature adds have gathered (report/sections.py), by section key.
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def date_text(self) -> str:
        return long_date(self.day)


def long_date(day: date | str) -> str:
    """November 23, 2026 (from a date or YYYY-MM-DD)."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return f"{day:%B} {day.day}, {day.year}"


def build_brief(
    person: str,
    assessment: Assessment,
    *,
    mentor: Assessment | None = None,
    day: date | None = None,
    seed: int = 0,
    draws: int = 10_000,
    evidence: StoryEvidence | None = None,
    shared_notes: Iterable[DiscussionNote] = (),
    decision: Decision | None = None,
    review_on: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Brief:
    """Everything the brief says about ``person``'s assessment.

    The mentor's view is included only when the mentor rated at least one factor. ``evidence``: the
    person's story bank, which "Am I ready?" takes beside the self-ratings. ``shared_notes``,
    ``decision`` and ``review_on`` are the person's stored ones; ``extra`` what feature sections
    gathered (see `report.sections.gather`).
    """
    evaluation = evaluate(assessment)
    rob = sensitivity.robustness(assessment, draws=draws, seed=seed)
    factors = tuple(_factor_lines(assessment, evaluation))
    axes, plan = readiness_parts(assessment, evaluation, evidence)
    rated, shown = assessment.rated_count()
    with_mentor = mentor is not None and bool(mentor.active())
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
            (f.title, evaluation.contributions.get(f.id, 0.0)) for f, _ in assessment.active()
        ),
        tornado=tuple(
            (assessment.factor(b.factor_id).title, b.low_score, b.high_score)
            for b in sensitivity.tornado(assessment)[:TORNADO_ROWS]
        ),
        tipping=tuple(tipping_lines(assessment)),
        robustness=rob,
        robustness_sentence=robustness_sentence(rob),
        worth_checking=tuple(assessment.factor(fid).title for fid in rob.worth_checking),
        gut=tuple(gut_check(assessment, evaluation)),
        gut_before=assessment.gut_before,
        gut_after=assessment.gut_after,
        formula=tuple(formula_lines(assessment, evaluation)),
        overlap_note=_overlap_note(assessment),
        notes=tuple((line.title, line.note) for line in factors if line.note.strip()),
        mentor=mentor_view(assessment, mentor, evaluation) if with_mentor else None,
        axes=axes,
        plan=plan,
        sources=tuple(_sources(assessment, axes is not None)),
        shared_notes=tuple(_shared_notes(assessment, shared_notes)),
        decision=decision,
        review_on=review_on,
        paths=tuple(_path_lines(assessment)),
        higher_path=higher_path_sentence(assessment, evaluation),
        path_tip=path_tipping_sentence(assessment),
        rated=rated,
        shown=shown,
        extra=dict(extra or {}),
    )


def _path_lines(assessment: Assessment) -> list[PathLine]:
    return [
        PathLine(
            s.title,
            score_text(s.score),
            f"{s.evaluation.verdict.label} (a dealbreaker)"
            if s.ruled_out
            else s.evaluation.verdict.label,
        )
        for s in other_scores(assessment)
    ]


def _factor_lines(assessment: Assessment, evaluation: Evaluation) -> list[FactorLine]:
    sources = catalogue().sources
    lines = []
    for factor, rating in assessment.shown():  # in the table's order, not rated ones included
        source = sources.get(factor.source)
        lines.append(
            FactorLine(
                id=factor.id,
                title=factor.title,
                pro=factor.pro,
                con=factor.con,
                weight=rating.weight,
                share=evaluation.shares.get(factor.id) if rating.rated else None,
                lean=rating.lean,
                contribution=evaluation.contributions.get(factor.id, 0.0) if rating.rated else None,
                dealbreaker=rating.dealbreaker,
                dealbreaker_hit=rating.dealbreaker_hit,
                certainty=rating.certainty.value,
                note=rating.note,
                source="your own" if factor.custom else (source.short if source else ""),
                custom=factor.custom,
            )
        )
    return lines


def _shared_notes(assessment: Assessment, notes: Iterable[DiscussionNote]) -> list[SharedNote]:
    """The shared notes in the table's order; a note on a factor no longer on it comes last."""
    titles = {f.id: f.title for f in catalogue().factors} | {
        f.id: f.title for f in assessment.factors
    }
    order = {f.id: i for i, f in enumerate(assessment.factors)}
    kept = [n for n in notes if n.text.strip()]
    kept.sort(key=lambda n: (order.get(n.factor_id, len(order)), n.factor_id))
    return [
        SharedNote(titles.get(n.factor_id, n.factor_id), n.text, (n.updated_at or "")[:10])
        for n in kept
    ]


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
        quadrant_titles=tuple((q.value, q.title) for q in Quadrant),
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
        if factor.overlap and rating.weight and rating.weight > 0:
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
