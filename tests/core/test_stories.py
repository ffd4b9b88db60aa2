"""The story bank: hints from the text, strength, coverage per ECQ, evidence, plan gaps, round trips."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ses_decider.core.readiness_content import readiness_content
from ses_decider.core.stories import (
    Story,
    StoryError,
    coverage,
    plan_gaps,
    readiness_evidence,
    rules_text,
    story_from_dict,
    story_hints,
    story_strength,
    story_to_dict,
    touch,
)

TODAY = date(2026, 12, 1)
CURRENT = [e.id for e in readiness_content().ecq_set("opm_2025").ecqs]
ALL_ECQS = sorted(readiness_content().all_ecq_ids())


def strong(**changes) -> Story:
    """A story that earns every point: recent, measured, first person, complete."""
    base = Story(
        title="Claims backlog recovery",
        challenge=(
            "The disability claims backlog had grown to 410,000 cases, average waits were rising "
            "every month, and veterans' groups had asked Congress to step in."
        ),
        context=(
            "I directed claims operations for 12 regional offices with 1,150 staff and a budget of "
            "$212 million. The work was under scrutiny from Congress and the Inspector General, "
            "hiring was frozen, and each office ran its own intake with its own rules, so a claim "
            "could wait weeks before anyone looked at it. Three earlier attempts to standardise "
            "intake had stalled because office directors saw them as a loss of control, and the "
            "unions had filed grievances over the last one. The Under Secretary had set a goal "
            "of cutting the backlog by a quarter within two years."
        ),
        action=(
            "I redesigned intake so every claim was triaged within two days, moved 640 staff to a "
            "national work queue, and set weekly targets that I reviewed with each office director. "
            "I reassigned two managers who did not meet the new standards and coached the rest. "
            "I briefed the Under Secretary every month and explained the plan to the unions, "
            "who agreed to the new queue after I changed the rules on overtime."
        ),
        result="The backlog fell 38% in 18 months and average waits dropped from 141 to 88 days.",
        happened_on="2024-03-15",
        ecqs=("achieving_results", "leading_people"),
    )
    return replace(base, **changes)


def codes(story: Story, today: date = TODAY) -> list[str]:
    return [h.code for h in story_hints(story, today)]


def test_a_strong_story_gets_no_hint_and_full_strength():
    assert codes(strong()) == []
    assert story_strength(strong(), TODAY) == 4


def test_a_result_without_a_number_gets_a_hint():
    story = strong(result="The backlog fell sharply and waits improved a great deal.")
    hints = story_hints(story, TODAY)
    assert [h.code for h in hints] == ["result_no_number"]
    assert hints[0].part == "result"
    assert "number" in hints[0].text
    assert story_strength(story, TODAY) == 3


@pytest.mark.parametrize("words", ["doubled", "cut it by half", "twelve offices", "by 40 percent"])
def test_number_words_count_as_numbers(words):
    assert "result_no_number" not in codes(strong(result=f"Output {words} in a year."))


def test_an_action_told_with_we_only_gets_its_own_hint():
    story = strong(action="We redesigned intake and our teams moved to a national queue for us.")
    hints = story_hints(story, TODAY)
    assert [h.code for h in hints] == ["action_we_only"]
    assert "\u201cI\u201d" in hints[0].text


def test_an_action_without_any_person_gets_the_first_person_hint():
    story = strong(action="Intake was redesigned and 640 staff were moved to a national queue.")
    assert codes(story) == ["action_no_i"]


@pytest.mark.parametrize("action", ["I led it.", "Then I\u2019ve set targets.", "My plan won."])
def test_any_first_person_singular_counts(action):
    assert not {"action_no_i", "action_we_only"} & set(codes(strong(action=action)))


def test_a_story_older_than_ten_years_gets_a_hint_and_loses_recent():
    ten_years_ago = date(2016, 12, 1)
    assert "too_old" not in codes(strong(happened_on=ten_years_ago.isoformat()))
    old = strong(happened_on="2016-11-30")
    hint = next(h for h in story_hints(old, TODAY) if h.code == "too_old")
    assert "10 years" in hint.text and hint.part == "happened_on"
    assert story_strength(old, TODAY) == 3


def test_no_date_and_a_future_date_are_hints_and_not_recent():
    assert "no_date" in codes(strong(happened_on=None))
    assert "future_date" in codes(strong(happened_on="2027-01-01"))
    assert story_strength(strong(happened_on=None), TODAY) == 3


def test_each_empty_part_gets_a_hint_in_ccar_order():
    story = Story(title="", happened_on="2025-01-01", ecqs=("leading_people",))
    assert codes(story) == [
        "empty_title",
        "empty_challenge",
        "empty_context",
        "empty_action",
        "empty_result",
    ]
    assert story_strength(story, TODAY) == 1  # only recent


def test_too_short_and_too_long_for_one_answer():
    short = strong(challenge="Backlog.", context="Big.", action="I fixed it.", result="Down 38%.")
    hint = next(h for h in story_hints(short, TODAY) if h.code == "too_short")
    assert "1 minute" in hint.text
    long_action = "I " + " ".join(["reviewed every office's numbers with its director"] * 100)
    long = strong(action=long_action)
    hint = next(h for h in story_hints(long, TODAY) if h.code == "too_long")
    assert "5 minutes" in hint.text
    assert "too_short" not in codes(strong(challenge=""))  # the empty part says it already


def test_no_ecq_tagged_is_a_hint():
    assert codes(strong(ecqs=())) == ["no_ecq"]


def test_every_hint_is_one_short_sentence():
    worst = Story(action="we", result="up", happened_on="1990-01-01")
    for hint in story_hints(worst, TODAY) + story_hints(strong(ecqs=()), TODAY):
        assert hint.text.endswith((".", "?")) and ". " not in hint.text
        assert "{" not in hint.text and len(hint.text) <= 100


def test_coverage_counts_stories_and_picks_the_best_and_latest():
    weak = strong(result="It went well.", happened_on="2025-06-01", ecqs=("leading_people",))
    best = strong(happened_on="2023-01-10")
    other = strong(ecqs=("rule_of_law",), happened_on="2019-05-05")
    cover = coverage([weak, best, other], CURRENT, TODAY)
    assert list(cover) == CURRENT
    people = cover["leading_people"]
    assert (people.stories, people.latest, people.strength) == (2, "2025-06-01", 4)
    assert people.best is best
    assert cover["driving_efficiency"].stories == 0 and cover["driving_efficiency"].best is None
    assert cover["rule_of_law"].best is other


def test_readiness_evidence_caps_a_single_story_at_three():
    cover = coverage([strong()], CURRENT, TODAY)
    evidence = readiness_evidence(cover)
    assert evidence["achieving_results"] == 3
    assert evidence["driving_efficiency"] == 0
    second = strong(id=Story().id, result="Waits fell 20 days.")
    assert readiness_evidence(coverage([strong(), second], CURRENT, TODAY))["leading_people"] == 4


def test_plan_gaps_name_each_ecq_without_a_story():
    gaps = plan_gaps(coverage([strong()], CURRENT, TODAY))
    assert [g.key for g in gaps] == [
        "story:rule_of_law",
        "story:driving_efficiency",
        "story:merit_competence",
    ]
    assert gaps[1].title == "Driving Efficiency"
    assert "Driving Efficiency" in gaps[1].suggestion


def test_stories_validate_their_fields():
    with pytest.raises(StoryError, match="happened_on"):
        Story(happened_on="2025-02-30")
    with pytest.raises(StoryError, match="happened_on"):
        Story(happened_on="20250101")  # ISO, but not the form we store
    with pytest.raises(StoryError, match="id"):
        Story(id="not-a-uuid")
    with pytest.raises(StoryError, match="ecqs"):
        Story(ecqs="leading_people")
    with pytest.raises(StoryError, match="title"):
        Story(title=None)
    assert Story(ecqs=["leading_people", "leading_people"]).ecqs == ("leading_people",)


def test_touch_changes_only_updated_at():
    story = strong()
    later = touch(story, "2026-12-02T10:00:00+00:00")
    assert later.updated_at == "2026-12-02T10:00:00+00:00"
    assert replace(later, updated_at=story.updated_at) == story


def test_from_dict_names_the_bad_field():
    good = story_to_dict(strong())
    for broken, field in [
        ({**good, "colour": "red"}, "colour"),
        ({k: v for k, v in good.items() if k != "id"}, "id"),
        ({**good, "ecqs": "leading_people"}, "ecqs"),
        ({**good, "happened_on": 2024}, "happened_on"),
        ({**good, "updated_at": "yesterday"}, "updated_at"),
    ]:
        with pytest.raises(StoryError) as info:
            story_from_dict(broken)
        assert info.value.field == field


def test_rules_text_states_the_thresholds():
    text = " ".join(rules_text())
    assert "10 years" in text and "at most 3" in text and "140 words a minute" in text


# -- properties ------------------------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
dates = st.one_of(st.none(), st.dates(date(1970, 1, 1), date(2035, 12, 31)).map(date.isoformat))
stories = st.builds(
    Story,
    title=texts,
    challenge=texts,
    context=texts,
    action=texts,
    result=texts,
    happened_on=dates,
    ecqs=st.lists(st.sampled_from(ALL_ECQS), max_size=4).map(tuple),
    id=st.uuids().map(lambda u: u.hex),
    updated_at=st.datetimes().map(lambda d: d.isoformat()),
)


@given(stories)
def test_round_trip_through_a_plain_dict(story):
    import json

    data = json.loads(json.dumps(story_to_dict(story)))
    assert story_from_dict(data) == story


@given(st.lists(stories, max_size=6), st.dates(date(2000, 1, 1), date(2040, 1, 1)))
@settings(max_examples=60)
def test_strength_and_evidence_stay_in_range(bank, today):
    cover = coverage(bank, ALL_ECQS, today)
    for entry in cover.values():
        assert 0 <= entry.strength <= 4
        assert entry.stories == sum(entry.ecq_id in s.ecqs for s in bank)
    assert all(0 <= v <= 4 for v in readiness_evidence(cover).values())
    for story in bank:  # each point of strength is the absence of its hints
        hints = set(codes(story, today))
        expected = 4
        expected -= bool(hints & {"no_date", "future_date", "too_old"})
        expected -= bool(hints & {"result_no_number", "empty_result"})
        expected -= bool(hints & {"action_no_i", "action_we_only", "empty_action"})
        expected -= bool(
            hints & {f"empty_{p}" for p in ("challenge", "context", "action", "result")}
        )
        assert story_strength(story, today) == expected


@given(st.lists(stories, max_size=5), stories, st.dates(date(2000, 1, 1), date(2040, 1, 1)))
@settings(max_examples=60)
def test_adding_a_story_never_lowers_evidence_or_coverage(bank, extra, today):
    before = coverage(bank, ALL_ECQS, today)
    after = coverage([*bank, extra], ALL_ECQS, today)
    ev_before, ev_after = readiness_evidence(before), readiness_evidence(after)
    for ecq in ALL_ECQS:
        assert ev_after[ecq] >= ev_before[ecq]
        assert after[ecq].strength >= before[ecq].strength
        assert after[ecq].stories >= before[ecq].stories
    assert len(plan_gaps(after)) <= len(plan_gaps(before))


@given(st.lists(stories, max_size=6), st.randoms(use_true_random=False))
@settings(max_examples=40)
def test_coverage_does_not_depend_on_story_order(bank, rnd):
    shuffled = list(bank)
    rnd.shuffle(shuffled)
    assert coverage(bank, ALL_ECQS, TODAY) == coverage(shuffled, ALL_ECQS, TODAY)
