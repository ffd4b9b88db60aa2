"""A timer for one practice answer: start and stop, a visible countdown to the target length, and
one announcement to assistive technology when the target is reached.

The time comes from ``clock`` (seconds, monotonic), so a test can drive it with a fake clock while
the widget's own QTimer redraws it as it would for a user.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

TICK_MS = 200


def clock_text(seconds: float) -> str:
    """m:ss, rounded down to the second (so the countdown reaches 0:00 at the target)."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class AnswerTimer(QWidget):
    started = Signal()
    stopped = Signal(float)  # how long the answer took, in seconds
    target_reached = Signal(str)  # the sentence announced

    def __init__(
        self,
        target_seconds: int = 180,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.clock = clock
        self.target_seconds = target_seconds
        self._started_at: float | None = None
        self._reached = False

        self.button = QPushButton("Start the answer")
        self.button.setAccessibleName("Start or stop the answer timer")
        self.button.clicked.connect(self.toggle)
        self.display = QLabel()
        self.display.setAccessibleName("Time left")
        font = QFont(self.display.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.display.setFont(font)
        self.display.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.display.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader can land on it
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)

        line = QHBoxLayout()
        line.addWidget(self.button)
        line.addWidget(self.display)
        line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.status)
        self._show_idle()

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def set_target(self, seconds: int) -> None:
        self.target_seconds = max(1, int(seconds))
        if not self.running:
            self._show_idle()

    def elapsed(self) -> float:
        return 0.0 if self._started_at is None else max(0.0, self.clock() - self._started_at)

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if self.running:
            return
        self._started_at = self.clock()
        self._reached = False
        self.button.setText("Stop the answer")
        self.status.setText(f"Answering: aim for {clock_text(self.target_seconds)}.")
        self._ticker.start()
        self.tick()
        self.started.emit()

    def stop(self) -> float:
        """Stop; returns (and emits) the answer's length. Stopping an idle timer does nothing."""
        if not self.running:
            return 0.0
        seconds = self.elapsed()
        self._ticker.stop()
        self._started_at = None
        self.button.setText("Start the answer")
        self._show_idle(
            f"Last answer: {clock_text(seconds)} for a {clock_text(self.target_seconds)} target."
        )
        self.stopped.emit(seconds)
        return seconds

    def reset(self) -> None:
        """Forget a running answer without keeping it (another person was opened)."""
        self._ticker.stop()
        self._started_at = None
        self.button.setText("Start the answer")
        self._show_idle()

    def tick(self) -> None:
        if not self.running:
            return
        left = self.target_seconds - self.elapsed()
        if left > 0:
            self.display.setText(f"{clock_text(left + 0.999)} left")
            self.display.setAccessibleName(f"Time left: {clock_text(left + 0.999)}")
        else:
            self.display.setText(f"{clock_text(-left)} over")
            self.display.setAccessibleName(f"Over the target by {clock_text(-left)}")
        if not self._reached and left <= 0:
            self._reached = True
            self._announce(
                f"Target of {clock_text(self.target_seconds)} reached: wrap up with your result."
            )

    def _announce(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        QAccessible.updateAccessibility(QAccessibleEvent(self.status, QAccessible.Event.Alert))
        self.target_reached.emit(text)

    def _show_idle(self, said: str = "") -> None:
        self.display.setText(f"{clock_text(self.target_seconds)} left")
        self.display.setAccessibleName(f"Target length: {clock_text(self.target_seconds)}")
        self.status.setText(
            said
            or f"Target: {clock_text(self.target_seconds)}. Start when you "
            "begin to answer out loud."
        )
