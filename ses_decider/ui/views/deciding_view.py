"""Decide well: six steps beside the table, each offered and none required.

Your own reasons first, "did you miss?", a premortem for both paths, a friend's view, small
experiments and a decision journal. The verdict works without any of them, and the simple path (the
Decide page) is unchanged. The list on the left says how far each step has got; the records are
read once per redraw, through the session.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.deciding_content import deciding_content
from ses_decider.core.deciding_summary import DecidingRecords
from ses_decider.ops import deciding as ops
from ses_decider.ui.deciding_commands import DecidingCommands
from ses_decider.ui.session import Session
from ses_decider.ui.views.deciding_common import wrapped
from ses_decider.ui.views.deciding_experiments import ExperimentsPanel
from ses_decider.ui.views.deciding_friend import FriendPanel
from ses_decider.ui.views.deciding_journal import JournalPanel
from ses_decider.ui.views.deciding_premortem import PremortemPanel
from ses_decider.ui.views.deciding_reasons import MissedPanel, ReasonsPanel

INTRO = (
    "Ways to decide well, backed by research on decisions. Take any of them, in any order, or "
    "none: your verdict works without them."
)


class DecidingView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.commands = DecidingCommands(session)
        self.reasons = ReasonsPanel(session, self.commands)
        self.missed = MissedPanel(session, self.reasons)
        self.premortem = PremortemPanel(session, self.commands)
        self.friend = FriendPanel(session, self.commands)
        self.experiments = ExperimentsPanel(session, self.commands)
        self.journal = JournalPanel(session)
        self.panels = {
            "own_reasons": self.reasons,
            "did_you_miss": self.missed,
            "premortem": self.premortem,
            "friend_view": self.friend,
            "experiments": self.experiments,
            "journal": self.journal,
        }
        self.steps = QListWidget()
        self.steps.setAccessibleName("Steps of deciding well")
        self.stack = QStackedWidget()
        content = deciding_content()
        for step_id, panel in self.panels.items():
            item = QListWidgetItem(content.step(step_id).title)
            item.setData(Qt.ItemDataRole.UserRole, step_id)
            self.steps.addItem(item)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(panel)
            self.stack.addWidget(scroll)
        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.steps.setCurrentRow(0)
        self.steps.setMinimumWidth(220)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(wrapped(INTRO, "decidingIntro"))
        left_layout.addWidget(self.steps, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 940])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._person_id: int | None = None
        self.records = DecidingRecords()

    def set_today(self, today: Callable[[], date]) -> None:
        """The day the steps count from (tests set it)."""
        for panel in (self.friend, self.experiments, self.journal):
            panel.today = today
        self.refresh()  # dates already shown (an idea's suggested date) count from the new day

    def show_step(self, step_id: str) -> QWidget:
        """Go to a step; returns its panel."""
        self.steps.setCurrentRow(list(self.panels).index(step_id))
        return self.panels[step_id]

    def refresh(self) -> None:
        person = self.session.person
        if person.id != self._person_id:
            self._person_id = person.id
            if self.friend.answering:
                self.friend.cancel()  # another person's answers are not this one's
        self.records = self.session.read(ops.deciding_records, person.id)
        for panel in self.panels.values():
            panel.show_records(self.records)
        self._label_steps()

    def _label_steps(self) -> None:
        """Each step's title and how far it has got, so the list reads as a checklist."""
        r, content = self.records, deciding_content()
        left = len(self.missed.prompt_ids)
        planned = sum(1 for e in r.experiments if e.status == "planned")
        status = {
            "own_reasons": f"{len(r.own_reasons)} written" if r.own_reasons else "",
            "did_you_miss": f"{left} to look at" if left else "all covered",
            "premortem": _count(len(r.premortem), "answer") if r.premortem else "",
            "friend_view": f"answered {r.friend_views[-1].taken_on}" if r.friend_views else "",
            "experiments": f"{planned} planned" if planned else "",
            "journal": f"{len(r.journal)} written" if r.journal else "",
        }
        for row, step_id in enumerate(self.panels):
            title = content.step(step_id).title
            item = self.steps.item(row)
            item.setText(f"{title} \u2014 {status[step_id]}" if status[step_id] else title)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
