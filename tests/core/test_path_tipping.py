"""Where the SES and the best other path change places: exact, and in words that hold."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ses_decider.core.model import Rating
from ses_decider.core.path_tipping import (
    PATH_LEAN,
    SES_LEAN,
    WEIGHT,
    path_tipping_point,
    path_tipping_sentence,
    path_tips,
)
from ses_decider.core.paths import best_other, evaluate_path, new_path
from ses_decider.core.scoring import evaluate
from ses_decider.core.sensitivity import EPS
from tests.helpers import neutral_assessment

FIDS = ("pay", "stress", "mission", "work_family", "relocation")
RANGES = {WEIGHT: (0.0, 10.0), SES_LEAN: (-5.0, 5.0), PATH_LEAN: (-5.0, 5.0)}


def make(ses: dict, path_leans: dict, title: str = "Senior Level"):
    """SES ratings {id: (weight, lean or None)} and one path's leans; other factors weigh 0."""
    assessment = neutral_assessment(weight=0.0)
    for fid, (w, r) in ses.items():
        assessment.ratings[fid] = Rating(weight=w, lean=r)
    path = new_path(assessment, title, "sl_st")
    path.leans.update(path_leans)
    assessment.paths.append(path)
    return assessment


def overtaken(assessment, fid, kind, value, ses_ahead_now: bool) -> bool:
    """Straight from evaluate: after the change, the one behind scores strictly higher."""
    rating, path = assessment.ratings[fid], assessment.paths[0]
    kept = (rating.weight, rating.lean, dict(path.leans))
    if kind == WEIGHT:
        rating.weight = value
    elif kind == SES_LEAN:
        rating.lean = value
    else:
        path.leans[fid] = value
    try:
        ses = evaluate(assessment).score
        other = evaluate_path(assessment, path).score
    finally:
        rating.weight, rating.lean, path.leans = kept
    if ses is None or other is None:
        return False
    return other > ses if ses_ahead_now else ses > other


def check_semantics(assessment) -> None:
    """Every reported tip tips exactly there, nothing tips sooner, and what is not reported never
    tips anywhere in its range."""
    tips = path_tips(assessment)
    if best_other(assessment) is None or evaluate(assessment).score is None:
        assert tips == []
        return
    ses = evaluate(assessment).score
    other = evaluate_path(assessment, assessment.paths[0]).score
    ses_ahead = not other > ses
    reported = {(t.factor_id, t.kind) for t in tips}
    for tip in tips:
        assert tip.ses_ahead_now is ses_ahead
        lo, hi = RANGES[tip.kind]
        assert lo <= tip.at <= hi
        if tip.at != tip.current:
            assert tip.direction == (1 if tip.at > tip.current else -1)
        past = min(hi, max(lo, tip.at + EPS * tip.direction))
        assert overtaken(assessment, tip.factor_id, tip.kind, past, ses_ahead), tip
        for i in range(1, 10):  # strictly between now and the tip nobody overtakes
            value = tip.current + (tip.at - tip.current) * i / 10
            if abs(value - tip.at) > 1e-7:
                assert not overtaken(assessment, tip.factor_id, tip.kind, value, ses_ahead), tip
    active = {f.id for f, _ in assessment.active()}
    path_rated = set(assessment.paths[0].leans) & {
        f.id for f, r in assessment.shown() if r.weight is not None
    }
    for fid in active | path_rated:
        kinds = [WEIGHT]
        kinds += [SES_LEAN] if fid in active else []
        kinds += [PATH_LEAN] if fid in path_rated else []
        for kind in kinds:
            if (fid, kind) in reported:
                continue
            lo, hi = RANGES[kind]
            grid = [lo + (hi - lo) * i / 40 for i in range(41)]
            tipped = [v for v in grid if overtaken(assessment, fid, kind, v, ses_ahead)]
            assert not tipped, f"{fid} {kind}: none reported but {tipped[0]} tips"
    assert tips == sorted(tips, key=lambda t: t.distance)


half_points = st.integers(-10, 10).map(lambda n: n / 2)
weights = st.integers(0, 20).map(lambda n: n / 2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(weights, min_size=5, max_size=5),
    st.lists(st.one_of(st.none(), half_points), min_size=5, max_size=5),
    st.lists(st.one_of(st.none(), half_points), min_size=5, max_size=5),
)
def test_tips_are_exact_on_a_grid_of_half_points(ws, rs, qs):
    ses = {fid: (w, r) for fid, w, r in zip(FIDS, ws, rs, strict=True)}
    leans = {fid: q for fid, q in zip(FIDS, qs, strict=True) if q is not None}
    check_semantics(make(ses, leans))


