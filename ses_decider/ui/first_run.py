"""A short first-run tour: four steps, skippable, never shown again once finished or skipped.

Each step can name the part of the window it describes; the tour then stands beside that part
(never over it), so the person sees what the words are about.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

TOUR_SETTING = "tour_done"

STEPS = [
    (
        "Welcome to SES Decider",
        "This app helps you decide whether to aim for the Senior Executive Service. You are "
        "looking at a sample person; everything you enter stays on this computer.",
    ),
    (
        "1. Weigh the pros and cons",
        "Each row shows one factor's con side and pro side. Move the middle slider toward the side "
        "that is true for you, and the right slider to say how much the factor matters.",
    ),
    (
        "2. Read the verdict",
        "The banner at the top shows GO, CLOSE CALL or NO-GO with a score from 0 to 100, updated as "
        "you move sliders. 'Why this verdict' shows which factors push which way.",
    ),
    (
        "3. Check how solid it is",
        "'How solid is it' tells you what would change the verdict, and 'Gut check' compares it "
        "with your gut. When you are ready, press \u201cStart my own assessment\u2026\u201d under "
        "the verdict (File \u203a New person\u2026 does the same) to weigh your own case.",
    ),
]


class FirstRunTour(QDialog):
    """Steps through STEPS; `finished_tour` is True once the person finished or skipped it."""

    def __init__(self, parent: QWidget | None = None, targets: list[QWidget | None] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Getting started")
        self.targets = list(targets or [])  # per step: the part it describes (None: anywhere)
        self.step = 0
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.back = QPushButton("&Back")
        self.back.setAccessibleName("Previous step")
        self.next = QPushButton("&Next")
        self.next.setAccessibleName("Next step")
        self.next.setDefault(True)
        self.skip = QPushButton("&Skip the tour")
        self.skip.setAccessibleName("Skip the tour")
        self.back.clicked.connect(lambda: self.go(self.step - 1))
        self.next.clicked.connect(self.advance)
        self.skip.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.resize(460, 220)
        self.go(0)

    def go(self, step: int) -> None:
        self.step = max(0, min(step, len(STEPS) - 1))
        title, body = STEPS[self.step]
        self.title.setText(title)
        self.body.setText(body)
        self.back.setEnabled(self.step > 0)
        last = self.step == len(STEPS) - 1
        self.next.setText("&Done" if last else "&Next")
        if self.isVisible():
            self.stand_beside(self.target())

    def target(self) -> QWidget | None:
        target = self.targets[self.step] if self.step < len(self.targets) else None
        return target if target is not None and target.isVisible() else None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.stand_beside(self.target())

    def stand_beside(self, target: QWidget | None) -> None:
        """Move beside ``target`` (right, left, below or above it) where the screen has room."""
        if target is None:
            return
        part = QRect(target.mapToGlobal(QPoint(0, 0)), target.size())
        room = (target.screen() or self.screen()).availableGeometry()
        frame = self.frameGeometry()
        size = frame.size()
        gap = 8
        for corner in (
            QPoint(part.right() + gap, part.top()),
            QPoint(part.left() - gap - size.width(), part.top()),
            QPoint(part.left(), part.bottom() + gap),
            QPoint(part.left(), part.top() - gap - size.height()),
            QPoint(room.right() - size.width(), part.top() - gap - size.height()),
            QPoint(room.right() - size.width(), part.bottom() + gap),
        ):
            place = QRect(corner, size)
            if room.contains(place) and not place.intersects(part):
                self.move(place.topLeft())
                return

    def advance(self) -> None:
        if self.step == len(STEPS) - 1:
            self.accept()
        else:
            self.go(self.step + 1)


def maybe_show_tour(session, parent: QWidget | None = None) -> bool:
    """Show the tour once per database; returns True if it was shown."""
    from ses_decider.ops.views import remember

    if session.repo.settings.get(TOUR_SETTING) == "1":
        return False
    tour = FirstRunTour(parent, tour_targets(parent))
    tour.exec()  # Skip, Done and closing the window all count: it is never forced on anyone twice
    session.run(remember, TOUR_SETTING, "1")
    return True


def tour_targets(window) -> list[QWidget | None]:
    """What each step describes, in the main window: welcome, the table, the verdict, the
    explanations (with the start button under the verdict)."""
    if window is None or not hasattr(window, "factor_scroll"):
        return []
    return [None, window.factor_scroll, window.banner, window.side_tabs]
