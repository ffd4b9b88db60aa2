"""The default scoring model holds every invariant PRODUCT.md promises, for any number of factors."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ses_decider.core.content import blank_assessment, catalogue
from ses_decider.core.explain import verdict_sentence
from ses_decider.core.model import (
    Assessment,
    Factor,
    Rating,
    Thresholds,
    Verdict,
)
from ses_decider.core.scoring import evaluate, raw_score, verdict_for

# Every default factor, read from the catalogue: the eleven stable ones and any added since.
FACTOR_IDS = tuple(f.id for f in catalogue().factors)

# Weights a person can set (0 or a usable amount; sub-1e-3 weights are not a real input) and any
# lean in range, fractional included.
weights = st.one_of(
    st.just(0.0),
    st.integers(0, 20).map(lambda n: n / 2),  # what the sliders give
    st.floats(1e-3, 10.0, allow_nan=False),
)
positive_weights = st.one_of(
    st.integers(1, 20).map(lambda n: n / 2), st.floats(1e-3, 10.0, allow_nan=False)
)
leans = st.one_of(st.integers(-10, 10).map(lambda n: n / 2), st.floats(-5.0, 5.0, allow_nan=False))
pairs = st.lists(st.tuples(weights, leans), min_size=1, max_size=15)
weighted_pairs = pairs.filter(lambda ps: sum(w for w, _ in ps) > 0)

RANK = {Verdict.NO_GO: 0, Verdict.CLOSE_CALL: 1, Verdict.GO: 2}


def make(
    ratings: list[tuple[float, float]],
    *,
    dealbreakers: tuple[int, ...] = (),
    hidden: tuple[int, ...] = (),
    thresholds: Thresholds | None = None,
) -> Assessment:
    """An assessment of n factors of one's own, f0..f(n-1), from (weight, lean) pairs."""
    factors = [
        Factor(f"f{i}", f"Factor {i}", f"pro {i}", f"con {i}", custom=True)
        for i in range(len(ratings))
    ]
    return Assessment(
        factors=factors,
        ratings={
            f"f{i}": Rating(weight=float(w), lean=float(r), dealbreaker=i in dealbreakers)
            for i, (w, r) in enumerate(ratings)
        },
        hidden={f"f{i}" for i in hidden},
        thresholds=thresholds or Thresholds(),
    )


def exact_score(ratings: list[tuple[float, float]]) -> Fraction:
    """The score in exact arithmetic, reading each number as the decimal a person wrote."""
    total = sum(Fraction(str(w)) for w, _ in ratings)
    return 50 + 10 * sum(Fraction(str(w)) * Fraction(str(r)) for w, r in ratings) / total


def near_threshold(score: float) -> bool:
    """Within float noise of a default threshold, where a verdict may fairly go either way."""
    return min(abs(score - 60.0), abs(score - 40.0)) < 1e-6


# The formula -------------------------------------------------------------------------------------
@given(weighted_pairs)
def test_score_is_the_documented_formula(ratings):
    result = evaluate(make(ratings))
    assert result.score == pytest.approx(float(exact_score(ratings)), abs=1e-8)


@given(pairs)
def test_score_is_always_between_0_and_100(ratings):
    result = evaluate(make(ratings))
    if result.score is not None:
        assert 0.0 <= result.score <= 100.0


@given(st.lists(positive_weights, min_size=1, max_size=15))
def test_all_leans_zero_scores_exactly_50(ws):
    result = evaluate(make([(w, 0.0) for w in ws]))
    assert result.score == 50.0
    assert result.verdict is Verdict.CLOSE_CALL


@given(st.lists(positive_weights, min_size=1, max_size=15))
def test_all_leans_plus_5_scores_exactly_100(ws):
    result = evaluate(make([(w, 5.0) for w in ws]))
    assert result.score == 100.0
    assert result.verdict is Verdict.GO


@given(st.lists(positive_weights, min_size=1, max_size=15))
def test_all_leans_minus_5_scores_exactly_0(ws):
    result = evaluate(make([(w, -5.0) for w in ws]))
    assert result.score == 0.0
    assert result.verdict is Verdict.NO_GO


@given(weighted_pairs)
def test_contributions_add_up_to_score_minus_50(ratings):
    result = evaluate(make(ratings))
    assert set(result.contributions) == {f"f{i}" for i in range(len(ratings))}
    assert sum(result.contributions.values()) == pytest.approx(result.score - 50.0, abs=1e-6)
    for i, (w, r) in enumerate(ratings):
        if abs(w * r) > 1e-9:
            # A factor pushes toward GO exactly when it leans to the pro side (and matters).
            assert (result.contributions[f"f{i}"] > 0) == (w * r > 0)


