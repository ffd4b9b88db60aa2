"""Fit and readiness: the axes "Do I want it?" and "Am I ready?", the 2x2, and the development plan.

The rules, implemented once here for the GUI, the CLI and the report (``rules_text()`` says the same
in plain sentences):

- **Fit score** (0-100): the mean of the answered fit questions (each 0-4, higher = better fit)
  divided by 4, times 100. With no answer there is no fit score.
- **Want** (0-100): 70% of the decision score (the weighed pros and cons, ``scoring.evaluate``) plus
  30% of the fit score. If only one of the two exists, want is that one alone; with neither, there is
  no want. A dealbreaker that decides the verdict caps want at 49: a "must" you cannot meet is a no.
- **Ready** (0-100): the average over the six ways of each way's credit (0 to 1), times 100. A way's
  credit is the mean of its checklist items' credits (location: the better of "served in Washington"
  and "would move"); the ECQ way's credit is the mean over the ECQs of the chosen set of each ECQ's
  value (0-4), divided by 4. An ECQ's value is its self-rating (unrated: 0); where the story bank's
  evidence for it (0-4, ``stories.readiness_evidence``) is higher than the self-rating, it is the
  mean of the two instead. So a story only ever adds, and a person without stories (evidence 0)
  keeps exactly their self-rating. An item's credit: a count earns full credit at
  its target (five positions, two details, three years at GS-14/15, two outside roles), a scale is
  value / maximum, yes counts 1 and no 0, a blank counts 0.
- **Quadrant**, boundaries at 50 on both axes: want >= 50 and ready >= 50 "go for it now"; want >= 50
  and ready < 50 "want it, build readiness first"; want < 50 and ready >= 50 "ready, but reconsider";
  otherwise "not for you now".
- **Gaps** feed the development plan: an ECQ rated below 3 (or not rated), an ECQ rated 3 or more
  without a written example, and any checklist item short of full credit in a way that is not full.
  Where the story bank is known (``StoryEvidence``), an ECQ with no story gets a step instead of
  the written-example one (``stories.plan_gaps``): the story bank is where examples are written.

Both axes are monotone: raising any answer, fact, rating or lean, or adding a story, never lowers
them. Without ``evidence`` (a file, a snapshot: the story bank unknown) the ECQ rules are the
self-rating alone, as before the story bank.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from ses_decider.core.model import Assessment, PlanItem, ReadinessState
from ses_decider.core.readiness_content import (
    FIT_MAX,
    RATING_MAX,
    WAY_IDS,
    EcqSet,
    QuadrantText,
    readiness_content,
)
from ses_decider.core.scoring import Evaluation, evaluate

WANT_DECISION_SHARE = 0.7
WANT_FIT_SHARE = 0.3
DEALBREAKER_WANT_CAP = 49.0
BOUNDARY = 50.0


class Quadrant(enum.Enum):
    GO_NOW = "go_now"
    BUILD_READINESS = "build_readiness"
    RECONSIDER = "reconsider"
    NOT_NOW = "not_now"

    @property
    def text(self) -> QuadrantText:
        """Title, one-paragraph meaning and next step, from resources/readiness.json."""
        return readiness_content().quadrants[self.value]

    @property
    def title(self) -> str:
        return self.text.title


@dataclass(frozen=True)
class Axes:
    """Both axes with what they are made of; None where there is not enough input."""

    want: float | None
    ready: float | None
    quadrant: Quadrant | None
    decision_score: float | None
    fit_score: float | None
    way_credits: dict[str, float]  # way id -> 0..1; empty without readiness facts
    want_capped: bool  # a dealbreaker held want below 50


@dataclass(frozen=True)
class Gap:
    """Something the plan could close; ``key`` is also the id of its suggested plan item."""

    key: str  # "item:<id>", "ecq:<id>" or "example:<id>"
    title: str
    suggestion: str


@dataclass(frozen=True)
class StoryEvidence:
    """What the story bank shows, per ECQ id of either set: ``strength`` 0-4 is
    ``stories.readiness_evidence`` (absent: 0); ``gaps`` are the plan steps for the ECQs without a
    story (``stories.plan_gaps``, keys "story:<ECQ id>"). Made by ``stories.story_evidence``."""

    strength: Mapping[str, int] = field(default_factory=dict)
    gaps: tuple[Gap, ...] = ()


def _clean(value: float) -> float:
    # Round away float noise (so 50 is exactly 50 at the boundary) and clamp into [0, 100].
    return min(100.0, max(0.0, round(value, 9)))


def blank_readiness() -> ReadinessState:
    """A person's starting readiness: nothing entered, the current ECQ set chosen."""
    return ReadinessState(ecq_set=readiness_content().ecq_default)


