"""The pay calculator on the Pay row: dollars, per hour, sources, and a lean only when accepted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from ses_decider.storage.bodies import assessment_body
from ses_decider.ui.pay_dialog import PayDialog


def pay_button(window) -> QToolButton:
    row = window.factor_list.rows["pay"]
    [button] = [b for b in row.findChildren(QToolButton) if b.text() == "Pay in dollars\u2026"]
    return button


def type_locality(dialog: PayDialog, qtbot, text: str) -> None:
    """Type an area and press Enter (set as typed: the completer's popup needs a real screen)."""
    line = dialog.locality.lineEdit()
    line.setText(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def issue_example(dialog: PayDialog, qtbot) -> None:
    """GS-15 step 6 in Washington, $190,000 expected, 45 hours now and 55 in the SES, 5% award."""
    dialog.grade.setValue(15)
    dialog.step.setValue(6)
    type_locality(dialog, qtbot, "Washington-Baltimore")
    dialog.has_salary.setChecked(True)
    dialog.salary.setValue(190000)
    dialog.hours_now.setValue(45)
    dialog.hours_ses.setValue(55)
    dialog.award.setValue(5)
    dialog.years.setValue(18)


def test_only_the_pay_row_has_the_calculator_and_it_opens_it(window, monkeypatch):
    opened = []
    monkeypatch.setattr(PayDialog, "exec", lambda self: opened.append(self) or 0)
    for fid, row in window.factor_list.rows.items():
        buttons = [b for b in row.findChildren(QToolButton) if b.text() == "Pay in dollars\u2026"]
        assert len(buttons) == (1 if fid == "pay" else 0)
    pay_button(window).click()
    assert len(opened) == 1 and opened[0].windowTitle() == "Pay in dollars (2026 tables)"


def test_the_issue_example_in_dollars_per_hour_with_sources(window, qtbot):
    dialog = PayDialog(window.session, window)
    qtbot.addWidget(dialog)
    issue_example(dialog, qtbot)
    text = dialog.output.text()
    assert "GS-15 step 6: base $147,449" in text
    assert "$197,200" in text and "capped" in text  # the cap on GS pay with locality
    assert "salary $190,000 + award $9,500" in text and "<b>$199,500</b>" in text
    assert "Difference a year" in text and "+$2,300" in text
    assert "now $84.27 at 45 h/week; SES $69.76 at 55 h/week" in text
    assert "now 208 h (carry over 240 h); SES 208 h (carry over 720 h)" in text
    # Every figure says where it comes from and as of when.
    assert "(OPM GS tables 2026, as of 2026-01)" in text
    assert "as of 2026-12-01" in text
    assert "Suggested lean for Pay: -3" in dialog.suggestion.text()
    assert "One point of lean for every full 5%" in dialog.suggestion.text()
    dialog.years_left.setValue(10)
    dialog.age.setValue(62)
    assert (
        "FERS annuity a year" in dialog.output.text() and "28 years at 1.1%" in dialog.output.text()
    )


def test_nothing_changes_unless_the_lean_is_accepted(window, qtbot):
    session = window.session
    before = assessment_body(session.assessment)
    undo_steps = session.undo_stack.count()
    dialog = PayDialog(session, window)
    qtbot.addWidget(dialog)
    issue_example(dialog, qtbot)
    dialog.reject()
    assert assessment_body(session.assessment) == before
    assert session.undo_stack.count() == undo_steps


def test_use_this_lean_sets_the_pay_lean_as_one_undo_step(window, qtbot):
    session = window.session
    old = session.assessment.ratings["pay"].lean
    dialog = PayDialog(session, window)
    qtbot.addWidget(dialog)
    issue_example(dialog, qtbot)
    assert dialog.use_lean.isEnabled()
    dialog.use_lean.click()
    assert session.assessment.ratings["pay"].lean == -3
    assert "-3" in window.factor_list.rows["pay"].lean_value.text()
    assert session.undo_stack.undoText() == "Lean of Pay"
    session.undo_stack.undo()
    assert session.assessment.ratings["pay"].lean == old


def test_the_suggestion_is_for_the_ses_even_while_the_sliders_show_another_path(
    window, qtbot, monkeypatch
):
    from tests.ui.test_paths_view import add_path

    add_path(window, monkeypatch, "sl_st")
    dialog = PayDialog(window.session, window)
    qtbot.addWidget(dialog)
    issue_example(dialog, qtbot)
    dialog.use_lean.click()
    assert window.session.assessment.ratings["pay"].lean == -3
    assert window.session.assessment.paths[0].leans == {}


def test_the_inputs_are_remembered_for_the_person_only(window, qtbot):
    session = window.session
    dialog = PayDialog(session, window)
    qtbot.addWidget(dialog)
    issue_example(dialog, qtbot)
    dialog.reject()
    again = PayDialog(session, window)
    qtbot.addWidget(again)
    assert (again.grade.value(), again.step.value()) == (15, 6)
    assert again.locality.currentData() == "DCB"
    assert again.has_salary.isChecked() and again.salary.value() == 190000
    assert again.hours_ses.value() == 55 and again.years.value() == 18
    assert again.years_left.text() == "not given"
    assert again.output.text() == dialog.output.text()
    again.reject()
    other = window.session.create_person("Robin", window.session.assessment.copy())
    assert other is not None
    fresh = PayDialog(session, window)
    qtbot.addWidget(fresh)
    assert fresh.step.value() == 1 and fresh.locality.currentData() == "RUS"
    assert not fresh.has_salary.isChecked()


def test_an_unknown_locality_says_so_and_offers_no_lean(window, qtbot):
    dialog = PayDialog(window.session, window)
    qtbot.addWidget(dialog)
    type_locality(dialog, qtbot, "Atlantis")
    assert "Cannot compare yet:" in dialog.output.text()
    assert "unknown locality" in dialog.output.text()
    assert not dialog.use_lean.isEnabled()
    type_locality(dialog, qtbot, "Balt")  # a unique part of a name is enough
    assert "Washington-Baltimore" in dialog.output.text()
    assert dialog.locality.currentData() == "DCB"  # shown by its OPM name and code
    assert dialog.locality.currentText().endswith("(DCB)")


def test_the_locality_list_offers_type_ahead_on_any_part_of_a_name(window, qtbot):
    dialog = PayDialog(window.session, window)
    qtbot.addWidget(dialog)
    completer = dialog.locality.completer()
    completer.setCompletionPrefix("franc")
    matches = [
        completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())
    ]
    assert matches and all("Francisco" in m for m in matches)


def test_the_range_follows_certification(window, qtbot):
    dialog = PayDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert "$151,661 to $228,000" in dialog.range_text.text()
    dialog.certified.setChecked(False)
    assert "$151,661 to $209,600" in dialog.range_text.text()
    dialog.has_salary.setChecked(True)
    dialog.salary.setValue(220000)  # above the uncertified maximum: kept inside, and said so
    assert "$209,600 used" in dialog.output.text()


def test_the_calculator_is_reached_with_tab_and_fits_a_small_screen(window, qtbot):
    assert pay_button(window).focusPolicy() & Qt.FocusPolicy.TabFocus
    dialog = PayDialog(window.session, window)
    qtbot.addWidget(dialog)
    room = window.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()


def test_tab_goes_from_the_pay_rows_not_rated_to_the_calculator(window, qtbot):
    row = window.factor_list.rows["pay"]
    row.clear_button.setFocus()
    qtbot.keyClick(row.clear_button, Qt.Key.Key_Tab)
    assert pay_button(window).hasFocus()


def test_charts_take_no_tab_stop(window):
    from pyqtgraph import PlotWidget

    plots = window.findChildren(PlotWidget)
    assert plots and all(p.focusPolicy() == Qt.FocusPolicy.NoFocus for p in plots)


def test_the_explanation_panels_take_no_tab_stop_of_their_own(window):
    """Tab from the explanation tabs goes past the chart page to the next control (it used to
    stop on the page itself, showing no focus)."""
    tabs = window.side_tabs
    for i in range(tabs.count()):
        assert not tabs.widget(i).focusPolicy() & Qt.FocusPolicy.TabFocus, tabs.tabText(i)
