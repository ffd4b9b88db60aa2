"""Undo and redo cover every kind of edit, from the menu shortcut as well as the stack."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ses_decider.core.model import Certainty, Factor, Verdict
from ses_decider.storage.bodies import assessment_body


def state(window) -> dict:
    """Everything stored of the assessment on screen: every factor, rated or not, and hidden."""
    return assessment_body(window.session.assessment)


def _replace_weights(session):
    new = session.assessment.copy()
    for rating in new.ratings.values():
        rating.weight = 1.0
    new.method = "rank"
    session.replace_assessment(new, "Weights from ranking")


EDITS = {
    "weight": lambda s: s.set_weight("pay", 9),
    "lean": lambda s: s.set_lean("pay", -4),
    "dealbreaker": lambda s: s.set_dealbreaker("relocation", True),
    "note": lambda s: s.set_note("pay", "Ask HR about the pay table"),
    "certainty": lambda s: s.set_certainty("pay", Certainty.SURE),
    "gut": lambda s: s.set_gut("after", Verdict.GO),
    "hide": lambda s: s.set_hidden("community", True),
    "add": lambda s: s.add_factor(Factor("my_x", "Commute", "short", "long", custom=True)),
    "method": _replace_weights,
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_each_kind_of_edit_undoes_and_redoes(window, kind):
    before = state(window)
    EDITS[kind](window.session)
    after = state(window)
    assert after != before
    window.session.undo_stack.undo()
    assert state(window) == before
    window.session.undo_stack.redo()
    assert state(window) == after


def test_removing_a_custom_factor_can_be_undone(window):
    window.session.add_factor(Factor("my_x", "Commute", "short", "long", custom=True))
    window.factor_list.rows["my_x"].hide_button.click()  # "Remove" for one's own factors
    assert "my_x" not in window.factor_list.rows
    window.session.undo_stack.undo()
    assert "my_x" in window.factor_list.rows


def test_ctrl_z_and_ctrl_shift_z_work_from_the_keyboard(window, qtbot):
    row = window.factor_list.rows["pay"]
    row.lean.setValue(-8)
    window.activateWindow()
    row.lean.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.assessment.ratings["pay"].lean == 1
    assert row.lean.value() == 2
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.session.assessment.ratings["pay"].lean == -4


def test_every_menu_action_has_a_mnemonic_and_the_main_ones_shortcuts(window):
    shortcuts = {}
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()
        for action in menu_action.menu().actions():
            if action.isSeparator() or action.menu():
                continue
            assert "&" in action.text(), action.text()
            shortcuts[action.text().replace("&", "")] = action.shortcut().toString()
    assert shortcuts["Take snapshot\u2026"] == "Ctrl+S"
    assert shortcuts["SES Decider help"] == "F1"
    assert shortcuts["Undo"] == "Ctrl+Z"
