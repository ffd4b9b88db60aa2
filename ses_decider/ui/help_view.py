"""Help (F1): the method, the factors and their sources, the privacy promise, where the data lives."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ses_decider.core.content import catalogue
from ses_decider.core.explain import fmt
from ses_decider.core.model import Thresholds
from ses_decider.ui.a11y import name_buttons


def help_html(data_folder: Path, thresholds: Thresholds | None = None) -> str:
    """The help text as HTML, with the person's own thresholds; everything not ours is escaped."""
    t = thresholds or Thresholds()
    cat = catalogue()
    factor_rows = "".join(
        f"<tr><td><b>{escape(f.title)}</b></td><td>{escape(f.pro)}</td><td>{escape(f.con)}</td>"
        f"<td>{escape(cat.sources[f.source].short)}</td></tr>"
        for f in cat.factors
    )
    sources = "".join(
        f"<li>{escape(s.citation())}. {escape(s.note)}</li>" for s in cat.sources.values()
    )
    return f"""
<h2>How SES Decider works</h2>
<p>For each factor you set a <b>weight</b> from 0 to 10 (how much it matters to you) and a
<b>lean</b> from -5 to +5 (-5: its con side is strongly true for you; +5: its pro side is).</p>
<p><code>score = 50 + 10 &times; &Sigma;(weight &times; lean) &divide; &Sigma;(weight)</code>,
from 0 to 100. <b>GO</b> at {fmt(t.go)} or more, <b>NO-GO</b> below {fmt(t.no_go)}, <b>CLOSE CALL</b>
between. A factor you have not rated yet takes no part; with no factor rated there is no score. A factor marked as a <b>dealbreaker</b> whose lean is -3 or lower makes
the verdict NO-GO whatever the score.</p>
<p><b>How solid is it</b> shows the nearest change of one weight or lean that would flip the
verdict, and a check that varies every weight and lean a little (by how sure you are of each) 10,000
times. <b>Gut check</b> compares your gut answer with the model. If rating 0 to 10 is hard, use
<b>Other ways to weigh</b>: rank the factors, swing weighting, or pairwise comparison.</p>
<h2>The factors</h2>
<table border="0" cellspacing="0" cellpadding="4">
<tr><th align="left">Factor</th><th align="left">Pro</th><th align="left">Con</th>
<th align="left">Source</th></tr>{factor_rows}</table>
<p>Lofty position, influence and visibility, and responsibility and authority overlap: if they are one
concern for you, give most of the weight to one of them.</p>
<h2>Sources</h2><ul>{sources}</ul>
<p>The wording in the app is ours; figures come from the sources with their dates.</p>
<h2>Your privacy</h2>
<p>Everything you enter stays on this computer, in one database file. The app never opens a network
connection. Export a file or a brief only when you choose to share it.</p>
<h2>Where your data lives</h2>
<p><code>{escape(str(data_folder))}</code></p>
"""


class HelpDialog(QDialog):
    def __init__(
        self,
        data_folder: Path,
        parent: QWidget | None = None,
        *,
        thresholds: Thresholds | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("SES Decider help")
        self.data_folder = data_folder
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(help_html(data_folder, thresholds))
        self.browser.setAccessibleName("Help text")
        open_folder = QPushButton("Open the data &folder")
        open_folder.setAccessibleName("Open the data folder")
        open_folder.clicked.connect(self.open_data_folder)
        open_folder.setAutoDefault(False)  # Enter closes help; it never opens a file manager
        self.open_folder = open_folder
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        name_buttons(buttons)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"Data folder: {data_folder}"), 1)
        row.addWidget(open_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        room = (parent or self).screen().availableGeometry()  # 200% scaling leaves little room
        self.resize(min(820, room.width() * 9 // 10), min(640, room.height() * 9 // 10))

    def open_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))
