"""Mentor mode: the mentor weighs on their own, then reveals; differences ranked by how much each
would move the mentee's score; prompts and shared notes per factor; a large-type walkthrough.

The mentor's view lives in the session like the mentee's: every mentor edit is an undoable edit,
saved like any other, and a mentor view imported by another process is shown, never overwritten.
Until the reveal, nothing of the mentee's ratings or verdict is shown here.
"""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.compare import Difference, differences
from ses_decider.core.explain import fmt
from ses_decider.core.model import LEAN_MAX, LEAN_MIN, WEIGHT_MAX, WEIGHT_MIN
from ses_decider.core.records import MENTOR
from ses_decider.ops.views import set_note
from ses_decider.ui.session import Session
from ses_decider.ui.widgets.plots import label_bars, room_for_bars, still_plot

COLUMNS = [
    "Factor",
    "Mentor weight",
    "Mentor lean",
    "Mentor: must",
    "Mentee weight",
    "Mentee lean",
    "Moves score",
]
NOT_RATED = "not rated"
STEP = 0.5  # the spin boxes' "not rated" sits one step below the lowest value


class MentorView(QWidget):
    reveal_changed = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.revealed = False
        self.diffs: list[Difference] = []
        self.order: list[str] = []
        self.spins: dict[tuple[str, str], QDoubleSpinBox] = {}
        self.musts: dict[str, QCheckBox] = {}
        intro = QLabel(
            "Mentor: give <i>your</i> view of this person on each factor without looking at theirs. "
            "Leave a factor not rated if you have no view. Then reveal, and spend the session on "
            "the differences that would change the answer."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 190)
        self.table.setAccessibleName("Mentor and mentee ratings")
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.reveal_button = QPushButton("Re&veal the mentee's view")
        self.reveal_button.setAccessibleName("Reveal the mentee's view")
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.walk_button = QPushButton("Start the wal&kthrough")
        self.walk_button.setAccessibleName("Start the walkthrough")
        self.walk_button.clicked.connect(self.start_walkthrough)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.walk_button)
        buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("mentorSummary")

        self.chart = still_plot()
        # Short enough for a narrow panel; the tooltip and description say it in full.
        self.chart.setLabel("bottom", "points the mentee's score would move")
        self.chart.getAxis("bottom").enableAutoSIPrefix(False)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], pen=pg.mkPen(None))
        self.chart.addItem(self.bars)
        self.chart.addLine(x=0, pen=pg.mkPen(QColor("#777777")))
        self.chart.setAccessibleName("Differences chart")
        self.prompts = QLabel()
        self.prompts.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Shared notes on this factor")
        self.note.setAccessibleName("Shared note on the selected factor")
        self.note.setTabChangesFocus(True)
        save_note = QPushButton("Save &note")
        save_note.setAccessibleName("Save the shared note")
        save_note.clicked.connect(self.save_note)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(intro)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.summary)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.chart, 2)
        right_layout.addWidget(self.prompts)
        right_layout.addWidget(self.note, 1)
        right_layout.addWidget(save_note, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._person_id: int | None = None
        self._rows_for: list[str] | None = None

    # Showing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._person_id != self.session.person.id:
            self._person_id = self.session.person.id
            self._set_revealed(False)
        mentee, mentor = self.session.assessment, self.session.mentor
        rated = {f.id for f, _ in mentor.active()}
        self.diffs = differences(mentee, mentor, rated_in_second_only=True) if self.revealed else []
        shown = [f.id for f, _ in mentee.shown()]
        if self.revealed:  # differences first, biggest effect first; then the rest
            ranked = [d.factor_id for d in self.diffs]
            order = ranked + [f for f in shown if f not in ranked]
        else:  # the mentee's order, so nothing is given away
            order = shown
        # Rebuild the rows only when the list of factors changes, so a spin box being typed in
        # keeps its place (and focus) while the differences update.
        if sorted(order) != sorted(self._rows_for or []) or (self.revealed and order != self.order):
            if not self._editing():
                self.order = order
                self._build_rows()
        self._fill_values()
        self._fill_chart()
        self.reveal_button.setText(
            "H&ide the mentee's view" if self.revealed else "Re&veal the mentee's view"
        )
        self.reveal_button.setEnabled(self.revealed or bool(rated))
        self.walk_button.setEnabled(self.revealed)
        self.summary.setText(self._summary_text(rated, shown))

    def _editing(self) -> bool:
        focus = self.focusWidget()
        return isinstance(focus, QDoubleSpinBox) and focus.hasFocus()

    def _summary_text(self, rated: set[str], shown: list[str]) -> str:
        left_out = len([f for f in shown if f not in rated])
        if not rated:
            return "Rate at least one factor to have something to reveal."
        if not self.revealed:
            return (
                f"You rated {len(rated)} of {len(shown)} factors. The mentee's ratings and "
                "verdict stay hidden until you reveal them."
            )
        text = f"{len(self.diffs)} of the {len(rated)} factor(s) you rated differ"
        text += f"; you left {left_out} out." if left_out else "."
        flips = [d for d in self.diffs if d.changes_verdict]
        if flips:
            text += (
                " Taking your view of "
                + ", ".join(d.title for d in flips)
                + " alone would change the mentee's verdict"
            )
            kept = [d.title for d in flips if d.dealbreaker_kept]
            text += (
                f" (the mentee's dealbreaker on {', '.join(kept)} still applies)." if kept else "."
            )
        return text

    def _build_rows(self) -> None:
        mentee = self.session.assessment
        self.spins, self.musts = {}, {}
        self.table.setRowCount(len(self.order))
        for row, fid in enumerate(self.order):
            factor = mentee.factor(fid)
            self.table.setItem(row, 0, QTableWidgetItem(factor.title))
            for column, field, low, high in (
                (1, "weight", WEIGHT_MIN, WEIGHT_MAX),
                (2, "lean", LEAN_MIN, LEAN_MAX),
            ):
                spin = _PointSpin(signed=field == "lean")
                spin.setSingleStep(STEP)
                spin.setDecimals(1)
                spin.setRange(low - STEP, high)  # the lowest value means "not rated"
                spin.setSpecialValueText(NOT_RATED)
                spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel needs focus first
                spin.setAccessibleName(f"Mentor's {field} of {factor.title}")
                spin.valueChanged.connect(lambda v, f=fid, k=field, s=spin: self._spun(f, k, s, v))
                self.table.setCellWidget(row, column, spin)
                self._name_cell(row, column, spin.accessibleName())
                self.spins[(fid, field)] = spin
            must = QCheckBox()
            must.setAccessibleName(f"Mentor: {factor.title} is a dealbreaker")
            must.setToolTip("Mark a must: with a lean of -3 or lower it decides the verdict")
            must.toggled.connect(lambda on, f=fid: self.session.set_dealbreaker(f, on, MENTOR))
            self.table.setCellWidget(row, 3, must)
            self._name_cell(row, 3, must.accessibleName())
            self.musts[fid] = must
        self._rows_for = list(self.order)

    def _name_cell(self, row: int, column: int, name: str) -> None:
        """A cell under a spin or check box tells a screen reader what the box holds (its own
        text is empty: the box covers it)."""
        item = QTableWidgetItem()
        item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        self.table.setItem(row, column, item)

    def _fill_values(self) -> None:
        mentee, mentor = self.session.assessment, self.session.mentor
        by_id = {d.factor_id: d for d in self.diffs}
        for row, fid in enumerate(self.order):
            mine = mentor.ratings.get(fid)
            for field in ("weight", "lean"):
                spin = self.spins.get((fid, field))
                if spin is None:
                    continue
                value = getattr(mine, field) if mine else None
                shown = spin.minimum() if value is None else value
                if abs(spin.value() - shown) > 1e-9:
                    with QSignalBlocker(spin):
                        spin.setValue(shown)
            must = self.musts.get(fid)
            if must is not None and mine is not None and must.isChecked() != mine.dealbreaker:
                with QSignalBlocker(must):
                    must.setChecked(mine.dealbreaker)
            theirs = mentee.ratings[fid]
            diff = by_id.get(fid)
            if self.revealed:
                cells = [
                    fmt(theirs.weight) if theirs.weight is not None else NOT_RATED,
                    fmt(theirs.lean, signed=True) if theirs.lean is not None else NOT_RATED,
                    (
                        fmt(diff.score_shift, signed=True)
                        + (" \u2691 verdict" if diff.changes_verdict else "")
                    )
                    if diff
                    else ("same" if mine is not None and mine.rated else "\u2013"),
                ]
            else:
                cells = ["hidden", "hidden", "hidden"]
            for column, text in zip((4, 5, 6), cells, strict=True):
                item = self.table.item(row, column)
                if item is None:
                    self.table.setItem(row, column, QTableWidgetItem(text))
                elif item.text() != text:
                    item.setText(text)

    def _spun(self, fid: str, field: str, spin: QDoubleSpinBox, value: float) -> None:
        chosen = None if value <= spin.minimum() + 1e-9 else value  # the lowest: "not rated"
        setter = self.session.set_weight if field == "weight" else self.session.set_lean
        setter(fid, chosen, MENTOR)

    def _fill_chart(self) -> None:
        shown = self.diffs if self.revealed else []
        n = len(shown)
        titles = {f.id: f.title for f in self.session.assessment.factors}
        ticks = [(n - 1 - i, titles.get(d.factor_id, d.title)) for i, d in enumerate(shown)]
        label_bars(self.chart.getAxis("left"), ticks)  # every bar keeps its label
        room_for_bars(self.chart, n)
        self.bars.setOpts(
            x0=[min(0.0, d.score_shift) for d in shown],
            y=[n - 1 - i for i in range(n)],
            width=[abs(d.score_shift) for d in shown],
            height=0.6,
            brushes=[QColor("#2e8b57") if d.score_shift >= 0 else QColor("#c0392b") for d in shown],
        )
        limit = max([3.0] + [abs(d.score_shift) * 1.15 for d in shown])
        self.chart.setXRange(-limit, limit, padding=0)
        self.chart.setYRange(-0.7, max(n - 0.3, 0.3), padding=0)
        text = (
            "; ".join(f"{d.title}: {fmt(d.score_shift, signed=True)}" for d in shown)
            or "Nothing revealed yet."
        )
        self.chart.setAccessibleDescription(text)
        self.chart.setToolTip(text)

    def _selected_factor(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.order[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        fid = self._selected_factor()
        if fid is None:
            return
        factor = self.session.assessment.factor(fid)
        prompts = factor.prompts or ("What would have to be true for this to weigh differently?",)
        self.prompts.setText(
            f"<b>{escape(factor.title)}</b>: questions to talk through<ul>"
            + "".join(f"<li>{escape(p)}</li>" for p in prompts)
            + "</ul>"
        )
        note = self.session.notes().get(fid)
        self.note.setPlainText(note.text if note else "")

    def save_note(self) -> None:
        fid = self._selected_factor()
        if fid is not None:
            self.session.run(
                set_note, self.session.person.id, fid, self.note.toPlainText(), undo_text="Note"
            )

    # Commands ---------------------------------------------------------------------------------
    def _set_revealed(self, revealed: bool) -> None:
        if revealed != self.revealed:
            self.revealed = revealed
            self.reveal_changed.emit(revealed)

    def toggle_reveal(self) -> None:
        self._set_revealed(not self.revealed)
        self.refresh()

    def start_walkthrough(self) -> None:
        from ses_decider.ui.views.walkthrough import Walkthrough

        if not self.revealed:
            return
        Walkthrough(self.session, self.session.mentor, self.order, self).exec()


class _PointSpin(QDoubleSpinBox):
    """A mentor's weight or lean written as the mentee's beside it is: 6 and +2, not 6.0 and 2.0."""

    def __init__(self, signed: bool):
        super().__init__()
        self.signed = signed

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        return fmt(value, signed=self.signed)
