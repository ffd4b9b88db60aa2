"""The mentor's desk rules: session and action records, change since the last session, what is due
next, the top difference, and the desk row as a mentor reads it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.content import demo_assessment
from ses_decider.core.deciding_records import Experiment, PremortemItem
from ses_decider.core.mentoring import (
    AgendaItem,
    AgreedAction,
    MentoringSession,
    ScorePoint,
    action_from_dict,
    baseline,
    change_since,
    change_text,
    desk_cells,
    desk_row,
    last_session,
    next_due,
    record_to_dict,
    session_from_dict,
    top_difference,
)
from ses_decider.core.model import EcqRating, Rating, ReadinessState, Verdict
from ses_decider.core.readiness import Quadrant
from ses_decider.core.scoring import evaluate
from tests.helpers import neutral_assessment

DAY = date(2026, 5, 1)


def point(day: str, score: float | None, verdict: Verdict = Verdict.CLOSE_CALL) -> ScorePoint:
    return ScorePoint(f"{day}T12:00:00+00:00", score, verdict)


# Records -----------------------------------------------------------------------------------------
def test_an_action_needs_words_and_a_real_date():
    with pytest.raises(ValueError, match="needs some words"):
        AgreedAction("s1", "   ")
    with pytest.raises(ValueError, match="2027-03-31"):
        AgreedAction("s1", "Ask for a detail", due="2026-02-31")
    with pytest.raises(ValueError, match="2027-03-31"):
        AgreedAction("s1", "Ask for a detail", due="20260201")
    action = AgreedAction("s1", "  Ask for a detail  ", due="2026-06-01")
    assert action.what == "Ask for a detail"
    assert action.updated_at.endswith("+00:00")


def test_a_session_checks_its_day_agenda_and_score():
    with pytest.raises(ValueError, match="day of the session"):
        MentoringSession("yesterday")
    with pytest.raises(ValueError, match="kind"):
        AgendaItem("gossip", "who said what")
    with pytest.raises(ValueError, match="0 to 100"):
        MentoringSession("2026-05-01", score=140)
    with pytest.raises(ValueError, match="list of items"):
        MentoringSession("2026-05-01", agenda="talk")
    session = MentoringSession("2026-05-01", verdict="GO", score=61)
    assert session.verdict is Verdict.GO and session.score == 61.0


def test_an_action_is_due_once_its_date_has_come_and_until_it_is_done():
    action = AgreedAction("s1", "Talk to HR", due="2026-05-01")
    assert action.is_due(DAY)
    assert not action.is_due(date(2026, 4, 30))
    assert action.is_due(date(2026, 4, 20), ahead_days=14)
    assert not AgreedAction("s1", "Talk to HR", due="2026-05-01", done=True).is_due(DAY)
    assert not AgreedAction("s1", "Talk to HR").is_due(DAY)  # no date: never "due"


texts = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and "\x00" not in t)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat)


@given(
    held_on=days,
    notes=st.text(max_size=60),
    agenda=st.lists(st.tuples(st.sampled_from(["change", "difference", "own"]), texts), max_size=4),
    score=st.none() | st.floats(0, 100),
)
def test_a_session_survives_the_round_trip_through_plain_data(held_on, notes, agenda, score):
    session = MentoringSession(
        held_on,
        tuple(AgendaItem(kind, text) for kind, text in agenda),
        notes,
        score,
        Verdict.GO if score is not None else None,
    )
    assert session_from_dict(record_to_dict(session)) == session


@given(what=texts, who=texts, due=st.none() | days, done=st.booleans())
def test_an_action_survives_the_round_trip_through_plain_data(what, who, due, done):
    action = AgreedAction("a-session", what, who, due, done)
    assert action_from_dict(record_to_dict(action)) == action


def test_a_record_missing_a_field_says_which():
    with pytest.raises(ValueError, match="missing what"):
        action_from_dict({"session_id": "s1"})


# Change since the last session -----------------------------------------------------------------
def test_the_last_session_is_the_latest_day():
    early, late = MentoringSession("2026-01-05"), MentoringSession("2026-03-05")
    assert last_session([late, early]) is late
    assert last_session([]) is None


def test_the_score_stored_with_the_session_is_the_baseline():
    session = MentoringSession("2026-03-05", score=48.0, verdict=Verdict.CLOSE_CALL)
    base = baseline(session, [point("2026-03-01", 30.0)])
    assert (base.score, base.source) == (48.0, "session")
    assert change_since(55.0, base) == pytest.approx(7.0)


def test_else_the_last_snapshot_on_or_before_the_day_then_the_first_after():
    session = MentoringSession("2026-03-05")
    points = [point("2026-02-01", 40.0), point("2026-03-05", 45.0), point("2026-04-01", 70.0)]
    base = baseline(session, points)
    assert (base.score, base.source) == (45.0, "snapshot before")
    after_only = baseline(session, [point("2026-04-01", 70.0), point("2026-05-01", 20.0)])
    assert (after_only.score, after_only.source) == (70.0, "snapshot after")
    assert baseline(session, []) is None
    assert baseline(None, points) is None


def test_no_score_on_either_side_is_no_change():
    session = MentoringSession("2026-03-05")
    assert change_since(None, baseline(session, [point("2026-03-01", 40.0)])) is None
    none_then = baseline(session, [point("2026-03-01", None, Verdict.NOT_ENOUGH_INPUT)])
    assert change_since(60.0, none_then) is None


@given(st.floats(0, 100), st.floats(0, 100))
def test_the_change_is_now_minus_then(then, now):
    base = baseline(MentoringSession("2026-03-05", score=then, verdict=Verdict.GO), [])
    assert change_since(now, base) == pytest.approx(now - then, abs=1e-8)


def test_the_change_reads_as_an_arrow_and_points():
    assert change_text(3.46) == "\u25b2 +3.5"
    assert change_text(-2.0) == "\u25bc -2"
    assert change_text(0.01) == "= 0"
    assert change_text(None) == "\u2013"


# What is due next ------------------------------------------------------------------------------
def test_next_due_is_the_earliest_of_whatever_exists():
    actions = [
        AgreedAction("s1", "Ask for a detail", due="2026-06-10"),
        AgreedAction("s1", "Done already", due="2026-04-01", done=True),
        AgreedAction("s1", "Some day"),
    ]
    assert next_due(None) is None
    assert next_due("2026-07-01", actions).what == "Ask for a detail"
    assert next_due("2026-06-01", actions).kind == "review"
    experiment = Experiment("Shadow an SES for a day", ("stress",), "2026-05-20")
    premortem = PremortemItem(
        "ses", "Burn out", prevention="Agree hours with spouse", due="2026-05-15"
    )
    due = next_due("2026-06-01", actions, [experiment], [premortem])
    assert (due.date, due.what, due.kind) == ("2026-05-15", "Agree hours with spouse", "premortem")
    finished = Experiment("Shadow", ("stress",), "2026-05-01", status="done")
    assert next_due(None, [], [finished]) is None


# The top difference ----------------------------------------------------------------------------
def test_no_difference_without_a_mentor_or_while_the_mentor_rated_nothing():
    from ses_decider.core.content import blank_assessment

    mentee = demo_assessment()
    assert top_difference(mentee, None) is None
    assert top_difference(mentee, blank_assessment()) is None


def test_the_top_difference_is_the_one_that_moves_the_verdict_most():
    mentee = neutral_assessment()
    mentee.ratings["pay"] = Rating(weight=5, lean=0)
    from ses_decider.core.content import blank_assessment

    mentor = blank_assessment()
    mentor.ratings["pay"] = Rating(weight=10, lean=5)
    mentor.ratings["stress"] = Rating(weight=5, lean=1)
    top = top_difference(mentee, mentor)
    assert top.factor_id == "pay"
    assert top.points > 0
    assert top.points == pytest.approx(evaluate_with(mentee, "pay", 10, 5) - evaluate(mentee).score)


def evaluate_with(assessment, fid, weight, lean) -> float:
    trial = assessment.copy()
    trial.ratings[fid] = Rating(weight=weight, lean=lean)
    return evaluate(trial).score


# The desk row ----------------------------------------------------------------------------------
def test_a_desk_row_from_stored_data():
    mentee = demo_assessment()
    mentee.readiness = ReadinessState(ecq={"leading_people": EcqRating(4, "Led a team")})
    mentor = demo_assessment()
    mentor.ratings["pay"] = Rating(weight=9, lean=-5)
    session = MentoringSession("2026-03-05")
    actions = [AgreedAction(session.id, "Ask for a detail", due="2026-04-01")]
    row = desk_row(
        person_id=7,
        name="Dana",
        uid="u" * 32,
        mentee=mentee,
        mentor=mentor,
        review_on="2026-09-01",
        points=[point("2026-03-01", 40.0)],
        changed_at="2026-04-20T00:00:00+00:00",
        sessions=[session],
        actions=actions,
        today=DAY,
    )
    score = evaluate(mentee).score
    assert row.score == score
    assert row.change == pytest.approx(score - 40.0)
    assert row.last_session == "2026-03-05"
    assert row.next_due.what == "Ask for a detail"
    assert row.actions_due == 1
    assert row.top_difference.factor_id == "pay"
    assert isinstance(row.quadrant, Quadrant)
    assert [p.score for p in row.points] == [40.0, score]  # the snapshots, then now
    cells = desk_cells(row, DAY)
    assert cells[0] == "Dana"
    assert cells[3].startswith("\u25b2" if score > 40 else "\u25bc")
    assert cells[5].startswith("Pay (")
    assert cells[6] == "2026-04-01 Ask for a detail (overdue)"


def test_a_person_with_nothing_yet_has_dashes_not_guesses():
    row = desk_row(person_id=1, name="New", uid="u" * 32, mentee=demo_assessment(), today=DAY)
    assert (row.change, row.top_difference, row.next_due, row.last_session) == (None,) * 4
    assert row.quadrant is None  # no readiness started: no 2x2 yet
    assert desk_cells(row, DAY)[3:] == ("\u2013",) * 5
