"""Rank order, swing and pairwise (AHP) weights, and the CLI's ranking and pairwise files."""

from __future__ import annotations

import copy
import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ses_decider.core.weighting import (
    SAATY_SCALE,
    WeightingError,
    ahp,
    parse_weighting_file,
    rank_order_centroid,
    shares_to_weights,
    swing,
)
from ses_decider.resources import load_json
from tests.helpers import STABLE_FACTOR_IDS as DEFAULT_FACTOR_IDS

KNOWN = set(DEFAULT_FACTOR_IDS)

# T. L. Saaty, "How to make a decision: The Analytic Hierarchy Process", European Journal of
# Operational Research 48 (1990) 9-26, Table 2: a family weighing eight criteria for buying a house.
# Published: priority vector 0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333;
# lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169 (inconsistent: above 0.10).
HOUSE = ["size", "transport", "neighbourhood", "age", "yard", "modern", "condition", "financing"]
HOUSE_MATRIX = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]
HOUSE_WEIGHTS = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]


def upper_judgements(ids, matrix):
    return {(ids[i], ids[k]): matrix[i][k] for i, k in itertools.combinations(range(len(ids)), 2)}


# --- rank order centroid -----------------------------------------------------------------------


def test_roc_three_factors_textbook_values():
    # ROC for n = 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3.
    assert rank_order_centroid(["pay", "stress", "mission"]) == pytest.approx(
        {"pay": 11 / 18, "stress": 5 / 18, "mission": 2 / 18}
    )


@given(st.lists(st.sampled_from(DEFAULT_FACTOR_IDS), min_size=2, max_size=11, unique=True))
def test_roc_sums_to_one_and_falls_with_rank(order):
    weights = rank_order_centroid(order)
    assert list(weights) == order
    assert sum(weights.values()) == pytest.approx(1.0)
    values = [weights[f] for f in order]
    assert all(a > b for a, b in itertools.pairwise(values))


@pytest.mark.parametrize("order", [[], ["pay"], ["pay", "stress", "pay"]])
def test_roc_rejects_short_or_repeated_rankings(order):
    with pytest.raises(WeightingError):
        rank_order_centroid(order)


# --- swing -------------------------------------------------------------------------------------


def test_swing_normalises_points_to_shares():
    assert swing({"pay": 100, "stress": 50, "mission": 0}) == pytest.approx(
        {"pay": 2 / 3, "stress": 1 / 3, "mission": 0.0}
    )


@given(st.dictionaries(st.sampled_from(DEFAULT_FACTOR_IDS), st.floats(0, 100), min_size=2))
def test_swing_shares_sum_to_one_and_keep_proportions(points):
    if sum(points.values()) <= 0:
        with pytest.raises(WeightingError):
            swing(points)
        return
    shares = swing(points)
    assert sum(shares.values()) == pytest.approx(1.0)
    top = max(points, key=points.get)
    for factor_id, value in points.items():
        assert shares[factor_id] == pytest.approx(shares[top] * (value / points[top]))


@pytest.mark.parametrize(
    "points",
    [
        {"pay": 0, "stress": 0},
        {"pay": 100, "stress": 120},
        {"pay": 100, "stress": -5},
        {"pay": 100, "stress": math.nan},
        {"pay": 100, "stress": True},
        {"pay": 100},
    ],
)
def test_swing_rejects_bad_points(points):
    with pytest.raises(WeightingError):
        swing(points)


# --- shares to weights -------------------------------------------------------------------------


def test_shares_become_editable_weights_with_largest_ten():
    weights = shares_to_weights(rank_order_centroid(list(DEFAULT_FACTOR_IDS)))
    assert weights["elite_corps"] == 10.0
    assert all(0 < w <= 10 and round(w, 1) == w for w in weights.values())
    assert weights == dict(sorted(weights.items(), key=lambda kv: -kv[1]))  # order kept
    assert shares_to_weights({"pay": 0.5, "stress": 0.25, "mission": 0.0}) == {
        "pay": 10.0,
        "stress": 5.0,
        "mission": 0.0,
    }


def test_a_tiny_share_does_not_vanish():
    assert shares_to_weights({"pay": 0.999, "stress": 0.001})["stress"] == 0.1


@pytest.mark.parametrize(
    "shares", [{}, {"pay": 0.0}, {"pay": -0.1, "stress": 1.0}, {"pay": math.inf}]
)
def test_shares_to_weights_rejects_bad_shares(shares):
    with pytest.raises(WeightingError):
        shares_to_weights(shares)


