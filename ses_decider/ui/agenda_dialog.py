"""Prepare a session: the agenda built from the data, which the mentor reorders, edits, trims and adds
to, then prints (one page), saves as PDF or HTML, or takes into "Record a session"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ses_decider.core.mentoring import AgendaItem
from ses_decider.report.agenda import Agenda

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class AgendaDialog(QDialog):
    """``record`` is True after "Record this session…": the caller opens the session dialog with
    `agenda()` as the agenda used."""

    def __init__(self, agenda: Agenda, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Prepare a session with {agenda.person}")
        self.base = agenda
        self.record = False
        intro = QLabel(
            "Built from both views, the readiness roadmap and what was agreed. Drag items or use "
            "the buttons to reorder; double-click an item to edit its words."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Agenda items")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        for item in agenda.items:
            self._append(item)
        self.list.itemChanged.connect(self._on_edited)
        if self.list.count():
            self.list.setCurrentRow(0)

        self.up = self._button("Move &up", "Move the selected item up", lambda: self.move(-1))
        self.down = self._button("Move &down", "Move the selected item down", lambda: self.move(1))
        self.remove = self._button("Re&move", "Remove the selected item", self.remove_current)
        self.add = self._button("&Add an item\u2026", "Add an item of your own", self.add_own)
        side = QVBoxLayout()
        for button in (self.up, self.down, self.remove, self.add):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)

        self.print_button = self._button("&Print\u2026", "Print the agenda", self.print_agenda)
        self.save_button = self._button(
            "&Save as PDF or HTML\u2026", "Save the agenda as a PDF or a web page", self.save_agenda
        )
        self.record_button = self._button(
            "&Record this session\u2026", "Record the session with this agenda", self._record
        )
        close = self._button("Close", "Close without recording", self.reject)
        bottom = QHBoxLayout()
        for button in (self.print_button, self.save_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.record_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        self.resize(760, 520)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # The items ------------------------------------------------------------------------------
    def _append(self, item: AgendaItem, row: int | None = None) -> None:
        entry = QListWidgetItem(item.text)
        entry.setData(ITEM_ROLE, item)
        entry.setToolTip(item.heading)
        entry.setData(Qt.ItemDataRole.AccessibleDescriptionRole, item.heading)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
        if row is None:
            self.list.addItem(entry)
        else:
            self.list.insertItem(row, entry)

    def _on_edited(self, entry: QListWidgetItem) -> None:
        item = entry.data(ITEM_ROLE)
        text = entry.text().strip()
        if item is None or text == item.text:
            return
        if not text:  # an item needs words: an emptied one keeps its old words
            entry.setText(item.text)
            return
        entry.setData(ITEM_ROLE, replace(item, text=text))

    def items(self) -> list[AgendaItem]:
        """The agenda as it now stands, in order."""
        return [self.list.item(i).data(ITEM_ROLE) for i in range(self.list.count())]

    def texts(self) -> list[str]:
        return [item.text for item in self.items()]

    def agenda(self) -> Agenda:
        return replace(self.base, items=tuple(self.items()))

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        entry = self.list.takeItem(row)
        self.list.insertItem(target, entry)
        self.list.setCurrentRow(target)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def add_own(self, text: str | None = None) -> None:
        """Add an item of the mentor's own after the selected one (asks for its words)."""
        if text is None:
            text, ok = QInputDialog.getText(self, "Add an agenda item", "What to talk about:")
            if not ok:
                return
        text = text.strip()
        if not text:
            return
        row = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        self._append(AgendaItem("own", text), row)
        self.list.setCurrentRow(row)

    # Out of the dialog ---------------------------------------------------------------------
    def save_agenda(self, path: str = "") -> bool:
        from ses_decider.report.agenda import KINDS, AgendaError, write_agenda
        from ses_decider.ui.file_commands import suggested_path

        if not path:
            path, chosen = QFileDialog.getSaveFileName(
                self,
                "Save the agenda",
                suggested_path(f"{self.base.person} - agenda {self.base.day}", ".pdf"),
                "PDF document (*.pdf);;Web page (*.html)",
            )
            if not path:
                return False
            if Path(path).suffix.lower() not in KINDS:
                path += ".html" if "html" in chosen else ".pdf"
        try:
            write_agenda(self.agenda(), path)
        except AgendaError as exc:
            QMessageBox.warning(self, "Cannot save the agenda", f"{exc}.")
            return False
        return True

    def print_agenda(self, printer=None) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ses_decider.report.agenda import print_agenda

        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return False
        try:
            print_agenda(self.agenda(), printer)
        except OSError as exc:
            QMessageBox.warning(self, "Cannot print", f"The agenda could not be printed: {exc}.")
            return False
        return True

    def _record(self) -> None:
        self.record = True
        self.accept()
