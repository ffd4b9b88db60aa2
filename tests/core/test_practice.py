"""Practice sessions: the next question, the summary per ECQ, timing, validation and round trips."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.applying_content import applying_content
from ses_decider.core.practice import (
    PracticeError,
    PracticeSession,
    new_session,
    next_question,
    practice_summary,
    session_from_dict,
    session_to_dict,
    timing,
)

QUESTIONS = [q.id for q in applying_content().for_ecq("leading_people").questions]


def answered(question_id: str, at: str, **extra) -> PracticeSession:
    ecq = extra.pop("ecq_id", "leading_people")
    return PracticeSession(ecq, question_id, at, 170.0, 180, **extra)


def test_the_first_question_comes_first_when_nothing_was_practised():
    assert next_question("leading_people", []).id == QUESTIONS[0]


def test_the_least_practised_question_comes_next():
    done = [answered(q, f"2026-11-0{i + 1}T09:00:00+00:00") for i, q in enumerate(QUESTIONS)]
    done.append(answered(QUESTIONS[0], "2026-11-20T09:00:00+00:00"))
    # every question once, the first twice: the one practised longest ago is next
    assert next_question("leading_people", done).id == QUESTIONS[1]
    done.append(answered(QUESTIONS[1], "2026-11-21T09:00:00+00:00"))
    assert next_question("leading_people", done).id == QUESTIONS[2]


def test_sessions_of_other_ecqs_do_not_count():
    other = answered("rule_of_law_1", "2026-11-01T09:00:00+00:00", ecq_id="rule_of_law")
    shared_id = answered(QUESTIONS[0], "2026-11-01T09:00:00+00:00", ecq_id="rule_of_law")
    assert next_question("leading_people", [other, shared_id]).id == QUESTIONS[0]


def test_summary_puts_self_and_mentor_ratings_side_by_side():
    sessions = [
        answered(QUESTIONS[0], "2026-11-01T09:00:00+00:00", self_rating=4, mentor_rating=2),
        answered(QUESTIONS[1], "2026-11-08T09:00:00+00:00", self_rating=3),
        answered(QUESTIONS[2], "2026-11-15T09:00:00+00:00", self_rating=3, mentor_rating=3),
    ]
    summary = practice_summary(sessions, ["leading_people", "rule_of_law"])
    people = summary["leading_people"]
    assert people.sessions == 3
    assert people.average_self == pytest.approx(10 / 3)
    assert people.average_mentor == pytest.approx(2.5)
    assert people.average_gap == pytest.approx(1.0)  # 4-2 and 3-3
    assert people.last_practised == "2026-11-15T09:00:00+00:00"
    empty = summary["rule_of_law"]
    assert (empty.sessions, empty.average_self, empty.last_practised) == (0, None, None)


def test_timing_against_the_target_uses_two_to_four_of_three_minutes():
    def at(seconds):
        return timing(PracticeSession("leading_people", QUESTIONS[0], "2026-11-01", seconds, 180))

    assert [at(119), at(120), at(240), at(241)] == ["short", "on target", "on target", "long"]
    half = PracticeSession("leading_people", QUESTIONS[0], "2026-11-01", 130, 90)
    assert timing(half) == "long"  # 90 s target: on target between 60 and 120 s


def test_new_session_takes_the_ecqs_target_length():
    session = new_session("business_acumen", "business_acumen_1", "2026-12-01T10:00:00+00:00")
    assert session.target_seconds == 180 and session.duration_seconds == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"self_rating": 5}, "self_rating"),
        ({"mentor_rating": -1}, "mentor_rating"),
        ({"self_rating": True}, "self_rating"),
        ({"duration_seconds": float("nan")}, "duration_seconds"),
        ({"duration_seconds": -3}, "duration_seconds"),
        ({"target_seconds": 0}, "target_seconds"),
        ({"started_at": "last Tuesday"}, "started_at"),
        ({"ecq_id": ""}, "ecq_id"),
        ({"notes": None}, "notes"),
        ({"id": "x"}, "id"),
    ],
)
def test_bad_values_are_refused_naming_the_field(changes, field):
    good = session_to_dict(answered(QUESTIONS[0], "2026-11-01T09:00:00+00:00"))
    with pytest.raises(PracticeError) as info:
        session_from_dict({**good, **changes})
    assert info.value.field == field


def test_from_dict_names_missing_and_unknown_fields():
    good = session_to_dict(answered(QUESTIONS[0], "2026-11-01T09:00:00+00:00"))
    with pytest.raises(PracticeError, match="target_seconds: is missing"):
        session_from_dict({k: v for k, v in good.items() if k != "target_seconds"})
    with pytest.raises(PracticeError, match="score: is not a practice session field"):
        session_from_dict({**good, "score": 3})
    without_stamp = {k: v for k, v in good.items() if k != "updated_at"}
    assert session_from_dict(without_stamp).updated_at == good["started_at"]


ratings = st.one_of(st.none(), st.integers(0, 4))
sessions = st.builds(
    PracticeSession,
    ecq_id=st.sampled_from(["leading_people", "rule_of_law", "business_acumen"]),
    question_id=st.sampled_from(QUESTIONS + ["rule_of_law_1", "business_acumen_2"]),
    started_at=st.datetimes().map(lambda d: d.isoformat()),
    duration_seconds=st.one_of(
        st.integers(0, 3600), st.floats(0, 3600, allow_nan=False, allow_infinity=False)
    ),
    target_seconds=st.integers(1, 600),
    notes=st.text(max_size=200),
    self_rating=ratings,
    mentor_rating=ratings,
    id=st.uuids().map(lambda u: u.hex),
    updated_at=st.datetimes().map(lambda d: d.isoformat()),
)


@given(sessions)
def test_round_trip_through_json(session):
    assert session_from_dict(json.loads(json.dumps(session_to_dict(session)))) == session


@given(st.lists(sessions, max_size=12))
def test_next_question_is_always_one_of_the_least_practised(history):
    chosen = next_question("leading_people", history)
    counts = {q: 0 for q in QUESTIONS}
    for s in history:
        if s.ecq_id == "leading_people" and s.question_id in counts:
            counts[s.question_id] += 1
    assert counts[chosen.id] == min(counts.values())


@given(st.lists(sessions, max_size=12))
def test_summary_averages_stay_on_the_scale(history):
    for entry in practice_summary(history, ["leading_people", "rule_of_law"]).values():
        for value in (entry.average_self, entry.average_mentor):
            assert value is None or 0 <= value <= 4
        assert entry.average_gap is None or -4 <= entry.average_gap <= 4


def test_rules_text_states_the_on_target_range():
    from ses_decider.core.practice import rules_text

    assert "between 2 and 4 minutes for a 3-minute target" in " ".join(rules_text())
