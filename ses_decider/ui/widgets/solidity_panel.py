"""How solid is the verdict: tipping points in words, a tornado chart, and the robustness check.

Tipping points and the tornado are cheap and follow every edit; the Monte Carlo check runs once the
edits pause (a short timer), so dragging a slider never waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ses_decider.core.model import Assessment, Verdict
from ses_decider.core.scoring import Evaluation
from ses_decider.ui.widgets.labels import plain_label
from ses_decider.ui.widgets.plots import label_bars, room_for_bars, still_plot

if TYPE_CHECKING:
    from ses_decider.core.sensitivity import Robustness

# ses_decider.core.sensitivity is imported where it is used: this panel draws only once its tab is
# shown, and the start-up need not load it.
ROBUSTNESS_DELAY_MS = 250
RANGE_COLOUR = QColor("#5b7db1")
NO_GO_COLOUR = QColor("#c0392b")


class TornadoChart(QWidget):
    """For each factor, the score at its lean -5 and +5 with everything else held fixed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = still_plot()
        self.plot.setLabel("bottom", "score with the lean at -5 \u2026 +5")
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.55, width=[], pen=pg.mkPen(None))
        self.bars.setOpts(brush=RANGE_COLOUR)
        self.plot.addItem(self.bars)
        dash = pg.mkPen(QColor("#888888"), width=1, style=pg.QtCore.Qt.PenStyle.DashLine)
        self.go_line = self.plot.addLine(x=60, pen=dash)
        self.no_go_line = self.plot.addLine(x=40, pen=dash)
        ink = self.palette().color(QPalette.ColorRole.WindowText)  # visible in light and dark
        self.score_pen = pg.mkPen(ink, width=2)
        self.dealbreaker_pen = pg.mkPen(NO_GO_COLOUR, width=3, style=pg.QtCore.Qt.PenStyle.DashLine)
        self.score_line = self.plot.addLine(x=50, pen=self.score_pen)
        # A dealbreaker makes the verdict NO-GO whatever the score: the chart says so in words.
        self.verdict_note = pg.TextItem(color=NO_GO_COLOUR, anchor=(0, 0))
        self.verdict_note.setParentItem(self.plot.getPlotItem().getViewBox())
        self.verdict_note.setPos(4, 2)
        self.verdict_note.hide()
        self.plot.setAccessibleName("Tornado chart")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.plot)
        self.rows: list[tuple[str, float, float]] = []
        self._ticks: list = []
        label_bars(self.plot.getAxis("left"), [])  # no bars, no numbers on that axis either

    def show_bars(
        self,
        assessment: Assessment,
        score: float | None,
        limit: int = 8,
        dealbreakers: tuple[str, ...] = (),
    ) -> None:
        from ses_decider.core.sensitivity import tornado

        bars = tornado(assessment)[:limit]
        titles = [assessment.factor(b.factor_id).label for b in bars]
        n = len(bars)
        ticks = [(n - 1 - i, t) for i, t in enumerate(titles)]
        if ticks != self._ticks:
            self._ticks = ticks
            label_bars(self.plot.getAxis("left"), ticks)  # every bar keeps its label
            room_for_bars(self.plot, n)
            self.plot.setYRange(-0.7, max(n - 0.3, 0.3), padding=0)
        self.bars.setOpts(
            x0=[b.low_score for b in bars],
            y=[n - 1 - i for i in range(n)],
            width=[b.high_score - b.low_score for b in bars],
            height=0.55,
        )
        lows = [b.low_score for b in bars] + [assessment.thresholds.no_go]
        highs = [b.high_score for b in bars] + [assessment.thresholds.go]
        self.plot.setXRange(max(0.0, min(lows) - 5), min(100.0, max(highs) + 5), padding=0)
        self.go_line.setValue(assessment.thresholds.go)
        self.no_go_line.setValue(assessment.thresholds.no_go)
        self.score_line.setVisible(score is not None)
        if score is not None:
            self.score_line.setValue(score)
        decided = ", ".join(assessment.factor(fid).title for fid in dealbreakers)
        self.score_line.setPen(self.dealbreaker_pen if decided else self.score_pen)
        self.verdict_note.setText("NO-GO: a dealbreaker decides" if decided else "")
        self.verdict_note.setVisible(bool(decided))
        self.rows = [(t, b.low_score, b.high_score) for t, b in zip(titles, bars, strict=True)]
        text = "; ".join(f"{t}: {lo:.0f} to {hi:.0f}" for t, lo, hi in self.rows)
        if decided:
            text = (
                f"NO-GO because of a dealbreaker ({decided}), whatever the score. "
                f"Score range per factor: {text}"
            )
        else:
            text = "Score range per factor: " + text
        self.plot.setToolTip(text)
        self.plot.setAccessibleDescription(text)