# --- AHP ---------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(1.0, 9.0), min_size=2, max_size=11))
def test_ahp_recovers_weights_from_a_consistent_matrix(raw):
    ids = list(DEFAULT_FACTOR_IDS[: len(raw)])
    judgements = {
        (ids[i], ids[k]): raw[i] / raw[k] for i, k in itertools.combinations(range(len(raw)), 2)
    }
    result = ahp(ids, judgements)
    total = sum(raw)
    for factor_id, value in zip(ids, raw, strict=True):
        assert result.weights[factor_id] == pytest.approx(value / total, abs=1e-9)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert result.lambda_max == pytest.approx(len(raw), abs=1e-9)
    assert result.consistent and result.most_inconsistent is None


def test_ahp_reproduces_saaty_house_example():
    result = ahp(HOUSE, upper_judgements(HOUSE, HOUSE_MATRIX))
    assert [round(result.weights[f], 3) for f in HOUSE] == HOUSE_WEIGHTS
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert result.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert not result.consistent


def test_ahp_hint_names_a_judgement_whose_fix_lowers_cr():
    judgements = upper_judgements(HOUSE, HOUSE_MATRIX)
    result = ahp(HOUSE, judgements)
    a, b, current, suggested = result.most_inconsistent
    assert judgements[(a, b)] == current and suggested in SAATY_SCALE and suggested != current
    fixed = ahp(HOUSE, {**judgements, (a, b): suggested})
    assert fixed.consistency_ratio < result.consistency_ratio
    # No other single change on the scale does better (CR from numpy directly, RI(8) = 1.41).
    import numpy as np

    index = {f: i for i, f in enumerate(HOUSE)}
    for (x, y), value in itertools.product(judgements, SAATY_SCALE):
        matrix = np.array(HOUSE_MATRIX, dtype=float)
        matrix[index[x], index[y]], matrix[index[y], index[x]] = value, 1 / value
        other = (np.linalg.eigvals(matrix).real.max() - 8) / 7 / 1.41
        assert other >= fixed.consistency_ratio - 1e-9


def test_ahp_orientation_of_a_pair_does_not_matter():
    forward = upper_judgements(HOUSE, HOUSE_MATRIX)
    flipped = {(b, a): 1 / v for (a, b), v in forward.items()}
    assert ahp(HOUSE, flipped).weights == pytest.approx(ahp(HOUSE, forward).weights)


def test_ahp_two_factors_are_always_consistent():
    result = ahp(["pay", "stress"], {("pay", "stress"): 3})
    assert result.weights == pytest.approx({"pay": 0.75, "stress": 0.25})
    assert result.consistency_ratio == 0.0 and result.most_inconsistent is None


def test_ahp_one_ninth_typed_as_a_decimal_is_accepted():
    assert ahp(["pay", "stress"], {("pay", "stress"): 0.111}).weights["stress"] > 0.89


@pytest.mark.parametrize(
    ("factors", "judgements", "needle"),
    [
        (["pay", "stress", "mission"], {("pay", "stress"): 2, ("pay", "mission"): 3}, "missing"),
        (["pay", "stress"], {("pay", "stress"): 10}, "outside 1/9..9"),
        (["pay", "stress"], {("pay", "stress"): 0}, "outside 1/9..9"),
        (["pay", "stress"], {("pay", "stress"): -2}, "outside 1/9..9"),
        (["pay", "stress"], {("pay", "stress"): math.nan}, "outside 1/9..9"),
        (["pay", "stress"], {("pay", "stress"): True}, "outside 1/9..9"),
        (["pay", "stress"], {("pay", "bogus"): 2}, "unknown factor 'bogus'"),
        (["pay", "stress"], {("pay", "stress"): 2, ("stress", "pay"): 0.5}, "twice"),
        (["pay", "stress"], {("pay", "pay"): 1, ("pay", "stress"): 2}, "itself"),
        (["pay"], {}, "at least 2"),
        (["pay", "pay"], {}, "listed twice"),
    ],
)
def test_ahp_rejects_bad_judgements_with_a_one_line_reason(factors, judgements, needle):
    with pytest.raises(WeightingError, match=needle) as caught:
        ahp(factors, judgements)
    assert "\n" not in str(caught.value)


# --- files -------------------------------------------------------------------------------------

