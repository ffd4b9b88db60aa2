"""Interview practice: per ECQ a question (the least practised next), a timer with the target length,
notes, the person's rating of each answer and, in a session, the mentor's, side by side in a history.

An answer is kept when the timer stops (``record_practice``); ratings and notes are then given to
the answer chosen in the history (``rate_practice``, ``edit_practice``), each an undo step.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.applying_content import applying_content
from ses_decider.core.practice import PracticeSession, next_question, practice_summary, timing
from ses_decider.core.practice import rules_text as practice_rules
from ses_decider.ops import applying as ops
from ses_decider.ui.session import Session
from ses_decider.ui.widgets.answer_timer import AnswerTimer, clock_text

SAVE_AFTER_MS = 800
HISTORY_COLUMNS = ("When", "ECQ", "Question", "Time", "You", "Mentor", "Notes")
NOT_RATED = "Not rated"


def _average(value: float | None) -> str:
    return "\u2014" if value is None else f"{value:.1f}"


class PracticePanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.content = applying_content()
        self.ecqs: list[tuple[str, str]] = []
        self.sessions: list[PracticeSession] = []
        self.selected_id: str | None = None  # the answer the ratings and notes are about
        self.question = None  # the question on screen
        self._skip = 0  # "Another question" steps along the least practised ones
        self._person_id: int | None = None
        self._started_at = ""
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(SAVE_AFTER_MS)
        self._notes_timer.timeout.connect(self.save_notes)

        self.ecq_choice = QComboBox()
        self.ecq_choice.setAccessibleName("ECQ to practise")
        self.ecq_choice.currentIndexChanged.connect(self._on_ecq_chosen)
        self.question_text = QLabel()
        self.question_text.setWordWrap(True)
        self.question_text.setAccessibleName("Interview question")
        self.question_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.question_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.another = QPushButton("Another question")
        self.another.setAccessibleName("Another question for this ECQ")
        self.another.clicked.connect(self.another_question)
        self.strong = QLabel()
        self.strong.setWordWrap(True)
        self.strong.setTextFormat(Qt.TextFormat.RichText)
        self.target = QSpinBox()
        self.target.setRange(1, 10)
        self.target.setSuffix(" min")
        self.target.setAccessibleName("Target length of the answer, in minutes")
        self.target.valueChanged.connect(lambda m: self.timer.set_target(m * 60))
        self.timer = AnswerTimer(self.content.answer_length.target_seconds)
        self.timer.started.connect(self._on_started)
        self.timer.stopped.connect(self._on_stopped)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes on this answer")
        self.notes.setPlaceholderText("What went well, what to tell differently next time.")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.notes.textChanged.connect(self._notes_typed)
        self.self_rating = self._rating_combo("Your rating of this answer")
        self.self_rating.currentIndexChanged.connect(lambda i: self._rate("self", self.self_rating))
        self.mentor_rating = self._rating_combo("The mentor's rating of this answer")
        self.mentor_rating.currentIndexChanged.connect(
            lambda i: self._rate("mentor", self.mentor_rating)
        )

        left = QWidget()
        form = QFormLayout(left)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("ECQ:", self.ecq_choice)
        form.addRow("Question:", self.question_text)
        another_line = QHBoxLayout()
        another_line.addWidget(self.another)
        another_line.addStretch(1)
        form.addRow("", another_line)
        form.addRow("A strong answer:", self.strong)
        form.addRow("Target:", self.target)
        form.addRow("Timer:", self.timer)
        form.addRow("Notes:", self.notes)
        form.addRow("Your rating:", self.self_rating)
        form.addRow("Mentor's rating:", self.mentor_rating)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Practice so far")
        self.history = QTableWidget(0, len(HISTORY_COLUMNS))
        self.history.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move
        self.history.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.history.setAccessibleName("Practised answers, the newest first")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.verticalHeader().hide()
        header = self.history.horizontalHeader()
        for column in range(len(HISTORY_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 6):  # the ECQ, the question and the notes share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)
        self.history.itemSelectionChanged.connect(self._on_history_chosen)
        self.remove_button = QPushButton("Remove answer")
        self.remove_button.setAccessibleName("Remove the chosen answer")
        self.remove_button.clicked.connect(self.remove_answer)
        rules = QLabel("\n".join(practice_rules()))
        rules.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.history, 1)
        right_layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(rules)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 640])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _rating_combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(NOT_RATED, None)
        for value, label in enumerate(self.content.answer_rating.labels):
            combo.addItem(label, value)
        combo.setAccessibleName(name)
        combo.setToolTip(self.content.answer_rating.text)
        return combo

    # Showing ----------------------------------------------------------------------------------
    @property
    def ecq_id(self) -> str | None:
        return self.ecq_choice.currentData()

    def refresh(self, ecqs: list[tuple[str, str]]) -> None:
        person_id = self.session.person.id
        if person_id != self._person_id:
            before, self._person_id = self._person_id, person_id
            if self._notes_timer.isActive() and before is not None:
                self._save_notes(before, undo_text=None)
            self.timer.reset()  # an answer under way belonged to the previous person
            self.selected_id = None
        if ecqs != self.ecqs:
            self.ecqs = list(ecqs)
            current = self.ecq_id
            with QSignalBlocker(self.ecq_choice):
                self.ecq_choice.clear()
                for ecq_id, title in ecqs:
                    self.ecq_choice.addItem(title, ecq_id)
                index = self.ecq_choice.findData(current)
                self.ecq_choice.setCurrentIndex(max(0, index))
            self._skip = 0
        self.sessions = self.session.read(ops.practice_of, person_id)
        if self.selected_id not in {s.id for s in self.sessions}:
            self.selected_id = None
        self._show_question()
        self._fill_history()
        self._show_selected()

    def _show_question(self) -> None:
        ecq = self.ecq_id
        if ecq is None:
            return
        practice = self.content.for_ecq(ecq)
        ranked, left = [], list(practice.questions)
        while left:  # the least practised first, as core.practice.next_question picks them
            ranked.append(next_question(ecq, self.sessions, left))
            left.remove(ranked[-1])
        self.question = ranked[self._skip % len(ranked)]
        counts = {q.id: 0 for q in practice.questions}
        for s in self.sessions:
            if s.ecq_id == ecq and s.question_id in counts:
                counts[s.question_id] += 1
        times = counts[self.question.id]
        said = "not practised yet" if not times else f"practised {times} time{'s' * (times > 1)}"
        self.question_text.setText(f"{self.question.text} ({said})")
        self.strong.setText("<ul>" + "".join(f"<li>{t}</li>" for t in practice.strong_answer))
        if not self.timer.running:
            with QSignalBlocker(self.target):
                self.target.setValue(max(1, round(practice.target_seconds / 60)))
            self.timer.set_target(self.target.value() * 60)

    def _fill_history(self) -> None:
        names = dict(self.ecqs)
        newest = sorted(self.sessions, key=lambda s: s.started_at, reverse=True)
        with QSignalBlocker(self.history):
            self.history.setRowCount(len(newest))
            for row, s in enumerate(newest):
                question = self._question_text(s.question_id)
                cells = (
                    s.started_at[:16].replace("T", " "),
                    names.get(s.ecq_id, s.ecq_id),
                    question,
                    f"{clock_text(s.duration_seconds)} of {clock_text(s.target_seconds)}, "
                    f"{timing(s)}",
                    NOT_RATED if s.self_rating is None else str(s.self_rating),
                    NOT_RATED if s.mentor_rating is None else str(s.mentor_rating),
                    s.notes,
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    item.setData(Qt.ItemDataRole.UserRole, s.id)
                    self.history.setItem(row, column, item)
                if s.id == self.selected_id:
                    self.history.selectRow(row)
            if self.selected_id is None:
                self.history.clearSelection()
        self.history.resizeRowsToContents()
        summary = practice_summary(self.sessions, [self.ecq_id] if self.ecq_id else [])
        entry = summary.get(self.ecq_id)
        if entry is None or not entry.sessions:
            self.summary.setText("No answers practised for this ECQ yet.")
        else:
            self.summary.setText(
                f"{names.get(self.ecq_id, self.ecq_id)}: {entry.sessions} answer"
                f"{'s' * (entry.sessions > 1)}; your average {_average(entry.average_self)}, "
                f"your mentor's {_average(entry.average_mentor)} (0 to 4)."
            )

    def _question_text(self, question_id: str) -> str:
        try:
            return self.content.question(question_id).text
        except KeyError:
            return question_id  # a question no longer in the content

    def _show_selected(self) -> None:
        chosen = self._selected()
        for combo, value in (
            (self.self_rating, chosen.self_rating if chosen else None),
            (self.mentor_rating, chosen.mentor_rating if chosen else None),
        ):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)
        if not self.timer.running and not self._notes_timer.isActive():
            text = chosen.notes if chosen else ""
            if self.notes.toPlainText() != text:
                with QSignalBlocker(self.notes):
                    self.notes.setPlainText(text)

    def _selected(self) -> PracticeSession | None:
        return next((s for s in self.sessions if s.id == self.selected_id), None)

    # Doing ------------------------------------------------------------------------------------
    def _on_ecq_chosen(self, _index: int) -> None:
        self._skip = 0
        self._show_question()
        self._fill_history()

    def another_question(self) -> None:
        self._skip += 1
        self._show_question()

    def _on_started(self) -> None:
        self.save_notes()
        self._started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.selected_id = None
        self.history.clearSelection()
        with QSignalBlocker(self.notes):
            self.notes.clear()
        self._show_selected()
        self.ecq_choice.setEnabled(False)
        self.another.setEnabled(False)

    def _on_stopped(self, seconds: float) -> None:
        self.ecq_choice.setEnabled(True)
        self.another.setEnabled(True)
        answer = PracticeSession(
            ecq_id=self.ecq_id,
            question_id=self.question.id,
            started_at=self._started_at,
            duration_seconds=round(seconds, 1),
            target_seconds=self.timer.target_seconds,
            notes=self.notes.toPlainText(),
        )
        self.selected_id = answer.id  # refresh (run by the operation) chooses it
        self._skip = 0
        self.session.run(
            ops.record_practice, self.session.person.id, answer, undo_text="Practice answer"
        )
        self.self_rating.setFocus()  # rate it next

    def _rate(self, who: str, combo: QComboBox) -> None:
        if self.selected_id is None:
            return
        chosen = self._selected()
        value = combo.currentData()
        if chosen is None or getattr(chosen, f"{who}_rating") == value:
            return
        text = "Rate your answer" if who == "self" else "Mentor's rating"
        self.session.run(
            ops.rate_practice, self.session.person.id, chosen.id, who, value, undo_text=text
        )

    def _on_history_chosen(self) -> None:
        rows = self.history.selectionModel().selectedRows()
        if not rows:
            return
        self.save_notes()
        self.selected_id = self.history.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        self._show_selected()

    def _notes_typed(self) -> None:
        if self.selected_id is not None and not self.timer.running:
            self._notes_timer.start()

    def save_notes(self) -> None:
        if self._person_id is not None and self._notes_timer.isActive():
            self._save_notes(self._person_id, undo_text="Notes on an answer")

    def _save_notes(self, person_id: int, undo_text: str | None) -> None:
        self._notes_timer.stop()
        chosen = self._selected()
        if chosen is None or chosen.notes == self.notes.toPlainText():
            return
        self.session.run(
            ops.edit_practice,
            person_id,
            replace(chosen, notes=self.notes.toPlainText()),
            undo_text=undo_text,
        )

    def remove_answer(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        self._notes_timer.stop()
        self.session.run(
            ops.remove_practice, self.session.person.id, chosen.id, undo_text="Remove answer"
        )

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.save_notes()
        super().hideEvent(event)
