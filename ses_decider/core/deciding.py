"""Deciding well: the friend's view, experiments worth trying, what is due, and the records behind them.

The records (own reasons, premortem items, a friend's view, experiments, journal entries) live in
:mod:`ses_decider.core.deciding_records` and are re-exported here. The functions are pure: they take
the assessment and the records and return what to show. Every verdict comes from
:func:`ses_decider.core.scoring.evaluate` and every tipping point or robustness figure from
:mod:`ses_decider.core.sensitivity`; nothing here scores on its own.

Unrated factors: a rating whose weight or lean is None has not been rated yet. Such factors are left
out of the friend's view, of the comparison and of the sensitivity checks (see :func:`rated_only`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ses_decider.core.deciding_content import ExperimentIdea, deciding_content
from ses_decider.core.deciding_records import (
    EXPERIMENT_STATUSES,
    KEPT_VALUES,
    OWN_KIND,
    PATHS,
    RECORD_TYPES,
    SIDES,
    Experiment,
    FriendView,
    JournalEntry,
    OwnReason,
    PremortemItem,
    RejectedPath,
    edited,
    from_dict,
    merge_records,
    new_id,
    to_dict,
    utc_now,
)
from ses_decider.core.model import Assessment, Certainty, Factor, Rating, Verdict
from ses_decider.core.scoring import Evaluation, evaluate
from ses_decider.core.sensitivity import Robustness, Tip, TippingPoint, robustness, tipping_points

__all__ = [
    "EXPERIMENT_STATUSES",
    "KEPT_VALUES",
    "OWN_KIND",
    "PATHS",
    "RECORD_TYPES",
    "SIDES",
    "DueItem",
    "Experiment",
    "ExperimentSuggestion",
    "FriendDiff",
    "FriendRow",
    "FriendView",
    "JournalEntry",
    "OwnReason",
    "PremortemItem",
    "RejectedPath",
    "answered_prompt_ids",
    "covered_factor_ids",
    "due_items",
    "edited",
    "experiment_from_idea",
    "friend_diff",
    "friend_factors",
    "from_dict",
    "is_rated",
    "merge_records",
    "new_id",
    "open_premortem_actions",
    "rated_only",
    "suggest_experiments",
    "to_dict",
    "utc_now",
    "with_leans",
]

LEAN_REACH = 2.0  # a lean tip this close (in lean points) counts as "could change the verdict"
WEIGHT_REACH = 2.0  # likewise for a weight tip, in weight points
IDEAS_PER_FACTOR = 3
DUE_KINDS = ("experiment", "premortem", "journal")


def is_rated(rating: Rating) -> bool:
    """False for a factor not rated yet: its weight or its lean is None."""
    return getattr(rating, "weight", None) is not None and getattr(rating, "lean", None) is not None


def rated_only(assessment: Assessment) -> Assessment:
    """A copy in which unrated factors (weight or lean None) are hidden, so they take no part."""
    copy = assessment.copy()
    copy.hidden |= {f.id for f in copy.factors if not is_rated(copy.ratings[f.id])}
    return copy


def with_leans(assessment: Assessment, leans: dict[str, float]) -> Assessment:
    """A copy with the given leans in place of the person's (unknown or unrated factors ignored)."""
    copy = assessment.copy()
    for factor_id, lean in leans.items():
        rating = copy.ratings.get(factor_id)
        if rating is not None and is_rated(rating):
            copy.ratings[factor_id] = replace(rating, lean=float(lean))
    return copy


# --- A friend's view --------------------------------------------------------------------------


def friend_factors(assessment: Assessment, limit: int | None = None) -> list[Factor]:
    """The factors to re-answer for a friend: the heaviest first, ties by title, at most ``limit``.

    ``limit`` defaults to the content's ``max_factors`` (five). Only active, rated factors with a
    weight above 0 take part.
    """
    cap = deciding_content().friend.max_factors if limit is None else limit
    rated = [(f, r) for f, r in rated_only(assessment).active() if is_rated(r) and r.weight > 0]
    rated.sort(key=lambda fr: (-fr[1].weight, fr[0].title.casefold(), fr[0].id))
    return [f for f, _ in rated[: max(0, cap)]]


