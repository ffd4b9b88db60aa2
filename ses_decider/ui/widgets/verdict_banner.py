"""The verdict, first thing the eye finds: icon, word, score and one sentence. Never colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ses_decider.core.explain import fmt, verdict_sentence
from ses_decider.core.model import Assessment, Verdict
from ses_decider.core.scoring import Evaluation

NO_VERDICT_YET = "NO VERDICT YET"

# Icon glyphs carry the meaning for people who cannot tell the tints apart.
_STYLE = {
    Verdict.GO: ("\u2714", "#1b7a3d", "#e3f4e8"),
    Verdict.CLOSE_CALL: ("\u2696", "#8a5a00", "#fdf3dc"),
    Verdict.NO_GO: ("\u2716", "#a4262c", "#fbe5e6"),
    Verdict.NOT_ENOUGH_INPUT: ("\u2026", "#4a4a4a", "#ececec"),
}


class VerdictBanner(QFrame):
    """Shows the verdict for the current evaluation; `explain_requested` opens the formula."""

    explain_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.icon.setObjectName("verdictIcon")
        self.word = QLabel()
        self.word.setObjectName("verdictWord")
        self.score = QLabel()
        self.score.setObjectName("verdictScore")
        self.score.setWordWrap(True)  # a narrow window (or 200%) wraps it instead of widening
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setObjectName("verdictSentence")
        self.explain = QPushButton("How is this computed?")
        self.explain.setAccessibleName("How is this computed?")
        self.explain.setAccessibleDescription("Shows the scoring formula with your own numbers")
        self.explain.clicked.connect(self.explain_requested)

        text = QVBoxLayout()
        text.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.word)
        top.addSpacing(16)
        top.addWidget(self.score, 1, Qt.AlignmentFlag.AlignBottom)
        text.addLayout(top)
        text.addWidget(self.sentence)
        self.quadrant = QLabel()
        self.quadrant.setObjectName("verdictQuadrant")
        self.quadrant.setWordWrap(True)
        self.quadrant.hide()
        text.addWidget(self.quadrant)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.icon)
        layout.addSpacing(8)
        layout.addLayout(text, 1)
        layout.addWidget(self.explain, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName("Verdict")
        self._verdict: Verdict | None = None
        self._compact = False

    def set_compact(self, compact: bool) -> None:
        """Smaller type and margins for a short window (1024x768 at 200%, say), so the table
        below keeps room to work in."""
        if compact != self._compact:
            self._compact = compact
            self.layout().setContentsMargins(*((10, 4, 10, 4) if compact else (16, 10, 16, 10)))
            self._style()

    def _style(self) -> None:
        if self._verdict is None:
            return
        _glyph, ink, tint = _STYLE[self._verdict]
        word, icon, score = (15, 18, 11) if self._compact else (22, 28, 13)
        self.setStyleSheet(
            f"#verdictBanner {{ background: {tint}; border: 2px solid {ink};"
            " border-radius: 8px; }"
            f"#verdictBanner QLabel {{ color: {ink}; background: transparent; }}"
            f"#verdictWord {{ font-size: {word}pt; font-weight: 700; }}"
            f"#verdictIcon {{ font-size: {icon}pt; }}"
            f"#verdictScore {{ font-size: {score}pt; font-weight: 600; }}"
            "#verdictSentence { font-size: 10.5pt; }"
        )

    def show_quadrant(self, axes) -> None:
        """The 2x2 beside the verdict: where want and ready place the person (None: not yet)."""
        if axes is None or axes.quadrant is None:
            self.quadrant.hide()
            return
        self.quadrant.setText(
            f"\u25a3 {axes.quadrant.title} \u2014 want {axes.want:.0f}, ready {axes.ready:.0f}"
        )
        self.quadrant.show()

    def show_evaluation(self, assessment: Assessment, evaluation: Evaluation) -> None:
        verdict = evaluation.verdict
        glyph, ink, tint = _STYLE[verdict]
        if verdict is not self._verdict:
            self._verdict = verdict
            self._style()
        rated, shown = assessment.rated_count()
        self.icon.setText(glyph)
        # No verdict until something is rated: "not rated" is not an opinion.
        self.word.setText(verdict.label if rated or evaluation.dealbreakers else NO_VERDICT_YET)
        counted = f"{rated} of {shown} factors rated"
        self.score.setText(
            counted
            if evaluation.score is None
            else f"score {fmt(round(evaluation.score, 1))} / 100 \u00b7 {counted}"
        )
        sentence = verdict_sentence(assessment, evaluation)
        self.sentence.setText(sentence)
        description = f"{verdict.label}. {self.score.text()}. {sentence}"
        self.setAccessibleDescription(description)
        self.word.setAccessibleName(f"Verdict: {verdict.label}")