class SolidityPanel(QWidget):
    """Tipping points, robustness and the factors worth finding out more about."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tipping = _wrapped_label("tippingText")
        self.robust = _wrapped_label("robustnessText")
        self.worth = _wrapped_label("worthCheckingText")
        self.tornado: TornadoChart | None = None  # built when first shown: start-up stays light
        heading = plain_label("What would change the verdict", bold=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tipping)
        layout.addSpacing(6)
        layout.addWidget(plain_label("How firm it is under uncertainty", bold=True))
        layout.addWidget(self.robust)
        layout.addWidget(self.worth)
        layout.addSpacing(6)
        layout.addWidget(plain_label("Which factors could swing it most", bold=True))
        self._layout = layout
        self._assessment: Assessment | None = None
        self._score: float | None = None
        self._dealbreakers: tuple[str, ...] = ()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ROBUSTNESS_DELAY_MS)
        self._timer.timeout.connect(self.update_robustness)
        self.last_robustness: Robustness | None = None

    def show_evaluation(self, assessment: Assessment, evaluation: Evaluation) -> None:
        self._assessment = assessment
        from ses_decider.core.sensitivity import tipping_sentences

        sentences = tipping_sentences(assessment)
        if evaluation.verdict is Verdict.NOT_ENOUGH_INPUT:
            text = "Give at least one factor some weight first."
        elif sentences:
            text = "\n".join(f"\u2022 {s}" for s in sentences)
        else:
            text = "No single change of one weight or lean within its range would change it."
        self.tipping.setText(text)
        self._score = evaluation.score
        self._dealbreakers = tuple(evaluation.dealbreakers)
        if self.tornado is not None and self.isVisible():
            self.tornado.show_bars(assessment, evaluation.score, dealbreakers=self._dealbreakers)
        self.robust.setText("Checking\u2026")
        self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.tornado is None:
            self.tornado = TornadoChart()
            self._layout.addWidget(self.tornado, 1)
        if self._assessment is not None:
            self.tornado.show_bars(self._assessment, self._score, dealbreakers=self._dealbreakers)

    def update_robustness(self) -> None:
        """Run the Monte Carlo check on the latest assessment (also callable directly in tests)."""
        self._timer.stop()
        if self._assessment is None:
            return
        from ses_decider.core.sensitivity import robustness

        rob = robustness(self._assessment)
        self.last_robustness = rob
        if rob.draws == 0:
            self.robust.setText("Not enough input to test yet.")
            self.worth.setText("")
            self.worth.hide()  # no empty gap where there is nothing to check
            return
        word = "Robust" if rob.label == "robust" else "Fragile"
        self.robust.setText(
            f"{word}: in {rob.draws:,} what-ifs with your weights and leans a little different "
            f"(by how sure you are of each), the verdict is {rob.verdict.label} "
            f"{rob.p_current:.0%} of the time.  GO {rob.p_go:.0%} \u00b7 "
            f"CLOSE CALL {rob.p_close_call:.0%} \u00b7 NO-GO {rob.p_no_go:.0%}"
        )
        if rob.worth_checking:
            titles = [self._assessment.factor(fid).title for fid in rob.worth_checking]
            self.worth.setText("Worth finding out more about: " + ", ".join(titles) + ".")
            self.worth.show()
        else:
            self.worth.setText("")
            self.worth.hide()


def _wrapped_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName(name)
    return label
