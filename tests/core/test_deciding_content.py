"""The deciding-well content: complete, every claim sourced and its check recorded, broken files refused."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date

import jsonschema
import pytest

from ses_decider.core.content import ContentError, catalogue
from ses_decider.core.content_check import SchemaViolation, check, supported
from ses_decider.core.deciding_content import (
    STEP_IDS,
    MatchingWords,
    deciding_content,
    parse_content,
)
from ses_decider.core.facts import fact_sheet
from ses_decider.resources import load_json
from tests.core.test_content_check import _single_breakages

CATEGORY_IDS = ["family", "money", "health", "career_after", "rules_2025", "staying"]


def _data() -> dict:
    return copy.deepcopy(load_json("deciding.json"))


def test_the_bundled_content_passes_jsonschema_and_the_fast_check():
    data, schema = load_json("deciding.json"), load_json("deciding.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    check(data, schema)
    assert supported(schema)  # read without importing jsonschema


def _first(value, keep: int = 2):
    """Every list in ``value`` cut to its first ``keep`` items, at any depth."""
    if isinstance(value, list):
        return [_first(item, keep) for item in value[:keep]]
    if isinstance(value, dict):
        return {key: _first(item, keep) for key, item in value.items()}
    return value


def _skeleton(data: dict) -> dict:
    """The document cut down to a few of each kind of item: single breakages of it still test
    every rule of the schema, in seconds rather than the minutes the whole file takes."""
    doc = _first(data)
    doc["steps"] = [_first(step, keep=1) for step in data["steps"]]  # all six are required
    for path in doc["premortem"]["paths"]:
        path["examples"] = path["examples"][:1]
    doc["works"] = dict(list(doc["works"].items())[:2])
    doc["matching"]["synonyms"] = dict(list(doc["matching"]["synonyms"].items())[:2])
    return doc


def test_fast_check_agrees_with_jsonschema_on_every_single_breakage():
    data, schema = load_json("deciding.json"), load_json("deciding.schema.json")
    doc = _skeleton(data)
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(doc))
    checked = 0
    for path, change, broken in _single_breakages(doc):
        if path[:1] == ("steps",) and len(path) > 1 and path[1] != 0:
            continue  # the six steps share one shape: breaking the first tests it
        errors = list(validator.iter_errors(broken))
        try:
            check(broken, schema)
            problem = None
        except SchemaViolation as exc:
            problem = exc
        assert (problem is None) == (not errors), (path, change, problem, errors[:1])
        if problem is not None:
            assert problem.path in {"/".join(map(str, e.absolute_path)) for e in errors}
        checked += 1
    assert checked > 1500


def test_every_step_the_issue_names_has_content_and_research():
    content = deciding_content()
    assert tuple(s.id for s in content.steps) == STEP_IDS
    for step in content.steps:
        assert step.title and step.text and step.claims


def test_the_research_named_in_the_issue_is_cited_in_full():
    works = deciding_content().works
    for key, year in [
        ("bond_2008", "2008"),
        ("mitchell_1989", "1989"),
        ("klein_2007", "2007"),
        ("grossmann_kross_2014", "2014"),
    ]:
        assert works[key].year == year
        citation = works[key].citation()
        assert works[key].author in citation and works[key].title in citation
    assert works["bond_2008"].doi == "10.1287/mnsc.1070.0754"
    assert "Harvard Business Review" in works["klein_2007"].published


def test_every_claim_records_how_it_was_checked_no_later_than_the_check_date():
    content = deciding_content()
    claims = [c for s in content.steps for c in s.claims] + list(content.experiment_claims.values())
    for claim in claims:
        v = claim.verified
        assert v.status in {"verified", "partly verified", "unverified"}
        if v.checked:
            assert v.what and v.where
            assert date.fromisoformat(v.on) <= date.fromisoformat(content.checked_on)
        else:
            assert v.reason
        assert claim.verified.summary()


def test_the_thirty_percent_is_attributed_to_klein_and_marked_partly_verified():
    # We could read Klein's account of the 1989 study, not the study itself: say so.
    (claim,) = [c for c in deciding_content().step("premortem").claims if "30%" in c.text]
    assert "Klein" in claim.text
    assert claim.verified.status == "partly verified"


def test_prompts_cover_the_six_categories_and_name_real_factors():
    content = deciding_content()
    assert [c.id for c in content.categories] == CATEGORY_IDS
    for category in CATEGORY_IDS:
        assert len([p for p in content.prompts if p.category == category]) >= 3
    for prompt in content.prompts:
        assert set(prompt.factor_ids) <= {f.id for f in catalogue().factors}
        if not prompt.factor_ids:
            assert prompt.own_factor  # then it suggests a factor of one's own
    assert any(not p.factor_ids for p in content.prompts)


def test_prompts_and_experiments_resting_on_a_fact_name_one_in_facts_json():
    content = deciding_content()
    fact_ids = {f.id for f in fact_sheet().facts}
    named = [p.fact for p in content.prompts if p.fact] + [e.fact for e in content.experiments]
    assert {f for f in named if f} <= fact_ids


def test_every_default_and_coming_factor_has_an_experiment_that_informs_it():
    ideas = deciding_content().experiments
    for factor_id in [f.id for f in catalogue().factors]:
        assert any(factor_id in idea.factor_ids for idea in ideas), factor_id


def test_the_experiments_the_issue_names_are_there_with_a_duration_and_a_source():
    content = deciding_content()
    ids = {e.id for e in content.experiments}
    assert {"detail", "acting", "shadow", "talk_ses", "home_talk"} <= ids
    for idea in content.experiments:
        assert idea.duration and idea.typical_days > 0
        assert idea.work in content.works


def test_premortem_has_both_paths_with_examples_and_the_issue_question():
    premortem = deciding_content().premortem
    assert premortem.path("ses").question.startswith("It is two years from now")
    assert "going for the SES was a mistake" in premortem.path("ses").question
    assert "staying" in premortem.path("stay").question
    assert len(premortem.path("ses").examples) >= 3
    assert len(premortem.path("stay").examples) >= 3


def test_friend_wording_is_in_the_third_person():
    friend = deciding_content().friend
    question = friend.ask("Pay")
    assert "Pay" in question and "your friend" in question
    assert friend.max_factors == 5
    assert "them" in friend.low and "them" in friend.high


def test_snapshot_label_names_the_experiment():
    content = deciding_content()
    assert content.label_for_snapshot("Shadow an executive") == "After: Shadow an executive"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["prompts"][0].update(factor_ids=["no_such_factor"]), "unknown factor"),
        (lambda d: d["prompts"][0].update(category="nowhere"), "unknown category"),
        (lambda d: d["prompts"].append(dict(d["prompts"][0])), "appears twice"),
        (lambda d: d["prompts"][0].update(factor_ids=[]), "own_factor"),
        (lambda d: d["experiments"][0].update(work="nobody_2020"), "unknown work"),
        (lambda d: d["steps"].reverse(), "steps must be"),
        (lambda d: d["premortem"]["paths"].reverse(), "'ses' path"),
        (lambda d: d["friend"].update(question="How does it weigh?"), "{factor}"),
        (lambda d: d["friend"].update(question="{factor} and {other}"), "only {factor}"),
        (lambda d: d.update(snapshot_label="After the experiment"), "{title}"),
        (
            lambda d: d["steps"][0]["claims"][0].update(verified={"status": "verified"}),
            "needs what",
        ),
        (
            lambda d: d["steps"][0]["claims"][0].update(verified={"status": "unverified"}),
            "needs reason",
        ),
        (lambda d: d.update(version=2), "invalid at version"),
        (lambda d: d["categories"].append({"id": "empty", "title": "Empty"}), "has no prompts"),
    ],
)
def test_broken_content_is_refused_with_the_place_named(change, message):
    data = _data()
    change(data)
    with pytest.raises(ContentError) as info:
        parse_content(data)
    assert message in str(info.value)
    assert "deciding.json" in str(info.value)


def test_a_word_list_phrase_of_only_common_words_is_refused(monkeypatch):
    from ses_decider.core import reasons

    content = deciding_content()
    broken = dict(content.matching.synonyms, pay=("the",))
    words = MatchingWords(content.matching.stop_words, broken)
    monkeypatch.setattr(reasons, "deciding_content", lambda: replace(content, matching=words))
    reasons._listed_phrases.cache_clear()
    try:
        with pytest.raises(ContentError, match="only of common words"):
            reasons.match_reason("pay")
    finally:
        monkeypatch.undo()
        reasons._listed_phrases.cache_clear()
