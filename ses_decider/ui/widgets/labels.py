"""Plain-text labels: bold by font rather than markup. A rich-text label is laid out as a document
(at every width when it wraps), which made the window's first layout twice as slow, and plain
text shows a title like "<Pay>" as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_label(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label
