"""The mouse wheel scrolls the page: it changes a slider, spin box or combo box only once that
control has keyboard focus (clicked or tabbed into). Real QWheelEvents, real widgets."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)

from ses_decider.ui import wheel_guard
from ses_decider.ui.weighting_dialog import WeighingDialog


def wheel(widget: QWidget, notches: int = -3) -> int:
    """Turn the wheel with the pointer on the middle of ``widget`` (negative: towards the user,
    scrolls down), delivered as the system delivers it: to the window, which hands it to the
    widget under the pointer. Returns how far the scroll area around ``widget`` moved."""
    for area in areas_around(widget):
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(widget, 0, 0)  # a person points at what they can see
    assert not widget.visibleRegion().isEmpty(), "the pointer cannot be on a hidden widget"
    top = widget.window()
    wheel_guard.install()  # watches the windows open now (others: as they get focus)
    areas = areas_around(widget)
    bar = areas[0].verticalScrollBar() if areas else None
    before = bar.value() if bar else 0
    centre = widget.rect().center()
    event = QWheelEvent(
        QPointF(widget.mapTo(top, centre)),
        QPointF(widget.mapToGlobal(centre)),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(top.windowHandle(), event)
    return (bar.value() if bar else 0) - before


def areas_around(widget: QWidget) -> list[QAbstractScrollArea]:
    found, parent = [], widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def scroll_of(widget: QWidget) -> QAbstractScrollArea:
    parent = widget.parentWidget()
    while not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def focus(qtbot, window, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_the_wheel_over_decide_rows_scrolls_and_changes_no_rating(window, qtbot):
    before = window.session.assessment.copy()
    moved = 0
    for row in list(window.factor_list.rows.values())[:4]:
        for control in (row.lean, row.weight, row.certainty):
            value = control.value() if control is not row.certainty else control.currentIndex()
            moved += wheel(control)
            now = control.value() if control is not row.certainty else control.currentIndex()
            assert now == value
    assert moved > 0  # the page moved instead
    assert window.session.assessment.ratings == before.ratings
    assert not window.session.dirty  # nothing to save: nothing changed


def test_the_wheel_changes_a_slider_that_has_focus(window, qtbot):
    row = window.factor_list.rows["elite_corps"]
    focus(qtbot, window, row.lean)
    scroll = window.factor_scroll.verticalScrollBar()
    top = scroll.value()
    lean = window.session.assessment.ratings["elite_corps"].lean
    wheel(row.lean, notches=1)  # away from the user: up
    assert window.session.assessment.ratings["elite_corps"].lean > lean
    assert scroll.value() == top  # the focused slider took the wheel; the page stayed


def test_the_wheel_never_sets_a_fit_answer_in_passing(window, qtbot):
    view = window.show_page("readiness")
    qtbot.waitUntil(lambda: view.isVisible())
    combos = list(view.fit_inputs.values())
    moved = 0
    for combo in combos[:3]:
        moved += wheel(combo)
        assert combo.currentIndex() == 0  # "Not answered"
    assert window.session.assessment.fit == {}
    assert moved > 0
    spin = next(w for w in view.fact_inputs.values() if isinstance(w, QAbstractSpinBox))
    wheel(spin, notches=3)
    assert spin.value() == 0
    assert not spin.hasFocus()
    focus(qtbot, window, combos[0])
    assert wheel(combos[0], notches=-1) == 0  # with focus the wheel chooses, as people expect
    assert combos[0].currentIndex() == 1
    assert window.session.assessment.fit != {}


def test_the_wheel_over_the_mentor_table_scrolls_it(window, qtbot):
    view = window.show_page("mentor")
    qtbot.waitUntil(lambda: view.isVisible())
    spin = view.spins[(view.order[0], "weight")]
    table = view.table.verticalScrollBar()
    qtbot.waitUntil(lambda: table.maximum() > 0, timeout=3000)  # laid out: more rows than room
    assert wheel(spin, notches=-3) > 0
    assert spin.value() == spin.minimum()  # still "not rated"
    assert window.session.mentor.ratings.get(view.order[0]) is None or not (
        window.session.mentor.ratings[view.order[0]].rated
    )


def test_the_wheel_in_the_pairwise_tab_scrolls_the_pairs(window, qtbot):
    dialog = WeighingDialog(window.session.assessment, window, method="pairwise")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    slider = next(iter(dialog.pairwise.sliders.values()))
    pairs = scroll_of(slider).verticalScrollBar()
    qtbot.waitUntil(lambda: pairs.maximum() > 0, timeout=3000)
    assert wheel(slider) > 0
    assert slider.value() == 0


def test_the_wheel_gives_no_control_focus(window, qtbot):
    view = window.show_page("readiness")
    qtbot.waitUntil(lambda: view.isVisible())
    combo = next(iter(view.fit_inputs.values()))
    wheel(combo)
    assert not combo.hasFocus()
    assert combo.currentIndex() == 0


def test_a_wheel_outside_any_scroll_area_is_simply_dropped(qtbot):
    box = QComboBox()
    box.addItems(["a", "b"])
    qtbot.addWidget(box)
    box.show()
    wheel(box)
    assert box.currentIndex() == 0
    assert wheel_guard.scroll_page(box, _event()) is False  # nothing around it to scroll


def _event() -> QWheelEvent:
    return QWheelEvent(
        QPointF(1, 1),
        QPointF(1, 1),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
