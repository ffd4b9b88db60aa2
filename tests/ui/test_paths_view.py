"""Other paths on the Decide page, driven as a person does: add, rate, rename, remove, undo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from ses_decider.core.paths import SES_ID
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui.app import open_main_window
from ses_decider.ui.path_commands import AddPathDialog


def add_path(window, monkeypatch, kind: str | None = "sl_st", own: str = ""):
    """Add a path through the panel's button and the real dialog, choosing as a person would."""

    def choose_and_accept(dialog):
        if kind is None:
            dialog.own_title.setText(own)
            dialog.own.setChecked(True)
        else:
            index = next(i for i, k in dialog.kinds.items() if k == kind)
            dialog.group.button(index).setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(AddPathDialog, "exec", choose_and_accept)
    window.paths_panel.add_button.click()


def table_cells(window) -> list[tuple[str, str, str]]:
    t = window.paths_panel.table
    return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]


def test_with_no_other_path_the_panel_is_one_line_and_the_table_hidden(window):
    panel = window.paths_panel
    assert panel.isVisible() and not panel.table.isVisible()
    assert panel.add_button.isVisible() and not panel.combo.isVisible()
    assert panel.current() == "ses"  # the sliders show the SES's leans
    assert "against staying where you are" in panel.hint.text()
    assert not panel.rename_button.isVisible() and not panel.remove_button.isVisible()
    assert not panel.tip.isVisible()


def test_adding_a_path_shows_it_not_rated_and_its_leans_are_its_own(window, monkeypatch, qtbot):
    session = window.session
    ses_pay = session.assessment.ratings["pay"].lean
    banner = window.banner.score.text()
    add_path(window, monkeypatch, "sl_st")
    panel = window.paths_panel
    assert panel.table.isVisible()
    title = "Senior Level / Scientific or Professional (SL/ST)"
    assert table_cells(window) == [
        ("Stay where I am", "50", "the baseline"),
        ("Aim for the SES", "58", "CLOSE CALL"),
        (title, "\u2013", "NOT ENOUGH INPUT"),
    ]
    assert panel.combo.currentText() == title  # the sliders show the new path, to rate it next
    row = window.factor_list.rows["pay"]
    assert "not rated" in row.lean_value.text()
    assert row.lean.accessibleName() == f"Lean of Pay for {title}"
    row.lean.setValue(8)  # +4 for SL/ST
    path = session.assessment.paths[0]
    assert path.leans == {"pay": 4.0}
    assert session.assessment.ratings["pay"].lean == ses_pay  # the SES's lean is untouched
    assert window.banner.score.text() == banner  # the verdict stays about the SES
    assert table_cells(window)[2] == (title, "90", "GO")
    assert "+4 (pro)" in row.lean_value.text()
    # Back to the SES: the rows show its own leans again.
    panel.combo.setCurrentIndex(panel.combo.findData(SES_ID))
    assert row.lean.value() == round(ses_pay * 2) and row.lean.accessibleName() == "Lean of Pay"
    qtbot.waitUntil(lambda: not session.dirty, timeout=3000)
    stored = session.repo.db.execute("SELECT factor_id, lean FROM path_ratings").fetchall()
    assert stored == [("pay", 4.0)]


def test_a_path_that_scores_higher_is_said_under_the_verdict(window, monkeypatch):
    add_path(window, monkeypatch, "sl_st")
    assert window.review_bar.text() == ""  # not rated yet: nothing to say
    window.factor_list.rows["mission"].lean.setValue(10)
    assert window.review_bar.text() == (
        "\u21c4 Senior Level / Scientific or Professional (SL/ST) scores 100, the SES 58."
    )
    assert window.banner.word.text() == "CLOSE CALL"  # the banner stays about the SES
    assert window.paths_panel.tip.text().startswith("The SES would overtake Senior Level")
    window.paths_panel.combo.setCurrentIndex(window.paths_panel.combo.findData(SES_ID))
    for fid in window.factor_list.rows:  # the SES at +5 on everything rated: 100 against 100
        if window.session.assessment.ratings[fid].lean is not None:
            window.factor_list.rows[fid].lean.setValue(10)
    assert window.review_bar.text() == ""


def test_a_path_has_its_own_dealbreakers(window, monkeypatch):
    add_path(window, monkeypatch, "private_sector")
    row = window.factor_list.rows["relocation"]
    assert not row.dealbreaker.isChecked()
    row.dealbreaker.setChecked(True)
    row.lean.setValue(-8)
    path = window.session.assessment.paths[0]
    assert path.dealbreakers == {"relocation"} and path.leans["relocation"] == -4
    assert not window.session.assessment.ratings["relocation"].dealbreaker
    assert "hit" in row.dealbreaker.text()
    assert table_cells(window)[2][2] == "NO-GO (dealbreaker)"
    assert window.banner.word.text() == "CLOSE CALL"


