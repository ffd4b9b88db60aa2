"""Every key works: each Alt+letter opens one thing on every page, Redo is bound once to the
platform's keys, the walkthrough moves with the arrow keys whatever has focus."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QWidget

from ses_decider.ui.main_window import PAGES
from ses_decider.ui.views.walkthrough import Walkthrough

# Pages other sessions are adding: their letters must stay free. (Once a page exists under its
# title it is counted once, as a tab.)
PLANNED_TABS = ("Decide &well", "Mentee&s", "A&pplying")

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def keys_in_reach(window) -> list[tuple[str, str]]:
    """(letter, what) for every Alt+letter the person can press now: the menu bar, every tab bar
    on screen, and the visible buttons and labelled fields."""
    found = []
    for action in window.menuBar().actions():
        found.append((mnemonic(action.text()), f"menu {action.text()}"))
    titles = set()
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for i in range(bar.count()):
                titles.add(bar.tabText(i))
                found.append((mnemonic(bar.tabText(i)), f"tab {bar.tabText(i)}"))
    for title in PLANNED_TABS:
        if title not in titles:
            found.append((mnemonic(title), f"planned tab {title}"))
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            found.append((mnemonic(widget.text()), f"button {widget.text()}"))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            found.append((mnemonic(widget.text()), f"label {widget.text()}"))
    return [(key, what) for key, what in found if key]


def clashes(window) -> list[str]:
    reach = keys_in_reach(window)
    counts = Counter(key for key, _ in reach)
    return sorted(f"Alt+{key}: {what}" for key, what in reach if counts[key] > 1)


def test_no_two_things_share_an_alt_key_on_any_page(window, qtbot):
    for index in range(window.pages.count()):
        window.pages.setCurrentIndex(index)
        qtbot.waitUntil(lambda i=index: window.pages.currentWidget().isVisible())
        if index == 0:  # Decide: each explanation tab shows its own controls
            for side in range(window.side_tabs.count()):
                window.side_tabs.setCurrentIndex(side)
                assert clashes(window) == [], window.side_tabs.tabText(side)
        assert clashes(window) == [], window.pages.tabText(index)


def test_mentor_page_buttons_keep_their_keys_after_the_reveal(window, qtbot):
    view = window.show_page("mentor")
    first = view.order[0]
    window.session.set_weight(first, 5, "mentor")
    window.session.set_lean(first, 2, "mentor")
    view.refresh()
    view.toggle_reveal()
    assert clashes(window) == []


def test_file_and_help_menus_have_the_alt_keys_people_expect(window):
    menus = {mnemonic(a.text()): a.text() for a in window.menuBar().actions()}
    assert menus["f"] == "&File" and menus["h"] == "&Help" and menus["e"] == "&Edit"
    tabs = {mnemonic(window.pages.tabText(i)) for i in range(window.pages.count())}
    assert not tabs & {"f", "h", "e"}  # no page takes a menu's letter
    titles = [page.title for page in PAGES]
    assert "Fit && &readiness" in titles and "His&tory" in titles


def test_every_help_item_has_its_own_alt_key(window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    keys = [mnemonic(a.text()) for a in help_menu.actions() if not a.isSeparator()]
    assert None not in keys and len(set(keys)) == len(keys)


def test_redo_is_bound_once_to_the_platform_keys(window):
    redo = next(
        a for a in window.findChildren(type(window.menuBar().actions()[0])) if "Redo" in a.text()
    )
    assert redo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    bound = [
        seq.toString() for action in window.findChildren(type(redo)) for seq in action.shortcuts()
    ]
    duplicated = [seq for seq, n in Counter(bound).items() if n > 1]
    assert duplicated == []


def test_the_walkthrough_moves_with_the_arrows_even_when_a_button_has_focus(window, qtbot):
    mentor = window.session.mentor
    order = [f.id for f, _ in window.session.assessment.shown()][:3]
    walk = Walkthrough(window.session, mentor, order, window)
    qtbot.addWidget(walk)
    walk.show()
    qtbot.waitExposed(walk)
    walk.activateWindow()
    walk.next.setFocus()
    qtbot.waitUntil(walk.next.hasFocus)
    qtbot.keyClick(walk.next, Qt.Key.Key_Right)
    assert walk.index == 1
    qtbot.keyClick(walk.focusWidget(), Qt.Key.Key_Left)
    assert walk.index == 0
    walk.go(len(walk.pages) - 1)
    assert walk.close_button.isVisible()
    walk.close_button.click()
    assert walk.result() == Walkthrough.DialogCode.Accepted


def test_tab_goes_in_reading_order_through_the_decide_page(window, qtbot):
    def names(count: int) -> list[str]:
        seen = []
        for _ in range(count):
            seen.append(window.focusWidget().accessibleName())
            window.focusNextChild()
        return seen

    window.person_combo.setFocus()
    first_row = next(iter(window.factor_list.rows.values()))
    assert names(7) == [
        "Current person",
        "How is this computed?",
        "Start my own assessment",
        "View tabs",
        "Add a path beside the SES",
        "Other ways to set your weights",
        first_row.dealbreaker.accessibleName(),
    ]
    # The factor area itself is no Tab stop (it showed no focus); after the last row come the
    # explanations beside the rows.
    last_row = list(window.factor_list.rows.values())[-1]
    last_row.weight.setFocus()
    for _ in range(6):
        window.focusNextChild()
        if not last_row.isAncestorOf(window.focusWidget()):
            break
    assert window.focusWidget() is window.side_tabs.tabBar()
    assert window.factor_scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
