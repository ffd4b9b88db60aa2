"""Mentoring operations: each changes what it says, flags SESSIONS, and undoes and redoes exactly."""

from __future__ import annotations

from datetime import date

import pytest

from ses_decider.core.content import demo_assessment
from ses_decider.core.deciding_records import Experiment, PremortemItem
from ses_decider.core.mentoring import AgendaItem, AgreedAction, MentoringSession
from ses_decider.core.scoring import evaluate
from ses_decider.ops import Changes, run
from ses_decider.ops import mentoring as m
from tests.helpers import neutral_assessment

DAY = date(2026, 5, 1)


@pytest.fixture
def dana(repo):
    return repo.create_person("Dana", demo_assessment())


def log(repo, person):
    return m.session_log(repo, person.id)


def unstamped(records):
    """Records without their time of change, nested lists too (to compare content only)."""
    from dataclasses import replace

    if isinstance(records, tuple | list):
        return [unstamped(r) for r in records]
    return replace(records, updated_at="2000-01-01T00:00:00+00:00")


def undo_redo(repo, result):
    """Undo an operation's result, then redo it; returns (after undo, after redo) logs."""
    undone = run(repo, result.undo)
    assert undone.changes == Changes.SESSIONS
    return undone


def test_record_a_session_keeps_the_score_of_the_day_and_undoes(repo, dana):
    session = MentoringSession(DAY.isoformat(), (AgendaItem("own", "Her detail"),), "Notes")
    action = AgreedAction("placeholder", "Ask for a detail", due="2026-05-20")
    result = run(repo, m.record_session, dana.id, session, [action], today=DAY)
    assert result.changes == Changes.SESSIONS
    assert "1 agreed action" in result.message
    sessions, actions = log(repo, dana)
    assert sessions[0].score == evaluate(demo_assessment()).score
    assert sessions[0].verdict is evaluate(demo_assessment()).verdict
    assert actions[0].session_id == session.id  # tied to the session recorded
    undone = undo_redo(repo, result)
    assert log(repo, dana) == ([], [])
    run(repo, undone.undo)
    assert log(repo, dana) == (sessions, actions)


def test_a_session_recorded_later_keeps_no_score(repo, dana):
    session = MentoringSession("2026-03-01")
    run(repo, m.record_session, dana.id, session, today=DAY)
    assert log(repo, dana)[0][0].score is None
    assert log(repo, dana)[0][0].verdict is None


def test_edit_and_remove_a_session_undo_exactly(repo, dana):
    session = MentoringSession("2026-03-01", notes="Before")
    run(repo, m.record_session, dana.id, session, [AgreedAction(session.id, "Call")], today=DAY)
    before = log(repo, dana)
    from dataclasses import replace

    edited = run(repo, m.edit_session, replace(session, notes="After"))
    assert log(repo, dana)[0][0].notes == "After"
    assert log(repo, dana)[0][0].updated_at > session.updated_at
    run(repo, edited.undo)
    assert log(repo, dana)[0][0].notes == "Before"
    assert unstamped(log(repo, dana)) == unstamped(before)  # an undo is a change: stamped now
    before_removal = log(repo, dana)
    removed = run(repo, m.remove_session, session.id)
    assert log(repo, dana) == ([], [])
    run(repo, removed.undo)
    assert log(repo, dana) == before_removal  # the same records, ids and stamps


def test_save_session_replaces_its_actions_as_one_step(repo, dana):
    session = MentoringSession("2026-03-01")
    keep, drop = AgreedAction(session.id, "Keep"), AgreedAction(session.id, "Drop")
    run(repo, m.record_session, dana.id, session, [keep, drop], today=DAY)
    before = log(repo, dana)
    from dataclasses import replace

    new = AgreedAction(session.id, "New one", due="2026-06-01")
    result = run(
        repo, m.save_session, replace(session, notes="Edited"), [replace(keep, done=True), new]
    )
    sessions, actions = log(repo, dana)
    assert sessions[0].notes == "Edited"
    assert {a.what: a.done for a in actions} == {"Keep": True, "New one": False}
    undone = run(repo, result.undo)
    sessions, actions = log(repo, dana)
    assert sessions[0].notes == "" and {a.what for a in actions} == {"Keep", "Drop"}
    assert [a.done for a in actions] == [False, False]
    run(repo, undone.undo)
    assert {a.what for a in log(repo, dana)[1]} == {"Keep", "New one"}
    assert before != log(repo, dana)


