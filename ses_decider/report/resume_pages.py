"""How many pages a résumé comes to, and the résumé as a PDF, in the same standard layout.

The layout comes from resources/applying.json (default "standard"): US Letter, 1-inch margins,
11-point type, plain paragraphs with no extra spacing. The font is the first installed of the
layout's families: Arial (Windows, macOS), or its metric twins Liberation Sans or Arimo (most Linux
desktops), then Helvetica; failing all, Qt's default sans-serif, which is usually wider, so the
count errs towards more pages. ``layout_font_family`` says which one was used, for the screen.

Pages are counted by QTextDocument itself with its page size set to the text area, laid out for a
PDF writer at 300 dpi (not the screen), so the count does not depend on the monitor. ``resume_pdf``
paints exactly those pages, so the PDF has the page count shown. Qt is imported only here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontInfo,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from ses_decider import APP_NAME
from ses_decider.core.applying_content import ResumeLayout, applying_content
from ses_decider.report.pdf import PdfError, ensure_gui_app

RESOLUTION_DPI = 300
POINTS_PER_INCH = 72


def resume_layout(layout_id: str | None = None) -> ResumeLayout:
    """A layout from the content; the default one without an id."""
    return applying_content().layout(layout_id)


def layout_font(layout: ResumeLayout) -> QFont:
    """The layout's font: its first installed family at its size, without ligatures."""
    ensure_gui_app()
    installed = set(QFontDatabase.families())
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    families = [f for f in layout.families if f in installed]
    if families:
        font.setFamilies(families)
    else:
        font.setFamily(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family())
    font.setPointSizeF(layout.font_pt)
    # No ligatures: a PDF "fi" glyph is extracted as U+FB01, so "efficiency" would not be found.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def layout_font_family(layout: ResumeLayout | None = None) -> str:
    """The family actually used for ``layout`` on this machine (e.g. "Arial", "DejaVu Sans")."""
    return QFontInfo(layout_font(layout or resume_layout())).family()


def _writer(target: str | QIODevice, layout: ResumeLayout) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # the margins are applied by the document, the same for both
        )
    )
    return writer


def _document(text: str, layout: ResumeLayout, writer: QPdfWriter) -> tuple[QTextDocument, QRectF]:
    """The text laid out page by page for ``writer``; returns the document and the text area."""
    dpi = writer.resolution()
    paper = writer.pageLayout().fullRectPoints()
    margin = layout.margin_in * dpi
    width = paper.width() / POINTS_PER_INCH * dpi - 2 * margin
    height = paper.height() / POINTS_PER_INCH * dpi - 2 * margin
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(layout_font(layout))
    document.setDocumentMargin(0)
    document.setPlainText(text)
    document.setPageSize(QSizeF(width, height))
    return document, QRectF(margin, margin, width, height)


def page_count(text: str, layout: ResumeLayout | None = None) -> int:
    """Pages the text fills in the layout (default: Letter, 1-inch margins, 11 pt); 0 when blank."""
    if not text.strip():
        return 0
    ensure_gui_app()
    layout = layout or resume_layout()
    sink = QBuffer(QByteArray())
    sink.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(sink, layout)
    document, _ = _document(text, layout, writer)
    return document.pageCount()


def resume_pdf(text: str, path: str | Path, layout: ResumeLayout | None = None) -> int:
    """Write the résumé text to ``path`` as a PDF in the layout; returns the pages written.

    Written through a temporary file beside the target that replaces it only once complete, so a
    failure leaves neither a half-written PDF nor a stray file. ValueError for a blank text;
    PdfError (one line for the user) when the file cannot be written.
    """
    if not text.strip():
        raise ValueError("the résumé is empty: there is nothing to export")
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise PdfError(f"cannot write {path}: the folder {folder} does not exist") from None
    except NotADirectoryError:
        raise PdfError(f"cannot write {path}: {folder} is not a folder") from None
    except OSError as exc:
        raise PdfError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        pages = _paint_pdf(text, tmp, layout or resume_layout())
        if tmp.stat().st_size == 0:
            raise PdfError(f"cannot write {path}: the PDF came out empty")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, PdfError):
            raise
        raise PdfError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return pages


def _paint_pdf(text: str, path: Path, layout: ResumeLayout) -> int:
    ensure_gui_app()
    writer = _writer(str(path), layout)
    writer.setTitle("Résumé")
    writer.setCreator(APP_NAME)
    document, area = _document(text, layout, writer)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise PdfError(f"{path} could not be opened for writing")
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            top = index * area.height()
            painter.save()
            painter.translate(area.left(), area.top() - top)
            document.drawContents(painter, QRectF(0, top, area.width(), area.height()))
            painter.restore()
    finally:
        painter.end()
    return pages
