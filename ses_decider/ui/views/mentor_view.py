"""Mentor mode: the mentor weighs on their own, then reveal; differences ranked by how much each would
move the mentee's score; prompts and shared notes per factor; a large-type walkthrough."""

from __future__ import annotations

from dataclasses import replace

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from ses_decider.core.content import blank_assessment
from ses_decider.core.explain import fmt
from ses_decider.core.model import Assessment
from ses_decider.storage.repository import MENTOR
from ses_decider.ui.session import Session
from ses_decider.ui.widgets.plots import still_plot

COLUMNS = ["Factor", "Mentor weight", "Mentor lean", "Mentee weight", "Mentee lean", "Moves score"]


class MentorView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.revealed = False
        self.mentor: Assessment | None = None
        self.diffs: list[Difference] = []
        self.order: list[str] = []
        intro = QLabel(
            "Mentor: give <i>your</i> view of this person on each factor without looking at theirs. "
            "Then reveal, and spend the session on the differences that would change the answer."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.setAccessibleName("Mentor and mentee ratings")
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.reveal_button = QPushButton("&Reveal the mentee's view")
        self.reveal_button.setAccessibleName("Reveal the mentee's view")
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.walk_button = QPushButton("Start the &walkthrough")
        self.walk_button.setAccessibleName("Start the walkthrough")
        self.walk_button.clicked.connect(self.start_walkthrough)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.walk_button)
        buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.chart = still_plot()
        self.chart.setLabel(
            "bottom", "points the mentee's score moves if they took the mentor's value"
        )
        self.chart.getAxis("left").setWidth(95)
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

    # Data -------------------------------------------------------------------------------------
    def _load_mentor(self) -> Assessment:
        repo, person = self.session.repo, self.session.person
        if repo.has_assessment(person.id, MENTOR):
            return repo.load_assessment(person.id, MENTOR)
        mentor = blank_assessment()
        for factor in self.session.assessment.factors:  # the mentee's own factors, too
            if factor.id not in mentor.ratings:
                mentor.factors.append(factor)
                mentor.ratings[factor.id] = replace(self.session.assessment.ratings[factor.id])
        mentor.hidden = set(self.session.assessment.hidden)
        return mentor

    def _set_mentor(self, factor_id: str, field: str, value: float) -> None:
        rating = self.mentor.ratings[factor_id]
        self.mentor.ratings[factor_id] = replace(rating, **{field: value})
        self.session.repo.save_assessment(self.session.person.id, self.mentor, MENTOR)
        if self.revealed:
            # Keep the rows (and the spin box being typed in) where they are; re-rank on refresh.
            self._update_differences(reorder=False)

    # Showing ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._person_id != self.session.person.id:
            self._person_id = self.session.person.id
            self.mentor = self._load_mentor()
            self.revealed = False
        self._update_differences()

    def _update_differences(self, reorder: bool = True) -> None:
        mentee = self.session.assessment
        self.diffs = differences(mentee, self.mentor)
        if reorder:
            ranked = [d.factor_id for d in self.diffs]
            active = [f.id for f, _ in mentee.active()]
            # Before the reveal the table keeps the mentee's order, so nothing is given away.
            self.order = (
                ranked + [f for f in active if f not in ranked] if self.revealed else active
            )
        self._fill_table(with_spins=reorder)
        self._fill_chart()
        self.reveal_button.setText(
            "&Hide the mentee's view" if self.revealed else "&Reveal the mentee's view"
        )
        if self.revealed:
            flips = [d.title for d in self.diffs if d.changes_verdict]
            self.summary.setText(
                f"{len(self.diffs)} factor(s) differ."
                + (
                    f" Taking the mentor's view of {', '.join(flips)} alone would change the verdict."
                    if flips
                    else ""
                )
            )
        else:
            self.summary.setText("The mentee's ratings are hidden until you reveal them.")

    def _fill_table(self, with_spins: bool = True) -> None:
        mentee = self.session.assessment
        by_id = {d.factor_id: d for d in self.diffs}
        self.table.setRowCount(len(self.order))
        for row, fid in enumerate(self.order):
            factor = mentee.factor(fid)
            self.table.setItem(row, 0, QTableWidgetItem(factor.title))
            mine = self.mentor.ratings.get(fid)
            for column, field, low in ((1, "weight", 0.0), (2, "lean", -5.0)) if with_spins else ():
                spin = QDoubleSpinBox()  # fresh each fill: no stale connections to undo
                spin.setSingleStep(0.5)
                spin.setDecimals(1)
                spin.setRange(low, 10.0 if field == "weight" else 5.0)
                spin.setAccessibleName(f"Mentor's {field} of {factor.title}")
                spin.setValue(getattr(mine, field) if mine else 0.0)
                self.table.setCellWidget(row, column, spin)
                spin.valueChanged.connect(lambda v, f=fid, k=field: self._set_mentor(f, k, v))
            theirs = mentee.ratings[fid]
            shown = self.revealed
            diff = by_id.get(fid)
            cells = [
                fmt(theirs.weight) if shown else "hidden",
                fmt(theirs.lean, signed=True) if shown else "hidden",
                (f"{diff.score_shift:+.1f}" + (" \u2691 verdict" if diff.changes_verdict else ""))
                if shown and diff
                else ("0" if shown else ""),
            ]
            for column, text in zip((3, 4, 5), cells, strict=True):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _fill_chart(self) -> None:
        shown = self.diffs if self.revealed else []
        n = len(shown)
        ticks = [
            (n - 1 - i, self.session.assessment.factor(d.factor_id).label)
            for i, d in enumerate(shown)
        ]
        self.chart.getAxis("left").setTicks([ticks])
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
            "; ".join(f"{d.title}: {d.score_shift:+.1f}" for d in shown) or "Nothing revealed yet."
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
            f"<b>{factor.title}</b>: questions to talk through<ul>"
            + "".join(f"<li>{p}</li>" for p in prompts)
            + "</ul>"
        )
        note = self.session.repo.notes(self.session.person.id).get(fid)
        self.note.setPlainText(note.text if note else "")

    def save_note(self) -> None:
        fid = self._selected_factor()
        if fid is not None:
            self.session.repo.set_note(self.session.person.id, fid, self.note.toPlainText())

    # Commands ---------------------------------------------------------------------------------
    def toggle_reveal(self) -> None:
        self.revealed = not self.revealed
        self._update_differences()

    def start_walkthrough(self) -> None:
        from ses_decider.ui.views.walkthrough import Walkthrough

        Walkthrough(self.session, self.mentor if self.revealed else None, self.order, self).exec()
