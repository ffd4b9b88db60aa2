"""Page breaks that never cut a table row, a line of text or a chart, and keep headings with what
follows them.

Qt's own pagination splits table rows mid-cell (QTextDocumentLayout moves a row only when none of
its cells has started on the page). So the document is laid out as one tall page and cut here: the
layout is read back as a list of unbreakable bands (each row of a top-level table, each line of a
top-level paragraph), and each page ends at the last band that fits. A table continued on a new page
gets its header row repeated. A band taller than a page falls back to the lines inside it.

Bands marked ``keep_with_next`` never end a page: a heading, a table's header row, all but the last
of a table's last ``TABLE_TAIL`` rows (so a continued table never ends with one row and its total
alone on a page), and the element before the document's last one (so the sources never stand alone
on the last page).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QTextBlock, QTextDocument, QTextTable

TABLE_TAIL = 3  # a table's last rows that stay together: e.g. two factors and the total


@dataclass(frozen=True)
class Band:
    top: float
    bottom: float
    header: tuple[float, float] | None = None  # the table's header row, repeated on a new page
    keep_with_next: bool = False  # a heading, or a table's header row


@dataclass(frozen=True)
class Page:
    top: float  # the document's y range shown on this page
    bottom: float
    header: tuple[float, float] | None = None  # a header strip drawn above the content


def bands(document: QTextDocument, page_height: float) -> list[Band]:
    """The unbreakable pieces of a laid-out document, top to bottom."""
    layout = document.documentLayout()
    root = document.rootFrame()
    groups: list[list[Band]] = []  # the bands of each top-level element
    it = root.begin()
    while not it.atEnd():
        frame, block = it.currentFrame(), it.currentBlock()
        if isinstance(frame, QTextTable):
            groups.append(_table_bands(document, frame, page_height))
        elif frame is not None:
            rect = layout.frameBoundingRect(frame)
            groups.append([Band(rect.top(), rect.bottom())])
        elif block.isValid() and block.text():
            # Qt puts an empty block after every table; it holds nothing to keep together.
            lines = _line_bands(document, block)
            if lines and block.blockFormat().headingLevel() > 0:
                lines[-1] = replace(lines[-1], keep_with_next=True)
            groups.append(lines)
        it += 1
    groups = [g for g in groups if g]
    if len(groups) >= 2:  # the last element never on a page of its own
        groups[-2][-1] = replace(groups[-2][-1], keep_with_next=True)
    return [band for group in groups for band in group]


def _line_bands(document: QTextDocument, block: QTextBlock) -> list[Band]:
    top = document.documentLayout().blockBoundingRect(block).top()
    text = block.layout()
    result = []
    for i in range(text.lineCount()):
        line = text.lineAt(i)
        result.append(Band(top + line.y(), top + line.y() + line.height()))
    return result


def _first_block_top(document: QTextDocument, table: QTextTable, row: int) -> float:
    layout = document.documentLayout()
    tops = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() == row:
            tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
    return min(tops)


def _table_bands(document: QTextDocument, table: QTextTable, page_height: float) -> list[Band]:
    rect = document.documentLayout().frameBoundingRect(table)
    rows = table.rows()
    # A row starts where its cells' first blocks start, less the padding above them (measured on
    # the first row, whose top is the table's own top).
    padding = _first_block_top(document, table, 0) - rect.top()
    tops = [rect.top()] + [_first_block_top(document, table, r) - padding for r in range(1, rows)]
    bottoms = tops[1:] + [rect.bottom()]
    header_rows = min(table.format().headerRowCount(), rows - 1)
    header = (tops[0], tops[header_rows]) if header_rows > 0 else None
    tail = max(header_rows, rows - TABLE_TAIL)
    result = []
    for r in range(rows):
        if r < header_rows:
            result.append(Band(tops[r], bottoms[r], keep_with_next=True))
        elif bottoms[r] - tops[r] > page_height * 0.95:
            result += _cell_line_bands(document, table, r, header)
        else:
            together = tail <= r < rows - 1
            result.append(Band(tops[r], bottoms[r], header, keep_with_next=together))
    return result


def _cell_line_bands(
    document: QTextDocument, table: QTextTable, row: int, header: tuple[float, float] | None
) -> list[Band]:
    """A row too tall for a page: the lines of its cells, overlapping lines merged."""
    spans: list[tuple[float, float]] = []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue
        block = cell.firstCursorPosition().block()
        last = cell.lastCursorPosition().block().blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            spans += [(b.top, b.bottom) for b in _line_bands(document, block)]
            block = block.next()
    merged: list[list[float]] = []
    for top, bottom in sorted(spans):
        if merged and top < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    return [Band(top, bottom, header) for top, bottom in merged]


def paginate(found: list[Band], page_height: float) -> list[Page]:
    """Greedy page breaks: each page takes as many whole bands as fit."""
    pages: list[Page] = []
    i, n = 0, len(found)
    while i < n:
        first = found[i]
        top = 0.0 if not pages else first.top
        header = first.header if pages and first.header and first.top > first.header[1] else None
        room = page_height - (header[1] - header[0] if header else 0.0)
        j = i + 1  # a page always takes at least one band
        while j < n and found[j].bottom - top <= room:
            j += 1
        while j - 1 > i and found[j - 1].keep_with_next and j < n:
            j -= 1  # don't end a page on a heading or a lone header row
        end = found[j].top if j < n and found[j].top - top <= room else found[j - 1].bottom
        pages.append(Page(top, min(end, top + room), header))
        i = j
    return pages or [Page(0.0, page_height)]
