"""Slider latency: one lean move -> score, verdict banner, row labels and chart updated and painted.

Target: median under 8 ms. Measured offscreen in-process, including a processEvents() that paints.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

MOVES = 300


def main() -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository
    from ses_decider.ui.app import ensure_someone
    from ses_decider.ui.main_window import MainWindow
    from ses_decider.ui.session import Session

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        repo = Repository(db)
        first = ensure_someone(repo)
        session = Session(repo)
        window = MainWindow(session)
        session.open_person(first)
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
    print(
        f"slider    model+widgets {up_ms:6.2f} ms   with repaint {paint_ms:6.2f} ms   "
        f"ratio to target {paint_ms / 8:4.2f}   (target median < 8 ms; {MOVES} moves)"
    )
    return {"slider_ms": paint_ms}


if __name__ == "__main__":
    main()
