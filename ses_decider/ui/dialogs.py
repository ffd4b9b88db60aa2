"""Small dialogs: a new person, a factor of one's own, a note, the formula."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.model import Factor
from ses_decider.ui.a11y import name_buttons


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return name_buttons(box)


class FactorDialog(QDialog):
    """Add a factor of one's own: a title, the pro side and the con side."""

    def __init__(self, taken_ids: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add a factor of your own")
        self.taken_ids = taken_ids
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(60)
        self.title_edit.setAccessibleName("Factor title")
        self.pro_edit = QLineEdit()
        self.pro_edit.setAccessibleName("Pro side")
        self.con_edit = QLineEdit()
        self.con_edit.setAccessibleName("Con side")
        self.error = QLabel()
        self.error.setStyleSheet("color: #a4262c")
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Pro (what is good about it for you):", self.pro_edit)
        form.addRow("&Con (what is hard about it for you):", self.con_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        self.resize(520, 0)

    def accept(self) -> None:
        if not all(e.text().strip() for e in (self.title_edit, self.pro_edit, self.con_edit)):
            self.error.setText("Fill in the title, the pro side and the con side.")
            return
        super().accept()

    def factor(self) -> Factor:
        title = self.title_edit.text().strip()
        base = "my_" + (re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "factor")
        base = base[:36]
        factor_id, n = base, 2
        while factor_id in self.taken_ids:
            factor_id, n = f"{base}_{n}", n + 1
        return Factor(
            factor_id,
            title,
            self.pro_edit.text().strip(),
            self.con_edit.text().strip(),
            custom=True,
        )


class NoteDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Note on {title}")
        self.edit = QPlainTextEdit(text)
        self.edit.setAccessibleName(f"Note on {title}")
        self.edit.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(_buttons(self))
        self.resize(480, 260)

    def text(self) -> str:
        return self.edit.toPlainText()


class FormulaDialog(QDialog):
    """How the score is computed, with the person's own numbers: all of it, at any size (the text
    scrolls if the screen is too small for it)."""

    def __init__(self, lines: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("How is this computed?")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml("".join(f"<p>{escape(line)}</p>" for line in lines))
        self.text.setAccessibleName("How the score is computed")
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.text.viewport().setAutoFillBackground(False)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(name_buttons(box))
        self._fit()

    def _fit(self) -> None:
        """As wide as 640 and as tall as the text needs, within the screen's available area."""
        room = self.screen().availableGeometry()
        width = min(640, room.width() - 40)
        document = self.text.document()
        document.setTextWidth(width - 32)  # the dialog's margins around the text
        height = int(document.size().height()) + 8
        self.text.setMinimumHeight(min(height, room.height() // 2))
        self.resize(width, min(height + 70, room.height() - 60))
