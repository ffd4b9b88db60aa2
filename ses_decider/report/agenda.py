"""The session agenda and the program manager's roster, each on one page: as HTML (no Qt), as a PDF,
or on a printer.

Each is one HTML document laid out by QTextDocument. To keep it on one page, a document taller than
the page is painted scaled down to fit (never below `MIN_SCALE`; the agenda keeps to a few dozen
items, the roster to a program's mentees). Everything the mentor typed is escaped. Qt is imported only
when a PDF or a print is asked for.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ses_decider.core.explain import fmt
from ses_decider.core.mentoring import DESK_COLUMNS, AgendaItem, DeskRow, desk_cells
from ses_decider.core.model import Verdict
from ses_decider.report.markup import VERDICT_TINT, e

KINDS = {".pdf": "pdf", ".html": "html", ".htm": "html"}
MIN_SCALE = 0.55
MARGIN_IN = 0.6
DOT = " \u00b7 "
BLANK_ACTION_ROWS = 4  # lines to write agreed actions on, on paper

STYLE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif;
       font-size: 10pt; color: #1a1a1a; }
h1 { font-size: 17pt; font-weight: bold; margin-top: 0px; margin-bottom: 2px; color: #13294b; }
h2 { font-size: 12pt; font-weight: bold; margin-top: 12px; margin-bottom: 4px; color: #13294b; }
p { margin-top: 2px; margin-bottom: 4px; }
.sub { color: #444444; margin-bottom: 8px; }
.small { font-size: 8pt; color: #444444; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th { font-size: 8.5pt; font-weight: bold; text-align: left; background-color: #e9edf2;
                border-bottom: 1px solid #9aa5b1; padding: 4px; }
table.grid td { font-size: 9pt; vertical-align: top; border-bottom: 1px solid #d5d9de;
                padding: 4px; }
td.num { text-align: right; white-space: nowrap; }
td.kind { font-size: 8pt; color: #444444; white-space: nowrap; }
td.blank { height: 22px; }
"""
BROWSER_STYLE = """
@page { size: letter; margin: 0.6in; }
@media screen { body { max-width: 7.5in; margin: 24px auto; } }
"""


class AgendaError(ValueError):
    """The file cannot be written; the message is one line for the user."""


@dataclass(frozen=True)
class Agenda:
    """An agenda as it is printed: for whom, on which day, where they stand, and the items."""

    person: str
    day: date
    items: tuple[AgendaItem, ...]
    verdict: Verdict | None = None
    score: float | None = None
    last_session: str | None = None


# HTML ------------------------------------------------------------------------------------------
def _page(title: str, body: list[str], browser: bool) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{e(title)}</title>",
            f"<style>{STYLE}{BROWSER_STYLE if browser else ''}</style></head><body>",
            *body,
            "</body></html>",
        ]
    )


def agenda_html(agenda: Agenda, *, browser: bool = True) -> str:
    """The agenda as one HTML page: where the mentee stands, the numbered items with room for
    notes, and blank lines for the actions agreed."""
    standing = []
    if agenda.verdict is not None:
        score = "" if agenda.score is None else f" (score {fmt(agenda.score)})"
        standing.append(f"now {e(agenda.verdict.label)}{e(score)}")
    standing.append(
        f"last session {e(agenda.last_session)}" if agenda.last_session else "first session"
    )
    body = [
        f"<h1>Session agenda \u2014 {e(agenda.person)}</h1>",
        f'<p class="sub">{e(agenda.day.isoformat())} \u00b7 {DOT.join(standing)}</p>',
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4">',
        '<thead><tr><th width="4%">#</th><th width="16%">Topic</th><th width="50%">Item</th>'
        '<th width="30%">Notes</th></tr></thead><tbody>',
    ]
    if not agenda.items:
        body.append("<tr><td></td><td></td><td>Nothing on the agenda yet.</td><td></td></tr>")
    for number, item in enumerate(agenda.items, start=1):
        body.append(
            f'<tr><td class="num">{number}</td><td class="kind">{e(item.heading)}</td>'
            f"<td>{e(item.text)}</td><td></td></tr>"
        )
    body += [
        "</tbody></table>",
        "<h2>Agreed actions</h2>",
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4">',
        '<thead><tr><th width="56%">What</th><th width="22%">Who</th><th width="14%">By when</th>'
        '<th width="8%">Done</th></tr></thead><tbody>',
        *['<tr><td class="blank"></td><td></td><td></td><td></td></tr>'] * BLANK_ACTION_ROWS,
        "</tbody></table>",
        '<p class="small">Prepared with SES Decider. The items come from both views of the '
        "decision; the mentor chose and ordered them.</p>",
    ]
    return _page(f"Session agenda \u2014 {agenda.person}", body, browser)


