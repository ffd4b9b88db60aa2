"""Fit and readiness: the content, the two axes, the 2x2 and the development plan."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ses_decider.core.content import catalogue
from ses_decider.core.facts import as_of_end
from ses_decider.core.model import EcqRating, PlanItem, Rating, ReadinessState
from ses_decider.core.readiness import (
    DEALBREAKER_WANT_CAP,
    Quadrant,
    StoryEvidence,
    axes,
    blank_readiness,
    ecq_value,
    fit_score,
    gaps,
    new_plan_item,
    quadrant_for,
    ready_score,
    refresh_plan,
    rules_text,
    want_score,
    way_credits,
)
from ses_decider.core.readiness_content import readiness_content
from ses_decider.resources import resource_path
from tests.helpers import neutral_assessment

FIT_IDS = (
    "management_track",
    "people_centric",
    "conflict_tolerance",
    "meeting_tolerance",
    "quantified_accountability",
    "more_time",
    "family_situation",
    "ability_to_move",
)
ITEM_IDS = (
    "performance_record",
    "years_gs14_15",
    "positions_held",
    "details_done",
    "washington_tour",
    "willing_to_relocate",
    "outside_roles",
    "coach_or_mentor",
)
CURRENT_ECQS = {
    "rule_of_law": "Commitment to the Rule of Law and the Principles of the American Founding",
    "driving_efficiency": "Driving Efficiency",
    "merit_competence": "Merit and Competence",
    "leading_people": "Leading People",
    "achieving_results": "Achieving Results",
}
CLASSIC_ECQS = {
    "leading_change": "Leading Change",
    "leading_people_classic": "Leading People",
    "results_driven": "Results Driven",
    "business_acumen": "Business Acumen",
    "building_coalitions": "Building Coalitions",
}
FULL_FACTS = {
    "performance_record": 4,
    "years_gs14_15": 3,
    "positions_held": 5,
    "details_done": 2,
    "washington_tour": 1,
    "willing_to_relocate": 1,
    "outside_roles": 2,
    "coach_or_mentor": 1,
}


def full_state(rating: int = 4) -> ReadinessState:
    state = blank_readiness()
    state.facts = {k: float(v) for k, v in FULL_FACTS.items()}
    state.ecq = {eid: EcqRating(rating, "Cut processing time by 40%.") for eid in CURRENT_ECQS}
    return state


# Content -----------------------------------------------------------------------------------------
def test_ids_are_stable():
    c = readiness_content()
    assert tuple(q.id for q in c.fit_questions) == FIT_IDS
    assert tuple(i.id for i in c.items) == ITEM_IDS
    assert tuple(w.id for w in c.ways) == (
        "performance",
        "rotations",
        "location",
        "ecqs",
        "outside",
        "coach",
    )
    assert [s.id for s in c.ecq_sets] == ["opm_2025", "classic_2006"]
    assert set(c.quadrants) == {q.value for q in Quadrant}


def test_every_item_has_text_source_and_as_of_date():
    c = readiness_content()
    dated = (
        list(c.fit_questions)
        + list(c.ways)
        + list(c.items)
        + list(c.ecq_sets)
        + [e for s in c.ecq_sets for e in s.ecqs]
        + list(c.quadrants.values())
    )
    assert len(dated) > 30
    for item in dated:
        assert item.source in c.sources, item.id
        assert as_of_end(item.as_of)  # a real date
        texts = [getattr(item, name, "x") for name in ("text", "why", "title", "next_step")]
        assert all(isinstance(t, str) and t.strip() for t in texts), item.id
    for question in c.fit_questions:
        assert question.low and question.high and question.kind in ("fit", "situation")
    for ecq in (e for s in c.ecq_sets for e in s.ecqs):
        assert ecq.summary and ecq.next_step
    for quadrant in c.quadrants.values():
        assert len(quadrant.meaning) > 80 and quadrant.next_step


def test_the_survey_deterrents_are_situation_questions():
    c = readiness_content()
    situation = {q.id for q in c.fit_questions if q.kind == "situation"}
    assert situation == {"family_situation", "ability_to_move"}
    assert all(c.question(q).source == "sea_survey" for q in situation)


def test_the_current_ecq_set_is_the_default_and_the_classic_five_an_option():
    c = readiness_content()
    current, classic = c.ecq_set("opm_2025"), c.ecq_set("classic_2006")
    assert c.ecq_default == "opm_2025" and blank_readiness().ecq_set == "opm_2025"
    assert {e.id: e.title for e in current.ecqs} == CURRENT_ECQS
    assert current.in_effect_from == "2025-10-01" and current.in_effect_to is None
    assert current.as_of == "2025-05-29"
    # The new sub-competencies could not be checked against OPM's text: none are shipped.
    assert all(e.competencies == () for e in current.ecqs)
    assert "sub-competencies" in current.note
    assert {e.id: e.title for e in classic.ecqs} == CLASSIC_ECQS
    assert (classic.in_effect_from, classic.in_effect_to) == ("2006-10-01", "2025-09-30")
    assert sum(len(e.competencies) for e in classic.ecqs) == 22
    assert len(classic.fundamental) == 6
    assert "Political Savvy" in classic.ecq("building_coalitions").competencies


def test_shared_sources_match_the_factor_catalogue():
    c = readiness_content()
    for key, source in catalogue().sources.items():
        if key in c.sources:
            mine = c.sources[key]
            assert (mine.title, mine.author, mine.short, mine.as_of) == (
                source.title,
                source.author,
                source.short,
                source.as_of,
            )


def test_the_content_files_are_what_the_loader_read():
    data = json.loads(resource_path("readiness.json").read_text(encoding="utf-8"))
    assert data["format"] == "ses-decider/readiness" and data["version"] == 1
    assert {i["id"] for i in data["items"]} == set(ITEM_IDS)


# Fit and "Do I want it?" --------------------------------------------------------------------------
def test_fit_score():
    assert fit_score({}) is None
    assert fit_score(dict.fromkeys(FIT_IDS, 4)) == 100.0
    assert fit_score(dict.fromkeys(FIT_IDS, 0)) == 0.0
    assert fit_score({"more_time": 3, "people_centric": 1}) == 50.0  # unanswered ones left out
    assert fit_score({"no_such_question": 4}) is None


def test_want_is_seventy_percent_decision_thirty_percent_fit():
    assert want_score(80.0, 40.0) == pytest.approx(0.7 * 80 + 0.3 * 40)
    assert want_score(80.0, None) == 80.0
    assert want_score(None, 40.0) == 40.0
    assert want_score(None, None) is None
    assert want_score(90.0, 90.0, dealbreaker_hit=True) == DEALBREAKER_WANT_CAP
    assert want_score(20.0, 30.0, dealbreaker_hit=True) == pytest.approx(23.0)


def test_axes_of_an_assessment_with_a_dealbreaker():
    a = neutral_assessment()
    for fid in a.ratings:
        a.ratings[fid] = Rating(weight=5, lean=4)
    a.ratings["relocation"] = Rating(weight=5, lean=-4, dealbreaker=True)
    a.fit = dict.fromkeys(FIT_IDS, 4)
    a.readiness = full_state()
    found = axes(a)
    assert found.want == DEALBREAKER_WANT_CAP and found.want_capped
    assert found.ready == 100.0
    assert found.quadrant is Quadrant.RECONSIDER


def test_axes_need_both_for_a_quadrant():
    a = neutral_assessment()
    for rating in a.ratings.values():  # weight 5, lean 0 everywhere: decision score 50
        rating.weight, rating.lean = 5.0, 0.0
    found = axes(a)
    assert (found.want, found.ready, found.quadrant) == (50.0, None, None)
    assert found.way_credits == {}
    a.readiness = blank_readiness()
    found = axes(a)
    assert (found.want, found.ready, found.quadrant) == (50.0, 0.0, Quadrant.BUILD_READINESS)
    assert set(found.way_credits) == {w.id for w in readiness_content().ways}


# "Am I ready?" -----------------------------------------------------------------------------------
def test_ready_from_nothing_to_everything():
    assert ready_score(blank_readiness()) == 0.0
    assert ready_score(full_state()) == 100.0
    assert ready_score(full_state(rating=2)) == pytest.approx(100 * (5 + 0.5) / 6)


def test_location_counts_in_full_with_either_a_washington_tour_or_willingness():
    for key in ("washington_tour", "willing_to_relocate"):
        state = blank_readiness()
        state.facts[key] = 1.0
        assert way_credits(state)["location"] == 1.0
        assert ready_score(state) == pytest.approx(100 / 6)


def test_counts_earn_full_credit_at_their_target():
    state = blank_readiness()
    state.facts = {"positions_held": 10.0, "details_done": 1.0}
    assert way_credits(state)["rotations"] == pytest.approx((1.0 + 0.5) / 2)
    state.facts = {"performance_record": 2.0, "years_gs14_15": 1.5}
    assert way_credits(state)["performance"] == pytest.approx((0.5 + 0.5) / 2)


def test_only_the_chosen_ecq_set_counts():
    state = blank_readiness()
    state.ecq = {eid: EcqRating(4) for eid in CURRENT_ECQS}
    assert way_credits(state)["ecqs"] == 1.0
    state.ecq_set = "classic_2006"
    assert way_credits(state)["ecqs"] == 0.0  # the current set's ratings are kept, not counted
    state.ecq["leading_change"] = EcqRating(2)
    assert way_credits(state)["ecqs"] == pytest.approx(2 / 4 / 5)
    state.ecq_set = "retired_set"  # a set no longer in the content falls back to the default
    assert way_credits(state)["ecqs"] == 1.0


# The 2x2 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("want", "ready", "quadrant"),
    [
        (50.0, 50.0, Quadrant.GO_NOW),
        (100.0, 100.0, Quadrant.GO_NOW),
        (50.0, 49.999999, Quadrant.BUILD_READINESS),
        (49.999999, 50.0, Quadrant.RECONSIDER),
        (49.999999, 49.999999, Quadrant.NOT_NOW),
        (0.0, 0.0, Quadrant.NOT_NOW),
    ],
)
def test_quadrant_boundaries_are_exactly_at_50(want, ready, quadrant):
    assert quadrant_for(want, ready) is quadrant


def test_computed_axes_land_exactly_on_the_boundary():
    assert want_score(50.0, 50.0) == 50.0  # no float noise below the line
    assert want_score(60.0, 26.666666666666668) == 50.0
    state = blank_readiness()
    state.facts = {"performance_record": 4, "years_gs14_15": 3, "washington_tour": 1}
    state.facts["coach_or_mentor"] = 1
    assert ready_score(state) == 50.0
    assert quadrant_for(want_score(50.0, 50.0), ready_score(state)) is Quadrant.GO_NOW


def test_each_quadrant_has_its_words():
    titles = {q: q.title for q in Quadrant}
    assert titles[Quadrant.GO_NOW] == "Go for it now"
    assert titles[Quadrant.NOT_NOW] == "Not for you now"
    assert all(q.text.meaning and q.text.next_step for q in Quadrant)


# Properties --------------------------------------------------------------------------------------
answers = st.dictionaries(st.sampled_from(FIT_IDS), st.floats(0, 4), max_size=len(FIT_IDS))
scores = st.one_of(st.none(), st.floats(0, 100))
facts = st.fixed_dictionaries(
    {},
    optional={
        "performance_record": st.integers(0, 4).map(float),
        "years_gs14_15": st.floats(0, 40),
        "positions_held": st.integers(0, 20).map(float),
        "details_done": st.integers(0, 10).map(float),
        "washington_tour": st.sampled_from([0.0, 1.0]),
        "willing_to_relocate": st.sampled_from([0.0, 1.0]),
        "outside_roles": st.integers(0, 6).map(float),
        "coach_or_mentor": st.sampled_from([0.0, 1.0]),
    },
)
ecq_ratings = st.dictionaries(
    st.sampled_from(sorted(CURRENT_ECQS)),
    st.builds(EcqRating, st.one_of(st.none(), st.integers(0, 4)), st.text(max_size=5)),
)


@given(scores, answers, st.booleans())
def test_want_stays_within_0_and_100(decision, fit_answers, hit):
    want = want_score(decision, fit_score(fit_answers), hit)
    assert want is None or 0.0 <= want <= 100.0
    assert (want is None) == (decision is None and not fit_answers)


@given(scores, answers, st.sampled_from(FIT_IDS), st.floats(0, 4), st.booleans())
def test_want_never_falls_when_a_fit_answer_rises(decision, fit_answers, qid, more, hit):
    if qid not in fit_answers:
        return
    before = want_score(decision, fit_score(fit_answers), hit)
    raised = dict(fit_answers, **{qid: max(fit_answers[qid], more)})
    assert want_score(decision, fit_score(raised), hit) >= before


N = len(catalogue().factors)  # every default factor, read from the catalogue


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.floats(0, 10), st.floats(-5, 5)), min_size=N, max_size=N),
    st.integers(0, N - 1),
    st.floats(-5, 5),
    answers,
)
def test_want_never_falls_when_a_lean_rises(pairs, index, new_lean, fit_answers):
    a = neutral_assessment()
    for fid, (w, r) in zip(a.ratings, pairs, strict=True):
        a.ratings[fid] = Rating(weight=w, lean=r)
    a.ratings["relocation"].dealbreaker = True
    a.fit = fit_answers
    fid = list(a.ratings)[index]
    before = axes(a).want
    a.ratings[fid].lean = max(a.ratings[fid].lean, new_lean)
    after = axes(a).want
    if before is not None:
        assert after >= before - 1e-9


@given(facts, ecq_ratings)
def test_ready_stays_within_0_and_100(fact_values, ratings):
    state = ReadinessState(facts=fact_values, ecq=ratings)
    assert 0.0 <= ready_score(state) <= 100.0


@given(facts, ecq_ratings, st.sampled_from(ITEM_IDS), st.floats(0, 50))
def test_ready_never_falls_when_a_fact_rises(fact_values, ratings, item_id, more):
    state = ReadinessState(facts=dict(fact_values), ecq=ratings)
    before = ready_score(state)
    item = readiness_content().item(item_id)
    new = min(max(state.facts.get(item_id, 0.0), more), item.upper())
    if item.kind == "yesno":
        new = 1.0 if new >= 1 else state.facts.get(item_id, 0.0)
    state.facts[item_id] = new
    assert ready_score(state) >= before


@given(facts, ecq_ratings, st.sampled_from(sorted(CURRENT_ECQS)), st.integers(0, 4))
def test_ready_never_falls_when_an_ecq_rating_rises(fact_values, ratings, ecq_id, more):
    state = ReadinessState(facts=fact_values, ecq=dict(ratings))
    before = ready_score(state)
    old = state.ecq.get(ecq_id, EcqRating())
    state.ecq[ecq_id] = EcqRating(max(old.rating or 0, more), old.example)
    assert ready_score(state) >= before


# Story evidence beside the self-rating ---------------------------------------------------------
evidence_st = st.dictionaries(st.sampled_from(sorted(CURRENT_ECQS)), st.integers(0, 4))


def test_an_ecq_counts_the_mean_of_rating_and_evidence_only_where_the_evidence_is_higher():
    assert ecq_value(1, 4) == 2.5
    assert ecq_value(0, 3) == 1.5
    assert ecq_value(4, 1) == 4.0  # a weaker story never lowers a rating
    assert ecq_value(3, None) == 3.0 and ecq_value(3, 0) == 3.0


def test_the_ecq_way_takes_the_story_evidence():
    state = full_state(rating=2)
    ecq_way = next(w.id for w in readiness_content().ways if w.combine == "ecq")
    assert way_credits(state)[ecq_way] == pytest.approx(0.5)
    evidence = StoryEvidence({"leading_people": 4, "rule_of_law": 4})
    # (2 + 2 + 2 + 3 + 3) / 20: two ECQs lifted from 2 to the mean 3
    assert way_credits(state, evidence)[ecq_way] == pytest.approx(12 / 20)
    assert ready_score(state, evidence) > ready_score(state)


@given(facts, ecq_ratings)
def test_no_stories_leave_ready_exactly_as_the_self_rating_gives_it(fact_values, ratings):
    state = ReadinessState(facts=fact_values, ecq=ratings)
    nothing = StoryEvidence({e: 0 for e in CURRENT_ECQS})
    assert ready_score(state, nothing) == ready_score(state) == ready_score(state, None)


@given(facts, ecq_ratings, evidence_st, st.sampled_from(sorted(CURRENT_ECQS)), st.integers(0, 4))
def test_ready_never_falls_when_evidence_or_a_rating_rises(fact_values, ratings, ev, ecq_id, more):
    state = ReadinessState(facts=fact_values, ecq=dict(ratings))
    before = ready_score(state, StoryEvidence(ev))
    assert 0.0 <= before <= 100.0
    stronger = dict(ev, **{ecq_id: max(ev.get(ecq_id, 0), more)})
    assert ready_score(state, StoryEvidence(stronger)) >= before
    old = state.ecq.get(ecq_id, EcqRating())
    state.ecq[ecq_id] = EcqRating(max(old.rating or 0, more), old.example)
    assert ready_score(state, StoryEvidence(ev)) >= before


def test_with_the_story_bank_an_ecq_without_a_story_gets_a_plan_step_instead_of_an_example():
    from datetime import date

    from ses_decider.core.stories import Story, story_evidence

    state = full_state()
    state.ecq["leading_people"] = EcqRating(4, "  ")  # the old rule: write an example
    story = Story(title="Backlog", result="Fell 38%.", ecqs=("leading_people",))
    evidence = story_evidence([story], date(2026, 12, 1))
    keys = [g.key for g in gaps(state, evidence)]
    assert keys == [f"story:{e}" for e in CURRENT_ECQS if e != "leading_people"]
    plan = refresh_plan(state, evidence)
    assert plan[0].text.startswith("Write a story that shows Commitment to the Rule of Law")
    assert [g.key for g in gaps(state)] == ["example:leading_people"]  # bank unknown: as before


# Gaps and the development plan -------------------------------------------------------------------
def test_a_blank_roadmap_has_a_gap_for_everything():
    keys = [g.key for g in gaps(blank_readiness())]
    assert {f"item:{i}" for i in ITEM_IDS} <= set(keys)
    assert {f"ecq:{e}" for e in CURRENT_ECQS} <= set(keys)
    assert len(keys) == len(ITEM_IDS) + len(CURRENT_ECQS)
    assert not gaps(full_state())


def test_gaps_name_low_ratings_missing_examples_and_open_items():
    state = full_state()
    state.ecq["merit_competence"] = EcqRating(2, "Some example")
    state.ecq["leading_people"] = EcqRating(4, "  ")
    state.facts["details_done"] = 1.0
    state.facts["washington_tour"] = 0.0  # willing to relocate: the location way is still full
    found = {g.key: g for g in gaps(state)}
    assert set(found) == {"ecq:merit_competence", "example:leading_people", "item:details_done"}
    assert "detail" in found["item:details_done"].suggestion.lower()
    assert found["example:leading_people"].suggestion.count("Leading People") == 1


def test_refresh_plan_adds_suggestions_and_keeps_what_the_person_wrote():
    state = blank_readiness()
    state.facts = {k: float(v) for k, v in FULL_FACTS.items() if k != "details_done"}
    state.ecq = {e: EcqRating(4, "An example.") for e in CURRENT_ECQS}
    state.plan = [
        PlanItem("item:details_done", "Detail to OMB, spring", "item:details_done", "2027-04-01"),
        new_plan_item("Read a book on federal budgeting"),
    ]
    plan = refresh_plan(state)
    assert plan == state.plan  # the only gap already has a step
    state.ecq["driving_efficiency"] = EcqRating(1, "")
    plan = refresh_plan(state)
    assert plan[:2] == state.plan and len(plan) == 3
    added = plan[2]
    assert (added.id, added.gap, added.done, added.target_date) == (
        "ecq:driving_efficiency",
        "ecq:driving_efficiency",
        False,
        None,
    )
    assert added.text.startswith("Driving Efficiency: ")
    assert len(state.plan) == 2  # the state itself is untouched
    state.facts["details_done"] = 2.0  # gap closed: the person's dated step stays
    assert refresh_plan(state)[0].text == "Detail to OMB, spring"


def test_own_plan_items_get_unique_ids():
    ids = {new_plan_item("x").id for _ in range(50)}
    assert len(ids) == 50 and all(i.startswith("own:") for i in ids)


# The rules in words ------------------------------------------------------------------------------
def test_rules_text_states_the_rules():
    lines = rules_text()
    text = " ".join(lines)
    assert all(isinstance(line, str) and line.endswith(".") for line in lines)
    for needle in ("70%", "30%", "split at 50", "at 49", "5 positions"):
        assert needle in text
    assert "2 details" in text and "3 years at GS-14/15" in text
    assert "not OPM requirements" in text
    assert "story bank" in text and "average of your rating and that evidence" in text
