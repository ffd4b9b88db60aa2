"""A walkthrough for screen-sharing: one factor at a time in large type, arrow keys to move on,
ending on the verdict and the tipping points."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

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
        self.close_button = QPushButton("&Close")
        self.close_button.setAccessibleName("Close the walkthrough")
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.close_button.clicked.connect(self.accept)
        for button in (self.back, self.next, self.close_button):
            button.setAutoDefault(False)  # Enter must not close the walkthrough by surprise
        # Shortcuts, not key events: a focused button would otherwise take the arrow keys.
        for keys, step in (
            ((Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space), +1),
            ((Qt.Key.Key_Left, Qt.Key.Key_PageUp), -1),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(lambda s=step: self.go(self.index + s))
        bar = QHBoxLayout()
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.back)
        bar.addWidget(self.next)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        # Large type on a small screen (or at 200%) scrolls rather than being cut off.
        page = QScrollArea()
        page.setWidget(self.body)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.setAccessibleName("Walkthrough page")
        layout.addWidget(page, 1)
        layout.addLayout(bar)
        room = (parent or self).screen().availableGeometry()  # 200% scaling leaves little room
        self.resize(min(1100, room.width() * 9 // 10), min(700, room.height() * 9 // 10))
        self.go(0)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Reached when no shortcut took the key (the dialog is not the active window, say).
        step = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_PageDown: 1,
            Qt.Key.Key_Space: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_PageUp: -1,
        }.get(event.key())
        if step is None:
            super().keyPressEvent(event)
        else:
            self.go(self.index + step)

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        kind, fid = self.pages[self.index]
        self.body.setText(self._factor_page(fid) if kind == "factor" else self._verdict_page())
        self.position.setText(f"{self.index + 1} of {len(self.pages)}  (\u2190 \u2192 to move)")
        self.back.setEnabled(self.index > 0)
        last = self.index == len(self.pages) - 1
        self.next.setEnabled(not last)
        self.close_button.setVisible(last)

    def _factor_page(self, fid: str) -> str:
        assessment = self.session.assessment
        factor, rating = assessment.factor(fid), assessment.ratings[fid]
        rows = f"<p>{_rating_words('Mentee', rating)}</p>"
        theirs = self.mentor.ratings.get(fid) if self.mentor is not None else None
        if theirs is not None and theirs.rated:  # a factor the mentor left out has no difference
            rows += f"<p>{_rating_words('Mentor', theirs)}</p>"
        prompts = "".join(f"<li>{escape(p)}</li>" for p in factor.prompts)
        return (
            f"<h1>{escape(factor.title)}</h1>"
            f"<p><b>PRO:</b> {escape(factor.pro)}</p><p><b>CON:</b> {escape(factor.con)}</p>"
            f"{rows}" + (f"<ul>{prompts}</ul>" if prompts else "")
        )

    def _verdict_page(self) -> str:
        assessment = self.session.assessment
        evaluation = evaluate(assessment)
        score = "" if evaluation.score is None else f" \u2014 {fmt(evaluation.score)} / 100"
        tips = "".join(f"<li>{escape(s)}</li>" for s in tipping_sentences(assessment))
        return (
            f"<h1>{evaluation.verdict.label}{score}</h1>"
            f"<p>{escape(verdict_sentence(assessment, evaluation))}</p>"
            + (f"<h2>What would change it</h2><ul>{tips}</ul>" if tips else "")
        )


def _rating_words(who: str, rating) -> str:
    if not rating.rated:
        return f"<b>{who}:</b> not rated"
    must = " &nbsp; <b>a dealbreaker</b>" if rating.dealbreaker else ""
    return (
        f"<b>{who}:</b> matters {fmt(rating.weight)} of 10 &nbsp; "
        f"lean {fmt(rating.lean, signed=True)}{must}"
    )
