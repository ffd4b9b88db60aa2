"""Mentor vs mentee (or snapshot vs snapshot): differences ranked by how much they move the verdict."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from ses_decider.core.compare import differences
from ses_decider.core.content import demo_assessment
from ses_decider.core.scoring import evaluate
from tests.helpers import STABLE_FACTOR_IDS as DEFAULT_FACTOR_IDS
from tests.helpers import neutral_assessment

values = st.floats(min_value=0, max_value=10, allow_nan=False).map(lambda v: round(v * 2) / 2)
leans = st.floats(min_value=-5, max_value=5, allow_nan=False).map(lambda v: round(v * 2) / 2)


def test_identical_views_have_no_differences():
    assert differences(demo_assessment(), demo_assessment()) == []


def test_the_difference_that_flips_the_verdict_comes_first():
    mentee = demo_assessment()  # CLOSE CALL at 57.9
    mentor = demo_assessment()
    mentor.ratings["pay"] = replace(mentor.ratings["pay"], lean=2)  # small effect
    mentor.ratings["work_family"] = replace(mentor.ratings["work_family"], lean=3)  # flips to GO
    diffs = differences(mentee, mentor)
    assert [d.factor_id for d in diffs] == ["work_family", "pay"]
    assert diffs[0].changes_verdict and diffs[0].verdict_after.label == "GO"
    assert not diffs[1].changes_verdict


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(values, leans), min_size=11, max_size=11),
    st.lists(st.tuples(values, leans), min_size=11, max_size=11),
)
def test_each_reported_shift_is_what_taking_that_value_does(mine, theirs):
    first, second = neutral_assessment(), neutral_assessment()
    for fid, (w, r), (w2, r2) in zip(DEFAULT_FACTOR_IDS, mine, theirs, strict=True):
        first.ratings[fid] = replace(first.ratings[fid], weight=w, lean=r)
        second.ratings[fid] = replace(second.ratings[fid], weight=w2, lean=r2)
    base = evaluate(first)
    diffs = differences(first, second)
    for diff in diffs:
        trial = first.copy()
        trial.ratings[diff.factor_id] = replace(
            trial.ratings[diff.factor_id], weight=diff.theirs.weight, lean=diff.theirs.lean
        )
        after = evaluate(trial)
        assert after.verdict is diff.verdict_after
        if base.score is not None and after.score is not None:
            assert abs((after.score - base.score) - diff.score_shift) < 1e-9
    flips = [d.changes_verdict for d in diffs]
    assert flips == sorted(flips, reverse=True)  # verdict changers first
    for group in (True, False):
        shifts = [abs(d.score_shift) for d in diffs if d.changes_verdict is group]
        assert shifts == sorted(shifts, reverse=True)


def test_a_factor_only_one_side_weighs_counts_as_a_difference():
    mentee = demo_assessment()
    mentor = demo_assessment()
    mentor.hidden.add("community")
    diffs = differences(mentee, mentor)
    assert [d.factor_id for d in diffs] == ["community"]
    assert diffs[0].theirs is None
