"""The paths above the factor rows: which path the lean sliders show, and a small table of every
path's score and verdict against staying where I am.

"Stay where I am" scores 50 by definition (every lean is against it); "Aim for the SES" is the
assessment's own leans, the path the verdict is about; each added path follows. The table appears
once there is a path beside the SES. The panel only shows and asks: the main window turns its
requests into session edits.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.model import Assessment
from ses_decider.core.paths import SES_ID, STAY_ID, PathScore, path_table, score_text
from ses_decider.core.scoring import Evaluation

COLUMNS = ("Path", "Score", "Verdict")
_BASELINE = "the baseline"


class PathsPanel(QWidget):
    """Emits ``path_chosen(id)`` (SES_ID for the SES) when another path's leans are to be shown."""

    path_chosen = Signal(str)
    add_requested = Signal()
    rename_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pathsPanel")
        self.label = label = QLabel("&Leans for:")
        self.combo = QComboBox()
        self.combo.setAccessibleName("Path the lean sliders show")
        self.combo.setToolTip(
            "Each path has its own lean per factor, against staying where you are; "
            "the weights are shared by every path."
        )
        # Room for about 16 characters, not the longest title: a long path name must not widen
        # the window past a small screen (the list shows names whole).
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(16)
        label.setBuddy(self.combo)
        self.combo.currentIndexChanged.connect(self._on_chosen)
        self.add_button = QPushButton("Add a&nother path\u2026")
        self.add_button.setAccessibleName("Add a path beside the SES")
        self.add_button.setToolTip(
            "Score another path (SL/ST, another agency, leaving) the same way, with the same "
            "weights: every lean is against staying where you are"
        )
        self.add_button.clicked.connect(self.add_requested)
        self.rename_button = QPushButton("Rename\u2026")
        self.rename_button.setAccessibleName("Rename this path")
        self.rename_button.clicked.connect(lambda: self.rename_requested.emit(self.current()))
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove this path")
        self.remove_button.setToolTip("Take this path out (Edit \u203a Undo brings it back)")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.current()))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(label)
        bar.addWidget(self.combo)
        bar.addWidget(self.add_button)
        bar.addWidget(self.rename_button)
        bar.addWidget(self.remove_button)
        bar.addStretch(1)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("pathsHint")
        self.tip = QLabel()
        self.tip.setWordWrap(True)
        self.tip.setObjectName("pathTipText")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.tip)
        self._layout = layout
        self._table: QTableWidget | None = None
        self.rows: list[PathScore] = []
        self._compact = False

    def set_compact(self, compact: bool) -> None:
        """In a short window (a small screen, or 200%) the rows get the room of the hint on adding
        a path, which the Add button's tooltip says too; the hint on which path the sliders show
        stays."""
        self._compact = compact
        self._show_hint()

    def _show_hint(self) -> None:
        self.hint.setVisible(bool(self.rows) or not self._compact)

    @property
    def table(self) -> QTableWidget:
        """The table of paths, made when there is first a path beside the SES (most people never
        add one, and a table view is the costliest thing the start-up would otherwise build)."""
        if self._table is None:
            self._table = self._make_table()
            self._layout.insertWidget(self._layout.indexOf(self.tip), self._table)
            QWidget.setTabOrder(self.remove_button, self._table)  # in its place, not the last
        return self._table

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS), self)
        table.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setAccessibleName("Paths and their scores")
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        # Compact rows: the factor rows below need the height more.
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.cellDoubleClicked.connect(self._on_row_activated)
        table.hide()
        return table

    def tab_stops(self) -> list[QWidget]:
        """The panel's controls in Tab order (the table once it is made)."""
        stops: list[QWidget] = [self.combo, self.add_button, self.rename_button, self.remove_button]
        return stops + ([self._table] if self._table is not None else [])

    # Showing ------------------------------------------------------------------------------------
    def current(self) -> str:
        """The id of the path whose leans the sliders show (SES_ID: the SES's own)."""
        return self.combo.currentData() or SES_ID

    def show_paths(self, assessment: Assessment, evaluation: Evaluation, showing: str) -> None:
        """Redraw the table and the choice of path; ``showing`` is the path the sliders show."""
        # The SES alone: no table and no choice to draw (nor the paths' texts to load).
        self.rows = path_table(assessment, evaluation) if assessment.paths else []
        choices = [(r.title, r.id) for r in self.rows if r.id != STAY_ID]
        current = [
            (self.combo.itemText(i), self.combo.itemData(i)) for i in range(self.combo.count())
        ]
        with QSignalBlocker(self.combo):
            if current != choices:
                self.combo.clear()
                for title, path_id in choices:
                    self.combo.addItem(title, path_id)
            index = self.combo.findData(showing)
            self.combo.setCurrentIndex(index if index >= 0 else 0)
        other = self.current() != SES_ID
        self.rename_button.setEnabled(other)
        self.remove_button.setEnabled(other)
        has_paths = bool(assessment.paths)
        self._show_hint()
        # With the SES alone there is nothing to choose: just the way to add a path.
        for widget in (self.label, self.combo, self.rename_button, self.remove_button):
            widget.setVisible(has_paths)
        if has_paths or self._table is not None:
            self.table.setVisible(has_paths)
        if not has_paths:
            self.hint.setText(
                "Every lean is against staying where you are. Add another path (SL/ST, another agency, "
                "leaving) to score it the same way, with the same weights."
            )
        elif other:
            self.hint.setText(
                f"The lean sliders and dealbreakers below are for \u201c{self.combo.currentText()}"
                "\u201d, against staying; the weights are shared by every path."
            )
        else:
            self.hint.setText(
                "The lean sliders below are for the SES. Choose another path above to rate it."
            )
        if has_paths:
            self._fill_table()
        sentence = None
        if has_paths:
            from ses_decider.core.path_tipping import path_tipping_sentence  # only with paths

            sentence = path_tipping_sentence(assessment)
        self.tip.setText(sentence or "")
        self.tip.setVisible(bool(sentence))

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            verdict = _BASELINE if row.verdict is None else row.verdict.label
            if row.ruled_out:
                verdict += " (dealbreaker)"
            cells = (row.title, score_text(row.score), verdict)
            for column, text in enumerate(cells):
                item = self.table.item(index, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(index, column, item)
                if item.text() != text:
                    item.setText(text)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
            self.table.item(index, 0).setData(Qt.ItemDataRole.UserRole, row.id)
        # As tall as its rows: a short table, never a scrolling one.
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(i) for i in range(self.table.rowCount()))
        self.table.setFixedHeight(height)
        summary = "; ".join(f"{r.title}: {score_text(r.score)}" for r in self.rows)
        self.table.setAccessibleDescription(summary)

    def _on_chosen(self, index: int) -> None:
        self.path_chosen.emit(self.combo.itemData(index) or SES_ID)

    def _on_row_activated(self, row: int, _column: int) -> None:
        path_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        index = self.combo.findData(path_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
