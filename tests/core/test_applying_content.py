"""resources/applying.json: complete for both ECQ sets, sourced, checked on the fast path."""

from __future__ import annotations

import copy
import re

import jsonschema
import pytest

from ses_decider.core import applying_content as module
from ses_decider.core.applying_content import HINT_PLACEHOLDERS, applying_content
from ses_decider.core.content import ContentError
from ses_decider.core.content_check import SchemaViolation, check, supported
from ses_decider.core.readiness_content import readiness_content
from ses_decider.resources import load_json
from tests.core.test_content_check import _single_breakages

CURRENT = ("rule_of_law", "driving_efficiency", "merit_competence", "leading_people")
CURRENT += ("achieving_results",)
CLASSIC = ("leading_change", "leading_people_classic", "results_driven", "business_acumen")
CLASSIC += ("building_coalitions",)


def test_every_ecq_of_both_sets_has_three_to_five_questions_and_a_strong_answer():
    content = applying_content()
    for set_id, expected in (("opm_2025", CURRENT), ("classic_2006", CLASSIC)):
        ids = tuple(e.id for e in readiness_content().ecq_set(set_id).ecqs)
        assert ids == expected
        for ecq in ids:
            entry = content.for_ecq(ecq)
            assert 3 <= len(entry.questions) <= 5, ecq
            assert len(entry.strong_answer) >= 3, ecq
            assert all(q.ecq == ecq for q in entry.questions)


def test_questions_are_behavioural_and_in_our_words():
    for entry in applying_content().practice:
        for q in entry.questions:
            assert re.match(r"(Tell us about|Describe|Give an example)", q.text), q.text
            assert q.text.endswith((".", "?"))


def test_target_answer_length_is_three_minutes_within_two_to_four_and_says_where_from():
    length = applying_content().answer_length
    assert (length.min_seconds, length.target_seconds, length.max_seconds) == (120, 180, 240)
    assert "rule of thumb" in length.text
    assert "2 to 4 minutes" in length.text
    assert length.verified.status == "partly verified"
    assert all(p.target_seconds == 180 for p in applying_content().practice)


def test_two_page_limit_is_sourced_to_the_may_2025_memo_with_a_check_record():
    content = applying_content()
    rule = content.resume_rule("two_pages")
    assert content.max_pages == 2
    assert rule.source == "opm_memo_2025" and rule.as_of == "2025-05-29"
    assert rule.verified.checked and rule.verified.on == "2026-12-01"
    assert "memo" in rule.verified.what and "not found" in rule.verified.what


def test_what_only_vendors_say_is_marked_as_theirs_and_not_verified():
    facts = {q.id: q for q in applying_content().qrb}
    assert facts["interviews_from_fy2026"].verified.checked
    vendor = [q for q in facts.values() if q.basis == "vendor"]
    assert {q.id for q in vendor} >= {"format_reported", "rating_template"}
    for fact in vendor:
        assert fact.verified.status == "unverified", fact.id
        assert "vendor" in fact.verified.reason.lower()
        assert "vendor" in fact.text.lower()


def test_the_layouts_are_letter_with_one_inch_margins_at_11_pt_by_default():
    layout = applying_content().layout()
    assert (layout.id, layout.margin_in, layout.font_pt) == ("standard", 1.0, 11)
    assert layout.families[0] == "Arial"
    assert applying_content().layout("usajobs").margin_in == 0.5


def test_every_hint_is_one_short_sentence_with_its_code():
    hints = applying_content().hints
    assert set(hints) == set(HINT_PLACEHOLDERS)
    for code, text in hints.items():
        assert len(text) <= 100, code
        assert text.count(". ") == 0 and text[0].isupper(), code


def test_sources_shared_with_readiness_json_are_the_same():
    mine, theirs = applying_content().sources, readiness_content().sources
    for key in set(mine) & set(theirs):
        assert mine[key] == theirs[key], key


def test_the_schema_takes_the_fast_path_and_agrees_with_jsonschema():
    data, schema = load_json("applying.json"), load_json("applying.schema.json")
    assert supported(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    check(data, schema)


def _sample(data):
    """One of each kind of entry: every rule of the schema, a tenth of the breakages to try."""
    small = copy.deepcopy(data)
    small["practice"] = small["practice"][:1]
    small["practice"][0]["questions"] = small["practice"][0]["questions"][:3]
    small["practice"][0]["strong_answer"] = small["practice"][0]["strong_answer"][:2]
    small["sources"] = dict(list(small["sources"].items())[:1])
    for key in ("story_hints", "resume_rules", "resume_layouts"):
        small[key] = small[key][:2]
    small["qrb"] = [small["qrb"][0], small["qrb"][3]]  # a checked and an unverified record
    return small


def test_fast_check_agrees_with_jsonschema_on_every_single_breakage():
    data, schema = _sample(load_json("applying.json")), load_json("applying.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    checked = 0
    for path, change, doc in _single_breakages(data):
        errors = list(validator.iter_errors(doc))
        try:
            check(doc, schema)
            problem = None
        except SchemaViolation as exc:
            problem = exc
        assert (problem is None) == (not errors), (path, change, problem, errors[:1])
        if problem is not None:
            assert problem.path in {"/".join(map(str, e.absolute_path)) for e in errors}
        checked += 1
    assert checked > 1000


@pytest.fixture
def edited(monkeypatch):
    """Load applying.json with an edit applied; returns a function that takes the edit."""

    def load(edit):
        data = copy.deepcopy(load_json("applying.json"))
        edit(data)
        real = module.load_json
        monkeypatch.setattr(
            module, "load_json", lambda name: data if name == "applying.json" else real(name)
        )
        module.applying_content.cache_clear()
        try:
            return module.applying_content()
        finally:
            module.applying_content.cache_clear()

    yield load
    module.applying_content.cache_clear()


def _drop_classic_ecq(data):
    data["practice"] = [p for p in data["practice"] if p["ecq"] != "business_acumen"]


def _bad_placeholder(data):
    data["story_hints"][0]["text"] = "Over {years} years old."


def _two_sentences(data):
    data["story_hints"][0]["text"] = "Give it a title. It helps."


def _unknown_source(data):
    data["qrb"][0]["source"] = "nowhere"


def _verified_without_where(data):
    del data["resume_rules"][0]["verified"]["where"]


def _unverified_without_reason(data):
    data["qrb"][3]["verified"] = {"status": "unverified"}


def _schema_break(data):
    data["practice"][0]["questions"] = data["practice"][0]["questions"][:2]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_drop_classic_ecq, "missing ['business_acumen']"),
        (_bad_placeholder, "placeholders"),
        (_two_sentences, "one sentence"),
        (_unknown_source, "unknown source 'nowhere'"),
        (_verified_without_where, "needs what, where and on"),
        (_unverified_without_reason, "only a reason"),
        (_schema_break, "is invalid at practice/0/questions"),
    ],
)
def test_broken_content_is_refused_with_the_place_named(edited, edit, message):
    with pytest.raises(ContentError, match=re.escape(message)):
        edited(edit)
