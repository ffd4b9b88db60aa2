"""History: a timeline of snapshots (score and both axes, verdict bands shaded), restore and compare,
the review-on date and the record of the final decision."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.compare import differences, path_changes
from ses_decider.core.explain import fmt
from ses_decider.core.model import Thresholds, Verdict
from ses_decider.core.records import Choice, Decision, Snapshot
from ses_decider.ops import history as history_ops
from ses_decider.ui.session import Session
from ses_decider.ui.widgets.plots import still_plot

BAND_COLOURS = ("#c0392b", "#d4a017", "#2e8b57")  # NO-GO, CLOSE CALL, GO
# A point's shape says its verdict, so a NO-GO decided by a dealbreaker reads as NO-GO even when
# its score sits in the GO band; colour only repeats it.
VERDICT_SYMBOLS = {
    Verdict.GO: ("o", "#2e8b57"),
    Verdict.CLOSE_CALL: ("s", "#b8860b"),
    Verdict.NO_GO: ("x", "#c0392b"),
    Verdict.NOT_ENOUGH_INPUT: ("t", "#777777"),
}


def bands(thresholds: Thresholds) -> list[tuple[float, float, str]]:
    """The verdict bands of the timeline, from the person's own thresholds."""
    return [
        (0.0, thresholds.no_go, BAND_COLOURS[0]),
        (thresholds.no_go, thresholds.go, BAND_COLOURS[1]),
        (thresholds.go, 100.0, BAND_COLOURS[2]),
    ]


_ROOT = QModelIndex()
LABEL_COLUMN = 1


