"""`Session.run` and the History table model without a main window (Vorta's
tests/unit/test_archive_table_model.py is the pattern): a Session on a fresh database, an operation
run through it, one signal with its flags, the undo step recorded and undone."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from ses_decider.core.content import demo_assessment
from ses_decider.ops import Changes, OpResult
from ses_decider.ops.history import set_snapshot_label, take_snapshot
from ses_decider.storage.db import open_database
from ses_decider.storage.errors import FormatError
from ses_decider.storage.repository import Repository
from ses_decider.ui.session import Session
from ses_decider.ui.views.history_view import LABEL_COLUMN, TimelineModel


@pytest.fixture
def session(qapp, tmp_path):
    db = open_database(tmp_path / "session.db")
    repo = Repository(db)
    person = repo.create_person("Alex", demo_assessment())
    session = Session(repo)
    session.open_person(person.id)
    yield session
    session.flush()
    db.close()


@pytest.fixture
def emitted(session):
    """Every `changed` the session emits from now on, with its flags."""
    found: list[Changes] = []
    session.changed.connect(found.append)
    return found


def test_an_operation_runs_once_emits_once_and_is_one_undo_step(session, emitted):
    person = session.person
    result = session.run(
        take_snapshot, person.id, session.assessment, "before the detail", undo_text="Snapshot"
    )
    assert result is not None and result.value.label == "before the detail"
    assert emitted == [Changes.SNAPSHOTS]  # one signal, with what changed
    assert [s.label for s in session.snapshots()] == ["before the detail"]
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Snapshot"

    session.undo_stack.undo()
    assert session.snapshots() == []
    assert emitted == [Changes.SNAPSHOTS, Changes.SNAPSHOTS]
    session.undo_stack.redo()
    assert [s.label for s in session.snapshots()] == ["before the detail"]
    assert len(emitted) == 3


def test_pending_edits_are_saved_before_the_operation(session, emitted):
    session.set_lean("pay", -4)
    assert session.dirty
    session.run(take_snapshot, session.person.id, session.assessment, "after the edit")
    assert not session.dirty
    assert session.repo.assessments.load(session.person.id).ratings["pay"].lean == -4
    [snapshot] = session.snapshots()
    assert session.snapshot_assessment(snapshot.id).ratings["pay"].lean == -4
    assert session.undo_stack.count() == 1  # the edit's step; the unnamed op added none


def test_a_refused_operation_says_why_changes_nothing_and_records_nothing(session, emitted):
    failures: list[str] = []
    session.failed.connect(failures.append)

    def refuse(repo, person_id):
        repo.snapshots.take(person_id, demo_assessment(), "half done")
        raise FormatError("field x: not allowed")

    assert session.run(refuse, session.person.id, undo_text="Refused") is None
    assert failures == ["field x: not allowed"]
    assert emitted == [] and session.undo_stack.count() == 0
    assert session.snapshots() == []  # the transaction was rolled back whole


def test_a_storage_failure_is_one_sentence_not_a_crash(session, emitted):
    failures: list[str] = []
    session.failed.connect(failures.append)

    def locked(repo):
        raise sqlite3.OperationalError("database is locked")

    assert session.run(locked) is None
    assert len(failures) == 1 and "\n" not in failures[0] and failures[0]
    assert emitted == []


def test_an_operation_that_changes_nothing_emits_nothing(session, emitted):
    assert session.run(lambda repo: OpResult(Changes.NONE, "nothing")) is not None
    assert emitted == []


# The History table model ----------------------------------------------------------------------
@pytest.fixture
def model(session):
    for label, lean in (("first", -2.0), ("", 4.0)):
        a = demo_assessment()
        a.ratings["pay"].lean = lean
        session.repo.snapshots.take(
            session.person.id, a, label, taken_at=f"2026-0{3 + len(label) % 2}-01T09:30:00"
        )
    model = TimelineModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_points(session.snapshots())
    return model


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_the_models_rows_and_headers(model, session):
    snapshots = session.snapshots()
    assert model.rowCount() == 2 and model.columnCount() == 4
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Taken", "Label", "Score", "Verdict"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    for row, snap in enumerate(snapshots):
        assert cell(model, row, 0) == snap.taken_at[:16].replace("T", " ")
        assert cell(model, row, LABEL_COLUMN) == snap.label
        assert cell(model, row, 2) == f"{snap.score:.1f}".rstrip("0").rstrip(".")
        assert cell(model, row, 3) == snap.verdict.label
    assert cell(model, 0, 0) == "2026-03-01 09:30"
    assert cell(model, 0, 0, Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(QModelIndex()) is None


def test_only_the_label_column_is_editable(model):
    editable = Qt.ItemFlag.ItemIsEditable
    assert [bool(model.flags(model.index(0, c)) & editable) for c in range(4)] == [
        False,
        True,
        False,
        False,
    ]


def test_an_edited_label_is_asked_of_the_session_and_shown_once_stored(model, session, qtbot):
    edits: list[tuple[int, str]] = []
    model.label_edited.connect(lambda sid, text: edits.append((sid, text)))
    model.label_edited.connect(
        lambda sid, text: session.run(set_snapshot_label, sid, text, undo_text="Label")
    )
    session.changed.connect(lambda flags: model.set_points(session.snapshots()))
    index = model.index(1, LABEL_COLUMN)
    assert model.setData(index, "  after the detail  ")
    edited_id = session.snapshots()[1].id
    assert edits == [(edited_id, "after the detail")]
    assert cell(model, 1, LABEL_COLUMN) == "after the detail"
    assert not model.setData(index, "after the detail")  # the same text: nothing to do
    assert not model.setData(model.index(1, 2), "99")  # the score is not editable
    assert len(edits) == 1
    session.undo_stack.undo()
    assert cell(model, 1, LABEL_COLUMN) == "first"


def test_a_new_list_of_points_resets_the_model(model, qtbot):
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_points([])
    assert model.rowCount() == 0