def roster_html(rows: Sequence[DeskRow], day: date, *, browser: bool = True) -> str:
    """All mentees on one page: verdict, change, quadrant, top difference, what is due."""
    body = [
        "<h1>Mentees at a glance</h1>",
        f'<p class="sub">{e(day.isoformat())} \u00b7 {len(rows)} mentee(s)</p>',
        '<table class="grid" width="100%" cellspacing="0" cellpadding="4"><thead><tr>',
        *[f"<th>{e(title)}</th>" for title in DESK_COLUMNS],
        "</tr></thead><tbody>",
    ]
    for row in rows:
        cells = desk_cells(row, day)
        tint = VERDICT_TINT[row.verdict]
        body.append(
            "<tr>"
            + "".join(
                f'<td bgcolor="{tint}" style="background-color: {tint};">{e(text)}</td>'
                if column == 1
                else f"<td>{e(text)}</td>"
                for column, text in enumerate(cells)
            )
            + "</tr>"
        )
    if not rows:
        body.append(f'<tr><td colspan="{len(DESK_COLUMNS)}">No one in the database yet.</td></tr>')
    body += [
        "</tbody></table>",
        '<p class="small">Score and verdict: the mentee\u2019s own weighing (0\u2013100; GO at 60 '
        "or more, NO-GO below 40 unless they set other thresholds). Since last session: points "
        "the score moved since the last recorded session. Top difference: the factor where the "
        "mentor\u2019s view would move the mentee\u2019s score most, in points. Next due: the "
        "earliest review date, experiment, premortem step or agreed action.</p>",
    ]
    return _page("Mentees at a glance", body, browser)


# One page, on paper or in a PDF ----------------------------------------------------------------
def paint_one_page(html: str, device, footer: str = "") -> float:
    """Paint ``html`` on one page of ``device`` (painting from the paper's corner), scaled down if
    it is taller than the page; returns the scale used (1.0: as it is)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPainter, QTextDocument

    from ses_decider.report.pdf import PdfError, ensure_gui_app

    ensure_gui_app()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setHtml(html)
    dpi = device.logicalDpiY()
    paper = device.pageLayout().fullRectPixels(device.logicalDpiX())
    margin = MARGIN_IN * dpi
    body = QRectF(margin, margin, paper.width() - 2 * margin, paper.height() - 2.4 * margin)
    document.setTextWidth(body.width())
    height = document.size().height()
    scale = 1.0
    for _ in range(4):  # a smaller size lays out wider, hence shorter: settle in a few steps
        if height * scale <= body.height() or scale <= MIN_SCALE:
            break
        scale = max(MIN_SCALE, min(scale * 0.98, body.height() / height))
        document.setTextWidth(body.width() / scale)  # fill the width at the smaller size
        height = document.size().height()
    painter = QPainter()
    if not painter.begin(device):
        raise PdfError("the output could not be opened for writing")
    try:
        painter.save()
        painter.translate(body.left(), body.top())
        painter.scale(scale, scale)
        document.drawContents(painter, QRectF(0, 0, body.width() / scale, body.height() / scale))
        painter.restore()
        if footer:
            font = QFont(document.defaultFont())
            font.setPointSizeF(8)
            painter.setFont(font)
            line = QRectF(body.left(), body.bottom() + margin * 0.4, body.width(), margin * 0.5)
            painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft), footer)
    finally:
        painter.end()
    return scale


def _pdf_writer(path: Path, title: str, landscape: bool):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from ses_decider import APP_NAME
    from ses_decider.report.pdf import PRINT_DPI

    writer = QPdfWriter(str(path))
    writer.setResolution(PRINT_DPI)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.Letter), orientation, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    return writer


def _footer(what: str, day: date) -> str:
    from ses_decider import APP_NAME, __version__

    return f"{APP_NAME} {__version__} \u00b7 {what} \u00b7 {day.isoformat()}"


def write_one_page(
    path: str | Path, html_for, title: str, footer: str, *, landscape: bool = False
) -> Path:
    """Write ``html_for(browser)`` to ``path`` as .pdf or .html (by its extension) through a
    temporary file beside it, so a failure leaves no partial file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        shown = f'"{path.suffix}"' if path.suffix else "no extension"
        raise AgendaError(f"{path.name} has {shown}; it is written as .pdf or .html")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise AgendaError(f"cannot write {path}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise AgendaError(f"cannot write {path}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        if KINDS[suffix] == "html":
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(html_for(True))
        else:
            os.close(fd)
            paint_one_page(html_for(False), _pdf_writer(tmp, title, landscape), footer)
            if tmp.stat().st_size == 0:
                raise AgendaError(f"cannot write {path}: the PDF came out empty")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AgendaError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_agenda(agenda: Agenda, path: str | Path) -> Path:
    """The agenda as a one-page PDF or an HTML page."""
    return write_one_page(
        path,
        lambda browser: agenda_html(agenda, browser=browser),
        f"Session agenda \u2014 {agenda.person}",
        _footer(f"session agenda for {agenda.person}", agenda.day),
    )


def print_agenda(agenda: Agenda, printer) -> float:
    """The agenda on a printer (a QPrinter): the same page as the PDF."""
    printer.setFullPage(True)  # paint_one_page sets the margins itself
    return paint_one_page(
        agenda_html(agenda, browser=False),
        printer,
        _footer(f"session agenda for {agenda.person}", agenda.day),
    )


def write_roster(rows: Sequence[DeskRow], path: str | Path, day: date | None = None) -> Path:
    """The roster of all mentees as a one-page PDF (landscape) or an HTML page."""
    day = day or date.today()
    return write_one_page(
        path,
        lambda browser: roster_html(rows, day, browser=browser),
        "Mentees at a glance",
        _footer("mentees at a glance", day),
        landscape=True,
    )
