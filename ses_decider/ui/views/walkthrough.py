"""A walkthrough for screen-sharing: one factor at a time in large type, arrow keys to move on,
ending on the verdict and the tipping points."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ses_decider.core.explain import fmt, verdict_sentence
from ses_decider.core.model import Assessment
from ses_decider.core.scoring import evaluate
from ses_decider.core.sensitivity import tipping_sentences
from ses_decider.ui.session import Session


class Walkthrough(QDialog):
    def __init__(
        self,
        session: Session,
        mentor: Assessment | None,
        order: list[str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Walkthrough \u2014 {session.person.name}")
        self.session, self.mentor = session, mentor
        self.pages = [("factor", fid) for fid in order] + [("verdict", None)]
        self.index = 0
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setStyleSheet("font-size: 20pt;")
        self.body.setAccessibleName("Walkthrough page")
        self.position = QLabel()
        self.back = QPushButton("\u2190 &Back")
        self.back.setAccessibleName("Previous factor")
        self.next = QPushButton("&Next \u2192")
        self.next.setAccessibleName("Next factor")
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        bar = QHBoxLayout()
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.back)
        bar.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.addWidget(self.body, 1)
        layout.addLayout(bar)
        self.resize(1100, 700)
        self.go(0)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            self.go(self.index + 1)
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.go(self.index - 1)
        else:
            super().keyPressEvent(event)

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        kind, fid = self.pages[self.index]
        self.body.setText(self._factor_page(fid) if kind == "factor" else self._verdict_page())
        self.position.setText(f"{self.index + 1} of {len(self.pages)}  (\u2190 \u2192 to move)")
        self.back.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(self.pages) - 1)

    def _factor_page(self, fid: str) -> str:
        assessment = self.session.assessment
        factor, rating = assessment.factor(fid), assessment.ratings[fid]
        rows = (
            f"<p><b>Matters:</b> {fmt(rating.weight)} of 10 &nbsp; "
            f"<b>Lean:</b> {fmt(rating.lean, signed=True)}</p>"
        )
        if self.mentor is not None and fid in self.mentor.ratings:
            theirs = self.mentor.ratings[fid]
            rows += (
                f"<p><b>Mentor's view:</b> matters {fmt(theirs.weight)}, "
                f"lean {fmt(theirs.lean, signed=True)}</p>"
            )
        prompts = "".join(f"<li>{escape(p)}</li>" for p in factor.prompts)
        return (
            f"<h1>{escape(factor.title)}</h1>"
            f"<p><b>PRO:</b> {escape(factor.pro)}</p><p><b>CON:</b> {escape(factor.con)}</p>"
            f"{rows}" + (f"<ul>{prompts}</ul>" if prompts else "")
        )

    def _verdict_page(self) -> str:
        assessment = self.session.assessment
        evaluation = evaluate(assessment)
        score = "" if evaluation.score is None else f" \u2014 {evaluation.score:.1f} / 100"
        tips = "".join(f"<li>{escape(s)}</li>" for s in tipping_sentences(assessment))
        return (
            f"<h1>{evaluation.verdict.label}{score}</h1>"
            f"<p>{escape(verdict_sentence(assessment, evaluation))}</p>"
            + (f"<h2>What would change it</h2><ul>{tips}</ul>" if tips else "")
        )
