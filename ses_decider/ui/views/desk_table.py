"""The desk's table: one row per mentee (core.mentoring.DeskRow), sortable by any column and filtered
by what the mentor types. Empty cells ("not known yet") sort last whichever way a column is sorted."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ses_decider.core.mentoring import DESK_COLUMNS, DeskRow, desk_cells
from ses_decider.core.model import Verdict
from ses_decider.core.readiness import Quadrant

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()
_VERDICT_RANK = {
    Verdict.GO: 3,
    Verdict.CLOSE_CALL: 2,
    Verdict.NO_GO: 1,
    Verdict.NOT_ENOUGH_INPUT: 0,
}
_QUADRANT_RANK = {q: i for i, q in enumerate(Quadrant)}
NAME, VERDICT, SCORE, CHANGE, QUADRANT, DIFFERENCE, DUE, LAST = range(len(DESK_COLUMNS))


def sort_key(row: DeskRow, column: int):
    """What a column sorts by (None: nothing to show, sorted last)."""
    if column == NAME:
        return row.name.casefold()
    if column == VERDICT:
        return _VERDICT_RANK[row.verdict]
    if column == SCORE:
        return row.score
    if column == CHANGE:
        return row.change
    if column == QUADRANT:
        return None if row.quadrant is None else _QUADRANT_RANK[row.quadrant]
    if column == DIFFERENCE:
        return None if row.top_difference is None else abs(row.top_difference.points)
    if column == DUE:
        return None if row.next_due is None else row.next_due.date
    return row.last_session


class DeskModel(QAbstractTableModel):
    """The desk rows as a table, read straight from the records (no cell objects)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[DeskRow] = []
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[DeskRow], today=None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [desk_cells(row, today) for row in self.rows]
        self.endResetModel()

    def longest_texts(self) -> list[str]:
        """The longest text of each column, its header included (to size the columns)."""
        return [
            max([title, *(cells[c] for cells in self._cells)], key=len)
            for c, title in enumerate(DESK_COLUMNS)
        ]

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(DESK_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return DESK_COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells[index.row()][index.column()]
        if role == SORT_ROLE:
            return sort_key(row, index.column())
        if role == PERSON_ROLE:
            return row.person_id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == CHANGE:
            return "Points the score moved since the last recorded session."
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == DIFFERENCE:
            return (
                "The factor where the mentor's view would move the mentee's score most "
                "(points), if it took the mentor's weight and lean."
            )
        return None


class DeskProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE with empty cells last; filters on every column, any case."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, left, right) -> bool:  # noqa: N802 - Qt's name
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            if a is None and b is None:
                return False
            # Empty last in both orders: Qt reverses lessThan for a descending sort.
            last_when_ascending = a is not None
            return last_when_ascending == (self.sortOrder() == Qt.SortOrder.AscendingOrder)
        if a == b:
            return left.row() < right.row()
        return a < b


class DeskTable(QTableView):
    """The table: Enter or a double click asks to open the mentee; typing a letter starts the
    filter (``typed``)."""

    open_requested = Signal(int)  # person id
    typed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab goes on to the next control; arrows move
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setAccessibleName("Mentees")
        self.doubleClicked.connect(self._open)

    def fit_columns(self, texts: list[str], most: int = 320) -> None:
        """Columns as wide as their longest text (measured once per column, not per cell: with
        fifty mentees resizeColumnsToContents costs a tenth of a second)."""
        metrics = self.fontMetrics()
        for column, text in enumerate(texts):
            self.setColumnWidth(column, min(most, metrics.horizontalAdvance(text) + 28))

    def _open(self, index) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(PERSON_ROLE))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex())
            return
        text = event.text()
        plain = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if plain and text and text.isprintable() and not text.isspace():
            self.typed.emit(text)
            return
        super().keyPressEvent(event)
