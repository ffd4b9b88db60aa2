"""Other paths beside the SES: scored with the same formula, the shared weights, their own leans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ses_decider.core.model import CareerPath, Rating, Verdict
from ses_decider.core.paths import (
    MAX_PATHS,
    SES_ID,
    STAY_ID,
    best_other,
    check_title,
    evaluate_path,
    higher_path_sentence,
    new_path,
    path_assessment,
    path_table,
    paths_content,
)
from ses_decider.core.scoring import evaluate
from ses_decider.storage.exchange import load_assessment_file
from tests.helpers import STABLE_FACTOR_IDS, neutral_assessment

DATA = Path(__file__).parents[1] / "data"

weights = st.floats(0, 10, allow_nan=False)
leans = st.floats(-5, 5, allow_nan=False)


def rated(ratings: dict[str, tuple[float, float]]):
    """The stable factors with {id: (weight, lean)}; the others weigh 0."""
    assessment = neutral_assessment(weight=0.0)
    for fid, (w, r) in ratings.items():
        assessment.ratings[fid] = Rating(weight=float(w), lean=float(r))
    return assessment


def with_path(assessment, title="Senior Level", leans=None, dealbreakers=(), kind="sl_st"):
    path = new_path(assessment, title, kind)
    path.leans.update(leans or {})
    path.dealbreakers.update(dealbreakers)
    assessment.paths.append(path)
    return path


# Content ---------------------------------------------------------------------------------------
def test_the_suggested_paths_are_content_with_a_description_and_a_source():
    content = paths_content()
    kinds = [s.kind for s in content.suggested]
    assert {"ses_other_agency", "sl_st", "private_sector"} <= set(kinds)
    for suggestion in content.suggested:
        assert suggestion.title and suggestion.description and suggestion.source.short
    sl_st = content.suggestion("sl_st")
    assert "GS-15" in sl_st.description
    assert sl_st.verified is not None and sl_st.verified.checked
    assert sl_st.source.url.startswith("https://www.opm.gov/")
    assert content.stay_title == "Stay where I am" and content.ses_title == "Aim for the SES"


# The two-path case -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "score", "verdict"),
    [
        ("good.json", 70.515021459, Verdict.GO),
        ("custom.json", 50.526315789, Verdict.CLOSE_CALL),
        ("zero.json", None, Verdict.NOT_ENOUGH_INPUT),
        ("dealbreaker.json", 95.263157895, Verdict.NO_GO),
    ],
)
def test_the_two_path_case_scores_every_sample_file_as_before(name, score, verdict):
    _, assessment = load_assessment_file(DATA / name)
    assert assessment.paths == []
    result = evaluate(assessment)
    assert (result.score, result.verdict) == (score, verdict)
    table = path_table(assessment)
    assert [row.id for row in table] == [STAY_ID, SES_ID]
    assert table[0].score == 50 and table[0].verdict is None
    assert table[1].evaluation == result
    assert best_other(assessment) is None
    assert higher_path_sentence(assessment) is None


# Scoring a path --------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(weights, leans, st.booleans()), min_size=11, max_size=11))
def test_a_path_rated_like_the_ses_scores_like_the_ses(values):
    assessment = neutral_assessment()
    for fid, (w, r, must) in zip(STABLE_FACTOR_IDS, values, strict=True):
        assessment.ratings[fid] = Rating(weight=w, lean=r, dealbreaker=must)
    twin = with_path(
        assessment,
        leans={fid: r.lean for fid, r in assessment.ratings.items() if r.lean is not None},
        dealbreakers={fid for fid, r in assessment.ratings.items() if r.dealbreaker},
    )
    assert evaluate_path(assessment, twin) == evaluate(assessment)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(weights, min_size=11, max_size=11),
    st.lists(leans, min_size=11, max_size=11),
    st.lists(leans, min_size=11, max_size=11),
)
def test_a_path_has_its_own_leans_and_shares_the_weights(ws, ses_leans, path_leans):
    assessment = rated(
        {fid: (w, r) for fid, w, r in zip(STABLE_FACTOR_IDS, ws, ses_leans, strict=True)}
    )
    path = with_path(assessment, leans=dict(zip(STABLE_FACTOR_IDS, path_leans, strict=True)))
    ses_before = evaluate(assessment)
    result = evaluate_path(assessment, path)
    # The same formula with the path's leans: what the SES would score with them.
    expected = rated(
        {fid: (w, q) for fid, w, q in zip(STABLE_FACTOR_IDS, ws, path_leans, strict=True)}
    )
    assert result == evaluate(expected)
    assert evaluate(assessment) == ses_before  # scoring a path changes nothing of the SES's
    assert path_assessment(assessment, path).paths == []


def test_path_scores_keep_the_invariants_of_the_formula():
    assessment = rated({fid: (5, 0) for fid in STABLE_FACTOR_IDS})
    path = with_path(assessment, leans=dict.fromkeys(STABLE_FACTOR_IDS, 0.0))
    assert evaluate_path(assessment, path).score == 50
    path.leans.update(dict.fromkeys(STABLE_FACTOR_IDS, 5.0))
    assert evaluate_path(assessment, path).score == 100
    path.leans.update(dict.fromkeys(STABLE_FACTOR_IDS, -5.0))
    assert evaluate_path(assessment, path).score == 0
    for r in assessment.ratings.values():  # scaling the shared weights changes nothing
        if r.weight is not None:
            r.weight *= 1.7
    assert evaluate_path(assessment, path).score == 0


def test_a_factor_the_path_has_not_rated_takes_no_part_in_its_score():
    assessment = rated({"pay": (8, -2), "mission": (2, 4)})
    path = with_path(assessment, leans={"pay": 4})
    result = evaluate_path(assessment, path)
    assert result.score == 90 and list(result.contributions) == ["pay"]
    assert evaluate(assessment).score == pytest.approx(50 + 10 * (8 * -2 + 2 * 4) / 10)


def test_nothing_rated_for_a_path_gives_no_score_not_a_made_up_one():
    assessment = rated({"pay": (8, 3)})
    path = with_path(assessment)
    result = evaluate_path(assessment, path)
    assert result.score is None and result.verdict is Verdict.NOT_ENOUGH_INPUT
    assert best_other(assessment) is None


def test_a_path_has_its_own_dealbreakers():
    assessment = rated({"relocation": (6, -4), "mission": (8, 4)})
    assessment.ratings["relocation"].dealbreaker = True
    assert evaluate(assessment).verdict is Verdict.NO_GO  # moving is a must for the SES
    stay_put = with_path(assessment, "SES at another agency", {"relocation": 1, "mission": 1})
    assert evaluate_path(assessment, stay_put).dealbreakers == ()
    leaving = with_path(
        assessment, "Leave", {"relocation": -3, "mission": 5}, {"relocation"}, "private_sector"
    )
    assert evaluate_path(assessment, leaving).dealbreakers == ("relocation",)
    assert evaluate_path(assessment, leaving).verdict is Verdict.NO_GO
    # A path a dealbreaker rules out is never the best other path, whatever its score.
    assert evaluate_path(assessment, leaving).score > evaluate_path(assessment, stay_put).score
    assert best_other(assessment).id == stay_put.id


def test_the_table_has_staying_the_ses_and_each_path_in_order():
    assessment = rated({"pay": (5, 1), "stress": (5, -1)})
    with_path(assessment, "Senior Level", {"pay": 3, "stress": 1})
    with_path(assessment, "Leave", {"pay": 5, "stress": -5}, kind="private_sector")
    table = path_table(assessment)
    assert [(row.title, row.score) for row in table] == [
        ("Stay where I am", 50),
        ("Aim for the SES", 50),
        ("Senior Level", 70),
        ("Leave", 50),
    ]
    assert [row.verdict for row in table] == [
        None,
        Verdict.CLOSE_CALL,
        Verdict.GO,
        Verdict.CLOSE_CALL,
    ]


def test_the_sentence_names_a_path_that_scores_higher_than_the_ses():
    assessment = rated({"pay": (5, 1), "mission": (5, 1.2)})
    assert evaluate(assessment).score == 61
    with_path(assessment, "Senior Level", {"pay": 2, "mission": 4.4})
    with_path(assessment, "Leave", {"pay": 3}, kind="private_sector")
    assert higher_path_sentence(assessment) == "Senior Level scores 82, the SES 61."
    assessment.paths[0].leans.update(pay=1.1, mission=1.2)  # 61.5 shows as 62 vs 61
    assessment.paths.pop()
    assert higher_path_sentence(assessment) == "Senior Level scores 62, the SES 61."
    assessment.paths[0].leans.update(pay=1.0)  # the same whole number: nothing to say
    assert higher_path_sentence(assessment) is None


def test_when_the_ses_has_no_score_the_sentence_says_so():
    assessment = rated({"pay": (5, 1)})
    assessment.ratings["pay"].lean = None
    with_path(assessment, "Senior Level", {"pay": 2})
    assert higher_path_sentence(assessment) == "Senior Level scores 70, the SES has no score yet."


# Adding paths ----------------------------------------------------------------------------------
def test_new_paths_get_fresh_ids_and_start_not_rated():
    assessment = rated({"pay": (5, 3)})
    assessment.ratings["pay"].dealbreaker = True
    first = with_path(assessment, "SL/ST", kind="sl_st")
    second = with_path(assessment, "Another SL post", kind="sl_st")
    own = with_path(assessment, "Teach", kind="own")
    assert [p.id for p in assessment.paths] == ["sl_st", "sl_st_2", "own"]
    assert (first.leans, first.dealbreakers) == ({}, set())  # nothing copied from the SES
    assert second.kind == "sl_st" and own.kind == "own"


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("", "Give the path a name"),
        ("   ", "Give the path a name"),
        ("x" * 61, "at most 60"),
        ("stay where I AM", "already a path"),
        ("Aim for the SES", "already a path"),
        ("senior level", "already a path"),
    ],
)
def test_a_title_that_cannot_be_used_is_refused_in_a_sentence(title, words):
    with pytest.raises(ValueError, match=words):
        check_title(title, ["Senior Level"])


def test_titles_are_tidied_and_paths_are_limited():
    assert check_title("  Senior   Level ") == "Senior Level"
    assessment = rated({})
    for n in range(MAX_PATHS):
        assessment.paths.append(new_path(assessment, f"Path {n}"))
    with pytest.raises(ValueError, match=f"at most {MAX_PATHS}"):
        new_path(assessment, "One more")


def test_a_path_copy_is_independent():
    path = CareerPath("sl_st", "SL/ST", {"pay": 2.0}, {"stress"}, "sl_st")
    copy = path.copy()
    copy.leans["pay"] = -1.0
    copy.dealbreakers.add("pay")
    assert path.leans == {"pay": 2.0} and path.dealbreakers == {"stress"}
    assessment = rated({})
    assessment.paths.append(path)
    clone = assessment.copy()
    clone.paths[0].leans["pay"] = 5.0
    assert assessment.paths[0].leans["pay"] == 2.0
