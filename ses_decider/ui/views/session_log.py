"""The current person's session log: each session (newest first) with the actions it agreed; a tick
box marks an action done. Asks for changes with signals; the Mentees page runs the operations."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from ses_decider.core.mentoring import AgreedAction, MentoringSession

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT, WHO, DUE = range(3)


def _first_line(text: str, limit: int = 90) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


class SessionLog(QTreeWidget):
    tick_requested = Signal(str, bool)  # action id, done
    edit_requested = Signal(str)  # session id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["Session / agreed action", "Who", "By when"])
        self.header().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        for column in (WHO, DUE):
            self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName("Session log")
        self.itemChanged.connect(self._on_item_changed)
        self.itemDoubleClicked.connect(self._on_double_click)

    def show_log(
        self,
        sessions: list[MentoringSession],
        actions: list[AgreedAction],
        today: date | None = None,
    ) -> None:
        today = today or date.today()
        selected = self.selected_record()
        selected_id = selected.id if selected is not None else None
        by_session: dict[str, list[AgreedAction]] = {}
        for action in actions:
            by_session.setdefault(action.session_id, []).append(action)
        with QSignalBlocker(self):
            self.clear()
            for session in sorted(sessions, key=lambda s: (s.held_on, s.updated_at), reverse=True):
                agreed = by_session.get(session.id, [])
                notes = _first_line(session.notes)
                text = f"{session.held_on} \u2014 {len(session.agenda)} agenda item(s)"
                text += f", {len(agreed)} action(s)" + (f": {notes}" if notes else "")
                top = QTreeWidgetItem([text, "", ""])
                top.setData(TEXT, RECORD_ROLE, session)
                top.setToolTip(TEXT, session.notes or "No notes.")
                self.addTopLevelItem(top)
                for action in agreed:
                    child = QTreeWidgetItem([action.what, action.who, action.due or "\u2013"])
                    child.setData(TEXT, RECORD_ROLE, action)
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    child.setCheckState(
                        TEXT, Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked
                    )
                    if action.is_due(today):
                        child.setText(DUE, f"{action.due} (due)")
                    top.addChild(child)
                top.setExpanded(True)
                if session.id == selected_id:
                    self.setCurrentItem(top)
                for i in range(top.childCount()):
                    if top.child(i).data(TEXT, RECORD_ROLE).id == selected_id:
                        self.setCurrentItem(top.child(i))

    def selected_record(self) -> MentoringSession | AgreedAction | None:
        item = self.currentItem()
        return item.data(TEXT, RECORD_ROLE) if item is not None else None

    def selected_session(self) -> MentoringSession | None:
        """The selected session, or the session of the selected action."""
        item = self.currentItem()
        if item is None:
            return None
        if item.parent() is not None:
            item = item.parent()
        return item.data(TEXT, RECORD_ROLE)

    def action_items(self) -> list[QTreeWidgetItem]:
        return [
            self.topLevelItem(i).child(j)
            for i in range(self.topLevelItemCount())
            for j in range(self.topLevelItem(i).childCount())
        ]

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        record = item.data(TEXT, RECORD_ROLE)
        if column == TEXT and isinstance(record, AgreedAction):
            done = item.checkState(TEXT) == Qt.CheckState.Checked
            if done != record.done:
                # After this signal returns: the tick redraws the log, which deletes this item.
                QTimer.singleShot(0, lambda: self.tick_requested.emit(record.id, done))

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is not None:
            item = item.parent()
        record_id = item.data(TEXT, RECORD_ROLE).id
        QTimer.singleShot(0, lambda: self.edit_requested.emit(record_id))
