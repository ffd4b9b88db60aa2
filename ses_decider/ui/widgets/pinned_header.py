"""A scroll area whose header stays in view while the rows scroll (as a table's header does).

The header sits in the viewport margin above the rows, exactly as wide as the viewport, so its
columns line up with the rows whether or not the scroll bar shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class PinnedHeaderScrollArea(QScrollArea):
    def __init__(self, header: QWidget, body: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.header = header
        self.setWidgetResizable(True)
        self.setWidget(body)
        self._clip = QWidget(self)  # clips the header where the rows are clipped
        self._clip.setAutoFillBackground(True)
        header.setParent(self._clip)
        header.installEventFilter(self)  # its height can change (fonts, a wrapped heading)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._place_header()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.header and event.type() == QEvent.Type.LayoutRequest:
            self._place_header()
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._place_header()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's name
        super().scrollContentsBy(dx, dy)
        if dx:
            self._place_header()  # scrolled sideways: the header moves with the columns

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        # Qt scrolls just enough to show the control Tab reached; show the most of what holds it
        # that fits (a factor's whole row, its name included), not only the slider.
        moved = super().focusNextPrevChild(next)
        focus, body = self.focusWidget(), self.widget()
        if moved and focus is not None and body is not None and body.isAncestorOf(focus):
            shown = focus
            while (
                shown.parentWidget() is not None
                and shown.parentWidget() is not body
                and shown.parentWidget().height() <= self.viewport().height()
            ):
                shown = shown.parentWidget()
            self.ensureWidgetVisible(shown, 0, 0)
        return moved

    def _place_header(self) -> None:
        height = self.header.sizeHint().height()
        if self.viewportMargins().top() != height:
            self.setViewportMargins(0, height, 0, 0)
        viewport = self.viewport().geometry()
        self._clip.setGeometry(viewport.x(), viewport.y() - height, viewport.width(), height)
        body = self.widget()
        left = body.x() if body is not None else 0
        width = max(viewport.width(), body.width() if body is not None else 0)
        self.header.setGeometry(left, 0, width, height)
        self._clip.raise_()
