"""Matching a person's own reasons to factors, and the "did you miss?" prompts left to show."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.content import catalogue
from ses_decider.core.deciding_content import deciding_content
from ses_decider.core.model import Factor
from ses_decider.core.reasons import match_reason, missed_prompts, own_title, stem, terms, words

DEFAULTS = list(catalogue().factors)
# The 2025-26 factors arrive from another branch; until then, tests build them here.
COMING = [
    Factor("job_security", "Job security", "pro", "con", custom=True),
    Factor("appraisal", "Appraisal and ratings", "pro", "con", custom=True),
    Factor("getting_in", "Getting in", "pro", "con", custom=True),
]
ALL = DEFAULTS + [f for f in COMING if f.id not in {d.id for d in DEFAULTS}]


def best(text: str, factors=None) -> str | None:
    match = match_reason(text, factors)
    return match.best.factor_id if match.best else None


@pytest.mark.parametrize(
    ("reason", "factor_id"),
    [
        ("I'd have to move my kids", "relocation"),
        ("the pay barely goes up", "pay"),
        ("I want to shape policy", "influence"),
        ("We would have to sell the house and leave the area", "relocation"),
        ("My husband's job is here and he would have to give it up", "work_family"),
        ("I'm already tired of the long hours", "stress"),
        ("I'd get more say over budgets and hiring", "authority"),
        ("The salary bump isn't worth it after losing overtime", "pay"),
        ("More meetings, less real work", "community"),
        ("I could finally fix how we do things around here", "creativity"),
        ("I love the mission of my agency", "mission"),
        ("Being part of an elite group of leaders would make me proud", "elite_corps"),
        ("I'd be in charge and could turn my vision into reality", "lofty_position"),
        ("Missing dinner with my children every night", "work_family"),
    ],
)
def test_realistic_reasons_match_the_factor_a_person_would_pick(reason, factor_id):
    assert best(reason) == factor_id


@pytest.mark.parametrize(
    ("reason", "factor_id"),
    [
        ("I'm afraid of being fired when the administration changes", "job_security"),
        ("The new rating cap means I might be rated down for no reason", "appraisal"),
        ("My chances of being selected are slim", "getting_in"),
        ("Writing the ECQs and the interview scare me", "getting_in"),
    ],
)
def test_the_2025_26_factors_match_once_they_are_in_the_table(reason, factor_id):
    assert best(reason, ALL) == factor_id


def test_a_word_list_for_a_factor_not_in_the_table_matches_nothing():
    without = [f for f in DEFAULTS if f.id != "getting_in"]
    assert best("My chances of being selected are slim", without) is None


def test_a_reason_about_nothing_in_the_table_becomes_a_factor_of_ones_own():
    match = match_reason("My mentor thinks I am not ready yet.")
    assert match.make_own and match.best is None
    assert match.own_title == "My mentor thinks I am not ready yet"


def test_matches_show_which_words_pointed_to_the_factor():
    match = match_reason("I'd have to move my kids")
    assert match.best.factor_id == "relocation"
    assert "move my kids" in match.best.matched
    assert [c.factor_id for c in match.candidates] == ["relocation", "work_family"]


def test_each_factor_title_matches_that_factor_with_full_score():
    for factor in DEFAULTS:
        match = match_reason(factor.title)
        assert match.best.factor_id == factor.id
        assert match.best.score == 1.0


def test_a_custom_factor_matches_by_its_title_words():
    own = Factor("custom_1", "Commute time", "pro", "con", custom=True)
    assert best("the commute time would double", [*DEFAULTS, own]) == "custom_1"


def test_limit_caps_the_candidates():
    text = "pay, hours, family, moving, meetings, policy"
    assert len(match_reason(text, limit=2).candidates) == 2
    assert match_reason(text, limit=0).candidates == ()


def test_words_and_stems_bring_forms_of_a_word_together():
    assert words("I'd move the Kids' bikes") == ["id", "move", "the", "kids", "bikes"]
    assert {stem(w) for w in ["move", "moves", "moving", "moved"]} == {"mov"}
    assert {stem(w) for w in ["meeting", "meetings"]} == {"meet"}
    assert stem("stress") == stem("stressed") == "stress"
    assert stem("families") == stem("family")
    assert terms("I want to shape policy") == ("shap", "policy")


def test_own_title_is_the_first_clause_capitalised_and_short():
    assert own_title("  my mentor thinks I'm not ready. She may be right") == (
        "My mentor thinks I'm not ready"
    )
    long = "word " * 30
    title = own_title(long)
    assert len(title) <= 60 and title.endswith("\u2026")
    assert own_title("...") == ""


# --- properties -------------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_matching_never_fails_on_any_text(text):
    match = match_reason(text)
    assert len(match.candidates) <= 3
    assert all(0 < c.score <= 1 for c in match.candidates)
    assert len(match.own_title) <= 60


@given(st.text(max_size=200), st.integers(0, 20))
def test_candidates_are_sorted_best_first_then_by_title(text, limit):
    match = match_reason(text, ALL, limit=limit)
    keys = [(-c.score, c.title.casefold(), c.factor_id) for c in match.candidates]
    assert keys == sorted(keys)
    assert len({c.factor_id for c in match.candidates}) == len(match.candidates)


titles = st.text(
    alphabet=st.characters(categories=("L", "N", "Zs", "Pd")), min_size=1, max_size=40
).filter(lambda t: words(t))


@given(st.lists(titles, min_size=1, max_size=6, unique_by=lambda t: tuple(words(t))), st.data())
def test_a_factors_own_title_matches_that_factor_first(own_titles, data):
    own = [Factor(f"own_{i}", t, "pro", "con", custom=True) for i, t in enumerate(own_titles)]
    own = [f for f in own if all(words(f.title) != words(d.title) for d in ALL)]
    pool = ALL + own
    factor = data.draw(st.sampled_from(pool))
    match = match_reason(factor.title, pool)
    assert match.best.factor_id == factor.id
    assert match.best.score == 1.0


@given(st.text(max_size=100))
def test_a_suggested_own_title_is_never_blank_when_the_reason_has_words(text):
    if words(text) and not text.strip().startswith(tuple(".;:!?")):
        assert own_title(text).strip()


# --- did you miss? ----------------------------------------------------------------------------


def test_with_nothing_covered_every_prompt_shows_by_category_in_order():
    content = deciding_content()
    groups = missed_prompts(set(), set())
    assert [g.category.id for g in groups] == [c.id for c in content.categories]
    assert sum(len(g.prompts) for g in groups) == len(content.prompts)


def test_a_covered_factor_hides_its_prompts_and_only_those():
    groups = missed_prompts({"relocation"})
    shown = {p.id for g in groups for p in g.prompts}
    assert "family_fixed_years" not in shown  # relocation only
    assert "family_partner_work" not in shown  # relocation and work_family: one is enough
    assert "family_care" in shown  # work_family only
    assert "rules_reassignment" not in shown


def test_an_answered_prompt_is_hidden_and_own_factor_prompts_need_an_answer():
    every_factor = {f.id for f in ALL}
    groups = missed_prompts(every_factor)
    shown = [p for g in groups for p in g.prompts]
    assert shown and all(not p.factor_ids for p in shown)  # only "a factor of your own" prompts
    answered = {p.id for p in shown}
    assert missed_prompts(every_factor, answered) == ()


def test_a_category_with_nothing_left_is_left_out():
    content = deciding_content()
    money = {p.id for p in content.prompts if p.category == "money"}
    groups = missed_prompts(set(), money)
    assert "money" not in [g.category.id for g in groups]


@given(
    st.sets(st.sampled_from(sorted({f.id for f in ALL}))),
    st.sets(st.sampled_from([p.id for p in deciding_content().prompts])),
)
def test_missed_prompts_are_exactly_the_uncovered_ones(covered, answered):
    shown = {p.id for g in missed_prompts(covered, answered) for p in g.prompts}
    for prompt in deciding_content().prompts:
        uncovered = prompt.id not in answered and not covered & set(prompt.factor_ids)
        assert (prompt.id in shown) == uncovered
