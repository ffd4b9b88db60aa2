"""The mouse wheel scrolls the page; it changes a value only in the control that has keyboard focus.

One event filter for the whole application (`install`, once). It watches the top-level windows
(the main window, every dialog as it opens), which see each wheel turn before any widget does. A
turn over a slider, spin box or combo box that does not have keyboard focus scrolls the page around
it instead, so scrolling past a row of sliders or a column of drop-downs never changes (and saves)
anything; and no control takes focus from the wheel alone. Clicking or tabbing into a control
gives it focus; from then on the wheel changes it as usual.

Watching windows rather than every widget keeps it cheap: a filter on the application would run
Python for each of the thousands of events of a start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QWheelEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QAbstractSlider, QAbstractSpinBox, QComboBox)


def guarded(widget) -> bool:
    """A control whose value the wheel could change (scroll bars only scroll)."""
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def control_at(top: QWidget, pos) -> QWidget | None:
    """The guarded control under ``pos`` (in ``top``'s coordinates), e.g. the spin box around
    the text field the pointer is on; None if the pointer is on anything else."""
    widget = top.childAt(pos) or top
    while widget is not None:
        if guarded(widget):
            return widget
        if isinstance(widget, QAbstractScrollArea) or widget is top:
            return None  # a scroll area (a page of its own) or nothing: Qt's usual wheel
        widget = widget.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Wheel or QApplication.activePopupWidget() is not None:
            return False
        top = QWidget.find(watched.winId())
        if top is None:
            return False
        control = control_at(top, top.mapFromGlobal(event.globalPosition().toPoint()))
        if control is None or control.hasFocus():
            return False  # not a control, or the one being worked with: Qt handles it
        scroll_page(control, event)
        return True

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # installing twice keeps one


def scroll_page(widget: QWidget, event: QWheelEvent) -> bool:
    """Hand the wheel to the scroll areas around ``widget``, innermost first, until one scrolls.
    Returns True if one did."""
    area = _area_around(widget)
    while area is not None:
        viewport = area.viewport()
        forwarded = QWheelEvent(
            viewport.mapFromGlobal(event.globalPosition()),
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QCoreApplication.sendEvent(viewport, forwarded)
        if forwarded.isAccepted():  # a scroll bar accepts the wheel only when it moved
            return True
        area = _area_around(area)
    return False


def _area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


_installed: tuple[QApplication, WheelGuard] | None = None


def install(app: QApplication | None = None) -> WheelGuard:
    """Install the guard once: on the windows open now, and on each window as it gets focus."""
    global _installed
    app = app or QApplication.instance()
    if _installed is not None and _installed[0] is app:
        guard = _installed[1]
    else:
        guard = WheelGuard(app)
        app.focusWindowChanged.connect(guard.watch)
        _installed = (app, guard)
    for top in app.topLevelWidgets():
        if top.windowHandle() is not None:
            guard.watch(top.windowHandle())
    return guard