# Values to a hundredth, as the spin boxes and files hold them. Finer than that, two scores can
# differ by less than raw_score's rounding to 1e-9, and which way each rounds is not monotonic.
def hundredths(lo: int, hi: int):
    return st.integers(lo * 100, hi * 100).map(lambda n: n / 100)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(hundredths(0, 10), min_size=5, max_size=5),
    st.lists(hundredths(-5, 5), min_size=5, max_size=5),
    st.lists(hundredths(-5, 5), min_size=5, max_size=5),
)
# A tiny weight: its root lands a float's error past the current lean, with a tie now.
@example(ws=[1.0, 0.0, 0.0, 1e-09, 0.0], rs=[1.0, 0.0, 0.0, 1.0, 0.0], qs=[1.0, 0.0, 0.0, 1.0, 0.0])
def test_tips_are_exact_for_any_values(ws, rs, qs):
    ses = {fid: (w, r) for fid, w, r in zip(FIDS, ws, rs, strict=True)}
    check_semantics(make(ses, dict(zip(FIDS, qs, strict=True))))


def test_the_nearest_change_that_lets_the_path_overtake_the_ses():
    # SES: pay 5 x +2, stress 5 x 0 -> 60. SL/ST: pay +1, stress +1 -> 60: a tie, the SES holds.
    assessment = make({"pay": (5, 2), "stress": (5, 0)}, {"pay": 1, "stress": 1})
    tip = path_tipping_point(assessment)
    assert tip.ses_ahead_now
    assert tip.at == tip.current  # any rise at all of a path lean, or fall of an SES lean
    sentence = path_tipping_sentence(assessment)
    assert sentence.startswith("Senior Level would overtake the SES if ")


def test_the_sentence_for_a_path_ahead_names_what_would_put_the_ses_back_in_front():
    # SES 55 (pay 5 x +1, stress 5 x 0); the path 65 (pay +2, stress +1).
    assessment = make({"pay": (5, 1), "stress": (5, 0)}, {"pay": 2, "stress": 1})
    tips = path_tips(assessment)
    assert not tips[0].ses_ahead_now
    sentence = path_tipping_sentence(assessment)
    assert sentence.startswith("The SES would overtake Senior Level if ")
    # Each stated value really tips: check every number the sentence gives for a lean.
    for tip in tips[:2]:
        assert tip.factor_title in sentence
    for whose, verb, where, value in re.findall(
        r"lean for (the SES|Senior Level) (rises|drops) (to|above|below) ([+-]?[\d.]+)", sentence
    ):
        kind = SES_LEAN if whose == "the SES" else PATH_LEAN
        fid = next(t.factor_id for t in tips if t.kind == kind)
        step = 0.0 if where == "to" else (0.01 if verb == "rises" else -0.01)
        assert overtaken(assessment, fid, kind, float(value) + step, False)


def test_a_shared_weight_moves_both_scores():
    # Stress weighs on the SES (-4) and barely on the path (0): more weight on stress helps the path.
    assessment = make({"pay": (5, 3), "stress": (2, -4)}, {"pay": 0.5, "stress": 0})
    ses, other = evaluate(assessment).score, evaluate_path(assessment, assessment.paths[0]).score
    assert ses > other
    weight_tips = [t for t in path_tips(assessment) if t.kind == WEIGHT and t.factor_id == "stress"]
    assert weight_tips and weight_tips[0].direction == 1
    assert abs(weight_tips[0].at - 3.125) < 1e-9  # (15 - 4w) / (5 + w) = 2.5 / (5 + w)
    check_semantics(assessment)


def test_no_other_path_or_no_scores_means_no_path_tips():
    assessment = neutral_assessment()
    assert path_tips(assessment) == [] and path_tipping_sentence(assessment) is None
    unrated = make({"pay": (5, 2)}, {})
    assert path_tips(unrated) == []
    no_ses = make({"pay": (5, None)}, {"pay": 3})
    assert path_tips(no_ses) == []


def test_the_json_form_says_who_overtakes():
    assessment = make({"pay": (5, 1), "stress": (5, 0)}, {"pay": 2, "stress": 1})
    data = path_tipping_point(assessment).to_json()
    assert data["overtakes"] == "ses" and data["path"] == "sl_st"
    assert set(data) == {"path", "factor", "change", "from", "at", "direction", "overtakes"}
