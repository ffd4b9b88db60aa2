"""Applying: the story bank, the two-page résumé and interview practice, in three tabs.

All three follow the ECQ set the person chose on "Fit & readiness" (as on screen, saved or not).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ses_decider.core.readiness import active_ecq_set, blank_readiness
from ses_decider.ui.session import Session
from ses_decider.ui.views.practice_panel import PracticePanel
from ses_decider.ui.views.resume_panel import ResumePanel
from ses_decider.ui.views.story_bank import StoryBankPanel


class ApplyingView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.stories = StoryBankPanel(session)
        self.resume = ResumePanel(session)
        self.practice = PracticePanel(session)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Applying")
        self.tabs.tabBar().setAccessibleName("Applying tabs")
        self.tabs.addTab(self.stories, "Story &bank")
        self.tabs.addTab(self.resume, "Rés&umé")
        self.tabs.addTab(self.practice, "&Interview practice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def ecqs(self) -> list[tuple[str, str]]:
        """(id, title) of the ECQs of the set the person chose, in order."""
        state = self.session.assessment.readiness or blank_readiness()
        return [(e.id, e.title) for e in active_ecq_set(state).ecqs]

    def refresh(self) -> None:
        ecqs = self.ecqs()
        for panel in (self.stories, self.resume, self.practice):
            panel.refresh(ecqs)