RANKING = {"format": "ses-decider/ranking", "version": 1, "order": ["mission", "pay", "stress"]}
PAIRWISE = {
    "format": "ses-decider/pairwise",
    "version": 1,
    "factors": ["mission", "pay", "stress"],
    "judgements": [
        {"a": "mission", "b": "pay", "value": 3},
        {"a": "stress", "b": "mission", "value": 1 / 6},  # reversed orientation is fine
        {"a": "pay", "b": "stress", "value": 2},
    ],
}


def test_schemas_are_valid_draft_2020_12():
    import jsonschema

    for name in ("ranking.schema.json", "pairwise.schema.json"):
        schema = load_json(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


def test_ranking_file_gives_roc_weights():
    method, result = parse_weighting_file(copy.deepcopy(RANKING), KNOWN)
    assert method == "rank" and result["method"] == "rank"
    assert result["weights"] == rank_order_centroid(["mission", "pay", "stress"])
    assert result["consistency_ratio"] is None


def test_pairwise_file_gives_ahp_weights():
    method, result = parse_weighting_file(copy.deepcopy(PAIRWISE), KNOWN)
    assert method == "pairwise" and result["method"] == "pairwise"
    # Consistent by construction (mission = 3 pay = 6 stress): 6/9, 2/9, 1/9.
    assert result["weights"] == pytest.approx({"mission": 2 / 3, "pay": 2 / 9, "stress": 1 / 9})
    assert result["consistency_ratio"] == pytest.approx(0.0, abs=1e-9)
    assert result["lambda_max"] == pytest.approx(3.0)
    assert result["most_inconsistent"] is None


def test_inconsistent_pairwise_file_reports_the_fix():
    data = {
        "format": "ses-decider/pairwise",
        "version": 1,
        "factors": HOUSE,
        "judgements": [
            {"a": a, "b": b, "value": v}
            for (a, b), v in upper_judgements(HOUSE, HOUSE_MATRIX).items()
        ],
    }
    _, result = parse_weighting_file(data, set(HOUSE))
    hint = result["most_inconsistent"]
    assert set(hint) == {"a", "b", "value", "suggested"}
    assert result["consistency_ratio"] == pytest.approx(0.169, abs=5e-4)


def mutate(base, path, value):
    data = copy.deepcopy(base)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


DELETE = object()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (mutate(RANKING, ["version"], 2), "version"),
        (mutate(RANKING, ["version"], True), "version"),
        (mutate(RANKING, ["format"], "ses-decider/other"), "format"),
        (mutate(RANKING, ["order"], DELETE), "order"),
        (mutate(RANKING, ["order", 1], "bogus"), "order/1"),
        (mutate(RANKING, ["order", 0], 5), "order/0"),
        (mutate(RANKING, ["order"], ["pay"]), "order"),
        (mutate(RANKING, ["order", 2], "mission"), "order"),
        (mutate(RANKING, ["extra"], 1), "extra"),
        (mutate(PAIRWISE, ["judgements", 0, "value"], math.nan), "judgements/0/value"),
        (mutate(PAIRWISE, ["judgements", 0, "value"], math.inf), "judgements/0/value"),
        (mutate(PAIRWISE, ["judgements", 0, "value"], True), "judgements/0/value"),
        (mutate(PAIRWISE, ["judgements", 0, "value"], 10), "judgements/0/value"),
        (mutate(PAIRWISE, ["judgements", 0, "value"], 0), "judgements/0/value"),
        (mutate(PAIRWISE, ["judgements", 0, "value"], "3"), "judgements/0/value"),
        (mutate(PAIRWISE, ["judgements", 1, "a"], "relocation"), "judgements/1/a"),
        (mutate(PAIRWISE, ["judgements", 2], {"a": "pay", "b": "pay", "value": 1}), "judgements/2"),
        (
            mutate(PAIRWISE, ["judgements", 2], {"a": "pay", "b": "mission", "value": 1}),
            "judgements/2",
        ),
        (mutate(PAIRWISE, ["judgements"], PAIRWISE["judgements"][:2]), "judgements"),
        (mutate(PAIRWISE, ["factors", 2], "bogus"), "factors/2"),
        (mutate(PAIRWISE, ["judgements", 0, "b"], DELETE), "judgements/0"),
        (["not", "an", "object"], "top level"),
    ],
)
def test_bad_files_name_the_field_on_one_line(data, field):
    with pytest.raises(WeightingError) as caught:
        parse_weighting_file(data, KNOWN)
    message = str(caught.value)
    assert message.startswith(field) or f"{field}:" in message or f"'{field}'" in message, message
    assert "\n" not in message and len(message) < 220
