"""What the steps of "Decide well" share: a step's heading with its research, factor choosers, dates,
and keeping the keyboard's place when a list is rebuilt."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.deciding_content import Claim, DecidingContent, Step
from ses_decider.core.model import Assessment

NO_FACTOR = "(no factor)"


def wrapped(text: str, name: str = "", rich: bool = False) -> QLabel:
    """A label that wraps; plain text unless ``rich``."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def claim_html(content: DecidingContent, claim: Claim) -> str:
    """A finding in our words, with the short names of the works behind it and how it was checked."""
    shorts = "; ".join(content.works[key].short for key in claim.works)
    status = claim.verified.status
    checked = "" if status == "verified" else f" ({escape(status)})"
    return f"{escape(claim.text)} <i>({escape(shorts)}){checked}</i>"


def citations(content: DecidingContent, claims: tuple[Claim, ...]) -> str:
    """The full references of the works the claims cite, one per line."""
    keys = list(dict.fromkeys(key for claim in claims for key in claim.works))
    return "\n".join(content.works[key].citation() for key in keys)


def step_heading(content: DecidingContent, step: Step) -> QWidget:
    """The step's title, what it asks, and the research behind it (full references on demand)."""
    box = QFrame()
    box.setObjectName("stepHeading")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 6)
    title = wrapped(f"<h3>{escape(step.title)}</h3>", rich=True)
    layout.addWidget(title)
    layout.addWidget(wrapped(step.text, "stepText"))
    research = wrapped(
        "<br>".join("Research: " + claim_html(content, c) for c in step.claims),
        "researchText",
        rich=True,
    )
    research.setAccessibleName(f"Research behind {step.title}")
    layout.addWidget(research)
    refs = wrapped(citations(content, step.claims), "citations")
    refs.hide()
    toggle = QPushButton("Sources\u2026")
    toggle.setCheckable(True)
    toggle.setAccessibleName(f"Show the sources of {step.title}")
    toggle.toggled.connect(refs.setVisible)
    layout.addWidget(toggle, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(refs)
    return box


def factor_choices(assessment: Assessment) -> list[tuple[str, str]]:
    """(id, title) of the factors on the person's table, in table order."""
    return [(f.id, f.title) for f, _ in assessment.shown()]


def factor_combo(
    assessment: Assessment, current: str | None, name: str, none_text: str = NO_FACTOR
) -> QComboBox:
    """Choose one of the table's factors, or none. A factor no longer on the table still shows."""
    combo = QComboBox()
    combo.addItem(none_text, None)
    for factor_id, title in factor_choices(assessment):
        combo.addItem(title, factor_id)
    if current is not None and combo.findData(current) < 0:
        combo.addItem(f"{current} (no longer on your table)", current)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    combo.setAccessibleName(name)
    return combo


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of a layout (widgets and nested layouts)."""
    while layout.count():
        item = layout.takeAt(0)
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)
            inner.deleteLater()


def keeping_focus(root: QWidget, rebuild: Callable[[], None]) -> None:
    """Rebuild part of a view, then put the keyboard focus back on the control with the same
    accessible name, so a keyboard user does not lose their place after each change."""
    from PySide6.QtWidgets import QApplication

    focused = QApplication.focusWidget()
    name = focused.accessibleName() if focused and root.isAncestorOf(focused) else ""
    rebuild()
    if not name:
        return
    for widget in root.findChildren(QWidget):
        if widget.accessibleName() == name and widget.isVisibleTo(root):
            widget.setFocus()
            return


def card() -> tuple[QFrame, QVBoxLayout]:
    """A framed box for one record in a list."""
    frame = QFrame()
    frame.setObjectName("decidingCard")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 6, 8, 6)
    return frame, layout


def date_edit(value: str, name: str) -> QDateEdit:
    """A date that must be given (an experiment's, a review's)."""
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setDate(QDate.fromString(value, "yyyy-MM-dd"))
    return named_field(edit, name)


def named_field(edit: QWidget, name: str) -> QWidget:
    """A spin or date box and the text field inside it, both called ``name`` for screen readers."""
    edit.setAccessibleName(name)
    from PySide6.QtWidgets import QLineEdit

    inner = edit.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(name)
    return edit


def on_date_chosen(edit: QDateEdit, callback: Callable[[], None]) -> None:
    """Call back once a date is chosen (typed and left, or picked in the calendar), not on every
    keystroke: saving rebuilds the list, which would pull the field from under the typing."""
    from PySide6.QtCore import QTimer

    edit.editingFinished.connect(callback)
    calendar = edit.calendarWidget()
    if calendar is not None:
        calendar.clicked.connect(lambda _d: QTimer.singleShot(0, callback))


def add_shown(layout: QLayout, widget: QWidget, *args) -> QWidget:
    """Add a widget to a list being rebuilt and show it now, not after the event loop's next turn:
    the keyboard's place, screen readers and the next line of code all see it at once."""
    layout.addWidget(widget, *args)
    widget.show()
    return widget
