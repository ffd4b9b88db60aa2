"""Slider latency: one lean move -> score, verdict banner, row labels and chart updated and painted.

Target: median under 8 ms. Measured offscreen in-process, including a processEvents() that paints.
Baseline, same run: a bare window whose slider moves one bar of an 11-bar pyqtgraph chart.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

MOVES = 300


def bare_slider_ms(app) -> float:
    """Median ms for a slider move that updates one pyqtgraph bar chart in place, then paints."""
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
    window.show()
    app.processEvents()
    times = []
    for i in range(MOVES):
        value = (i % 21) - 10
        start = time.perf_counter()
        slider.setValue(value if value != slider.value() else -value)
        app.processEvents()
        times.append(time.perf_counter() - start)
    window.close()
    return statistics.median(times) * 1000


def main() -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository
    from ses_decider.ui.app import open_main_window

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        repo = Repository(db)
        session, window = open_main_window(repo)
        window.show()
        app.processEvents()
        slider = window.factor_list.rows["stress"].lean
        update, painted = [], []
        for i in range(MOVES):
            value = (i % 21) - 10
            start = time.perf_counter()
            slider.setValue(value if value != slider.value() else -value)
            middle = time.perf_counter()
            app.processEvents()
            end = time.perf_counter()
            update.append(middle - start)
            painted.append(end - start)
        session.flush()
        window.close()
        db.close()
    up_ms = statistics.median(update) * 1000
    paint_ms = statistics.median(painted) * 1000
    bare_ms = bare_slider_ms(app)
    print(
        f"slider    model+widgets {up_ms:6.2f} ms   with repaint {paint_ms:6.2f} ms   "
        f"bare slider+bar chart {bare_ms:5.2f} ms   ratio to target {paint_ms / 8:4.2f}   "
        f"(target median < 8 ms; {MOVES} moves)"
    )
    return {"slider_ms": paint_ms}


if __name__ == "__main__":
    main()
