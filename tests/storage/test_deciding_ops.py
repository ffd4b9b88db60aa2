"""The operations of deciding well: each stores what the person did, and each can be undone and redone."""

from __future__ import annotations

from datetime import date

import pytest

from ses_decider.core.deciding import (
    Experiment,
    FriendView,
    JournalEntry,
    OwnReason,
    PremortemItem,
    edited,
)
from ses_decider.core.deciding_content import deciding_content
from ses_decider.ops import Changes, run
from ses_decider.ops import deciding as ops
from tests.helpers import neutral_assessment


@pytest.fixture
def person(repo):
    return repo.create_person("Dana", neutral_assessment())


def undo_redo(repo, result):
    """Undo an operation, then redo it; returns (after undo, after redo) results."""
    undone = run(repo, result.undo)
    redone = run(repo, undone.undo)
    return undone, redone


def test_adding_a_record_is_undone_by_removing_it_and_redone(repo, person):
    reason = OwnReason("Long hours", "against")
    result = run(repo, ops.put_record, person.id, reason)
    assert result.changes == Changes.DECIDING
    assert ops.deciding_records(repo, person.id).own_reasons == (reason,)
    undone, _ = undo_redo(repo, result)
    assert undone.message == "Reason removed."
    assert [r.text for r in ops.deciding_records(repo, person.id).own_reasons] == ["Long hours"]


def test_an_edit_is_undone_to_the_old_text_stamped_as_the_latest_change(repo, person):
    reason = OwnReason("Long hours", "against", updated_at="2026-01-01T00:00:00+00:00")
    run(repo, ops.put_record, person.id, reason)
    result = run(repo, ops.put_record, person.id, edited(reason, text="Very long hours"))
    assert ops.deciding_records(repo, person.id).own_reasons[0].text == "Very long hours"
    run(repo, result.undo)
    back = ops.deciding_records(repo, person.id).own_reasons[0]
    assert back.text == "Long hours"
    assert back.updated_at > reason.updated_at  # an undo wins a later merge


def test_removing_puts_back_in_the_same_place(repo, person):
    texts = ["First", "Second", "Third"]
    records = [OwnReason(t, "for") for t in texts]
    for record in records:
        run(repo, ops.put_record, person.id, record)
    result = run(repo, ops.remove_record, person.id, "own_reason", records[1].id)
    assert [r.text for r in ops.deciding_records(repo, person.id).own_reasons] == ["First", "Third"]
    run(repo, result.undo)
    assert [r.text for r in ops.deciding_records(repo, person.id).own_reasons] == texts


def test_accepting_a_match_and_making_it_a_factor_of_ones_own(repo, person):
    reason = OwnReason("The pay would barely rise", "against")
    run(repo, ops.put_record, person.id, reason)
    matched = run(repo, ops.match_reason_to, person.id, reason.id, "pay")
    assert matched.value.factor_id == "pay"
    own = run(repo, ops.link_reason_to_own_factor, person.id, reason.id, "my_pay")
    assert (own.value.factor_id, own.value.custom_factor_id) == (None, "my_pay")
    run(repo, own.undo)
    assert ops.deciding_records(repo, person.id).own_reasons[0].factor_id == "pay"


def test_own_reason_factors_are_those_on_the_table(repo, person):
    run(repo, ops.put_record, person.id, OwnReason("Pay", "for", factor_id="pay"))
    run(repo, ops.put_record, person.id, OwnReason("Gone", "for", custom_factor_id="my_gone"))
    assert ops.own_reason_factor_ids(repo, person.id) == {"pay"}


def test_keeping_an_answer_is_recorded_and_undone(repo, person):
    view = FriendView({"pay": 3.0, "stress": -1.0}, "2026-12-01")
    run(repo, ops.put_record, person.id, view)
    result = run(repo, ops.keep_answer, person.id, view.id, "pay", "friend")
    assert ops.deciding_records(repo, person.id).friend_views[0].kept == {"pay": "friend"}
    run(repo, result.undo)
    assert ops.deciding_records(repo, person.id).friend_views[0].kept == {}


