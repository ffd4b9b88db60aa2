"""Slider latency: one lean move -> score, verdict banner, row labels and chart updated and painted.

Against a bare baseline in the same run: a window whose slider moves one bar of an 11-bar pyqtgraph
chart. Both windows are open at once and their moves alternate, so a busy moment of the machine
falls on both alike. Target: the app's median move <= 1.3x the bare one. Offscreen, in-process,
each move timed up to the end of the processEvents() that paints it.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

MOVES = 300
TARGET_RATIO = 1.3


def bare_window():
    """A bare slider + bar chart window; returns (window, slider)."""
    import pyqtgraph as pg
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMainWindow, QSlider, QVBoxLayout, QWidget

    window = QMainWindow()
    central = QWidget()
    layout = QVBoxLayout(central)
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(-10, 10)
    plot = pg.PlotWidget()
    heights = [1.0] * 11
    bars = pg.BarGraphItem(x=list(range(11)), height=heights, width=0.6)
    plot.addItem(bars)
    layout.addWidget(slider)
    layout.addWidget(plot)
    window.setCentralWidget(central)
    window.resize(1280, 820)

    def moved(value: int) -> None:
        heights[3] = value / 2
        bars.setOpts(height=heights)

    slider.valueChanged.connect(moved)
    window.bars = bars  # keep the Python side of the chart alive with the window
    return window, slider


def _move(app, slider, i: int) -> tuple[float, float]:
    """Seconds to the slider's value change handled, and to it painted."""
    value = (i % 21) - 10
    start = time.perf_counter()
    slider.setValue(value if value != slider.value() else -value)
    middle = time.perf_counter()
    app.processEvents()
    return middle - start, time.perf_counter() - start


def main() -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository
    from ses_decider.ui.app import open_main_window

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        session, window = open_main_window(Repository(db))
        bare, bare_slider = bare_window()
        window.resize(bare.size())  # the same size as the baseline's, slider in view
        window.show()
        bare.show()
        app.processEvents()
        row = window.factor_list.rows["stress"]
        window.factor_scroll.ensureWidgetVisible(row)
        app.processEvents()
        slider = row.lean
        update, painted, baseline = [], [], []
        for i in range(MOVES):
            handled, drawn = _move(app, slider, i)
            update.append(handled)
            painted.append(drawn)
            baseline.append(_move(app, bare_slider, i)[1])
        session.flush()
        window.close()
        bare.close()
        db.close()
    up_ms = statistics.median(update) * 1000
    paint_ms = statistics.median(painted) * 1000
    bare_ms = statistics.median(baseline) * 1000
    print(
        f"slider    app {paint_ms:6.2f} ms (score, rows, banner, chart: {up_ms:5.2f} ms of it)   "
        f"bare slider + bar chart {bare_ms:5.2f} ms   ratio {paint_ms / bare_ms:4.2f}x   "
        f"(target <= {TARGET_RATIO}x; median of {MOVES} moves each, alternating)"
    )
    return {"slider_ms": paint_ms, "slider_ratio": paint_ms / bare_ms}


if __name__ == "__main__":
    main()
