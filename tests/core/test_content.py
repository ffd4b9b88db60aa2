"""The bundled factor catalogue: complete, sourced, stable ids; broken content is reported plainly."""

from __future__ import annotations

import copy

import pytest

from ses_decider import resources
from ses_decider.core import content
from ses_decider.core.content import ContentError, blank_assessment, catalogue, demo_assessment
from ses_decider.core.model import Certainty, Verdict
from ses_decider.core.scoring import evaluate

# Part of the interchange format: spelled out here, not imported, so a rename cannot slip through.
STABLE_IDS = (
    "elite_corps",
    "lofty_position",
    "influence",
    "stress",
    "pay",
    "community",
    "mission",
    "creativity",
    "authority",
    "work_family",
    "relocation",
)


def test_the_eleven_stable_ids_in_order():
    assert tuple(f.id for f in catalogue().factors)[: len(STABLE_IDS)] == STABLE_IDS


def test_every_factor_has_a_title_both_sides_and_a_dated_source():
    cat = catalogue()
    for factor in cat.factors:
        assert factor.title.strip(), factor.id
        assert factor.pro.strip() and factor.con.strip(), factor.id
        assert factor.pro != factor.con, factor.id
        assert not factor.custom
        source = cat.source_for(factor)
        assert source is not None, f"{factor.id} cites {factor.source!r}"
        assert source.as_of.strip() and source.title.strip() and source.author.strip()
        assert source.as_of in source.citation()


def test_titles_are_distinct():
    titles = [f.title.casefold() for f in catalogue().factors]
    assert len(set(titles)) == len(titles)


def test_article_and_survey_factors_cite_their_texts():
    cat = catalogue()
    article = {"elite_corps", "lofty_position", "influence", "stress", "pay", "community"}
    survey = {"mission", "creativity", "authority", "work_family", "relocation"}
    assert {f.id for f in cat.factors if f.source == "whiteman"} == article
    assert {f.id for f in cat.factors if f.source == "sea_survey"} == survey


def test_overlap_group_covers_the_three_standing_factors_and_is_explained():
    cat = catalogue()
    groups: dict[str, set[str]] = {}
    for factor in cat.factors:
        if factor.overlap:
            groups.setdefault(factor.overlap, set()).add(factor.id)
    assert {"lofty_position", "influence", "authority"} in groups.values()
    for group in groups:
        assert cat.overlap_notes.get(group, "").strip(), f"overlap group {group!r} has no note"


def test_every_factor_has_discussion_prompts():
    for factor in catalogue().factors:
        assert factor.prompts and all(p.strip() for p in factor.prompts), factor.id


def test_by_id():
    assert catalogue().by_id("pay").title == "Pay"
    with pytest.raises(KeyError):
        catalogue().by_id("salary")


def test_blank_assessment_is_every_factor_not_rated():
    # "Not rated" is not an opinion: a new assessment has no verdict until something is rated.
    assessment = blank_assessment()
    assert [f.id for f in assessment.factors][: len(STABLE_IDS)] == list(STABLE_IDS)
    assert all(r.weight is None and r.lean is None for r in assessment.ratings.values())
    assert not any(r.dealbreaker for r in assessment.ratings.values())
    assert assessment.hidden == set()
    assert assessment.rated_count() == (0, len(assessment.factors))
    assert evaluate(assessment).verdict is Verdict.NOT_ENOUGH_INPUT


def test_blank_assessments_do_not_share_state():
    # Two new people must not end up editing the same ratings.
    first, second = blank_assessment(), blank_assessment()
    first.ratings["pay"].lean = 4.0
    first.factors.pop()
    first.hidden.add("stress")
    assert second.ratings["pay"].lean is None
    assert len(second.factors) == len(first.factors) + 1
    assert second.hidden == set()


def test_demo_assessment_is_a_close_call_just_short_of_go():
    demo = demo_assessment()
    result = evaluate(demo)
    # sum(w) = 66, sum(w*r) = 52: 50 + 520/66 = 57.88
    assert result.score == pytest.approx(50 + 520 / 66)
    assert result.verdict is Verdict.CLOSE_CALL
    assert result.dealbreakers == ()
    assert max(result.contributions, key=result.contributions.get) == "mission"
    assert min(result.contributions, key=result.contributions.get) == "work_family"
    assert demo.gut_before is Verdict.CLOSE_CALL
    assert demo.ratings["relocation"].note
    assert all(r.certainty is Certainty.UNSURE for r in demo.ratings.values())
    assert demo_assessment().ratings["pay"] is not demo.ratings["pay"]


# Broken content ----------------------------------------------------------------------------------
@pytest.fixture
def broken_catalogue(monkeypatch):
    """Serve an edited copy of factors.json to content.catalogue(); restore the real one after."""
    real = resources.load_json("factors.json")
    data = copy.deepcopy(real)

    def fake_load_json(name: str) -> dict:
        return data if name == "factors.json" else resources.load_json(name)

    monkeypatch.setattr(content, "load_json", fake_load_json)
    catalogue.cache_clear()
    yield data
    monkeypatch.undo()
    catalogue.cache_clear()
    assert len(catalogue().factors) == len(real["factors"])


def _break_missing_pro(data):
    del data["factors"][3]["pro"]


def _break_empty_title(data):
    data["factors"][0]["title"] = ""


def _break_unknown_source(data):
    data["factors"][4]["source"] = "hearsay"


def _break_source_without_date(data):
    del data["sources"]["sea_survey"]["as_of"]


def _break_duplicate_id(data):
    data["factors"][4]["id"] = data["factors"][3]["id"]


def _break_weight_in_catalogue(data):
    data["factors"][2]["weight"] = 5


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        (_break_missing_pro, ["factors/3", "pro"]),
        (_break_empty_title, ["factors/0/title"]),
        (_break_unknown_source, ["pay", "hearsay"]),
        (_break_source_without_date, ["sources/sea_survey", "as_of"]),
        (_break_duplicate_id, ["factor id twice"]),
        (_break_weight_in_catalogue, ["factors/2", "weight"]),
    ],
)
def test_broken_catalogue_raises_content_error_naming_the_field(broken_catalogue, breakage, named):
    breakage(broken_catalogue)
    with pytest.raises(ContentError) as info:
        catalogue()
    message = str(info.value)
    assert "\n" not in message
    for text in named:
        assert text in message


def test_broken_catalogue_breaks_new_assessments_too(broken_catalogue):
    _break_missing_pro(broken_catalogue)
    with pytest.raises(ContentError):
        blank_assessment()


def test_the_catalogue_keeps_the_eleven_stable_ids_first():
    # The ids are part of the file format: files written by earlier versions name them.
    assert tuple(f.id for f in catalogue().factors)[: len(STABLE_IDS)] == tuple(STABLE_IDS)


def test_the_2025_26_factors_follow_the_eleven_with_dated_sources():
    cat = catalogue()
    added = [f for f in cat.factors if f.id not in STABLE_IDS]
    assert {f.id for f in added} >= {"job_security", "appraisal", "getting_in"}
    raw = {item["id"]: item for item in resources.load_json("factors.json")["factors"]}
    for factor in added:
        source = cat.source_for(factor)
        assert source.as_of >= "2025", factor.id  # a 2025-26 rule, not a 2010-2014 text
        item = raw[factor.id]
        assert item["as_of"] <= item["review_by"], factor.id  # when to ask "did this change?"
        for key in item.get("also", []):
            assert key in cat.sources, f"{factor.id} also cites unknown source {key!r}"