@dataclass(frozen=True)
class FriendRow:
    """One factor: the person's lean, the lean given for the friend, and the verdict if kept."""

    factor_id: str
    title: str
    own_lean: float
    friend_lean: float
    verdict_if_kept: Verdict  # the verdict with only this factor taking the friend's lean

    @property
    def delta(self) -> float:
        """How far the friend's answer is from the person's, in lean points (+: more for the SES)."""
        return self.friend_lean - self.own_lean

    @property
    def differs(self) -> bool:
        return abs(self.delta) > 1e-9


@dataclass(frozen=True)
class FriendDiff:
    """Where the two answers differ, and the verdict each version gives."""

    rows: tuple[FriendRow, ...]
    own: Evaluation  # as the person answered
    friend: Evaluation  # with every lean given for the friend kept

    @property
    def differing(self) -> tuple[FriendRow, ...]:
        return tuple(row for row in self.rows if row.differs)

    @property
    def verdict_changes(self) -> bool:
        return self.own.verdict is not self.friend.verdict


def friend_diff(assessment: Assessment, view: FriendView) -> FriendDiff:
    """Compare the person's leans with those given for the friend, factor by factor.

    Rows follow :func:`friend_factors`' order (heaviest first) for the factors in the view that are
    still active and rated; any others the view holds are ignored (removed, hidden or unrated since).
    """
    base = rated_only(assessment)
    active = {f.id: (f, r) for f, r in base.active()}
    order = {f.id: i for i, f in enumerate(friend_factors(base, limit=len(base.factors)))}
    kept_ids = sorted(
        (fid for fid in view.leans if fid in active),
        key=lambda fid: (order.get(fid, len(order)), active[fid][0].title.casefold(), fid),
    )
    rows = []
    for factor_id in kept_ids:
        factor, rating = active[factor_id]
        friend_lean = view.leans[factor_id]
        rows.append(
            FriendRow(
                factor_id=factor_id,
                title=factor.title,
                own_lean=float(rating.lean),
                friend_lean=friend_lean,
                verdict_if_kept=evaluate(with_leans(base, {factor_id: friend_lean})).verdict,
            )
        )
    friend_leans = {fid: view.leans[fid] for fid in kept_ids}
    return FriendDiff(
        rows=tuple(rows), own=evaluate(base), friend=evaluate(with_leans(base, friend_leans))
    )


# --- Small experiments ------------------------------------------------------------------------


@dataclass(frozen=True)
class ExperimentSuggestion:
    """A factor that could change the verdict, why we think so, and ways to find out."""

    factor_id: str
    title: str
    worth_checking: bool  # named by the robustness check
    lean_tip: Tip | None  # the nearest lean that changes the verdict, if within reach
    weight_tip: Tip | None  # likewise for the weight
    ideas: tuple[ExperimentIdea, ...]  # the content's ideas that inform it, not yet planned


def suggest_experiments(
    assessment: Assessment,
    experiments: Iterable[Experiment] = (),
    limit: int = 3,
    tips: dict[str, TippingPoint] | None = None,
    robust: Robustness | None = None,
) -> list[ExperimentSuggestion]:
    """Factors that could change the verdict, with the content's experiments that inform them.

    A factor qualifies when the robustness check names it worth checking, or when it is not rated
    "sure" and a lean within 2 points, or a weight within 2 points, of its current value changes
    the verdict. Robustness's factors come first (in its order), then the closest tips. Each
    comes with up to three ideas, the most direct first; ideas the person has already planned or
    done (same kind) are left out, dropped ones may come back. A factor with no idea left is still
    returned, for an experiment of one's own. Pass ``tips``/``robust`` when already computed for
    the same assessment (the views do); they are computed here otherwise.
    """
    base = rated_only(assessment)
    if evaluate(base).verdict is Verdict.NOT_ENOUGH_INPUT:
        return []
    tips = tipping_points(base) if tips is None else tips
    robust = robustness(base) if robust is None else robust
    taken = {e.kind for e in experiments if e.status != "dropped" and e.kind != OWN_KIND}
    found: list[tuple[tuple, ExperimentSuggestion]] = []
    for factor, rating in base.active():
        point = tips.get(factor.id)
        lean_tip = _within(point.lean if point else None, rating.lean, LEAN_REACH)
        weight_tip = _within(point.weight if point else None, rating.weight, WEIGHT_REACH)
        worth = factor.id in robust.worth_checking
        near = (lean_tip or weight_tip) is not None and rating.certainty is not Certainty.SURE
        if not (worth or near):
            continue
        distances = [
            abs(t.at - v) for t, v in ((lean_tip, rating.lean), (weight_tip, rating.weight)) if t
        ]
        rank = (
            robust.worth_checking.index(factor.id) if worth else len(robust.worth_checking),
            min(distances, default=float("inf")),
            factor.title.casefold(),
        )
        ideas = _ideas_for(factor.id, taken)
        suggestion = ExperimentSuggestion(
            factor.id, factor.title, worth, lean_tip, weight_tip, ideas
        )
        found.append((rank, suggestion))
    found.sort(key=lambda item: item[0])
    return [s for _, s in found[: max(0, limit)]]


