"""Guards against a Qt binding that corrupts Python's reference counts (PySide6 6.12.0 did: every
call returning None released one reference to None, and the app crashed after a few hundred edits)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QLabel, QSlider


def test_qt_calls_keep_reference_counts_of_none_intact(qtbot):
    slider, label = QSlider(), QLabel()
    qtbot.addWidget(slider)
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        with QSignalBlocker(slider):
            slider.setValue(3)
        label.setText("x")
        label.setToolTip("x")
    # A healthy binding leaves the count where it was (give or take a few references).
    assert abs(sys.getrefcount(None) - before) < 50
