"""A decision journal: when deciding, the reasons in a sentence or two, how sure (%), the paths turned
down and why; at the review date, how it went, beside what was expected then.

The dialog opens from this step and from History's decision box (`write_journal`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.deciding import JournalEntry, RejectedPath
from ses_decider.core.deciding_content import deciding_content
from ses_decider.core.deciding_summary import DecidingRecords
from ses_decider.core.explain import fmt
from ses_decider.core.records import Choice
from ses_decider.ops import deciding as ops
from ses_decider.ui.a11y import name_buttons
from ses_decider.ui.session import Session
from ses_decider.ui.views.deciding_common import (
    add_shown,
    card,
    clear_layout,
    date_edit,
    keeping_focus,
    named_field,
    step_heading,
    wrapped,
)

REJECTED_ROWS = 3
NOT_GIVEN = -1  # the confidence box's lowest value, shown as "not given"


class JournalDialog(QDialog):
    """Write a decision down: what, why, how sure, what was turned down, when to look again."""

    def __init__(self, today: date, decision: str = "", review_on: str | None = None, parent=None):
        super().__init__(parent)
        wording = deciding_content().journal
        self.today = today
        self.setWindowTitle("Write your decision in the journal")
        self.decision = QComboBox()
        self.decision.setEditable(True)
        self.decision.addItems([c.label for c in Choice])
        self.decision.setEditText(decision)
        self.decision.setAccessibleName("Your decision")
        self.decision.lineEdit().setAccessibleName("Your decision")
        self.reasons = QPlainTextEdit()
        self.reasons.setTabChangesFocus(True)
        self.reasons.setAccessibleName(wording.reasons_question)
        self.reasons.setMaximumHeight(90)
        self.confidence = QSpinBox()
        self.confidence.setRange(NOT_GIVEN, 100)
        self.confidence.setSpecialValueText("not given")
        self.confidence.setSuffix(" %")
        self.confidence.setValue(NOT_GIVEN)
        named_field(self.confidence, wording.confidence_question)
        self.rejected: list[tuple[QLineEdit, QLineEdit]] = []
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        for index in range(REJECTED_ROWS):
            path, why = QLineEdit(), QLineEdit()
            path.setPlaceholderText("A path you turned down")
            path.setAccessibleName(f"Rejected path {index + 1}")
            why.setPlaceholderText("and why")
            why.setAccessibleName(f"Why you turned down path {index + 1}")
            grid.addWidget(path, index, 0)
            grid.addWidget(why, index, 1)
            self.rejected.append((path, why))
        review = review_on or (today + timedelta(days=wording.review_after_days)).isoformat()
        self.review = date_edit(review, "Review date")
        self.error = wrapped("", "errorText")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("&Decision:", self.decision)
        form.addRow(wording.reasons_question, self.reasons)
        form.addRow(wording.confidence_question, self.confidence)
        form.addRow(wording.rejected_question, grid_host)
        form.addRow("&Look at it again on:", self.review)
        buttons = name_buttons(
            QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            )
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 0)
        self.result_entry: JournalEntry | None = None

    def entry(self) -> JournalEntry:
        """The entry as written; ValueError (a plain sentence) if it cannot be one."""
        confidence = self.confidence.value()
        rejected = tuple(
            RejectedPath(path.text(), why.text().strip())
            for path, why in self.rejected
            if path.text().strip()
        )
        return JournalEntry(
            decision=self.decision.currentText(),
            decided_on=self.today.isoformat(),
            review_on=self.review.date().toString("yyyy-MM-dd"),
            reasons=self.reasons.toPlainText().strip(),
            confidence=None if confidence == NOT_GIVEN else confidence,
            rejected=rejected,
        )

    def accept(self) -> None:
        try:
            self.result_entry = self.entry()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


def write_journal(
    session: Session, parent: QWidget, decision: str = "", today: date | None = None
) -> bool:
    """Open the journal dialog; OK records the entry with the verdict and a snapshot of today."""
    today = today or date.today()
    review_on = session.person.review_on if (session.person.review_on or "") > str(today) else None
    dialog = JournalDialog(today, decision, review_on, parent)
    if not dialog.exec() or dialog.result_entry is None:
        return False
    session.flush()
    result = session.run(
        ops.record_journal,
        session.person.id,
        dialog.result_entry,
        session.assessment.copy(),
        undo_text="Write in the journal",
    )
    return result is not None


def expected_html(entry: JournalEntry, score: float | None) -> str:
    """What the person wrote and expected when deciding."""
    parts = [f"<b>{escape(entry.decision)}</b>, decided on {escape(entry.decided_on)}."]
    if entry.verdict:
        then = f" (score {fmt(score)})" if score is not None else ""
        parts.append(f"The app's verdict then: {escape(entry.verdict)}{then}.")
    if entry.confidence is not None:
        parts.append(f"How sure you were: {entry.confidence}%.")
    if entry.reasons:
        parts.append(f"Why: {escape(entry.reasons)}")
    for rejected in entry.rejected:
        why = f": {escape(rejected.why)}" if rejected.why else ""
        parts.append(f"Turned down {escape(rejected.path)}{why}.")
    return "<br>".join(parts)


class JournalPanel(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.today: Callable[[], date] = date.today
        content = deciding_content()
        self.write_button = QPushButton("Write down a de&cision\u2026")
        self.write_button.setAccessibleName("Write down a decision in the journal")
        self.write_button.clicked.connect(self.write)
        self.entries_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(step_heading(content, content.step("journal")))
        layout.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.entries_layout)
        layout.addStretch(1)
        self.review_edits: dict[str, QPlainTextEdit] = {}

    def write(self) -> None:
        write_journal(self.session, self.window(), today=self.today())

    def show_records(self, records: DecidingRecords) -> None:
        keeping_focus(self, lambda: self._rebuild(records))

    def _rebuild(self, records: DecidingRecords) -> None:
        clear_layout(self.entries_layout)
        self.review_edits = {}
        if not records.journal:
            add_shown(self.entries_layout, wrapped("Nothing written yet.", "emptyText"))
        for entry in reversed(records.journal):  # the latest first
            add_shown(self.entries_layout, self._card(entry))

    def _card(self, entry: JournalEntry) -> QWidget:
        frame, layout = card()
        frame.setAccessibleName(f"Journal: {entry.decision} on {entry.decided_on}")
        review = self.session.read(ops.journal_review, self.session.person.id, entry.id)
        score = review.snapshot.score if review.snapshot else None
        due = entry.answered_on is None and entry.review_on <= self.today().isoformat()
        if due:
            layout.addWidget(
                wrapped(
                    f"<b>{escape(deciding_content().journal.review_question)}</b><br>"
                    "What you expected then:",
                    "reviewDue",
                    rich=True,
                )
            )
        layout.addWidget(wrapped(expected_html(entry, score), "expectedText", rich=True))
        if entry.answered_on is not None:
            layout.addWidget(
                wrapped(f"How it went ({entry.answered_on}): {entry.outcome}", "outcomeText")
            )
        elif due:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(80)
            edit.setAccessibleName(f"How did it go: {entry.decision}")
            save = QPushButton("Save how it went")
            save.setAccessibleName(f"Save how it went: {entry.decision}")
            save.clicked.connect(lambda _=False, e=entry, t=edit: self.answer(e, t.toPlainText()))
            layout.addWidget(edit)
            layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
            self.review_edits[entry.id] = edit
        else:
            layout.addWidget(wrapped(f"Review on {entry.review_on}.", "reviewOn"))
        remove = QPushButton("Remove")
        remove.setAccessibleName(f"Remove the journal entry {entry.decision}")
        remove.clicked.connect(lambda _=False, e=entry: self._remove(e))
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        return frame

    def answer(self, entry: JournalEntry, outcome: str) -> None:
        if not outcome.strip():
            return
        self.session.run(
            ops.answer_review,
            self.session.person.id,
            entry.id,
            outcome,
            self.today().isoformat(),
            undo_text="How it went",
        )

    def _remove(self, entry: JournalEntry) -> None:
        self.session.run(
            ops.remove_record,
            self.session.person.id,
            "journal",
            entry.id,
            undo_text="Remove a journal entry",
        )