@given(weighted_pairs)
def test_weight_shares_are_normalised(ratings):
    result = evaluate(make(ratings))
    assert sum(result.shares.values()) == pytest.approx(1.0)
    assert all(0.0 <= share <= 1.0 for share in result.shares.values())


# Invariants --------------------------------------------------------------------------------------
@given(weighted_pairs, st.floats(0.05, 1.0))
def test_scaling_all_weights_changes_nothing(ratings, k):
    base = evaluate(make(ratings))
    scaled_ratings = [(w * k, r) for w, r in ratings]
    assume(sum(w for w, _ in scaled_ratings) > 0)
    scaled = evaluate(make(scaled_ratings))
    assert scaled.score == pytest.approx(base.score, abs=1e-8)  # the score is rounded to 1e-9
    for fid, points in base.contributions.items():
        assert scaled.contributions[fid] == pytest.approx(points, abs=1e-9)
    if not near_threshold(base.score):
        assert scaled.verdict is base.verdict


def test_scaling_weights_keeps_a_boundary_score_on_its_side():
    # Every weight doubled (a person who "weighs everything higher") is the same decision.
    for k in (0.1, 0.3, 2.0, 3.0, 7.0 / 3.0):
        result = evaluate(make([(3 * k, 1.0), (3 * k, 1.0)]))
        assert result.score == 60.0
        assert result.verdict is Verdict.GO


@given(weighted_pairs, st.data())
def test_raising_one_lean_never_lowers_the_score(ratings, data):
    index = data.draw(st.integers(0, len(ratings) - 1))
    weight, lean = ratings[index]
    raised = data.draw(st.floats(lean, 5.0))
    higher = list(ratings)
    higher[index] = (weight, raised)
    before, after = evaluate(make(ratings)), evaluate(make(higher))
    assert after.score >= before.score
    assert RANK[after.verdict] >= RANK[before.verdict]


@given(weighted_pairs, st.data())
def test_raising_a_dealbreakers_lean_never_lowers_the_verdict(ratings, data):
    index = data.draw(st.integers(0, len(ratings) - 1))
    weight, lean = ratings[index]
    raised = data.draw(st.floats(lean, 5.0))
    higher = list(ratings)
    higher[index] = (weight, raised)
    before = evaluate(make(ratings, dealbreakers=(index,)))
    after = evaluate(make(higher, dealbreakers=(index,)))
    assert RANK[after.verdict] >= RANK[before.verdict]


@given(weighted_pairs, leans, st.data())
def test_a_weight_zero_factor_changes_nothing(ratings, lean, data):
    position = data.draw(st.integers(0, len(ratings)))
    with_extra = ratings[:position] + [(0.0, lean)] + ratings[position:]
    before, after = evaluate(make(ratings)), evaluate(make(with_extra))
    assert after.score == before.score
    assert after.verdict is before.verdict
    assert after.contributions[f"f{position}"] == 0.0
    assert after.shares[f"f{position}"] == 0.0


@given(weighted_pairs, st.randoms(use_true_random=False))
def test_factor_order_changes_nothing(ratings, rnd):
    assessment = make(ratings)
    before = evaluate(assessment)
    rnd.shuffle(assessment.factors)
    after = evaluate(assessment)
    assert after.score == pytest.approx(before.score, abs=1e-8)
    for fid, points in before.contributions.items():
        assert after.contributions[fid] == pytest.approx(points, abs=1e-9)
    if not near_threshold(before.score):
        assert after.verdict is before.verdict


@given(weighted_pairs, st.data())
def test_hidden_factors_take_no_part(ratings, data):
    hide = data.draw(st.sets(st.integers(0, len(ratings) - 1)))
    shown = [pair for i, pair in enumerate(ratings) if i not in hide]
    # A hidden dealbreaker at -5 must not decide anything either.
    assessment = make(ratings, hidden=tuple(hide), dealbreakers=tuple(hide))
    for i in hide:
        assessment.ratings[f"f{i}"].lean = -5.0
    result = evaluate(assessment)
    assert result.dealbreakers == ()
    assert not {f"f{i}" for i in hide} & set(result.contributions)
    if sum(w for w, _ in shown) > 0:
        assert result.score == pytest.approx(float(exact_score(shown)), abs=1e-8)
    else:
        assert result.score is None
        assert result.verdict is Verdict.NOT_ENOUGH_INPUT


def test_hiding_a_default_factor_is_like_leaving_it_out():
    assessment = blank_assessment()
    for fid in FACTOR_IDS:
        assessment.ratings[fid].lean = 1.0
    assessment.ratings["pay"] = Rating(weight=10.0, lean=-5.0)
    assert evaluate(assessment).verdict is Verdict.CLOSE_CALL
    assessment.hidden.add("pay")
    result = evaluate(assessment)
    assert result.score == 60.0
    assert result.verdict is Verdict.GO
    assert "pay" not in result.contributions