class TimelineModel(QAbstractTableModel):
    """The snapshots as a table, read straight from the snapshot records (no cell objects).

    The label column is editable; an edit is reported as `label_edited` (snapshot id, text) and
    shown once the session has stored it.
    """

    HEADERS = ("Taken", "Label", "Score", "Verdict")
    label_edited = Signal(int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.points: list[Snapshot] = []

    def set_points(self, points: list) -> None:
        self.beginResetModel()
        self.points = points
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.points)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() == LABEL_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
        ):
            return None
        point = self.points[index.row()]
        column = index.column()
        if column == 0:
            return point.taken_at[:16].replace("T", " ")
        if column == LABEL_COLUMN:
            return point.label
        if column == 2:
            return "\u2013" if point.score is None else fmt(point.score)
        return point.verdict.label

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (
            not index.isValid()
            or index.column() != LABEL_COLUMN
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        text = str(value).strip()
        point = self.points[index.row()]
        if text == point.label:
            return False
        self.label_edited.emit(point.id, text)
        return True


class HistoryView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.points = []
        self.plot = still_plot()
        self.plot.setYRange(0, 100, padding=0.02)
        self.plot.setLabel("left", "0-100")
        self.plot.setLabel("bottom", "snapshots, oldest first")
        self.plot.addLegend(offset=(10, 5))
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)  # never "(x0.001)"
        self.bands = []
        for low, high, colour in bands(Thresholds()):
            band = pg.LinearRegionItem(
                values=(low, high),
                orientation="horizontal",
                brush=pg.mkBrush(QColor(colour).lighter(170)),
                movable=False,
            )
            band.setZValue(-10)
            band.setOpacity(0.35)
            self.plot.addItem(band)
            self.bands.append(band)
        self.score_curve = self.plot.plot([], [], pen=pg.mkPen("#1f5fa8", width=2), name="score")
        # The points apart from the line: each one's shape says its verdict (legend: line only).
        self.score_points = pg.ScatterPlotItem(size=10)
        # One pen and brush per verdict, shared by its points: the symbol cache is keyed by the
        # pen and brush objects, so a colour name per point drew 10,000 points one by one.
        self._point_styles = {
            verdict: (symbol, pg.mkPen(colour), pg.mkBrush(colour))
            for verdict, (symbol, colour) in VERDICT_SYMBOLS.items()
        }
        self.plot.addItem(self.score_points)
        self.want_curve = self.plot.plot(
            [], [], pen=pg.mkPen("#7b3fa0", width=1, style=Qt.PenStyle.DashLine), name="want"
        )
        self.ready_curve = self.plot.plot(
            [], [], pen=pg.mkPen("#2e8b57", width=1, style=Qt.PenStyle.DotLine), name="ready"
        )
        self.score_points.sigClicked.connect(self._on_point_clicked)
        self.plot.setAccessibleName("Timeline of snapshots")

        self.model = TimelineModel(self)
        self.model.label_edited.connect(self._save_label)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Snapshots")
        self.restore_button = QPushButton("Restore as c&urrent")
        self.restore_button.setAccessibleName(
            "Restore the selected snapshot as the current assessment"
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.compare_button = QPushButton("&Compare two")
        self.compare_button.setAccessibleName("Compare the two selected snapshots")
        self.compare_button.clicked.connect(self.compare_selected)
        self.compare_text = QLabel("Select two snapshots and press Compare two.")
        self.compare_text.setWordWrap(True)
        self.compare_text.setObjectName("compareText")
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.plot, 1)
        left_layout.addWidget(self._decision_box())
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.table, 2)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.compare_text, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([650, 550])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _decision_box(self) -> QWidget:
        box = QWidget()
        grid = QVBoxLayout(box)
        review = QHBoxLayout()
        self.review_enabled = QCheckBox("Review this decision on")
        self.review_enabled.setAccessibleName("Set a review date")
        self.review_date = QDateEdit()
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("yyyy-MM-dd")
        self.review_date.setAccessibleName("Review date")
        self.review_enabled.toggled.connect(self._save_review)
        self.review_date.dateChanged.connect(self._save_review)
        review.addWidget(self.review_enabled)
        review.addWidget(self.review_date)
        review.addStretch(1)
        decision = QHBoxLayout()
        self.choice = QComboBox()
        self.choice.addItem("No final decision yet", None)
        for choice in Choice:
            self.choice.addItem(choice.label, choice)
        self.choice.setAccessibleName("Final decision")
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText("Later: how it went")
        self.outcome.setAccessibleName("How it went")
        self.choice.currentIndexChanged.connect(self._save_decision)
        self.outcome.editingFinished.connect(self._save_decision)
        self.journal_button = QPushButton("&Journal\u2026")
        self.journal_button.setAccessibleName("Write this decision in your decision journal")
        self.journal_button.setToolTip("Why you decided, how sure you are, what you turned down")
        self.journal_button.clicked.connect(self.open_journal)
        decision.addWidget(QLabel("Final decision:"))
        decision.addWidget(self.choice)
        decision.addWidget(self.outcome, 1)
        decision.addWidget(self.journal_button)
        grid.addLayout(review)
        grid.addLayout(decision)
        return box

    # Showing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        person = self.session.person
        thresholds = self.session.assessment.thresholds
        for band, (low, high, _) in zip(self.bands, bands(thresholds), strict=True):
            band.setRegion((low, high))
        self.points = self.session.snapshots()
        scored = [(x, p) for x, p in enumerate(self.points) if p.score is not None]
        at, scores = [x for x, _ in scored], [p.score for _, p in scored]
        self.score_curve.setData(at, scores)
        styles = [self._point_styles[p.verdict] for _, p in scored]
        self.score_points.setData(
            x=at,
            y=scores,
            symbol=[symbol for symbol, _, _ in styles],
            pen=[pen for _, pen, _ in styles],
            brush=[brush for _, _, brush in styles],
            data=at,
        )
        xs = list(range(len(self.points)))
        self.want_curve.setData(
            [x for x, p in zip(xs, self.points, strict=True) if p.want is not None],
            [p.want for p in self.points if p.want is not None],
        )
        self.ready_curve.setData(
            [x for x, p in zip(xs, self.points, strict=True) if p.ready is not None],
            [p.ready for p in self.points if p.ready is not None],
        )
        self.plot.setXRange(-0.5, max(len(xs) - 0.5, 0.5), padding=0)
        step = max(1, len(xs) // 12)  # whole-number ticks, thinned out for long histories
        self.plot.getAxis("bottom").setTicks([[(x, str(x + 1)) for x in xs[::step]]])
        self.model.set_points(self.points)
        summary = "; ".join(f"{p.name}: {p.verdict.label}" for p in self.points)
        self.plot.setAccessibleDescription(summary or "No snapshots yet.")
        with QSignalBlocker(self.review_enabled), QSignalBlocker(self.review_date):
            self.review_enabled.setChecked(bool(person.review_on))
            if person.review_on:
                self.review_date.setDate(QDate.fromString(person.review_on, "yyyy-MM-dd"))
            else:
                self.review_date.setDate(QDate.currentDate().addMonths(6))
        decision = self.session.decision()
        with QSignalBlocker(self.choice), QSignalBlocker(self.outcome):
            self.choice.setCurrentIndex(self.choice.findData(decision.choice) if decision else 0)
            self.outcome.setText(decision.outcome if decision else "")

    def _on_point_clicked(self, _item, spots, *_args) -> None:
        if len(spots):
            self.table.selectRow(int(spots[0].data()))

    # Commands -------------------------------------------------------------------------------
    def _selected(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def restore_selected(self) -> None:
        rows = self._selected()
        if len(rows) != 1:
            self.compare_text.setText("Select one snapshot to restore.")
            return
        point = self.points[rows[0]]
        result = self.session.run(
            history_ops.restore_snapshot,
            self.session.person.id,
            point.id,
            undo_text=f"Restore \u201c{point.name}\u201d",
        )
        if result is not None:
            self.compare_text.setText(result.message)

    def compare_selected(self) -> None:
        rows = self._selected()
        if len(rows) != 2:
            self.compare_text.setText("Select exactly two snapshots to compare.")
            return
        older, newer = (self.points[r] for r in rows)
        first = self.session.snapshot_assessment(older.id)
        second = self.session.snapshot_assessment(newer.id)
        diffs = differences(first, second)
        paths = path_changes(first, second)
        if not diffs and not paths:
            self.compare_text.setText("The two snapshots weigh every factor the same.")
            return
        lines = [
            f"From \u201c{older.name}\u201d ({older.verdict.label}) to "
            f"\u201c{newer.name}\u201d ({newer.verdict.label}):"
        ]
        if not diffs:
            lines.append("The SES is weighed the same in both.")
        for diff in diffs[:8]:
            lines.append(
                f"\u2022 {diff.title}: {_rating_text(diff.mine)} \u2192 {_rating_text(diff.theirs)}"
                f" ({fmt(diff.score_shift, signed=True)} points on its own"
                + (", changes the verdict" if diff.changes_verdict else "")
                + ")"
            )
        if diffs:
            lines.append(f"The change that moved it most: {diffs[0].title}.")
        lines.extend(f"\u2022 {line}" for line in paths)  # the other paths beside the SES
        self.compare_text.setText("\n".join(lines))

    def _save_label(self, snapshot_id: int, text: str) -> None:
        self.session.run(
            history_ops.set_snapshot_label, snapshot_id, text, undo_text="Snapshot label"
        )

    def open_journal(self) -> None:
        """The decision journal (Decide well), filled in with the final decision, if one is set."""
        from ses_decider.ui.views.deciding_journal import write_journal

        choice = self.choice.currentData()
        write_journal(self.session, self.window(), choice.label if choice else "")

    def _save_review(self) -> None:
        value = (
            self.review_date.date().toString("yyyy-MM-dd")
            if self.review_enabled.isChecked()
            else None
        )
        if value != self.session.person.review_on:
            self.session.run(
                history_ops.set_review_on, self.session.person.id, value, undo_text="Review date"
            )

    def _save_decision(self) -> None:
        choice = self.choice.currentData()
        old = self.session.decision()
        new = None
        if choice is not None:
            outcome = self.outcome.text().strip()
            new = Decision(
                choice=choice,
                decided_on=old.decided_on if old else date.today().isoformat(),
                outcome=outcome,
                outcome_on=(old.outcome_on if old and old.outcome == outcome else None)
                or (date.today().isoformat() if outcome else None),
            )
        if _same_decision(old, new):
            return
        self.session.run(
            history_ops.set_decision, self.session.person.id, new, undo_text="Final decision"
        )


def _same_decision(a: Decision | None, b: Decision | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.choice, a.decided_on, a.outcome, a.outcome_on) == (
        b.choice,
        b.decided_on,
        b.outcome,
        b.outcome_on,
    )


def _rating_text(rating) -> str:
    if rating is None or not rating.rated:
        return "not rated"
    return f"weight {fmt(rating.weight)}, lean {fmt(rating.lean, signed=True)}"
