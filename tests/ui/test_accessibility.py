"""Section 508 in practice: names for every control, keyboard reach, help, the first-run tour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QTabBar,
    QWidget,
)

from ses_decider.core.content import catalogue
from ses_decider.ui.first_run import TOUR_SETTING, FirstRunTour, maybe_show_tour
from ses_decider.ui.help_view import HelpDialog, help_html

INTERACTIVE = (QAbstractButton, QAbstractSlider, QComboBox, QLineEdit, QTabBar)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_interactive_control_in_the_main_window_has_an_accessible_name(window):
    assert unnamed_controls(window) == []


def test_every_slider_says_what_it_measures(window):
    sliders = window.findChildren(QAbstractSlider)
    described = [s for s in sliders if s.accessibleName().startswith(("Weight of", "Lean of"))]
    assert len(described) == 2 * len(catalogue().factors)  # two sliders a factor
    assert all(s.accessibleDescription() for s in described)


def test_tab_key_reaches_every_row_slider(window, qtbot):
    window.activateWindow()
    window.factor_list.rows["elite_corps"].lean.setFocus()
    reached = set()
    for _ in range(200):
        focused = window.focusWidget()
        if isinstance(focused, QAbstractSlider):
            reached.add(focused.accessibleName())
        qtbot.keyClick(focused or window, Qt.Key.Key_Tab)
    expected = {f"Lean of {r.factor.title}" for r in window.factor_list.rows.values()}
    expected |= {f"Weight of {r.factor.title}" for r in window.factor_list.rows.values()}
    assert expected <= reached


def test_verdict_change_is_announced_in_words(window):
    window.factor_list.rows["work_family"].lean.setValue(10)
    assert window.statusBar().currentMessage() == "Verdict is now GO"
    assert window.banner.accessibleDescription().startswith("GO.")


def test_help_explains_method_privacy_and_data_folder(window, qtbot):
    html = help_html(window.data_folder())
    assert "score = 50 + 10" in html
    assert "never opens a network" in html
    assert str(window.data_folder()) in html
    dialog = HelpDialog(window.data_folder(), window)
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []
    assert "Whiteman" in dialog.browser.toPlainText()


def test_tour_is_shown_once_and_can_be_skipped(window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(FirstRunTour, "exec", lambda self: shown.append(self) or 0)
    repo = window.session.repo
    assert maybe_show_tour(window.session, window) is True
    assert repo.settings.get(TOUR_SETTING) == "1"
    assert maybe_show_tour(window.session, window) is False
    assert len(shown) == 1


def test_tour_steps_forward_and_finishes(qtbot):
    tour = FirstRunTour()
    qtbot.addWidget(tour)
    titles = []
    for _ in range(4):
        titles.append(tour.title.text())
        tour.next.click()
    assert titles[0] == "Welcome to SES Decider"
    assert len(set(titles)) == 4
    assert tour.result() == FirstRunTour.DialogCode.Accepted


def test_a_screen_reader_finds_a_name_on_every_showing_control_scroll_bars_too(window, qtbot):
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractSpinBox, QScrollBar

    from ses_decider.ui.a11y import install_accessibility

    install_accessibility()
    kinds = (*INTERACTIVE, QAbstractSpinBox, QScrollBar)
    for key in [None, "readiness", "history", "mentor", "about"]:
        if key:
            window.show_page(key)
        qtbot.wait(10)
        unnamed = []
        for widget in window.findChildren(QWidget):
            if isinstance(widget, kinds) and widget.isVisible():
                interface = QAccessible.queryAccessibleInterface(widget)
                if not interface.text(QAccessible.Text.Name).strip():
                    unnamed.append(f"{type(widget).__name__} in {widget.parentWidget()}")
        assert unnamed == [], key
    bar = window.factor_scroll.verticalScrollBar()
    assert QAccessible.queryAccessibleInterface(bar).text(QAccessible.Text.Name) == (
        "Scroll Factors"
    )
