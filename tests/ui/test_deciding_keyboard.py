"""Decide well by keyboard alone: every step reached with Tab and arrows, taken with Space and Enter,
the journal's dialog included."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ses_decider.core.deciding_content import deciding_content
from tests.ui.test_deciding_view import TODAY, records


def tab_to(qtbot, root: QWidget, name: str, limit: int = 400) -> QWidget:
    """Press Tab until the control called ``name`` has the focus (as a keyboard user would)."""
    for _ in range(limit):
        focused = root.focusWidget()
        if focused is not None and focused.accessibleName() == name and focused.isVisible():
            return focused
        qtbot.keyClick(focused or root, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}")


def press(qtbot, widget: QWidget, *keys) -> None:
    for key in keys:
        qtbot.keyClick(widget, key)


def test_every_step_can_be_taken_by_keyboard_alone(window, qtbot):
    window.activateWindow()
    window.factor_list.rows["elite_corps"].lean.setFocus()  # where the app starts a user off
    press(qtbot, window.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    page = window.page("deciding")
    assert page is not None and window.pages.currentWidget().isAncestorOf(page)
    page.set_today(lambda: TODAY)
    steps = tab_to(qtbot, window, "Steps of deciding well")

    # 1. Own reasons: write one, take the suggested factor.
    field = tab_to(qtbot, window, "Your reason, in your own words")
    qtbot.keyClicks(field, "Long hours every week would wear me down")
    press(qtbot, field, Qt.Key.Key_Return)
    reason = records(window).own_reasons[0]
    suggested = page.reasons.suggestion(reason)
    press(
        qtbot,
        tab_to(qtbot, window, f"Match the reason {reason.text} to {suggested[1]}"),
        Qt.Key.Key_Space,
    )
    assert records(window).own_reasons[0].factor_id == suggested[0]

    # 2. Did you miss?
    steps.setFocus()
    press(qtbot, steps, Qt.Key.Key_Down)
    prompt = next(p for p in deciding_content().prompts if p.id == page.missed.prompt_ids[0])
    answer = tab_to(qtbot, window, f"Your answer to: {prompt.text}")
    qtbot.keyClicks(answer, "Yes, and it matters")
    press(qtbot, answer, Qt.Key.Key_Return)
    assert records(window).own_reasons[-1].prompt_id == prompt.id

    # 3. A premortem, and its one-click change.
    steps.setFocus()
    press(qtbot, steps, Qt.Key.Key_Down)
    field = tab_to(qtbot, window, "Why going for the SES was a mistake")
    qtbot.keyClicks(field, "The raise was eaten up by a costlier commute")
    press(qtbot, field, Qt.Key.Key_Return)
    item = records(window).premortem[0]
    title = window.session.assessment.factor(item.factor_id).title
    lean = window.session.assessment.ratings[item.factor_id].lean
    press(
        qtbot, tab_to(qtbot, window, f"Lean +1 for {title} (from: {item.text})"), Qt.Key.Key_Space
    )
    assert window.session.assessment.ratings[item.factor_id].lean == lean + 1

    # 4. A friend's view: answer, compare, keep the friend's answer.
    steps.setFocus()
    press(qtbot, steps, Qt.Key.Key_Down)
    press(
        qtbot,
        tab_to(qtbot, window, "Answer again, for a friend in your position"),
        Qt.Key.Key_Space,
    )
    first = page.friend.questions[0]
    assert window.focusWidget() is first.slider
    press(qtbot, first.slider, *[Qt.Key.Key_Right] * 6)  # +3 for the friend
    press(qtbot, tab_to(qtbot, window, "Compare with my own answers"), Qt.Key.Key_Space)
    press(
        qtbot,
        tab_to(qtbot, window, f"Keep your answer for your friend for {first.factor.title}"),
        Qt.Key.Key_Space,
    )
    assert window.session.assessment.ratings[first.factor.id].lean == 3

    # 5. Small experiments: plan the first suggestion.
    steps.setFocus()
    press(qtbot, steps, Qt.Key.Key_Down)
    suggestion = page.experiments.suggestions[0]
    idea = suggestion.ideas[0]
    press(
        qtbot, tab_to(qtbot, window, f"Plan: {idea.title} ({suggestion.title})"), Qt.Key.Key_Space
    )
    assert records(window).experiments[0].kind == idea.id

    # 6. The journal, in its dialog.
    steps.setFocus()
    press(qtbot, steps, Qt.Key.Key_Down)

    def write_in_dialog():
        dialog = QApplication.activeModalWidget()
        field = tab_to(qtbot, dialog, "Your decision", limit=20)
        qtbot.keyClicks(field, "Apply next year")
        press(qtbot, tab_to(qtbot, dialog, "OK", limit=40), Qt.Key.Key_Space)

    QTimer.singleShot(0, write_in_dialog)
    press(qtbot, tab_to(qtbot, window, "Write down a decision in the journal"), Qt.Key.Key_Space)
    assert records(window).journal[0].decision == "Apply next year"
