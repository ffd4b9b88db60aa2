"""Record (or edit) a mentoring session: the day, the agenda as it was used, notes, and the actions
agreed, each with what, who, by when and done. Nothing is stored here: the caller runs the operation
with `session_record()` and `actions()`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ses_decider.core.deciding_records import new_id
from ses_decider.core.mentoring import AgendaItem, AgreedAction, MentoringSession

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
WHAT, WHO, DUE, DONE = range(4)
WHO_DEFAULT = "Mentee"


class SessionDialog(QDialog):
    def __init__(
        self,
        person: str,
        session: MentoringSession | None = None,
        actions: list[AgreedAction] | None = None,
        agenda: list[AgendaItem] | None = None,
        today: date | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.original = session
        self._new_id = new_id()  # a new session's id, the same however often it is read
        self.setWindowTitle(
            f"Edit the session of {session.held_on}"
            if session
            else f"Record a session with {person}"
        )
        day = date.fromisoformat(session.held_on) if session else (today or date.today())
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName("Day of the session")
        self.day.lineEdit().setAccessibleName("Day of the session, YYYY-MM-DD")

        self.agenda_list = QListWidget()
        self.agenda_list.setAccessibleName("Agenda as used")
        self.agenda_list.setWordWrap(True)
        self.agenda_list.setAlternatingRowColors(True)
        for item in session.agenda if session else (agenda or []):
            entry = QListWidgetItem(item.text)
            entry.setData(ITEM_ROLE, item)
            entry.setToolTip(item.heading)
            self.agenda_list.addItem(entry)
        drop = QPushButton("Not disc&ussed")
        drop.setAccessibleName("Take the selected item off the agenda as used")
        drop.clicked.connect(self.drop_agenda_item)

        self.notes = QPlainTextEdit(session.notes if session else "")
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("What was said, what was decided")
        self.notes.setTabChangesFocus(True)

        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move
        self.table.setHorizontalHeaderLabels(["What", "Who", "By when (YYYY-MM-DD)", "Done"])
        self.table.setAccessibleName("Agreed actions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            DUE, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().hide()
        for action in actions or []:
            self.add_action(action)
        add = QPushButton("&Add an action")
        add.setAccessibleName("Add an agreed action")
        add.clicked.connect(lambda: self.add_action())
        remove = QPushButton("Re&move action")
        remove.setAccessibleName("Remove the selected agreed action")
        remove.clicked.connect(self.remove_action)

        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save the session")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            "Close without saving"
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Day:", self.day)
        agenda_row = QHBoxLayout()
        agenda_row.addWidget(self.agenda_list, 1)
        agenda_row.addWidget(drop, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("Agenda as used:", agenda_row)
        form.addRow("&Notes:", self.notes)
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(add)
        action_buttons.addWidget(remove)
        action_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Agreed actions:"))
        layout.addWidget(self.table, 1)
        layout.addLayout(action_buttons)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(720, 640)

    # Editing --------------------------------------------------------------------------------
    def drop_agenda_item(self) -> None:
        row = self.agenda_list.currentRow()
        if row >= 0:
            self.agenda_list.takeItem(row)

    def add_action(self, action: AgreedAction | None = None) -> int:
        """A row for an action (a blank one to fill in without ``action``); returns its row."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        what = QTableWidgetItem(action.what if action else "")
        what.setData(ITEM_ROLE, action)
        self.table.setItem(row, WHAT, what)
        self.table.setItem(row, WHO, QTableWidgetItem(action.who if action else WHO_DEFAULT))
        self.table.setItem(row, DUE, QTableWidgetItem((action.due or "") if action else ""))
        done = QTableWidgetItem()
        done.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        done.setCheckState(
            Qt.CheckState.Checked if action and action.done else Qt.CheckState.Unchecked
        )
        self.table.setItem(row, DONE, done)
        if action is None:
            self.table.setCurrentCell(row, WHAT)
        return row

    def set_action(self, row: int, what: str, who: str = WHO_DEFAULT, due: str = "") -> None:
        """Fill in a row (as typing into its cells does)."""
        self.table.item(row, WHAT).setText(what)
        self.table.item(row, WHO).setText(who)
        self.table.item(row, DUE).setText(due)

    def remove_action(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    # Reading back ---------------------------------------------------------------------------
    def session_record(self) -> MentoringSession:
        """The session as entered (the edited copy of the original, same id)."""
        held_on = self.day.date().toString("yyyy-MM-dd")
        agenda = tuple(
            self.agenda_list.item(i).data(ITEM_ROLE) for i in range(self.agenda_list.count())
        )
        notes = self.notes.toPlainText()
        if self.original is not None:
            kept = self.original
            if held_on != kept.held_on:  # the score stored was that of the day first given
                kept = replace(kept, score=None, verdict=None)
            return replace(kept, held_on=held_on, agenda=agenda, notes=notes)
        return MentoringSession(held_on=held_on, agenda=agenda, notes=notes, id=self._new_id)

    def actions(self, session_id: str) -> list[AgreedAction]:
        """The actions as entered; rows left without words are skipped. ValueError (plain words,
        naming the row) for a date that is not a date."""
        out = []
        for row in range(self.table.rowCount()):
            what = self.table.item(row, WHAT).text().strip()
            if not what:
                continue
            who = self.table.item(row, WHO).text().strip() or WHO_DEFAULT
            due = self.table.item(row, DUE).text().strip() or None
            done = self.table.item(row, DONE).checkState() == Qt.CheckState.Checked
            before = self.table.item(row, WHAT).data(ITEM_ROLE)
            try:
                if before is None:
                    out.append(AgreedAction(session_id, what, who, due, done))
                else:
                    out.append(
                        replace(
                            before, session_id=session_id, what=what, who=who, due=due, done=done
                        )
                    )
            except ValueError as exc:
                raise ValueError(f"Action {row + 1}: {exc}") from None
        return out

    def accept(self) -> None:
        try:
            record = self.session_record()
            self.actions(record.id)
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()
