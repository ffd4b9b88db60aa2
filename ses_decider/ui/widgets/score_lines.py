"""Each mentee's score over time on one chart: one line per person, named by a label at its end (so
no line relies on its colour alone); the current person's line is drawn thicker and on top.

Fifty mentees would be fifty plot items, and pyqtgraph items are costly to make and paint (about
10 ms each here). So the lines are drawn by one curve per palette colour (the lines of one colour
joined with gaps between them) and the names by one item that paints them all; the items are made
once and updated with ``setData``.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
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
        return datetime.fromisoformat(stamp).timestamp()  # Python 3.11 reads "Z" too
    except ValueError:
        return 0.0


class NameLabels(pg.GraphicsObject):
    """Names painted at points given in data coordinates, in screen pixels (not stretched)."""

    def __init__(self):
        super().__init__()
        self.entries: list[tuple[float, float, str, QColor]] = []

    def set_entries(self, entries: list[tuple[float, float, str, str]]) -> None:
        self.prepareGeometryChange()
        self.entries = [(x, y, text, QColor(colour)) for x, y, text, colour in entries]
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        view = self.getViewBox()
        return view.viewRect() if view is not None else QRectF()

    def paint(self, painter: QPainter, *_args) -> None:
        if not self.entries:
            return
        transform = (
            painter.transform()
        )  # data -> device (pyqtgraph's deviceTransform() crashes here)
        painter.save()
        painter.resetTransform()
        metrics = QFontMetricsF(painter.font())
        for x, y, text, colour in self.entries:
            at = transform.map(QPointF(x, y))
            painter.setPen(colour)
            painter.drawText(QPointF(at.x() + 4, at.y() + metrics.ascent() / 2 - 1), text)
        painter.restore()


class ScoreLines(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = still_plot(axis_items={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setYRange(0, 100, padding=0.02)
        self.plot.setLabel("left", "score")
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.plot.setAccessibleName("Each mentee's score over time")
        self.curves = []
        for colour in PALETTE:
            curve = pg.PlotCurveItem(pen=pg.mkPen(colour, width=1.5), connect="finite")
            self.plot.addItem(curve)
            self.curves.append(curve)
        self.current = pg.PlotCurveItem(pen=pg.mkPen("#000000", width=3))
        self.current.setZValue(5)
        self.plot.addItem(self.current)
        self.labels = NameLabels()
        self.labels.setZValue(10)
        self.plot.addItem(self.labels)
        self.names: dict[int, str] = {}  # person id -> the name at the end of their line
        self.colours: dict[int, str] = {}
        self.scores: dict[int, list[float]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_rows(self, rows: list[DeskRow], current_id: int | None = None) -> None:
        groups: list[tuple[list[float], list[float]]] = [([], []) for _ in PALETTE]
        ends: list[tuple[float, float, int]] = []  # (last x, last score, person id)
        self.names, self.colours, self.scores = {}, {}, {}
        current = ([], [])
        for index, row in enumerate(rows):
            scored = [p for p in row.points if p.score is not None]
            if not scored:
                continue
            xs = [_seconds(p.taken_at) for p in scored]
            ys = [p.score for p in scored]
            slot = index % len(PALETTE)
            gx, gy = groups[slot]
            gx.extend(xs + [np.nan])  # a gap: the next line of this colour starts afresh
            gy.extend(ys + [np.nan])
            if row.person_id == current_id:
                current = (xs, ys)
                self.current.setPen(pg.mkPen(PALETTE[slot], width=3.5))
            ends.append((xs[-1], ys[-1], row.person_id))
            self.names[row.person_id] = row.name
            self.colours[row.person_id] = PALETTE[slot]
            self.scores[row.person_id] = ys
        for curve, (gx, gy) in zip(self.curves, groups, strict=True):
            curve.setData(np.array(gx, dtype=float), np.array(gy, dtype=float))
        self.current.setData(np.array(current[0], dtype=float), np.array(current[1], dtype=float))
        if not ends:
            self.labels.set_entries([])
            return
        first = min(_seconds(p.taken_at) for r in rows for p in r.points[:1])
        last = max(x for x, _, _ in ends)
        span = max(last - first, 86_400.0)
        # The names stand to the right of the lines' common end, pushed apart so none overlaps.
        self.plot.setXRange(first, last + span * LABEL_ROOM, padding=0.02)
        placed = spread([y for _, y, _ in ends], [p for _, _, p in ends], self._gap())
        x = last + span * 0.02
        self.labels.set_entries([(x, y, self.names[pid], self.colours[pid]) for pid, y in placed])

    def _gap(self) -> float:
        """A line of label text, in score points (the plot shows 0-100)."""
        height = max(self.plot.height(), 150)
        return 100.0 * LABEL_PX / height

    def line_names(self) -> dict[int, str]:
        """The name at the end of each line drawn, by person id (what a reader of the chart sees)."""
        return {pid: text for pid, text in self.names.items()}

    def line_scores(self, person_id: int) -> list[float]:
        """The scores a person's line joins, oldest first (what the chart draws for them)."""
        return list(self.scores.get(person_id, []))
