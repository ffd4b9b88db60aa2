"""The brief as a PDF (or on a printer): the HTML brief laid out by QTextDocument, page by page.

Text stays real text (selectable, searchable). The charts are the same SVG as in the HTML brief,
rasterised at print resolution and added to the document as image resources. Each page is painted
here so that it gets a footer with "Page N of M"; the same painting serves QPdfWriter and QPrinter.
Qt is imported only when this module is used.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from ses_decider import APP_NAME, __version__
from ses_decider.report.brief import Brief
from ses_decider.report.html import render_html
from ses_decider.report.pages import Page, bands, paginate
from ses_decider.report.sections import charts_of

PRINT_DPI = 300
CHART_DPI = 300
CSS_DPI = 96  # Qt's rich text reads image sizes as CSS pixels, 96 to the inch
MARGINS_IN = (0.75, 0.65, 0.75, 0.85)  # left, top, right, bottom; the footer sits in the bottom one
FOOTER_FONT_PT = 8
_EDGE = 1.0  # device pixels: what only touches a page's edge is not on that page

_app: QGuiApplication | None = None


class PdfError(OSError):
    """The PDF could not be written."""


def ensure_gui_app() -> QGuiApplication:
    """A QGuiApplication for painting text; offscreen when there is no display (CLI, CI, SSH)."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "ses-decider"])
    return _app


def chart_images(brief: Brief) -> dict[str, QImage]:
    """The brief's charts (every section's, ``report/sections.py``) rasterised at ``CHART_DPI``."""
    ensure_gui_app()  # painting text needs one
    return {c.name: _rasterise(c.svg, c.width, c.height) for c in charts_of(brief)}


def _rasterise(svg: str, width: int, height: int) -> QImage:
    scale = CHART_DPI / CSS_DPI
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    image.setDotsPerMeterX(round(CHART_DPI / 0.0254))
    image.setDotsPerMeterY(round(CHART_DPI / 0.0254))
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def build_document(brief: Brief) -> QTextDocument:
    """The brief as a QTextDocument with its chart images attached (not yet paginated)."""
    ensure_gui_app()
    document = QTextDocument()
    font = QFont(document.defaultFont())
    # No ligatures: a PDF "fi" glyph is extracted as U+FB01, so "first" would not be found by search.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    document.setDefaultFont(font)
    images = chart_images(brief)
    for name, image in images.items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart://{name}"), image
        )
    document.setHtml(render_html(brief, {name: f"chart://{name}" for name in images}))
    document.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle, f"SES decision brief \u2014 {brief.person}"
    )
    return document


def lay_out(document: QTextDocument, device: QPagedPaintDevice) -> tuple[list[Page], QRectF]:
    """Lay the document out for the device's paper: the pages, and the body area on each sheet.

    The device must paint from the paper's corner (QPdfWriter with zero margins, or a QPrinter with
    ``setFullPage(True)``): the margins are applied here so they are the same on paper and in PDF.
    """
    dpi = device.logicalDpiY()
    paper = device.pageLayout().fullRectPixels(device.logicalDpiX())
    left, top, right, bottom = (m * dpi for m in MARGINS_IN)
    body = QRectF(left, top, paper.width() - left - right, paper.height() - top - bottom)
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setTextWidth(body.width())  # one tall page; pages.py decides the breaks
    return paginate(bands(document, body.height()), body.height()), body


def paint_pages(document: QTextDocument, device: QPagedPaintDevice, footer: str) -> int:
    """Paint the document page by page, each with a footer "Page N of M"; returns the count.

    Page breaks come from ``report/pages.py``, so no table row or chart is ever cut in two.
    """
    painter = QPainter()
    if not painter.begin(device):
        raise PdfError("the output could not be opened for writing")
    try:
        pages, body = lay_out(document, device)
        font = QFont(document.defaultFont())
        font.setPointSizeF(FOOTER_FONT_PT)
        footer_area = QRectF(
            body.left(), body.bottom(), body.width(), MARGINS_IN[3] * device.logicalDpiY()
        )
        for number, page in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            y = body.top()
            if page.header is not None:
                y += _draw_slice(painter, document, body.left(), y, body.width(), *page.header)
            _draw_slice(painter, document, body.left(), y, body.width(), page.top, page.bottom)
            _footer(painter, font, footer_area, footer, number, len(pages))
    finally:
        painter.end()
    return len(pages)


def _draw_slice(
    painter: QPainter,
    document: QTextDocument,
    x: float,
    y: float,
    width: float,
    top: float,
    bottom: float,
) -> float:
    """Paint the document's y range [top, bottom) at (x, y); returns its height.

    Only what lies inside the range is drawn. ``QTextDocument.drawContents`` would also draw (clipped
    out of sight, but still in the PDF's text layer) the table row or line that merely touches the
    range's edge, such as the row starting where the page ends: so the layout is asked to draw what
    lies inside the range shrunk by ``_EDGE``, and the painter clips to the range itself.
    """
    painter.save()
    painter.translate(x, y - top)
    painter.setClipRect(QRectF(0, top, width, bottom - top))
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top + _EDGE, width, max(bottom - top - 2 * _EDGE, 0.0))
    document.documentLayout().draw(painter, context)
    painter.restore()
    return bottom - top


def _footer(painter: QPainter, font: QFont, area: QRectF, text: str, page: int, pages: int) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QPen(QColor("#9aa5b1"), max(1.0, area.height() / 200)))
    rule_y = area.top() + area.height() * 0.3
    painter.drawLine(QPointF(area.left(), rule_y), QPointF(area.right(), rule_y))
    painter.setPen(QColor("#444444"))
    line = QRectF(area.left(), rule_y, area.width(), area.height() * 0.35)
    align = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(line, int(align | Qt.AlignmentFlag.AlignLeft), text)
    painter.drawText(line, int(align | Qt.AlignmentFlag.AlignRight), f"Page {page} of {pages}")
    painter.restore()


def footer_text(brief: Brief) -> str:
    return f"{APP_NAME} {__version__} \u00b7 decision brief for {brief.person} \u00b7 {brief.date_text}"


def pdf_writer(path: str | Path, title: str = "") -> QPdfWriter:
    """A US Letter PDF writer at print resolution that paints from the paper's corner."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PRINT_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    return writer


def write_pdf(brief: Brief, path: str | Path) -> int:
    """Write the brief to ``path`` as a US Letter PDF; returns the number of pages."""
    document = build_document(brief)
    writer = pdf_writer(path, f"SES decision brief \u2014 {brief.person}")
    return paint_pages(document, writer, footer_text(brief))