def test_finishing_an_experiment_takes_a_snapshot_labelled_with_it(repo, person):
    trial = Experiment("Shadow an executive for a day", ("stress",), "2027-01-15", kind="shadow")
    run(repo, ops.put_record, person.id, trial)
    rerated = neutral_assessment(lean=2.0)
    result = run(
        repo, ops.finish_experiment, person.id, trial.id, rerated, "Long days", "2027-01-16"
    )
    assert result.changes == Changes.DECIDING | Changes.SNAPSHOTS
    label = deciding_content().label_for_snapshot(trial.title)
    snapshots = repo.snapshots.list(person.id)
    assert [s.label for s in snapshots] == [label]
    assert snapshots[0].score == pytest.approx(70.0)  # the re-rated assessment, not the stored one
    done = ops.deciding_records(repo, person.id).experiments[0]
    assert (done.status, done.learned, done.finished_on) == ("done", "Long days", "2027-01-16")
    assert done.snapshot_uid == snapshots[0].uid
    undone, _ = undo_redo(repo, result)
    assert "planned again" in undone.message
    again = ops.deciding_records(repo, person.id).experiments[0]
    assert again.status == "done"
    assert [s.label for s in repo.snapshots.list(person.id)] == [label]  # one, not two


def test_experiments_and_preventive_steps_are_due_on_their_day(repo, person):
    run(repo, ops.put_record, person.id, Experiment("Talk", ("pay",), "2027-01-15"))
    step = PremortemItem("ses", "Moved away", "relocation", "Ask HR", "2027-01-20")
    run(repo, ops.put_record, person.id, step)
    assert ops.due_now(repo, person.id, date(2027, 1, 14)) == []
    assert [d.title for d in ops.due_now(repo, person.id, date(2027, 1, 15))] == ["Talk"]
    due = ops.due_now(repo, person.id, date(2027, 1, 20))
    assert [(d.kind, d.title) for d in due] == [("experiment", "Talk"), ("premortem", "Ask HR")]
    run(
        repo,
        ops.drop_experiment,
        person.id,
        ops.deciding_records(repo, person.id).experiments[0].id,
    )
    assert [d.kind for d in ops.due_now(repo, person.id, date(2027, 1, 20))] == ["premortem"]


def test_a_journal_entry_keeps_the_verdict_and_a_snapshot_of_the_day(repo, person):
    entry = JournalEntry("Apply this cycle", "2026-12-01", "2027-06-01", confidence=70)
    result = run(repo, ops.record_journal, person.id, entry, neutral_assessment(lean=2.0))
    stored = ops.deciding_records(repo, person.id).journal[0]
    assert stored.verdict == "GO"
    review = ops.journal_review(repo, person.id, stored.id)
    assert review.snapshot.score == pytest.approx(70.0)
    assert ops.due_now(repo, person.id, date(2027, 6, 1))[0].kind == "journal"
    run(repo, ops.answer_review, person.id, stored.id, "Selected in round two", "2027-06-02")
    assert ops.due_now(repo, person.id, date(2027, 6, 3)) == []
    undone = run(repo, result.undo)
    assert ops.deciding_records(repo, person.id).journal == ()
    assert repo.snapshots.list(person.id) == []
    run(repo, undone.undo)
    assert len(ops.deciding_records(repo, person.id).journal) == 1


def test_score_extras_for_a_stored_person(repo, person):
    run(repo, ops.put_record, person.id, OwnReason("Pay", "for", factor_id="pay"))
    run(repo, ops.put_record, person.id, PremortemItem("stay", "Bored", "creativity", "A detail"))
    run(repo, ops.put_record, person.id, Experiment("Talk", ("pay",), "2027-01-15"))
    extras = ops.score_extras_for(repo, person.id, date(2027, 1, 16))
    assert extras["own_reason_factors"] == ["pay"]
    assert [a["prevention"] for a in extras["open_premortem_actions"]] == ["A detail"]
    assert extras["experiments_due"][0]["days_overdue"] == 1