# No weight at all --------------------------------------------------------------------------------
@given(st.lists(leans, min_size=0, max_size=15))
def test_no_weight_means_no_score_and_no_error(lean_values):
    result = evaluate(make([(0.0, r) for r in lean_values]))
    assert result.score is None
    assert result.verdict is Verdict.NOT_ENOUGH_INPUT
    assert result.total_weight == 0.0
    assert result.shares == {}
    assert all(points == 0.0 for points in result.contributions.values())


def test_every_factor_hidden_means_no_score():
    assessment = blank_assessment()
    assessment.hidden = set(FACTOR_IDS)
    result = evaluate(assessment)
    assert result.score is None
    assert result.verdict is Verdict.NOT_ENOUGH_INPUT
    assert "weight above 0" in verdict_sentence(assessment, result)


def test_raw_score_without_weight_is_none():
    assert raw_score([], []) is None
    assert raw_score([0.0, 0.0], [5.0, -5.0]) is None


# Dealbreakers ------------------------------------------------------------------------------------
@given(weighted_pairs, st.data())
def test_a_dealbreaker_at_minus_3_or_lower_is_no_go_whatever_the_score(ratings, data):
    index = data.draw(st.integers(0, len(ratings) - 1))
    lean = data.draw(st.one_of(st.just(-3.0), st.floats(-5.0, -3.0)))
    ratings = list(ratings)
    ratings[index] = (ratings[index][0], lean)
    result = evaluate(make(ratings, dealbreakers=(index,)))
    assert result.verdict is Verdict.NO_GO
    assert result.dealbreakers == (f"f{index}",)
    # The score is still shown: it is what the weighing says, the dealbreaker overrides it.
    assert result.score == pytest.approx(float(exact_score(ratings)), abs=1e-8)


@given(st.lists(leans, min_size=1, max_size=10), st.data())
def test_a_dealbreaker_decides_even_when_all_weights_are_zero(lean_values, data):
    index = data.draw(st.integers(0, len(lean_values) - 1))
    lean_values[index] = data.draw(st.floats(-5.0, -3.0))
    result = evaluate(make([(0.0, r) for r in lean_values], dealbreakers=(index,)))
    assert result.score is None
    assert result.verdict is Verdict.NO_GO
    assert result.dealbreakers == (f"f{index}",)


@given(weighted_pairs, st.data())
def test_a_dealbreaker_above_minus_3_changes_nothing(ratings, data):
    index = data.draw(st.integers(0, len(ratings) - 1))
    lean = data.draw(st.floats(-3.0, 5.0, exclude_min=True))
    ratings = list(ratings)
    ratings[index] = (ratings[index][0], lean)
    plain = evaluate(make(ratings))
    marked = evaluate(make(ratings, dealbreakers=(index,)))
    assert marked.dealbreakers == ()
    assert marked.verdict is plain.verdict
    assert marked.score == plain.score


def test_a_high_score_with_a_hit_dealbreaker_is_no_go_and_says_why():
    assessment = blank_assessment()
    for fid in FACTOR_IDS:
        assessment.ratings[fid] = Rating(weight=10.0, lean=5.0)
    assessment.ratings["relocation"] = Rating(weight=0.5, lean=-3.0, dealbreaker=True)
    assessment.ratings["work_family"] = Rating(weight=1.0, lean=-4.5, dealbreaker=True)
    result = evaluate(assessment)
    assert result.score > 95
    assert result.verdict is Verdict.NO_GO
    assert result.dealbreakers == ("work_family", "relocation")  # in display order
    sentence = verdict_sentence(assessment, result)
    assert "Geographic reassignment" in sentence and "Work-family balance" in sentence


def test_a_dealbreaker_with_weight_zero_still_decides():
    assessment = blank_assessment()
    assessment.ratings["relocation"] = Rating(weight=0.0, lean=-5.0, dealbreaker=True)
    result = evaluate(assessment)
    assert result.score == 50.0
    assert result.verdict is Verdict.NO_GO
    assert result.dealbreakers == ("relocation",)


# Thresholds --------------------------------------------------------------------------------------
def _blank_with(leans_by_id: dict[str, float], weight: float = 5.0) -> Assessment:
    assessment = blank_assessment()
    for fid in FACTOR_IDS:
        assessment.ratings[fid] = Rating(weight=weight, lean=leans_by_id.get(fid, 0.0))
    return assessment


def test_score_exactly_60_is_go():
    assessment = _blank_with(dict.fromkeys(FACTOR_IDS, 1.0))
    result = evaluate(assessment)
    assert result.score == 60.0
    assert result.verdict is Verdict.GO


