"""The notices under the verdict (a review that is due, an action agreed): one line of its own that
is always there, so a notice coming or going never pushes the pages down. What does not fit the
line is cut with "…"; the tooltip and screen readers get every notice in full."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SEPARATOR = "  \u00b7  "


class NoticeStrip(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewBar")
        self.setTextFormat(Qt.TextFormat.PlainText)
        # A long notice never widens the window: it is cut to the width there is.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Notices")
        self._fit_height()
        self.set_notices([])

    def set_notices(self, lines: list[str]) -> None:
        self.lines = list(lines)
        self.setText(SEPARATOR.join(self.lines))
        self.setToolTip("\n".join(self.lines))
        self.setAccessibleDescription(" ".join(self.lines) or "No notices.")
        self.update()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()

    def _fit_height(self) -> None:
        self.setFixedHeight(self.fontMetrics().height() + 6)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        if not self.text():
            return
        painter = QPainter(self)
        rect = self.contentsRect().adjusted(4, 0, -4, 0)
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
        painter.end()
