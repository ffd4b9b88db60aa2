"""Gut check: the answer before weighing, the answer after, and what to look at where they differ."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ses_decider.core.explain import gut_check
from ses_decider.core.model import Assessment, Verdict
from ses_decider.core.scoring import Evaluation

CHOICES = [
    ("Not recorded", None),
    ("GO", Verdict.GO),
    ("CLOSE CALL", Verdict.CLOSE_CALL),
    ("NO-GO", Verdict.NO_GO),
]


class GutCheckPanel(QWidget):
    """Emits gut_changed('before'|'after', Verdict|None) when the person picks an answer."""

    gut_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = QLabel(
            "Before you weigh anything, note what your gut says. After weighing, say it again. "
            "Where your gut and the model differ, something may be missing from the table."
        )
        intro.setWordWrap(True)
        self.before = self._combo("before", "Gut answer before weighing")
        self.after = self._combo("after", "Gut answer after weighing")
        form = QFormLayout()
        before_label = QLabel("Gut answer &before weighing:")
        before_label.setBuddy(self.before)
        after_label = QLabel("G&ut answer now:")
        after_label.setBuddy(self.after)
        form.addRow(before_label, self.before)
        form.addRow(after_label, self.after)
        self.prompts = QLabel()
        self.prompts.setWordWrap(True)
        self.prompts.setObjectName("gutPrompts")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.prompts)
        layout.addStretch(1)

    def _combo(self, which: str, name: str) -> QComboBox:
        combo = QComboBox()
        for text, verdict in CHOICES:
            combo.addItem(text, verdict)
        combo.setAccessibleName(name)
        combo.currentIndexChanged.connect(
            lambda i, c=combo: self.gut_changed.emit(which, c.itemData(i))
        )
        return combo

    def show_evaluation(self, assessment: Assessment, evaluation: Evaluation) -> None:
        for combo, value in (
            (self.before, assessment.gut_before),
            (self.after, assessment.gut_after),
        ):
            index = next(i for i, (_, v) in enumerate(CHOICES) if v is value)
            if combo.currentIndex() != index:
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(index)
        lines = gut_check(assessment, evaluation)
        self.prompts.setText("\n".join(lines) if lines else "No gut answer recorded yet.")
