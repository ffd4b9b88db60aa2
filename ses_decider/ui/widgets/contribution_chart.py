"""Which factors push toward GO and which toward NO-GO: horizontal bars, updated in place."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ses_decider.core.explain import fmt
from ses_decider.core.model import Assessment
from ses_decider.core.scoring import Evaluation
from ses_decider.ui.widgets.plots import label_bars, room_for_bars, still_plot

PRO_COLOUR = QColor("#2e8b57")
CON_COLOUR = QColor("#c0392b")


class ContributionChart(QWidget):
    """Bars of points each factor adds to or takes from 50; the text equivalent is `summary()`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = still_plot()
        # No grid: pyqtgraph draws it as part of the axis, so every bar change would redraw the
        # axis with all its labels too (three quarters of a slider move's drawing). The zero line
        # and the axis ticks say enough.
        self.plot.setLabel("bottom", "\u2190 toward NO-GO   points   toward GO \u2192")
        self.plot.getPlotItem().setTitle("What moves your score")
        self.plot.addLine(x=0, pen=pg.mkPen(QColor("#777777"), width=1))
        # One shared no-outline pen: per-bar pens go through a code path that crashed PySide6 6.12.
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self.plot.setAccessibleName("Contribution chart")
        label_bars(self.plot.getAxis("left"), [])  # no bars, no numbers on that axis either
        self.ids: list[str] = []
        self.values: list[float] = []
        self._titles: list[str] = []
        self._limit = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_evaluation(self, assessment: Assessment, evaluation: Evaluation) -> None:
        active = [f for f, _ in assessment.active()]
        ids = [f.id for f in active]
        values = [evaluation.contributions.get(fid, 0.0) for fid in ids]
        if ids != self.ids:
            self.ids = ids
            self._titles = [f.label for f in active]
            # Top row first: y runs downward in display order.
            ticks = [(len(ids) - 1 - i, title) for i, title in enumerate(self._titles)]
            label_bars(self.plot.getAxis("left"), ticks)  # every bar keeps its label
            room_for_bars(self.plot, len(ids))
            self.plot.setYRange(-0.7, max(len(ids) - 0.3, 0.3), padding=0)
        self.values = values
        n = len(values)
        self.bars.setOpts(
            x0=[min(0.0, v) for v in values],
            y=[n - 1 - i for i in range(n)],
            width=[abs(v) for v in values],
            height=0.6,
            brushes=[PRO_COLOUR if v >= 0 else CON_COLOUR for v in values],
        )
        # The axis in steps of 5 points: it stays put while a slider moves (no jumping scale, and
        # only the bars are redrawn), and grows or shrinks when a bar needs it.
        limit = 5.0 * max(1, math.ceil(max([0.0] + [abs(v) * 1.1 for v in values]) / 5.0))
        if limit != self._limit:
            self._limit = limit
            self.plot.setXRange(-limit, limit, padding=0)
        self.plot.setToolTip(self.summary())
        self.plot.setAccessibleDescription(self.summary())

    def summary(self) -> str:
        """The chart as text, for screen readers and tooltips."""
        parts = [
            f"{t}: {fmt(v, signed=True)}" for t, v in zip(self._titles, self.values, strict=True)
        ]
        return "Points toward GO (+) or NO-GO (-): " + "; ".join(parts)