def test_weights_are_shared_by_every_path(window, monkeypatch):
    add_path(window, monkeypatch, "sl_st")
    rows = window.factor_list.rows
    rows["pay"].lean.setValue(4)
    rows["mission"].lean.setValue(-4)
    before = table_cells(window)[2][1]
    ses_before = window.session.evaluation.score
    rows["mission"].weight.setValue(0)  # moved while the sliders show the path
    assert window.session.assessment.ratings["mission"].weight == 0
    assert window.session.evaluation.score != ses_before
    assert table_cells(window)[2][1] != before and table_cells(window)[2][1] == "70"


def test_not_rated_on_a_path_row_clears_that_paths_lean_only(window, monkeypatch):
    add_path(window, monkeypatch, "sl_st")
    row = window.factor_list.rows["pay"]
    row.lean.setValue(6)
    weight = window.session.assessment.ratings["pay"].weight
    row.clear_button.click()
    assert window.session.assessment.paths[0].leans == {}
    assert window.session.assessment.ratings["pay"].weight == weight


def test_rename_and_remove_with_undo(window, monkeypatch, no_modal_dialogs):
    add_path(window, monkeypatch, None, own="Teach")
    add_path(window, monkeypatch, "sl_st")
    panel = window.paths_panel
    panel.combo.setCurrentIndex(panel.combo.findText("Teach"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Teach at a college", True))
    panel.rename_button.click()
    assert [p.title for p in window.session.assessment.paths][0] == "Teach at a college"
    assert panel.combo.currentText() == "Teach at a college"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("aim for the ses", True))
    panel.rename_button.click()
    assert no_modal_dialogs[-1] == "There is already a path called \u201caim for the ses\u201d."
    panel.remove_button.click()
    assert [p.kind for p in window.session.assessment.paths] == ["sl_st"]
    assert panel.combo.currentData() == SES_ID  # the sliders are back on the SES
    assert "Undo brings it back" in window.statusBar().currentMessage()
    stack = window.session.undo_stack
    stack.undo()
    assert [p.title for p in window.session.assessment.paths][0] == "Teach at a college"
    stack.undo()
    assert window.session.assessment.paths[0].title == "Teach"
    stack.undo()
    stack.undo()
    assert window.session.assessment.paths == []
    assert not panel.table.isVisible() and not panel.combo.isVisible()


def test_an_own_path_needs_a_name(window, monkeypatch):
    dialogs = []

    def accept_empty(dialog):
        dialog.own.setChecked(True)
        dialog.accept()
        dialogs.append(dialog.error.text())
        return dialog.result()

    monkeypatch.setattr(AddPathDialog, "exec", accept_empty)
    window.paths_panel.add_button.click()
    assert dialogs == ["Give the path a name."]
    assert window.session.assessment.paths == []


def test_lean_moves_on_a_path_merge_into_one_undo_step(window, monkeypatch):
    add_path(window, monkeypatch, "sl_st")
    stack = window.session.undo_stack
    count = stack.count()
    row = window.factor_list.rows["pay"]
    for value in (2, 4, 6, 8):
        row.lean.setValue(value)
    assert stack.count() == count + 1
    stack.undo()
    assert window.session.assessment.paths[0].leans == {}


def test_paths_are_there_after_quitting_and_reopening(qtbot, db_path, monkeypatch):
    db = open_database(db_path)
    session, win = open_main_window(Repository(db))
    qtbot.addWidget(win)
    win.show()
    add_path(win, monkeypatch, "sl_st")
    win.factor_list.rows["pay"].lean.setValue(6)
    win.close()
    db.close()
    db = open_database(db_path)
    try:
        session, again = open_main_window(Repository(db))
        qtbot.addWidget(again)
        again.show()
        assert [p.kind for p in session.assessment.paths] == ["sl_st"]
        assert session.assessment.paths[0].leans == {"pay": 3.0}
        assert again.paths_panel.combo.currentData() == SES_ID  # opens on the SES
        assert again.paths_panel.table.rowCount() == 3
        again.close()
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["sl_st", "ses_other_agency", "private_sector"])
def test_each_suggested_path_can_be_added_with_its_description(window, monkeypatch, kind):
    add_path(window, monkeypatch, kind)
    assert window.session.assessment.paths[0].kind == kind
    dialog = AddPathDialog([])
    texts = [w.text() for w in dialog.findChildren(type(dialog.error))]
    assert any("OPM" in t and "GS-15" in t for t in texts)


def test_tab_comes_into_the_paths_table_in_its_place_and_goes_on_out_of_it(
    window, monkeypatch, qtbot
):
    from PySide6.QtCore import Qt

    add_path(window, monkeypatch)
    panel = window.paths_panel
    panel.remove_button.setFocus()
    qtbot.keyClick(panel.remove_button, Qt.Key.Key_Tab)
    assert window.focusWidget() is panel.table  # right after Remove, not at the window's end
    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    left = window.focusWidget()
    assert left is not panel.table and not panel.table.isAncestorOf(left)
    assert window.factor_scroll.isAncestorOf(left)  # on into the factor rows


def test_the_add_path_dialog_has_room_for_every_description(window):
    dialog = AddPathDialog([], window)
    dialog.show()
    labels = [w for w in dialog.findChildren(type(dialog.error)) if w.wordWrap() and w.text()]
    assert labels
    for label in labels:
        assert label.height() >= label.heightForWidth(label.width())
    dialog.reject()
