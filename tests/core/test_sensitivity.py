"""Tipping points, sentences, tornado and Monte Carlo robustness behave as a user reads them."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core import sensitivity
from ses_decider.core.content import blank_assessment, catalogue, demo_assessment
from ses_decider.core.model import (
    DEALBREAKER_LEAN,
    Certainty,
    Thresholds,
    Verdict,
)
from ses_decider.core.scoring import evaluate, raw_score, verdict_for
from ses_decider.core.sensitivity import (
    EPS,
    Tip,
    robustness,
    tipping_points,
    tipping_sentences,
    tornado,
)

# Every default factor, read from the catalogue: the eleven stable ones and any added since.
FACTOR_IDS = tuple(f.id for f in catalogue().factors)

RANGES = {"weight": (0.0, 10.0), "lean": (-5.0, 5.0)}


def make(ratings: dict[str, tuple[float, float]], **flags):
    """An assessment from {id: (weight, lean)}; unnamed default factors get weight 0."""
    assessment = blank_assessment()
    for factor_id in FACTOR_IDS:
        weight, lean = ratings.get(factor_id, (0.0, 0.0))
        rating = assessment.ratings[factor_id]
        rating.weight, rating.lean = float(weight), float(lean)
        rating.certainty = flags.get("certainty", Certainty.UNSURE)
    for factor_id in flags.get("dealbreakers", ()):
        assessment.ratings[factor_id].dealbreaker = True
    return assessment


def verdict_with(assessment, factor_id: str, kind: str, value: float) -> Verdict:
    """The verdict with one value changed, straight from the scoring rules (not sensitivity's code)."""
    active = assessment.active()
    weights = [value if f.id == factor_id and kind == "weight" else r.weight for f, r in active]
    leans = [value if f.id == factor_id and kind == "lean" else r.lean for f, r in active]
    hit = any(
        r.dealbreaker and lean <= DEALBREAKER_LEAN
        for (_, r), lean in zip(active, leans, strict=True)
    )
    return verdict_for(raw_score(weights, leans), assessment.thresholds, hit)


def check_semantics(assessment) -> None:
    """Every reported tip tips exactly there; every None means nothing in range tips."""
    now = evaluate(assessment).verdict
    points = tipping_points(assessment)
    for factor_id, point in points.items():
        rating = assessment.ratings[factor_id]
        for kind in ("weight", "lean"):
            lo, hi = RANGES[kind]
            current = getattr(rating, kind)
            tip: Tip | None = getattr(point, kind)
            if tip is None:
                grid = [lo + (hi - lo) * i / 400 for i in range(401)]
                changed = [
                    v for v in grid if verdict_with(assessment, factor_id, kind, v) is not now
                ]
                assert not changed, f"{factor_id} {kind}: None reported but {changed[0]} tips"
                continue
            assert lo <= tip.at <= hi
            assert tip.direction in (1, -1)
            if tip.at != current:
                assert tip.direction == (1 if tip.at > current else -1)
            past = verdict_with(assessment, factor_id, kind, tip.at + EPS * tip.direction)
            assert past is not now and past is tip.verdict, f"{factor_id} {kind} {tip}"
            # Unchanged strictly between: nearest, so also the same distance the other way.
            distance = abs(tip.at - current)
            for i in range(1, 40):
                for sign in (1, -1):
                    value = current + sign * distance * i / 40
                    # Strictly between (tiny values can round onto the endpoint).
                    if lo <= value <= hi and abs(value - current) < distance:
                        assert verdict_with(assessment, factor_id, kind, value) is now, (
                            f"{factor_id} {kind}: verdict changes at {value} before {tip}"
                        )


# Positive weights from 0.01 up: below that the score can move less over EPS than raw_score's
# rounding to 1e-9, and a "just past" probe could not see the change (the tip itself is exact).
weights = st.one_of(st.just(0.0), st.floats(0.01, 10.0), st.integers(0, 10).map(float))
leans = st.one_of(st.floats(-5.0, 5.0), st.integers(-5, 5).map(float))


@st.composite
def assessments(draw):
    ids = draw(
        st.lists(st.sampled_from(FACTOR_IDS), min_size=1, max_size=len(FACTOR_IDS), unique=True)
    )
    ratings = {factor_id: (draw(weights), draw(leans)) for factor_id in ids}
    musts = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
    assessment = make(ratings, dealbreakers=musts)
    assessment.hidden = {f for f in FACTOR_IDS if f not in ids}
    if draw(st.booleans()):
        # A CLOSE CALL band at least 0.5 wide, so EPS cannot step over it.
        no_go = draw(st.floats(20.0, 50.0))
        assessment.thresholds = Thresholds(go=no_go + draw(st.floats(0.5, 30.0)), no_go=no_go)
    return assessment


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_tipping_points_tip_exactly_where_reported(assessment):
    check_semantics(assessment)


@pytest.mark.parametrize(
    "ratings",
    [
        {"pay": (5, 2), "stress": (5, 0)},  # score exactly 60: already on the GO boundary
        {"pay": (5, -2), "stress": (5, 0)},  # score exactly 40: on the NO-GO boundary
        {"pay": (7, 3), "stress": (6, -2), "mission": (9, 4)},
        {"pay": (10, 5), "stress": (10, -5)},
        {"pay": (3, 1)},  # the only weight: lowering it to 0 leaves no score
    ],
)
def test_tipping_points_on_hand_picked_cases(ratings):
    check_semantics(make(ratings))


def test_demo_profile_tipping_points_hold():
    check_semantics(demo_assessment())


def test_weight_tip_matches_closed_form():
    # Stress (lean -2) against pay (weight 5, lean +4): score = 50 + 10(20 - 2w)/(5 + w).
    # GO at 60 <=> 20 - 2w >= 5 + w <=> w <= 5. Current weight 2 -> GO; tips above 5 to CLOSE CALL.
    tip = tipping_points(make({"pay": (5, 4), "stress": (2, -2)}))["stress"].weight
    assert tip == Tip(at=pytest.approx(5.0), verdict=Verdict.CLOSE_CALL, direction=1)


def test_dealbreaker_crossing_is_reported_both_ways():
    clear_go = {f: (5, 2) for f in FACTOR_IDS}  # score 70; no lean alone can undo it
    tip = tipping_points(make(clear_go, dealbreakers=["relocation"]))["relocation"].lean
    assert tip == Tip(at=DEALBREAKER_LEAN, verdict=Verdict.NO_GO, direction=-1)
    clear_go["relocation"] = (5, -4)
    tip = tipping_points(make(clear_go, dealbreakers=["relocation"]))["relocation"].lean
    assert tip == Tip(at=DEALBREAKER_LEAN, verdict=Verdict.GO, direction=1)


def test_a_hit_dealbreaker_pins_every_other_value():
    assessment = make({f: (5, 2) for f in FACTOR_IDS}, dealbreakers=["relocation"])
    assessment.ratings["relocation"].lean = -4
    points = tipping_points(assessment)
    assert all(p.weight is None for p in points.values())
    assert all(p.lean is None for f, p in points.items() if f != "relocation")


def test_only_weight_going_to_zero_means_not_enough_input():
    tip = tipping_points(make({"pay": (3, 1)}))["pay"].weight
    assert tip == Tip(at=0.0, verdict=Verdict.NOT_ENOUGH_INPUT, direction=-1)


def only(assessment, *ids):
    assessment.hidden = {f for f in FACTOR_IDS if f not in ids}
    return assessment


def test_sentences_read_like_the_product_example():
    # Stress (4, -4), pay (4, +2), mission (2, +1): score 44, CLOSE CALL. By hand:
    # pay lean < 1 -> NO-GO; stress weight > 5.33 -> NO-GO; pay weight < 2.67 -> NO-GO.
    assessment = only(
        make({"stress": (4, -4), "pay": (4, 2), "mission": (2, 1)}), "stress", "pay", "mission"
    )
    assert tipping_sentences(assessment, limit=3) == [
        "NO-GO if your Pay lean drops below +1, or if Stress and hours matters 5.4 instead of 4,"
        " or if Pay matters 2.6 instead of 4."
    ]


def test_sentences_group_by_verdict_and_name_a_dealbreaker():
    assessment = only(
        make({"stress": (4, -4), "pay": (4, 2), "mission": (2, 1)}), "stress", "pay", "mission"
    )
    assessment.ratings["mission"].dealbreaker = True
    sentences = tipping_sentences(assessment, limit=5)
    assert sentences[1] == "GO if your Stress and hours lean rises to 0."
    # Mission's lean tips to NO-GO below -1 (score) before -3 (dealbreaker): the nearer is named.
    assert sentences[0].endswith("or if your Contribution to the mission lean drops below -1.")
    clear_go = make({f: (5, 2) for f in FACTOR_IDS}, dealbreakers=["relocation"])
    assert tipping_sentences(clear_go, limit=1) == [
        "NO-GO if your Geographic reassignment lean drops to -3 (your dealbreaker)."
    ]


def test_sentence_numbers_round_toward_the_change():
    # Pay weight tips to NO-GO below 2.667: "2.6" tips, "2.7" would not; the sentence says 2.6.
    assessment = only(
        make({"stress": (4, -4), "pay": (4, 2), "mission": (2, 1)}), "stress", "pay", "mission"
    )
    assert "Pay matters 2.6 instead of 4" in tipping_sentences(assessment, limit=3)[0]
    assessment.ratings["pay"].weight = 2.6
    assert evaluate(assessment).verdict is Verdict.NO_GO


@pytest.mark.parametrize("limit", [0, 1, 3, 50])
def test_sentences_never_exceed_limit(limit):
    assert len(tipping_sentences(demo_assessment(), limit=limit)) <= limit


def test_no_input_gives_empty_results_not_errors():
    assessment = make({})
    assert evaluate(assessment).verdict is Verdict.NOT_ENOUGH_INPUT
    assert tipping_points(assessment) == {}
    assert tipping_sentences(assessment) == []
    assert tornado(assessment) == []
    result = robustness(assessment)
    assert result.label == sensitivity.NOT_ENOUGH_LABEL
    assert result.worth_checking == ()


def test_tornado_bars_are_the_scores_at_the_lean_ends_widest_first():
    assessment = demo_assessment()
    bars = tornado(assessment)
    assert [b.factor_id for b in bars] != [] and len(bars) == len(assessment.active())
    spans = [b.span for b in bars]
    assert spans == sorted(spans, reverse=True)
    for bar in bars:
        for lean, score in ((-5.0, bar.low_score), (5.0, bar.high_score)):
            copy = assessment.copy()
            copy.ratings[bar.factor_id].lean = lean
            assert score == pytest.approx(evaluate(copy).score)
    # The heaviest factor swings the score most.
    assert bars[0].factor_id == "mission"


# --- robustness --------------------------------------------------------------------------------


def test_robustness_is_reproducible_and_sums_to_one():
    assessment = demo_assessment()
    first, again = robustness(assessment, seed=7), robustness(assessment, seed=7)
    assert first == again
    total = first.p_go + first.p_close_call + first.p_no_go + first.p_not_enough_input
    assert total == pytest.approx(1.0)
    assert first.draws == 10_000 and first.seed == 7
    other = robustness(assessment, seed=8)
    assert abs(other.p_close_call - first.p_close_call) < 0.03  # seed noise only


def test_clear_sure_go_is_robust():
    assessment = make({f: (7, 3) for f in FACTOR_IDS}, certainty=Certainty.SURE)
    result = robustness(assessment)
    assert evaluate(assessment).verdict is Verdict.GO
    assert result.label == "robust" and result.p_go == 1.0 and result.worth_checking == ()


def test_borderline_is_fragile_and_names_the_uncertain_factor():
    # Score 60.7, just over the GO line. Only pay is really uncertain.
    ratings = {"pay": (5, 2.2), "stress": (5, 0), "mission": (5, 1)}
    assessment = only(make(ratings, certainty=Certainty.SURE), *ratings)
    assessment.ratings["pay"].certainty = Certainty.NO_IDEA
    result = robustness(assessment)
    assert evaluate(assessment).verdict is Verdict.GO
    assert result.label == "fragile" and result.p_current < 0.8
    assert result.worth_checking[0] == "pay"


def test_dealbreaker_counts_in_each_draw():
    assessment = make({f: (5, 3) for f in FACTOR_IDS}, dealbreakers=["relocation"])
    assessment.ratings["relocation"].lean = -3.0  # on the edge: about half the draws hit it
    result = robustness(assessment)
    assert result.verdict is Verdict.NO_GO
    assert 0.35 < result.p_no_go < 0.65
    assert result.label == "fragile" and result.worth_checking[0] == "relocation"


def test_draws_without_weight_are_not_enough_input():
    assessment = only(make({"pay": (0.2, 2)}, certainty=Certainty.NO_IDEA), "pay")
    result = robustness(assessment, draws=2_000)
    assert 0.3 < result.p_not_enough_input < 0.7  # weight 0.2 +/- 3, clipped at 0
    total = result.p_go + result.p_close_call + result.p_no_go + result.p_not_enough_input
    assert total == pytest.approx(1.0)


def test_robustness_rejects_zero_draws():
    with pytest.raises(ValueError):
        robustness(demo_assessment(), draws=0)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 10), st.floats(-5, 5), st.booleans()), min_size=1, max_size=11),
    st.floats(20.0, 50.0),
    st.floats(0.0, 30.0),
)
def test_vectorised_verdicts_match_the_scoring_rules(rows, no_go, gap):
    """The Monte Carlo counts each draw with exactly the live verdict's rule."""
    import numpy as np

    thresholds = Thresholds(go=no_go + gap, no_go=no_go)
    weights = [w if i % 3 else 0.0 for i, (w, _, _) in enumerate(rows)]
    leans = [r for _, r, _ in rows]
    hit = any(m and r <= DEALBREAKER_LEAN for _, r, m in rows)
    total, weighted = (
        np.array([sum(weights)]),
        np.array([sum(w * r for w, r in zip(weights, leans, strict=True))]),
    )
    code = sensitivity._verdict_codes(total, weighted, np.array([hit]), thresholds)[0]
    expected = verdict_for(raw_score(weights, leans), thresholds, hit)
    assert code == sensitivity._CODE[expected]


def test_robustness_result_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        robustness(demo_assessment(), draws=100).p_go = 1.0  # type: ignore[misc]