def fit_score(answers: Mapping[str, float]) -> float | None:
    """Mean of the answered fit questions as 0-100; None when nothing is answered."""
    if not answers:
        return None  # without touching the content: snapshots of plain assessments stay cheap
    known = {q.id for q in readiness_content().fit_questions}
    values = [min(max(float(v), 0.0), FIT_MAX) for k, v in answers.items() if k in known]
    if not values:
        return None
    return _clean(100.0 * sum(values) / (FIT_MAX * len(values)))


def want_score(
    decision_score: float | None, fit: float | None, dealbreaker_hit: bool = False
) -> float | None:
    """70% decision score + 30% fit score (either alone if the other is missing)."""
    if decision_score is None and fit is None:
        return None
    if decision_score is None:
        want = fit
    elif fit is None:
        want = decision_score
    else:
        want = WANT_DECISION_SHARE * decision_score + WANT_FIT_SHARE * fit
    if dealbreaker_hit:
        want = min(want, DEALBREAKER_WANT_CAP)
    return _clean(want)


def active_ecq_set(state: ReadinessState) -> EcqSet:
    """The ECQ set the person rates against (the default if theirs is no longer in the content)."""
    content = readiness_content()
    try:
        return content.ecq_set(state.ecq_set)
    except KeyError:
        return content.ecq_set(content.ecq_default)


def ecq_value(rating: float, evidence: float | None) -> float:
    """0-4: the self-rating, or the mean of it and the story evidence where the evidence is higher.

    Monotone in both; equal to the rating without evidence (None or 0)."""
    if evidence is None or evidence <= rating:
        return float(rating)
    return (rating + min(float(evidence), RATING_MAX)) / 2


def ecq_values(state: ReadinessState, evidence: StoryEvidence | None = None) -> dict[str, float]:
    """Each ECQ of the chosen set with its value 0-4 (see ``ecq_value``), in order."""
    return {
        e.id: ecq_value(_rating(state, e.id), evidence.strength.get(e.id, 0) if evidence else None)
        for e in active_ecq_set(state).ecqs
    }


def way_credits(state: ReadinessState, evidence: StoryEvidence | None = None) -> dict[str, float]:
    """Credit 0..1 for each of the six ways, in order."""
    content = readiness_content()
    credits: dict[str, float] = {}
    for way in content.ways:
        if way.combine == "ecq":
            values = ecq_values(state, evidence)
            credits[way.id] = sum(values.values()) / (RATING_MAX * len(values))
            continue
        parts = [item.credit(state.facts.get(item.id)) for item in content.items_of(way.id)]
        credits[way.id] = max(parts) if way.combine == "max" else sum(parts) / len(parts)
    return credits


def _rating(state: ReadinessState, ecq_id: str) -> int:
    entry = state.ecq.get(ecq_id)
    if entry is None or entry.rating is None:
        return 0
    return min(max(entry.rating, 0), RATING_MAX)


def ready_score(state: ReadinessState, evidence: StoryEvidence | None = None) -> float:
    """Average of the six ways' credits, as 0-100."""
    credits = way_credits(state, evidence)
    return _clean(100.0 * sum(credits.values()) / len(WAY_IDS))


def quadrant_for(want: float, ready: float) -> Quadrant:
    """The 2x2 with both boundaries at 50 (a value of exactly 50 counts as high)."""
    if want >= BOUNDARY:
        return Quadrant.GO_NOW if ready >= BOUNDARY else Quadrant.BUILD_READINESS
    return Quadrant.RECONSIDER if ready >= BOUNDARY else Quadrant.NOT_NOW


def axes(
    assessment: Assessment,
    evaluation: Evaluation | None = None,
    evidence: StoryEvidence | None = None,
) -> Axes:
    """Want, ready and the quadrant for an assessment (quadrant only when both axes exist).

    ``evidence``: the person's story bank (``stories.story_evidence``), or None where unknown."""
    evaluation = evaluation or evaluate(assessment)
    fit = fit_score(assessment.fit)
    hit = bool(evaluation.dealbreakers)
    want = want_score(evaluation.score, fit, hit)
    uncapped = want_score(evaluation.score, fit, False)
    state = assessment.readiness
    ready = ready_score(state, evidence) if state is not None else None
    both = want is not None and ready is not None
    return Axes(
        want=want,
        ready=ready,
        quadrant=quadrant_for(want, ready) if both else None,
        decision_score=evaluation.score,
        fit_score=fit,
        way_credits=way_credits(state, evidence) if state is not None else {},
        want_capped=uncapped is not None and want is not None and want < uncapped,
    )


