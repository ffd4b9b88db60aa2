"""The 2x2: "Do I want it?" across, "Am I ready?" up, with today's point and past snapshots."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ses_decider.core.readiness import BOUNDARY, Quadrant
from ses_decider.ui.widgets.plots import still_plot

# Where each quadrant's label sits (want, ready).
_LABEL_AT = {
    Quadrant.GO_NOW: (75, 92),
    Quadrant.BUILD_READINESS: (75, 8),
    Quadrant.RECONSIDER: (25, 92),
    Quadrant.NOT_NOW: (25, 8),
}


class QuadrantChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        self.plot = still_plot()
        # A margin past 0 and 100, so the axes can print both ends ("100" too).
        self.plot.setRange(xRange=(-4, 104), yRange=(-3, 103), padding=0)
        self.plot.setLabel("bottom", "Do I want it? (0-100)")
        self.plot.setLabel("left", "Am I ready? (0-100)")
        line = pg.mkPen(QColor("#888888"), width=1)
        self.plot.addLine(x=BOUNDARY, pen=line)
        self.plot.addLine(y=BOUNDARY, pen=line)
        for quadrant, (x, y) in _LABEL_AT.items():
            # Two short lines, so neighbouring labels never run into each other in a narrow chart.
            words = quadrant.title.split(" ")
            half = (len(words) + 1) // 2
            text = " ".join(words[:half]) + "\n" + " ".join(words[half:])
            label = pg.TextItem(text, color=ink, anchor=(0.5, 0.5))
            label.setPos(x, y)
            self.plot.addItem(label)
        self.past = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(120, 120, 120, 150), pen=None)
        self.trail = pg.PlotDataItem(pen=pg.mkPen(QColor(120, 120, 120, 150), width=1))
        self.now = pg.ScatterPlotItem(size=16, brush=pg.mkBrush("#1f5fa8"), symbol="star", pen=None)
        for item in (self.trail, self.past, self.now):
            self.plot.addItem(item)
        self.plot.setAccessibleName("Do I want it / Am I ready chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.point: tuple[float, float] | None = None

    def show_points(self, now: tuple[float, float] | None, past: list[tuple[float, float]]) -> None:
        xs = [p[0] for p in past]
        ys = [p[1] for p in past]
        self.past.setData(xs, ys)
        self.trail.setData(xs + ([now[0]] if now else []), ys + ([now[1]] if now else []))
        self.now.setData([now[0]] if now else [], [now[1]] if now else [])
        self.point = now
        text = "No point yet." if now is None else f"Want {now[0]:.0f}, ready {now[1]:.0f}."
        if past:
            text += f" {len(past)} earlier point(s)."
        self.plot.setToolTip(text)
        self.plot.setAccessibleDescription(text)
