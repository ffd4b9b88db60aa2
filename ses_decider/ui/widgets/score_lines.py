"""Each mentee's score over time on one chart: one line per person, named by a label at its end (so
no line relies on its colour alone); the current person's line is drawn thicker.

The plot items are kept and updated with ``setData``; a person's line is added or dropped only when
people come or go.
"""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ses_decider.core.mentoring import DeskRow
from ses_decider.ui.widgets.plots import still_plot

PALETTE = (
    "#1f5fa8",
    "#c0392b",
    "#2e8b57",
    "#7b3fa0",
    "#b8860b",
    "#117a8b",
    "#a0522d",
    "#5d6d7e",
    "#d35400",
    "#6c3483",
)


LABEL_ROOM = 0.3  # of the time span, kept free right of the lines for their names
LABEL_PX = 15


def spread(values: list[float], keys: list[int], gap: float) -> list[tuple[int, float]]:
    """Label heights near ``values`` with at least ``gap`` between neighbours (keys with them)."""
    order = sorted(zip(values, keys, strict=True))
    placed: list[tuple[int, float]] = []
    previous = None
    for value, key in order:
        y = value if previous is None else max(value, previous + gap)
        placed.append((key, y))
        previous = y
    if placed:  # shift the stack down if it ran over the top, keeping the gaps
        over = placed[-1][1] - 100.0
        if over > 0:
            placed = [(key, y - over) for key, y in placed]
    return placed


def _seconds(stamp: str) -> float:
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


class ScoreLines(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = still_plot()
        self.plot.setAxisItems({"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setYRange(0, 100, padding=0.02)
        self.plot.setLabel("left", "score")
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.plot.setAccessibleName("Each mentee's score over time")
        self.lines: dict[int, tuple[pg.PlotDataItem, pg.TextItem]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_rows(self, rows: list[DeskRow], current_id: int | None = None) -> None:
        wanted = {row.person_id for row in rows}
        for person_id in [p for p in self.lines if p not in wanted]:
            curve, label = self.lines.pop(person_id)
            self.plot.removeItem(curve)
            self.plot.removeItem(label)
        ends: list[tuple[float, int]] = []  # (last score, person id) of each line shown
        first = last = None
        for index, row in enumerate(rows):
            colour = PALETTE[index % len(PALETTE)]
            if row.person_id not in self.lines:
                curve = self.plot.plot([], [])
                label = pg.TextItem(anchor=(0, 0.5))
                self.plot.addItem(label)
                self.lines[row.person_id] = (curve, label)
            curve, label = self.lines[row.person_id]
            scored = [p for p in row.points if p.score is not None]
            xs = [_seconds(p.taken_at) for p in scored]
            ys = [p.score for p in scored]
            width = 3 if row.person_id == current_id else 1.5
            pen = pg.mkPen(colour, width=width)
            curve.setData(
                xs, ys, pen=pen, symbol="o", symbolSize=4, symbolBrush=colour, symbolPen=colour
            )
            label.setText(row.name, color=colour)
            label.setVisible(bool(scored))
            if scored:
                ends.append((ys[-1], row.person_id))
                first = xs[0] if first is None else min(first, xs[0])
                last = xs[-1] if last is None else max(last, xs[-1])
        if first is None:
            return
        span = max(last - first, 86_400.0)
        # The names stand to the right of the lines' common end, pushed apart so none overlaps.
        self.plot.setXRange(first, last + span * LABEL_ROOM, padding=0.02)
        for person_id, y in spread([y for y, _ in ends], [p for _, p in ends], self._gap()):
            self.lines[person_id][1].setPos(last + span * 0.02, y)

    def _gap(self) -> float:
        """A line of label text, in score points (the plot shows 0-100)."""
        height = max(self.plot.height(), 150)
        return 100.0 * LABEL_PX / height

    def line_names(self) -> dict[int, str]:
        """The label naming each line, by person id (what a reader of the chart sees)."""
        return {pid: label.textItem.toPlainText() for pid, (_, label) in self.lines.items()}
