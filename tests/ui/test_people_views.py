"""History and mentor mode, driven through the views."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ses_decider.core.model import Verdict
from ses_decider.ops import Changes
from ses_decider.ui.views.walkthrough import Walkthrough
from tests.helpers import neutral_assessment


def open_page(window, title: str):
    for index in range(window.pages.count()):
        if (
            window.pages.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")
            == title
        ):
            window.pages.setCurrentIndex(index)
            return
    raise AssertionError(title)


def take(window, label: str) -> None:
    window.session.flush()
    window.session.repo.snapshots.take(window.session.person.id, window.session.assessment, label)


def test_timeline_restore_and_compare(window):
    take(window, "before the detail")
    window.factor_list.rows["work_family"].lean.setValue(10)  # now GO
    take(window, "after talking to my spouse")
    open_page(window, "History")
    view = window.page("history")
    assert view.model.rowCount() == 2
    assert view.model.index(1, 1).data() == "after talking to my spouse"
    assert list(view.score_curve.getData()[1]) == [p.score for p in view.points]
    view.table.selectAll()
    view.compare_selected()
    assert "Work-family balance" in view.compare_text.text()
    assert "changes the verdict" in view.compare_text.text()
    view.table.clearSelection()
    view.table.selectRow(0)
    view.restore_selected()
    assert window.session.evaluation.verdict is Verdict.CLOSE_CALL
    assert window.banner.word.text() == "CLOSE CALL"
    labels = [view.model.index(r, 1).data() for r in range(view.model.rowCount())]
    assert "before restore" in labels


def test_review_date_and_decision_are_saved(window):
    open_page(window, "History")
    view = window.page("history")
    view.review_enabled.setChecked(True)
    person = window.session.repo.people.get(window.session.person.id)
    assert person.review_on == view.review_date.date().toString("yyyy-MM-dd")
    view.choice.setCurrentIndex(1)
    decision = window.session.repo.decisions.get(window.session.person.id)
    assert decision.choice.label == view.choice.currentText()


def test_due_review_shows_a_banner(window):
    window.session.repo.people.set_review_on(window.session.person.id, "2020-01-01")
    window.session.open_person(window.session.person.id)
    assert window.review_bar.isVisible()
    assert "2020-01-01" in window.review_bar.text()


def test_mentor_weighs_then_reveals_differences_ranked_by_effect(window):
    open_page(window, "Mentor")
    view = window.page("mentor")
    assert view.table.item(0, 4).text() == "hidden"
    assert not view.reveal_button.isEnabled()  # nothing rated: nothing to reveal
    # The mentor's view starts empty: not the mentee's numbers, not made-up ones.
    assert all(s.specialValueText() == s.text() for s in view.spins.values())
    row = view.order.index("work_family")
    view.table.cellWidget(row, 1).setValue(8)
    view.table.cellWidget(row, 2).setValue(4)  # the mentor thinks work-family is fine
    assert view.reveal_button.isEnabled() and not view.walk_button.isEnabled()
    view.toggle_reveal()
    assert view.order[0] == "work_family"  # flips the verdict: first
    assert "verdict" in view.table.item(0, 6).text()
    assert view.table.item(0, 4).text() == "8"
    assert "Work-family balance" in view.summary.text()
    assert "you left 10 out" in view.summary.text().replace(str(len(view.order) - 1), "10")
    assert [d.factor_id for d in view.diffs] == ["work_family"]  # only what the mentor rated
    window.session.flush()
    stored = window.session.repo.assessments.load(window.session.person.id, "mentor")
    assert stored.ratings["work_family"].lean == 4
    assert not stored.ratings["pay"].rated
    window.session.undo_stack.undo()  # mentor edits undo like any other
    assert window.session.mentor.ratings["work_family"].lean is None


def test_notes_and_prompts_per_factor(window):
    open_page(window, "Mentor")
    view = window.page("mentor")
    view.table.selectRow(view.order.index("pay"))
    assert "Pay" in view.prompts.text() and "<li>" in view.prompts.text()
    view.note.setPlainText("Compare with locality pay <b>first</b>")
    view.save_note()
    notes = window.session.repo.notes.of(window.session.person.id)
    assert notes["pay"].text == "Compare with locality pay <b>first</b>"


def test_walkthrough_moves_with_the_keyboard_and_ends_on_the_verdict(window, qtbot):
    walk = Walkthrough(window.session, None, ["pay", "stress"], window)
    qtbot.addWidget(walk)
    assert "Pay" in walk.body.text()
    qtbot.keyClick(walk, Qt.Key.Key_Right)
    assert "Stress and hours" in walk.body.text()
    qtbot.keyClick(walk, Qt.Key.Key_Right)
    assert "CLOSE CALL" in walk.body.text()
    assert "What would change it" in walk.body.text()
    qtbot.keyClick(walk, Qt.Key.Key_Left)
    assert "Stress and hours" in walk.body.text()


def test_rename_delete_and_bring_back_a_person(window, monkeypatch):

    window.session.create_person("Morgan", neutral_assessment())
    take(window, "first look")
    window.session.set_note("pay", "ask about locality")
    monkeypatch.setattr(
        "ses_decider.ui.people_commands.QInputDialog.getText", lambda *a, **k: ("Morgan Lee", True)
    )
    window.people.rename_person()
    assert window.session.person.name == "Morgan Lee"
    assert window.person_combo.findText("Morgan Lee") >= 0
    monkeypatch.setattr(
        "ses_decider.ui.people_commands.QMessageBox.question",
        lambda *a, **k: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes,
    )
    window.people.delete_person()
    repo = window.session.repo
    assert repo.people.by_name("Morgan Lee") is None
    assert window.session.person.name != "Morgan Lee"
    assert window.undelete_action.isEnabled()
    window.people.bring_back()
    back = repo.people.by_name("Morgan Lee")
    assert back is not None and window.session.person.id == back.id
    assert [s.label for s in repo.snapshots.list(back.id)] == ["first look"]
    assert window.session.assessment.ratings["pay"].note == "ask about locality"


def test_dropping_an_exported_file_imports_it(window, tmp_path):
    from ses_decider.storage.exchange import assessment_to_data, write_json_atomically

    data = assessment_to_data(window.session.assessment, "Dropped Person")
    path = tmp_path / "dropped.json"
    write_json_atomically(path, data)
    window.files.import_file(str(path))
    assert window.session.person.name == "Dropped Person"
    assert window.person_combo.findText("Dropped Person") >= 0


def test_person_switcher_searches_by_any_part_of_the_name(window):

    for name in ("Avery Stone", "Blake Rivers", "Casey Stonewall"):
        window.session.repo.create_person(name, neutral_assessment())
    window.session.changed.emit(Changes.PEOPLE)  # as an operation adding them would
    completer = window.person_combo.completer()
    completer.setCompletionPrefix("stone")
    matches = [
        completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())
    ]
    assert matches == ["Avery Stone", "Casey Stonewall"]
