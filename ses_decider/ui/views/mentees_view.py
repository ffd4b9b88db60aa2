"""The mentor's desk: every mentee at a glance (a sortable, filterable table and each one's score over
time), "Prepare a session…" for the current person, and their session log with what was agreed.

Everything shown is read with ``session.read`` from ses_decider.ops.mentoring; every change is an
operation run by the session (one undo step each).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.mentoring import AgreedAction, MentoringSession
from ses_decider.core.records import MENTOR
from ses_decider.ops import mentoring as mentoring_ops
from ses_decider.report.agenda import Agenda
from ses_decider.ui.session import Session
from ses_decider.ui.views.desk_table import NAME, PERSON_ROLE, DeskModel, DeskProxy, DeskTable
from ses_decider.ui.views.session_log import SessionLog
from ses_decider.ui.widgets.score_lines import ScoreLines


class MenteesView(QWidget):
    def __init__(
        self,
        session: Session,
        open_person: Callable[[int], None] | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.open_person = open_person or session.open_person
        self.today = today
        self.rows = []
        self._sized = False

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(
            "Type to filter: a name, a verdict, a quadrant, a date\u2026"
        )
        self.filter.setAccessibleName("Filter mentees")
        self.filter.setClearButtonEnabled(True)
        filter_label = QLabel("Fi&lter:")
        filter_label.setBuddy(self.filter)
        self.model = DeskModel(self)
        self.proxy = DeskProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = DeskTable()
        self.table.setModel(self.proxy)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.open_requested.connect(self._open)
        self.table.typed.connect(self._start_filter)
        self.open_button = self._button(
            "&Go to them on Decide",
            "Open the selected mentee on the Decide page",
            self.open_selected,
        )
        self.roster_button = self._button(
            "Roster PDF\u2026",
            "Save all mentees on one page for a program manager",
            self.save_roster,
        )
        self.chart = ScoreLines()
        self.chart.setMinimumWidth(280)

        top_bar = QHBoxLayout()
        top_bar.addWidget(filter_label)
        top_bar.addWidget(self.filter, 1)
        top_bar.addWidget(self.open_button)
        top_bar.addWidget(self.roster_button)
        desk = QWidget()
        desk_layout = QVBoxLayout(desk)
        desk_layout.setContentsMargins(0, 0, 0, 0)
        desk_layout.addLayout(top_bar)
        desk_layout.addWidget(self.table, 1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(desk)
        upper.addWidget(self.chart)
        upper.setSizes([820, 380])
        upper.setChildrenCollapsible(False)

        self.log_title = QLabel()
        self.log_title.setObjectName("sessionLogTitle")
        self.prepare_button = self._button(
            "Prepare a sess&ion\u2026", "Prepare a session: build the agenda", self.prepare_session
        )
        self.record_button = self._button(
            "Re&cord a session\u2026", "Record a session", lambda: self.record_session()
        )
        self.edit_button = self._button(
            "Edit sessio&n\u2026", "Edit the selected session", self.edit_selected
        )
        self.remove_button = self._button(
            "Remo&ve", "Remove the selected session or agreed action", self.remove_selected
        )
        self.log = SessionLog()
        self.log.tick_requested.connect(self.tick)
        self.log.edit_requested.connect(self.edit_session)
        log_bar = QHBoxLayout()
        log_bar.addWidget(self.log_title, 1)
        for button in (
            self.prepare_button,
            self.record_button,
            self.edit_button,
            self.remove_button,
        ):
            log_bar.addWidget(button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(log_bar)
        lower_layout.addWidget(self.log, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([430, 260])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # Showing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.session.flush()  # the desk reads what is stored: store what is on screen first
        today = self.today()
        self.rows = self.session.read(mentoring_ops.desk, today)
        person = self.session.person
        self.model.set_rows(self.rows, today)
        if not self._sized and self.rows:  # once: later the mentor's own column widths stay
            self.table.fit_columns(self.model.longest_texts())
            self._sized = True
        self.chart.show_rows(self.rows, person.id if person else None)
        if person is None:
            return
        self.log_title.setText(f"<b>Sessions with {_html(person.name)}</b>")
        self.prepare_button.setText(f"Prepare a sess&ion with {_short(person.name)}\u2026")
        sessions, actions = self.session.read(mentoring_ops.session_log, person.id)
        self.log.show_log(sessions, actions, today)

    def visible_names(self) -> list[str]:
        """The mentees' names in the order the table shows them (sorted and filtered)."""
        return [self.proxy.index(r, NAME).data() for r in range(self.proxy.rowCount())]

    # Commands -------------------------------------------------------------------------------
    def _open(self, person_id: int) -> None:
        self.open_person(person_id)

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.open_requested.emit(index.siblingAtColumn(NAME).data(PERSON_ROLE))

    def _start_filter(self, text: str) -> None:
        self.filter.setFocus()
        self.filter.setText(self.filter.text() + text)

    def current_agenda(self) -> Agenda:
        """The agenda built for the current person from what is on screen and stored."""
        person = self.session.person
        today = self.today()
        self.session.flush()
        items = self.session.read(
            mentoring_ops.person_agenda,
            person.id,
            today,
            self.session.assessment,
            self.session.view(MENTOR),
        )
        sessions, _ = self.session.read(mentoring_ops.session_log, person.id)
        evaluation = self.session.evaluation
        return Agenda(
            person.name,
            today,
            tuple(items),
            evaluation.verdict,
            evaluation.score,
            max((s.held_on for s in sessions), default=None),
        )

    def agenda_dialog(self):
        from ses_decider.ui.agenda_dialog import AgendaDialog

        return AgendaDialog(self.current_agenda(), self)

    def prepare_session(self, dialog=None) -> None:
        """Build the agenda; the mentor edits, prints or saves it, and may record the session."""
        dialog = dialog or self.agenda_dialog()
        if dialog.exec() and dialog.record:
            self.record_session(agenda=dialog.items())

    def session_dialog(self, agenda=None, session=None, actions=None):
        from ses_decider.ui.session_dialog import SessionDialog

        return SessionDialog(
            self.session.person.name, session, actions, agenda, today=self.today(), parent=self
        )

    def record_session(self, agenda=None, dialog=None) -> bool:
        dialog = dialog or self.session_dialog(agenda=agenda)
        if not dialog.exec():
            return False
        record = dialog.session_record()
        result = self.session.run(
            mentoring_ops.record_session,
            self.session.person.id,
            record,
            dialog.actions(record.id),
            today=self.today(),
            undo_text="Record a session",
        )
        return self._said(result)

    def edit_selected(self) -> None:
        chosen = self.log.selected_session()
        if chosen is not None:
            self.edit_session(chosen.id)

    def edit_session(self, session_id: str, dialog=None) -> bool:
        sessions, actions = self.session.read(mentoring_ops.session_log, self.session.person.id)
        found = next((s for s in sessions if s.id == session_id), None)
        if found is None:
            return False
        agreed = [a for a in actions if a.session_id == session_id]
        dialog = dialog or self.session_dialog(session=found, actions=agreed)
        if not dialog.exec():
            return False
        record = dialog.session_record()
        result = self.session.run(
            mentoring_ops.save_session,
            record,
            dialog.actions(record.id),
            undo_text="Edit a session",
        )
        return self._said(result)

    def remove_selected(self) -> None:
        record = self.log.selected_record()
        if isinstance(record, AgreedAction):
            self._said(
                self.session.run(
                    mentoring_ops.remove_action, record.id, undo_text="Remove an agreed action"
                )
            )
        elif isinstance(record, MentoringSession):
            answer = QMessageBox.question(
                self,
                "Remove the session",
                f"Remove the session of {record.held_on} and the actions it agreed? "
                "Edit \u203a Undo brings it back.",
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._said(
                    self.session.run(
                        mentoring_ops.remove_session, record.id, undo_text="Remove a session"
                    )
                )

    def tick(self, action_id: str, done: bool) -> None:
        self._said(
            self.session.run(
                mentoring_ops.set_action_done,
                action_id,
                done,
                undo_text="Tick an agreed action" if done else "Untick an agreed action",
            )
        )

    def save_roster(self, path: str = "") -> bool:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from ses_decider.report.agenda import KINDS, AgendaError, write_roster
        from ses_decider.ui.file_commands import suggested_path

        if not path:
            path, chosen = QFileDialog.getSaveFileName(
                self,
                "Save the roster",
                suggested_path(f"Mentees {self.today()}", ".pdf"),
                "PDF document (*.pdf);;Web page (*.html)",
            )
            if not path:
                return False
            if Path(path).suffix.lower() not in KINDS:
                path += ".html" if "html" in chosen else ".pdf"
        try:
            write_roster(self.rows, path, self.today())
        except AgendaError as exc:
            QMessageBox.warning(self, "Cannot save the roster", f"{exc}.")
            return False
        return True

    def _said(self, result) -> bool:
        window = self.window()
        if result is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(result.message, 5000)
        return result is not None


def _html(text: str) -> str:
    from html import escape

    return escape(text)


def _short(name: str, limit: int = 24) -> str:
    name = name.replace("&", "&&")
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"