def test_add_edit_tick_and_remove_an_action_each_undo(repo, dana):
    session = MentoringSession("2026-03-01")
    run(repo, m.record_session, dana.id, session, today=DAY)
    action = AgreedAction(session.id, "Read the ECQ guide", "Mentee", "2026-04-15")
    added = run(repo, m.add_action, dana.id, action)
    assert log(repo, dana)[1] == [action]
    assert m.actions_due(repo, dana.id, DAY) == [action]

    ticked = run(repo, m.set_action_done, action.id, True)
    assert ticked.message.startswith("Done:")
    assert m.actions_due(repo, dana.id, DAY) == []
    assert run(repo, m.set_action_done, action.id, True).changes == Changes.NONE
    run(repo, ticked.undo)
    assert log(repo, dana)[1][0].done is False

    from dataclasses import replace

    changed = run(repo, m.edit_action, replace(action, who="Mentor"))
    assert log(repo, dana)[1][0].who == "Mentor"
    run(repo, changed.undo)
    assert log(repo, dana)[1][0].who == "Mentee"

    assert unstamped(log(repo, dana)[1]) == unstamped([action])
    before_removal = log(repo, dana)[1]
    removed = run(repo, m.remove_action, action.id)
    assert log(repo, dana)[1] == []
    run(repo, removed.undo)
    assert log(repo, dana)[1] == before_removal
    run(repo, added.undo)
    assert log(repo, dana)[1] == []


def test_an_unknown_record_changes_nothing(repo, dana):
    with pytest.raises(KeyError):
        run(repo, m.set_action_done, "nope", True)
    with pytest.raises(KeyError):
        run(repo, m.remove_session, "nope")


def test_the_agenda_reads_what_is_stored_and_the_views_on_screen(repo, dana):
    mentor = neutral_assessment(weight=5, lean=4)
    items = m.person_agenda(repo, dana.id, DAY)
    assert not [i for i in items if i.kind == "difference"]
    items = m.person_agenda(repo, dana.id, DAY, mentor=mentor)
    assert [i for i in items if i.kind == "difference"]


def test_the_desk_and_agenda_take_the_deciding_records(repo, dana):
    assert m.desk(repo, DAY)[0].next_due is None
    repo.deciding.put(dana.id, Experiment("Shadow an executive", ("stress",), "2026-04-20"))
    repo.deciding.put(
        dana.id, PremortemItem("ses", "Burn out", prevention="Agree hours", due="2026-04-25")
    )
    row = m.desk(repo, DAY)[0]
    assert (row.next_due.date, row.next_due.kind) == ("2026-04-20", "experiment")
    kinds = [i.kind for i in m.person_agenda(repo, dana.id, DAY)]
    assert "experiment" in kinds and "premortem" in kinds


def test_the_desk_loads_a_persons_views_again_only_once_they_changed(repo, dana):
    first = m.desk(repo, DAY)[0]
    statements: list[str] = []
    repo.db.conn.set_trace_callback(statements.append)
    try:
        assert m.desk(repo, DAY) == [first]
    finally:
        repo.db.conn.set_trace_callback(None)
    assert not [s for s in statements if "FROM ratings" in s]
    changed = demo_assessment()
    changed.ratings["pay"].lean = 5
    repo.assessments.save(dana.id, changed)
    assert m.desk(repo, DAY)[0].score == evaluate(changed).score != first.score
    mentor = neutral_assessment(weight=5, lean=-4)
    repo.assessments.save(dana.id, mentor, "mentor")
    assert m.desk(repo, DAY)[0].top_difference is not None
