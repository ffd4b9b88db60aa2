"""The start-up baseline: a bare PySide6 main window with one pyqtgraph plot, exiting once painted."""

import os
import sys

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class _Watcher(QObject):
    """The same first-paint rule as the app's --exit-after-start."""

    def __init__(self, window):
        super().__init__()
        self.window = window

    def eventFilter(self, watched, event):  # noqa: N802
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(pg.PlotWidget())
    window.resize(1280, 820)
    watcher = _Watcher(window)
    app.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    # Ends the way the app does (cli.launch): what is timed is the start-up, not the tear-down.
    status = main()
    sys.stdout.flush()
    os._exit(status)