def _ideas_for(factor_id: str, taken: set[str]) -> tuple[ExperimentIdea, ...]:
    """The content's ideas that inform a factor, those aimed most at it first.

    An idea lists its factors main one first, so an idea where the factor comes earlier, then one
    that informs fewer factors, is the more direct way to find out.
    """
    ideas = [
        idea
        for idea in deciding_content().experiments
        if factor_id in idea.factor_ids and idea.id not in taken
    ]
    ideas.sort(key=lambda idea: (idea.factor_ids.index(factor_id), len(idea.factor_ids)))
    return tuple(ideas[:IDEAS_PER_FACTOR])


def _within(tip: Tip | None, current: float, reach: float) -> Tip | None:
    return tip if tip is not None and abs(tip.at - current) <= reach else None


def experiment_from_idea(
    idea: ExperimentIdea, today: date, factor_ids: Iterable[str] | None = None
) -> Experiment:
    """A planned experiment from one of the content's ideas, due after its typical duration.

    ``factor_ids`` narrows the idea's factors (to those in the person's table, say).
    """
    wanted = idea.factor_ids if factor_ids is None else tuple(factor_ids)
    return Experiment(
        title=idea.title,
        factor_ids=wanted,
        due=(today + timedelta(days=idea.typical_days)).isoformat(),
        kind=idea.id,
    )


# --- What is due ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """Something to do or answer now: an experiment, a premortem's preventive step, a review."""

    kind: str  # "experiment", "premortem" or "journal"
    record_id: str
    title: str
    due: str
    days_overdue: int  # 0: due today; above 0: late; below 0: coming up within the window


def due_items(
    today: date,
    experiments: Iterable[Experiment] = (),
    premortem: Iterable[PremortemItem] = (),
    journal: Iterable[JournalEntry] = (),
    within_days: int = 0,
) -> list[DueItem]:
    """What is due on ``today`` or earlier (or up to ``within_days`` ahead), earliest first.

    Planned experiments by their date; premortem items not done that have a date (titled by their
    preventive step, or by the answer when no step is written yet); journal entries whose review
    date has come and that are not yet answered. Ties: experiments, then premortem, then journal,
    then by title.
    """
    horizon = today + timedelta(days=max(0, within_days))
    found: list[DueItem] = []

    def add(kind: str, record_id: str, title: str, due: str) -> None:
        day = date.fromisoformat(due)
        if day <= horizon:
            found.append(DueItem(kind, record_id, title, due, (today - day).days))

    for e in experiments:
        if e.status == "planned":
            add("experiment", e.id, e.title, e.due)
    for p in premortem:
        if not p.done and p.due is not None:
            add("premortem", p.id, p.prevention or p.text, p.due)
    for j in journal:
        if j.answered_on is None:
            add("journal", j.id, j.decision, j.review_on)
    found.sort(key=lambda d: (d.due, DUE_KINDS.index(d.kind), d.title.casefold()))
    return found


# --- Own reasons and premortem, for the table, the agenda and score --json ---------------------


def covered_factor_ids(reasons: Iterable[OwnReason]) -> set[str]:
    """The factors (default or custom) that have at least one of the person's own reasons."""
    return {r.matched_factor_id for r in reasons if r.matched_factor_id is not None}


def answered_prompt_ids(reasons: Iterable[OwnReason]) -> set[str]:
    """The "did you miss?" prompts the person answered with a reason."""
    return {r.prompt_id for r in reasons if r.prompt_id is not None}


def open_premortem_actions(items: Iterable[PremortemItem]) -> list[PremortemItem]:
    """Preventive steps written and not yet done, dated ones first (earliest first)."""
    open_items = [p for p in items if p.prevention and not p.done]
    return sorted(open_items, key=lambda p: (p.due is None, p.due or "", p.prevention.casefold()))
