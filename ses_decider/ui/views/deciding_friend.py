"""A friend's view: answer the lean of your heaviest factors again, for a friend in your position.

While the person answers, nothing on this panel shows their own leans: every slider starts in the
middle, marked "not answered yet", and the comparison is built only once they press Compare. Then
it shows where the two differ, the verdict of each version, and lets them keep either per factor.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.deciding import FriendView, friend_diff, friend_factors
from ses_decider.core.deciding_content import deciding_content
from ses_decider.core.deciding_summary import DecidingRecords
from ses_decider.core.explain import fmt
from ses_decider.core.model import Factor
from ses_decider.ops import deciding as ops
from ses_decider.ui.deciding_commands import DecidingCommands
from ses_decider.ui.session import Session
from ses_decider.ui.views.deciding_common import (
    add_shown,
    clear_layout,
    keeping_focus,
    step_heading,
    wrapped,
)

STEPS = 2  # half points, as in the table
NOT_ANSWERED = "not answered yet"


def _verdict(evaluation) -> str:
    score = "" if evaluation.score is None else f" (score {evaluation.score:.1f})"
    return evaluation.verdict.label + score


class FriendQuestion(QWidget):
    """One factor, asked in the third person, with a slider that knows nothing of the own lean."""

    def __init__(self, factor: Factor, parent=None):
        super().__init__(parent)
        wording = deciding_content().friend
        self.factor = factor
        self.answered = False
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-5 * STEPS, 5 * STEPS)
        self.slider.setPageStep(STEPS)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(STEPS * 5)
        self.slider.setValue(0)
        self.slider.setAccessibleName(f"For your friend: {factor.title}")
        self.slider.setAccessibleDescription(f"{wording.low} (-5) to {wording.high} (+5)")
        self.slider.valueChanged.connect(self._answer)
        self.slider.sliderPressed.connect(self._answer)
        self.value = wrapped(NOT_ANSWERED, "friendValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(wrapped(wording.ask(factor.title)))
        row = QHBoxLayout()
        row.addWidget(wrapped(wording.low))
        row.addWidget(self.slider, 2)
        row.addWidget(wrapped(wording.high))
        row.addWidget(self.value)
        layout.addLayout(row)

    def _answer(self, *_args) -> None:
        self.answered = True
        self.value.setText(fmt(self.lean, signed=True))

    @property
    def lean(self) -> float:
        return self.slider.value() / STEPS


class FriendPanel(QWidget):
    def __init__(self, session: Session, commands: DecidingCommands, parent=None):
        super().__init__(parent)
        self.session, self.commands = session, commands
        content = deciding_content()
        self.today = date.today
        self.questions: list[FriendQuestion] = []
        self.start_button = QPushButton("A&nswer for a friend")
        self.start_button.setAccessibleName("Answer again, for a friend in your position")
        self.start_button.clicked.connect(self.start)
        self.compare_button = QPushButton("C&ompare with my answers")
        self.compare_button.setAccessibleName("Compare with my own answers")
        self.compare_button.clicked.connect(self.compare)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Stop answering for a friend")
        self.cancel_button.clicked.connect(self.cancel)
        self.status = wrapped("", "friendStatus")
        self.asking = QWidget()
        self.asking_layout = QVBoxLayout(self.asking)
        self.asking_layout.setContentsMargins(0, 0, 0, 0)
        self.comparison = QWidget()
        self.comparison_layout = QVBoxLayout(self.comparison)
        self.comparison_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        done = QHBoxLayout()  # below the questions: answered, then compare
        done.addWidget(self.compare_button)
        done.addWidget(self.cancel_button)
        done.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(step_heading(content, content.step("friend_view")))
        layout.addWidget(wrapped(content.friend.intro))
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.asking)
        layout.addLayout(done)
        layout.addWidget(self.comparison)
        layout.addStretch(1)
        self._set_asking(False)
        self.view: FriendView | None = None

    @property
    def answering(self) -> bool:
        return bool(self.questions)

    def _set_asking(self, on: bool) -> None:
        self.asking.setVisible(on)
        self.compare_button.setVisible(on)
        self.cancel_button.setVisible(on)
        self.start_button.setVisible(not on)
        self.comparison.setVisible(not on)

    # Answering ----------------------------------------------------------------------------------
    def start(self) -> None:
        factors = friend_factors(self.session.assessment)
        if not factors:
            self.status.setText(
                "Give a few factors a weight and a lean first; then answer them for a friend."
            )
            return
        clear_layout(self.asking_layout)
        clear_layout(self.comparison_layout)  # nothing of the own answers while asking
        self.questions = [FriendQuestion(f) for f in factors]
        for question in self.questions:
            add_shown(self.asking_layout, question)
        self.status.setText(
            f"{len(factors)} factors, your heaviest. Answer for your friend, not for yourself."
        )
        self._set_asking(True)
        self.questions[0].slider.setFocus()

    def cancel(self) -> None:
        self.questions = []
        clear_layout(self.asking_layout)
        self._set_asking(False)
        self.status.setText("")
        self._show_comparison()

    def compare(self) -> None:
        leans = {q.factor.id: q.lean for q in self.questions if q.answered}
        if not leans:
            self.status.setText("Answer at least one factor for your friend first.")
            return
        view = FriendView(leans, self.today().isoformat())
        result = self.session.run(
            ops.put_record, self.session.person.id, view, undo_text="A friend's view"
        )
        if result is None:
            return
        self.questions = []
        clear_layout(self.asking_layout)
        self._set_asking(False)
        self.status.setText("")
        self._show_comparison()
        self.start_button.setFocus()

    # The comparison -----------------------------------------------------------------------------
    def show_records(self, records: DecidingRecords) -> None:
        self.view = records.latest_friend_view
        if self.answering:
            return  # answers in progress stay as they are, and the comparison stays hidden
        keeping_focus(self, self._show_comparison)

    def _show_comparison(self) -> None:
        clear_layout(self.comparison_layout)
        if self.view is None:
            self.start_button.setText("A&nswer for a friend")
            return
        self.start_button.setText("A&nswer for a friend again")
        diff = friend_diff(self.session.assessment, self.view)
        wording = deciding_content().friend
        lines = [
            f"<b>Your friend's view of {escape(self.view.taken_on)}.</b> {escape(wording.compare)}",
            f"Your verdict: <b>{escape(_verdict(diff.own))}</b>. "
            f"With your answers for your friend: <b>{escape(_verdict(diff.friend))}</b>"
            + (" \u2014 a different verdict." if diff.verdict_changes else "."),
        ]
        if not diff.differing:
            lines.append("You answered every factor the same way for your friend as for yourself.")
        summary = wrapped("<br>".join(lines), "friendSummary", rich=True)
        add_shown(self.comparison_layout, summary)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for column, heading in enumerate(
            ("Factor", "Yours", "For your friend", "Verdict if you kept it", "")
        ):
            grid.addWidget(wrapped(f"<b>{heading}</b>", rich=True), 0, column)
        for index, row in enumerate(diff.rows, start=1):
            grid.addWidget(wrapped(row.title), index, 0)
            grid.addWidget(wrapped(fmt(row.own_lean, signed=True)), index, 1)
            grid.addWidget(wrapped(fmt(row.friend_lean, signed=True)), index, 2)
            grid.addWidget(wrapped(row.verdict_if_kept.label), index, 3)
            grid.addLayout(self._keep_buttons(row), index, 4)
        add_shown(self.comparison_layout, grid_host)

    def _keep_buttons(self, row) -> QHBoxLayout:
        box = QHBoxLayout()
        kept = self.view.kept.get(row.factor_id)
        if not row.differs:
            box.addWidget(wrapped("the same" if kept is None else f"kept ({kept})"))
            return box
        mine = QPushButton("Keep mine")
        mine.setAccessibleName(f"Keep your own answer for {row.title}")
        mine.clicked.connect(
            lambda _=False, f=row.factor_id: self.commands.keep_own_answer(self.view, f)
        )
        theirs = QPushButton("Keep my friend's")
        theirs.setAccessibleName(f"Keep your answer for your friend for {row.title}")
        theirs.clicked.connect(
            lambda _=False, f=row.factor_id: self.commands.keep_friend_answer(self.view, f)
        )
        box.addWidget(mine)
        box.addWidget(theirs)
        if kept == "own":
            box.addWidget(wrapped("kept yours"))
        return box
