"""Small accessibility helpers shared by the views, and what assistive technology is told.

`install_accessibility` (once) adds a factory of accessible interfaces: rating sliders report their
value in points; a scroll bar gets a name from its scroll area ("Scroll Factors") and the text field
inside a spin box the spin box's name, so that no showing control reaches a screen reader without
a name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QScrollBar,
    QTableView,
)

_installed = False


def install_accessibility() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_interface_for)
        _installed = True


def _interface_for(_key: str, obj):
    """Asked for each object assistive technology meets; None: Qt's own interface."""
    from ses_decider.ui.widgets.sliders import RatingSlider, accessible_for

    if isinstance(obj, RatingSlider):
        return accessible_for(obj)
    if isinstance(obj, QScrollBar) and not obj.accessibleName():
        obj.setAccessibleName(scroll_bar_name(obj))
    elif isinstance(obj, QLineEdit) and not obj.accessibleName():
        owner = obj.parentWidget()  # the text field inside a spin or combo box: the box's name
        if isinstance(owner, (QAbstractSpinBox, QComboBox)) and owner.accessibleName():
            obj.setAccessibleName(owner.accessibleName())
    elif isinstance(obj, QAbstractButton) and not (obj.accessibleName() or obj.text()):
        if isinstance(obj.parentWidget(), QTableView):  # a table's top-left corner
            obj.setAccessibleName("Select all rows")
    return None


def scroll_bar_name(bar: QScrollBar) -> str:
    """ "Scroll Factors", from the scroll area the bar belongs to (or its window)."""
    direction = "sideways" if bar.orientation() == Qt.Orientation.Horizontal else ""
    owner = bar.parentWidget()
    while owner is not None and not isinstance(owner, QAbstractScrollArea):
        owner = owner.parentWidget()
    what = ""
    if owner is not None:
        what = owner.accessibleName() or owner.toolTip()
    if not what and bar.window() is not None:
        what = bar.window().windowTitle()
    return " ".join(part for part in ("Scroll", what or "the page", direction) if part)


def name_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Give each standard button its visible text (without the mnemonic) as its accessible name."""
    for button in box.buttons():
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", ""))
    return box