def gaps(state: ReadinessState, evidence: StoryEvidence | None = None) -> list[Gap]:
    """What is missing, in the order of the six ways; ECQ gaps for the active set only."""
    content = readiness_content()
    credits = way_credits(state, evidence)
    found: list[Gap] = []
    for way in content.ways:
        if way.combine == "ecq":
            found += _ecq_gaps(state, content.rating_gap_below, content.example_step, evidence)
            continue
        if credits[way.id] >= 1.0:
            continue
        for item in content.items_of(way.id):
            if item.credit(state.facts.get(item.id)) < 1.0:
                found.append(Gap(f"item:{item.id}", item.text, item.next_step))
    return found


def _ecq_gaps(
    state: ReadinessState, gap_below: int, example_step: str, evidence: StoryEvidence | None
) -> list[Gap]:
    found = []
    stories = {g.key: g for g in evidence.gaps} if evidence is not None else {}
    for ecq in active_ecq_set(state).ecqs:
        entry = state.ecq.get(ecq.id)
        low = entry is None or entry.rating is None or entry.rating < gap_below
        if low:
            found.append(Gap(f"ecq:{ecq.id}", ecq.title, f"{ecq.title}: {ecq.next_step}"))
        if evidence is not None:  # the story bank replaces the one written example
            if f"story:{ecq.id}" in stories:
                found.append(stories[f"story:{ecq.id}"])
        elif not low and not entry.example.strip():
            step = example_step.replace("{ecq}", ecq.title)
            found.append(Gap(f"example:{ecq.id}", ecq.title, step))
    return found


def refresh_plan(state: ReadinessState, evidence: StoryEvidence | None = None) -> list[PlanItem]:
    """The plan with a suggested step added for each gap that has none yet.

    Nothing is removed or changed: steps the person edited, dated or ticked stay as they are, also
    once their gap is closed. Returns a new list; the state is not modified.
    """
    plan = list(state.plan)
    covered = {item.gap for item in plan} | {item.id for item in plan}
    for gap in gaps(state, evidence):
        if gap.key not in covered:
            plan.append(PlanItem(id=gap.key, text=gap.suggestion, gap=gap.key))
    return plan


def new_plan_item(text: str, gap: str | None = None) -> PlanItem:
    """A step of the person's own, with a fresh id."""
    return PlanItem(id=f"own:{uuid.uuid4().hex[:12]}", text=text, gap=gap)


def rules_text() -> list[str]:
    """The rules in plain sentences, for the in-app explanation and the README."""
    content = readiness_content()
    d, f = round(WANT_DECISION_SHARE * 100), round(WANT_FIT_SHARE * 100)
    b = round(BOUNDARY)
    targets = [f"{i.target:g} {i.unit}" for i in content.items if i.kind == "count"]
    target_text = (
        ", ".join(targets[:-1]) + " and " + targets[-1] if len(targets) > 1 else targets[0]
    )
    return [
        "Fit score: the average of your answers to the fit questions (each 0 to 4, where 4 is the "
        "best fit), shown as 0 to 100. Unanswered questions are left out.",
        f'"Do I want it?" is {d}% of your decision score (the weighed pros and cons) plus {f}% of '
        "your fit score. If you have only one of the two, it is that one alone.",
        f'A dealbreaker that makes the verdict NO-GO caps "Do I want it?" at '
        f"{DEALBREAKER_WANT_CAP:g}.",
        '"Am I ready?" is the average over the six ways in of how far you have covered each, shown '
        f"as 0 to 100. Counts earn full credit at a target: {target_text}. A yes counts in full, "
        "a scale in proportion, a blank as nothing. The location way counts in full if you have "
        "served in Washington or would move. The ECQ way is your average self-rating (0 to 4) "
        "over the ECQs of the set you chose; an unrated ECQ counts 0. Where your story bank "
        "shows more for an ECQ than you rated yourself (its evidence, 0 to 4), the ECQ counts "
        "the average of your rating and that evidence, so a story can only add: without "
        "stories the ECQ way is your self-rating alone.",
        f'Both axes split at {b}: {b} or more on both is "go for it now"; wanting it with '
        f'readiness below {b} is "want it, build readiness first"; being ready without wanting '
        'it is "ready, but reconsider"; low on both is "not for you now".',
        f"The development plan suggests a step for each gap: an ECQ rated below "
        f"{content.rating_gap_below} or not yet rated, an ECQ without a story in your story bank "
        "(before the story bank: without a written example), and each checklist item short of "
        "full credit.",
        f"The targets and the {d}/{f} split are this app's rules of thumb, not OPM requirements.",
    ]
