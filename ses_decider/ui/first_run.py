"""A short first-run tour: four steps, skippable, never shown again once finished or skipped."""

from __future__ import annotations

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
        "with your gut. When you are ready, use File > New person to start your own assessment.",
    ),
]


class FirstRunTour(QDialog):
    """Steps through STEPS; `finished_tour` is True once the person finished or skipped it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Getting started")
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
    tour = FirstRunTour(parent)
    tour.exec()  # Skip, Done and closing the window all count: it is never forced on anyone twice
    session.run(remember, TOUR_SETTING, "1")
    return True
