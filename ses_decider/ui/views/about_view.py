"""About the SES: the context a person needs, every figure with its source and as-of date."""

from __future__ import annotations

from datetime import date
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from ses_decider.core.facts import FactSheet, age_note, fact_sheet
from ses_decider.ui.widgets.plots import keep_wrapped_text_whole, still_plot


def facts_html(sheet: FactSheet, today: date) -> str:
    """All facts by topic; a fact older than two years says so."""
    parts = ["<h2>About the Senior Executive Service</h2>"]
    for topic_id, topic_title in sheet.topics:
        facts = sheet.by_topic(topic_id)
        if not facts:
            continue
        parts.append(f"<h3>{escape(topic_title)}</h3>")
        for fact in facts:
            source = sheet.source(fact.source)
            stale = age_note(fact.as_of, today)
            figure = f" <b>{escape(fact.figure)}</b>" if fact.figure else ""
            parts.append(
                f"<p><b>{escape(fact.title)}.</b>{figure} {escape(fact.text)}<br>"
                f"<small>Source: {escape(source.citation())}. As of {escape(fact.as_of)}."
                + (f" <i>{escape(stale)}</i>" if stale else "")
                + f" {escape(checked_line(fact.verified))}</small></p>"
            )
    return "".join(parts)


def checked_line(verified) -> str:
    """How a fact was checked, in facts only: when and against which sources (our working notes on
    the check stay in resources/facts.json)."""
    if not verified.checked:
        return "Not yet checked against a second source."
    how = "Checked" if verified.status == "verified" else "Partly checked"
    where = f" against {verified.where}" if verified.where else ""
    return f"{how} on {verified.on}{where}."


class AboutView(QWidget):
    def __init__(self, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.sheet = fact_sheet()
        self.today = today or date.today()
        survey = self.sheet.survey
        # Horizontal bars, labelled on the left: every answer keeps its label at any width
        # (tick labels under narrow vertical bars are dropped when they would overlap).
        self.chart = still_plot()
        bars = list(survey.bars)
        n = len(bars)
        colours = [QColor("#2e8b57"), QColor("#b8860b"), QColor("#8b3a3a")]
        self.bars = pg.BarGraphItem(
            x0=[0] * n,
            y=[n - 1 - i for i in range(n)],
            width=[bar.percent for bar in bars],
            height=0.6,
            brushes=colours[:n],
            pen=pg.mkPen(None),
        )
        self.chart.addItem(self.bars)
        self.tick_labels = [f"{bar.label} ({bar.percent:.0f}%)" for bar in bars]
        left = self.chart.getAxis("left")
        left.setTicks([[(n - 1 - i, text) for i, text in enumerate(self.tick_labels)]])
        left.setWidth(
            QFontMetrics(left.font()).horizontalAdvance(max(self.tick_labels, key=len)) + 16
        )
        self.chart.setXRange(0, 106, padding=0)  # room to print "100"
        self.chart.setYRange(-0.7, n - 0.3, padding=0)
        self.chart.setLabel("bottom", "% of respondents")
        self.chart.getAxis("bottom").enableAutoSIPrefix(False)
        self.chart.setMinimumHeight(120)
        self.title = QLabel(f"<b>{escape(survey.title)}</b>")
        self.title.setWordWrap(True)
        summary = ", ".join(f"{b.label} {b.percent:.0f}%" for b in survey.bars)
        self.chart.setAccessibleName("Survey answers chart")
        self.chart.setAccessibleDescription(summary)
        self.chart.setToolTip(summary)
        source = self.sheet.source(survey.source)
        stale = age_note(survey.as_of, self.today) or ""
        caption = QLabel(
            f"{escape(survey.note)}<br><small>Source: {escape(source.citation())}. "
            f"As of {escape(survey.as_of)}. <i>{escape(stale)}</i></small>"
        )
        caption.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.chart, 1)
        left_layout.addWidget(caption)
        keep_wrapped_text_whole(left)  # the caption wraps: a short window scrolls, never overlaps
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(facts_html(self.sheet, self.today))
        self.text.setAccessibleName("Facts about the SES")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.text)
        splitter.setSizes([420, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        """Nothing here depends on the person (the page protocol asks every view for it)."""
