"""The friend's view, the experiments worth trying, what is due, and how unrated factors are skipped."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.content import blank_assessment
from ses_decider.core.deciding import (
    Experiment,
    FriendView,
    JournalEntry,
    OwnReason,
    PremortemItem,
    answered_prompt_ids,
    covered_factor_ids,
    due_items,
    experiment_from_idea,
    friend_diff,
    friend_factors,
    open_premortem_actions,
    rated_only,
    suggest_experiments,
    with_leans,
)
from ses_decider.core.deciding_content import deciding_content
from ses_decider.core.model import Certainty, Verdict
from ses_decider.core.scoring import evaluate
from ses_decider.core.sensitivity import Robustness, robustness, tipping_points
from tests.helpers import STABLE_FACTOR_IDS as DEFAULT_FACTOR_IDS

TODAY = date(2026, 12, 1)
# The demo profile's ratings, spelled out so that factors added to the defaults later (weight 0
# here) change nothing.
DEMO = {
    "elite_corps": (4, 2),
    "lofty_position": (5, 2),
    "influence": (6, 1),
    "stress": (7, -2),
    "pay": (5, 1),
    "community": (3, 1),
    "mission": (9, 4),
    "creativity": (6, 3),
    "authority": (6, 3),
    "work_family": (8, -3),
    "relocation": (7, -2),
}


def make(ratings: dict[str, tuple[float, float]], certainty=Certainty.UNSURE):
    """An assessment from {id: (weight, lean)}; unnamed default factors get weight 0."""
    assessment = blank_assessment()
    for factor_id in DEFAULT_FACTOR_IDS:
        weight, lean = ratings.get(factor_id, (0.0, 0.0))
        rating = assessment.ratings[factor_id]
        rating.weight, rating.lean, rating.certainty = float(weight), float(lean), certainty
    return assessment


def unrate(assessment, factor_id: str, what: str = "weight"):
    """Mark a factor not rated yet, as the coming Optional weight/lean will (None)."""
    setattr(assessment.ratings[factor_id], what, None)
    return assessment


# --- a friend's view --------------------------------------------------------------------------


def test_friend_factors_are_the_five_heaviest_with_ties_by_title():
    factors = friend_factors(make(DEMO))
    # Weights: mission 9, work-family 8, relocation 7 and stress 7 (G before S), then three at 6.
    assert [f.id for f in factors] == [
        "mission",
        "work_family",
        "relocation",
        "stress",
        "creativity",
    ]
    assert len(friend_factors(make(DEMO), limit=2)) == 2


def test_friend_factors_skip_hidden_weightless_and_unrated_factors():
    assessment = make(DEMO)
    assessment.hidden.add("mission")
    assessment.ratings["work_family"].weight = 0.0
    unrate(assessment, "relocation", "weight")
    unrate(assessment, "stress", "lean")
    ids = [f.id for f in friend_factors(assessment)]
    assert not {"mission", "work_family", "relocation", "stress"} & set(ids)
    assert len(ids) == 5


def test_friend_diff_shows_both_leans_and_each_versions_verdict():
    assessment = make(DEMO)
    view = FriendView({"work_family": -1.0, "mission": 4.0, "stress": -2.0}, "2026-12-01")
    diff = friend_diff(assessment, view)
    assert [r.factor_id for r in diff.rows] == ["mission", "work_family", "stress"]
    family = diff.rows[1]
    assert (family.own_lean, family.friend_lean, family.delta) == (-3.0, -1.0, 2.0)
    assert [r.factor_id for r in diff.differing] == ["work_family"]
    # The verdicts come from scoring.evaluate, as the banner would show them.
    assert diff.own == evaluate(assessment)
    changed = assessment.copy()
    changed.ratings["work_family"].lean = -1.0
    assert diff.friend == evaluate(changed)
    assert family.verdict_if_kept is evaluate(changed).verdict
    assert diff.own.verdict is Verdict.CLOSE_CALL and diff.friend.verdict is Verdict.GO
    assert diff.verdict_changes


def test_friend_diff_never_changes_the_persons_own_assessment():
    assessment = make(DEMO)
    before = assessment.copy()
    friend_diff(assessment, FriendView({"mission": -5.0}, "2026-12-01"))
    assert assessment == before


def test_friend_diff_ignores_factors_gone_hidden_or_unrated_since():
    assessment = make(DEMO)
    assessment.hidden.add("pay")
    unrate(assessment, "stress")
    view = FriendView({"pay": 5, "stress": 5, "gone_factor": 5, "mission": 1}, "2026-12-01")
    diff = friend_diff(assessment, view)
    assert [r.factor_id for r in diff.rows] == ["mission"]
    assert diff.own == evaluate(rated_only(assessment))


ratings = st.fixed_dictionaries(
    {factor_id: st.tuples(st.floats(0, 10), st.floats(-5, 5)) for factor_id in DEFAULT_FACTOR_IDS}
)


@given(ratings, st.dictionaries(st.sampled_from(DEFAULT_FACTOR_IDS), st.floats(-5, 5)))
def test_friend_diff_verdicts_are_evaluates_verdicts(values, friend_leans):
    assessment = make(values)
    diff = friend_diff(assessment, FriendView(friend_leans, "2026-12-01"))
    assert diff.own == evaluate(assessment)
    assert diff.friend == evaluate(with_leans(assessment, friend_leans))
    for row in diff.rows:
        assert (
            row.verdict_if_kept
            is evaluate(with_leans(assessment, {row.factor_id: row.friend_lean})).verdict
        )


@given(ratings)
def test_a_friend_answered_exactly_as_oneself_changes_nothing(values):
    assessment = make(values)
    own = {f.id: assessment.ratings[f.id].lean for f in friend_factors(assessment)}
    diff = friend_diff(assessment, FriendView(own, "2026-12-01"))
    assert diff.differing == ()
    assert diff.friend.verdict is diff.own.verdict


# --- small experiments ------------------------------------------------------------------------


def test_suggestions_follow_robustness_then_the_nearest_tips():
    assessment = make(DEMO)
    robust = robustness(assessment)
    suggestions = suggest_experiments(assessment, limit=11)
    ids = [s.factor_id for s in suggestions]
    worth = list(robust.worth_checking)
    assert ids[: len(worth)] == worth
    for s in suggestions:
        assert s.worth_checking or s.lean_tip or s.weight_tip
        for idea in s.ideas:
            assert s.factor_id in idea.factor_ids
        assert len(s.ideas) <= 3


def test_each_suggested_tip_really_changes_the_verdict():
    assessment = make(DEMO)
    now = evaluate(assessment).verdict
    for s in suggest_experiments(assessment, limit=11):
        if s.lean_tip is not None:
            moved = with_leans(
                assessment, {s.factor_id: s.lean_tip.at + 1e-6 * s.lean_tip.direction}
            )
            assert evaluate(moved).verdict is not now
            assert abs(s.lean_tip.at - assessment.ratings[s.factor_id].lean) <= 2.0


def test_ideas_already_planned_or_done_are_not_suggested_again_but_dropped_ones_are():
    assessment = make(DEMO)
    first = suggest_experiments(assessment)[0]
    idea = first.ideas[0]
    planned = experiment_from_idea(idea, TODAY)
    again = suggest_experiments(assessment, [planned])[0]
    assert idea not in again.ideas
    dropped = dataclasses.replace(planned, status="dropped")
    assert idea in suggest_experiments(assessment, [dropped])[0].ideas


def test_sure_factors_need_the_robustness_check_to_be_suggested():
    # Every factor sure: only what robustness names may come back, never a tip alone.
    assessment = make({"pay": (5, 1), "stress": (5, -0.5)}, certainty=Certainty.SURE)
    robust = robustness(assessment)
    for s in suggest_experiments(assessment, limit=11):
        assert s.factor_id in robust.worth_checking


def test_precomputed_checks_are_used_as_given():
    assessment = make(DEMO)
    robust = Robustness(0.5, 0.3, 0.2, 100, 0, "fragile", ("pay",), 0.0, Verdict.CLOSE_CALL)
    suggestions = suggest_experiments(assessment, tips={}, robust=robust)
    assert [s.factor_id for s in suggestions] == ["pay"]
    assert "pay_numbers" in [i.id for i in suggestions[0].ideas]


def test_no_suggestions_without_a_verdict():
    assert suggest_experiments(make({})) == []


def test_unrated_factors_are_skipped_not_fatal():
    assessment = make(DEMO)
    unrate(assessment, "mission", "weight")
    unrate(assessment, "stress", "lean")
    suggestions = suggest_experiments(assessment, limit=11)
    assert not {"mission", "stress"} & {s.factor_id for s in suggestions}
    # The same answers as the checks give on the rated factors alone.
    rated = rated_only(assessment)
    assert suggestions == suggest_experiments(
        rated, limit=11, tips=tipping_points(rated), robust=robustness(rated)
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ratings)
def test_suggestions_never_fail_and_each_names_a_reason(values):
    for s in suggest_experiments(make(values), limit=11):
        assert s.worth_checking or s.lean_tip is not None or s.weight_tip is not None


def test_an_experiment_from_an_idea_is_due_after_its_typical_duration():
    idea = deciding_content().experiment("shadow")
    experiment = experiment_from_idea(idea, TODAY, factor_ids=["stress"])
    assert experiment.due == (TODAY + timedelta(days=idea.typical_days)).isoformat()
    assert (experiment.kind, experiment.title, experiment.factor_ids) == (
        "shadow",
        idea.title,
        ("stress",),
    )
    assert experiment.status == "planned"


# --- what is due ------------------------------------------------------------------------------


def test_an_experiment_is_due_on_its_day_not_the_day_before():
    experiment = Experiment("Shadow an executive", ("stress",), due="2027-01-15")
    assert due_items(date(2027, 1, 14), [experiment]) == []
    (item,) = due_items(date(2027, 1, 15), [experiment])
    assert (item.kind, item.title, item.days_overdue) == ("experiment", "Shadow an executive", 0)
    assert due_items(date(2027, 1, 20), [experiment])[0].days_overdue == 5
    (soon,) = due_items(date(2027, 1, 10), [experiment], within_days=7)
    assert soon.days_overdue == -5


def test_finished_experiments_done_steps_and_answered_reviews_are_not_due():
    day = date(2027, 6, 1)
    experiments = [
        Experiment("Done", ("pay",), "2027-01-01", status="done"),
        Experiment("Dropped", ("pay",), "2027-01-01", status="dropped"),
    ]
    premortem = [
        PremortemItem("ses", "Moved away", prevention="Ask HR", due="2027-01-01", done=True),
        PremortemItem("ses", "Burnt out", prevention="Protect Fridays"),  # no date
    ]
    journal = [
        JournalEntry("Apply", "2026-01-01", "2027-01-01", outcome="Fine", answered_on="2027-01-02")
    ]
    assert due_items(day, experiments, premortem, journal) == []


def test_due_items_are_sorted_by_date_then_kind():
    day = date(2027, 3, 1)
    step = PremortemItem("stay", "Bored", prevention="Ask for a detail", due="2027-02-01")
    unnamed = PremortemItem("ses", "Reassigned far away", due="2027-02-15")
    review = JournalEntry("Apply in 2027", "2026-12-01", "2027-02-01")
    trial = Experiment("Talk with an executive", ("stress",), "2027-02-01")
    items = due_items(day, [trial], [unnamed, step], [review])
    assert [(i.kind, i.title) for i in items] == [
        ("experiment", "Talk with an executive"),
        ("premortem", "Ask for a detail"),
        ("journal", "Apply in 2027"),
        ("premortem", "Reassigned far away"),  # no step written yet: titled by the answer
    ]
    assert [i.record_id for i in items] == [trial.id, step.id, review.id, unnamed.id]


@given(st.dates(date(2026, 1, 1), date(2030, 1, 1)), st.dates(date(2026, 1, 1), date(2030, 1, 1)))
def test_a_planned_experiment_is_due_exactly_from_its_date(due, today):
    experiment = Experiment("Trial", ("pay",), due.isoformat())
    items = due_items(today, [experiment])
    assert bool(items) == (due <= today)
    if items:
        assert items[0].days_overdue == (today - due).days


# --- own reasons and premortem for the table and the agenda -----------------------------------


def test_covered_and_answered_come_from_the_persons_reasons():
    reasons = [
        OwnReason("I'd have to move my kids", "against", factor_id="relocation"),
        OwnReason("My mentor's view", "for", custom_factor_id="own_1", prompt_id="after_next_step"),
        OwnReason("Not sure yet", "for"),
    ]
    assert covered_factor_ids(reasons) == {"relocation", "own_1"}
    assert answered_prompt_ids(reasons) == {"after_next_step"}


def test_open_premortem_actions_are_written_undone_steps_dated_first():
    items = [
        PremortemItem("ses", "a", prevention="Later step"),
        PremortemItem("ses", "b", prevention="Soon step", due="2027-01-01"),
        PremortemItem("ses", "c", prevention="Done step", due="2026-12-15", done=True),
        PremortemItem("stay", "d"),
    ]
    assert [p.prevention for p in open_premortem_actions(items)] == ["Soon step", "Later step"]


@pytest.mark.parametrize("what", ["weight", "lean"])
def test_rated_only_hides_unrated_factors_and_keeps_the_rest(what):
    assessment = unrate(make(DEMO), "pay", what)
    rated = rated_only(assessment)
    assert "pay" in rated.hidden and "pay" not in assessment.hidden
    assert {f.id for f, _ in rated.active()} == set(DEFAULT_FACTOR_IDS) - {"pay"}
    assert rated.ratings == assessment.ratings