def test_score_just_below_60_is_close_call():
    assessment = _blank_with(dict.fromkeys(FACTOR_IDS, 1.0))
    assessment.ratings["pay"].lean = 0.5
    result = evaluate(assessment)
    assert 59.0 < result.score < 60.0
    assert result.verdict is Verdict.CLOSE_CALL


def test_score_exactly_40_is_close_call_not_no_go():
    assessment = _blank_with(dict.fromkeys(FACTOR_IDS, -1.0))
    result = evaluate(assessment)
    assert result.score == 40.0
    assert result.verdict is Verdict.CLOSE_CALL


def test_score_just_below_40_is_no_go():
    assessment = _blank_with(dict.fromkeys(FACTOR_IDS, -1.0))
    assessment.ratings["pay"].lean = -1.5
    result = evaluate(assessment)
    assert 39.0 < result.score < 40.0
    assert result.verdict is Verdict.NO_GO


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        # Exactly 60 and 40 in decimal arithmetic, but a naive float sum lands a hair below.
        ([(6.2, -3.2), (8.4, 4.1)], 60.0),
        ([(1.1, -3.5), (1.5, 4.3)], 60.0),
        ([(8.2, 4.6), (1.0, -0.1), (4.9, -4.8)], 60.0),
        ([(2.8, 3.8), (8.4, -2.6)], 40.0),
        ([(5.6, 3.0), (7.0, -4.2)], 40.0),
    ],
)
def test_decimal_inputs_on_a_threshold_land_on_it(ratings, expected):
    assert exact_score(ratings) == expected  # the file's numbers really do mean this score
    result = evaluate(make(ratings))
    assert result.score == expected
    assert result.verdict is (Verdict.GO if expected == 60.0 else Verdict.CLOSE_CALL)


@pytest.mark.parametrize(
    ("score", "verdict"),
    [
        (None, Verdict.NOT_ENOUGH_INPUT),
        (0.0, Verdict.NO_GO),
        (39.999999, Verdict.NO_GO),
        (40.0, Verdict.CLOSE_CALL),
        (50.0, Verdict.CLOSE_CALL),
        (59.999999, Verdict.CLOSE_CALL),
        (60.0, Verdict.GO),
        (100.0, Verdict.GO),
    ],
)
def test_default_thresholds(score, verdict):
    assert verdict_for(score, Thresholds()) is verdict
    assert verdict_for(score, Thresholds(), dealbreaker_hit=True) is Verdict.NO_GO


def test_thresholds_are_settings():
    strict = Thresholds(go=70.0, no_go=30.0)
    assert verdict_for(69.9, strict) is Verdict.CLOSE_CALL
    assert verdict_for(70.0, strict) is Verdict.GO
    assert verdict_for(30.0, strict) is Verdict.CLOSE_CALL
    assert verdict_for(29.9, strict) is Verdict.NO_GO
    assessment = _blank_with(dict.fromkeys(FACTOR_IDS, 1.0))
    assessment.thresholds = strict
    assert evaluate(assessment).verdict is Verdict.CLOSE_CALL  # 60 is not enough at 70


def test_equal_thresholds_leave_no_close_call():
    knife_edge = Thresholds(go=50.0, no_go=50.0)
    assert verdict_for(50.0, knife_edge) is Verdict.GO
    assert verdict_for(49.99, knife_edge) is Verdict.NO_GO


@pytest.mark.parametrize(("go", "no_go"), [(40.0, 60.0), (101.0, 40.0), (60.0, -1.0)])
def test_impossible_thresholds_are_refused(go, no_go):
    with pytest.raises(ValueError, match="thresholds"):
        Thresholds(go=go, no_go=no_go)


# Fractions ---------------------------------------------------------------------------------------
def test_fractional_weights_and_leans():
    ratings = [(7.25, -3.5), (2.5, 4.75), (0.5, 1.25)]
    result = evaluate(make(ratings))
    # 50 + 10 * (-25.375 + 11.875 + 0.625) / 10.25
    assert result.score == pytest.approx(50 + 10 * (-12.875) / 10.25, abs=1e-8)
    assert result.verdict is Verdict.NO_GO  # 37.44
    assert result.contributions["f0"] == pytest.approx(10 * 7.25 * -3.5 / 10.25)
    assert result.shares["f0"] == pytest.approx(7.25 / 10.25)


def test_blank_assessment_is_a_close_call_at_50():
    result = evaluate(blank_assessment())
    assert result.score == 50.0
    assert result.verdict is Verdict.CLOSE_CALL
    assert result.total_weight == 5.0 * len(FACTOR_IDS)
    assert list(result.contributions) == list(FACTOR_IDS)
