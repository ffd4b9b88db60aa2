"""The brief's charts as SVG text, drawn from the same numbers as the app's pyqtgraph charts.

Pure Python (no Qt): the HTML brief embeds the SVG as it is (vector, crisp in print), and the PDF
rasterises the same SVG at print resolution (``report/pdf.py``). Every label is escaped: custom
factor titles are typed by the user.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

PRO_COLOUR = "#2e8b57"  # the same colours as ui/widgets/contribution_chart.py and solidity_panel.py
CON_COLOUR = "#c0392b"
RANGE_COLOUR = "#5b7db1"
INK = "#222222"
GRID = "#c8c8c8"
FONT = "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif"

WIDTH = 640  # CSS pixels; the PDF scales this to the text width
ROW = 21  # a bar's row with a one-line label; each further label line adds LINE
LINE = 12
LABEL_W = 196  # the labels' column: the factor titles as the table writes them, wrapped
LABEL_CHARS = 29  # what fits in LABEL_W at 11 px (DejaVu Sans, the widest of the fonts named)
LABEL_LINES = 3  # a longer title is cut with an ellipsis after the third line
TOP = 22  # room for the tornado's threshold labels
TOP_PLAIN = 8
BOTTOM = 40


@dataclass(frozen=True)
class Chart:
    """One chart of the brief: its SVG and its size in CSS pixels."""

    name: str
    svg: str
    width: int
    height: int


def _text(x: float, y: float, text: str, size: int = 11, anchor: str = "start", **extra) -> str:
    attrs = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" fill="{INK}" {attrs}>{escape(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1, dash=""):
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        f'stroke-width="{width}"{dashed}/>'
    )


def _rect(x: float, y: float, w: float, h: float, colour: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.0):.1f}" height="{h:.1f}" fill="{colour}"/>'


def _svg(height: float, body: list[str], title: str, width: int = WIDTH) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
        f'width="{width}" height="{height:.0f}" viewBox="0 0 {width} {height:.0f}">'
        f"<title>{escape(title)}</title>"
        f'<rect x="0" y="0" width="{width}" height="{height:.0f}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg>"
    )


def _fmt(value: float) -> str:
    text = f"{value:+.1f}"
    return "0" if text in ("+0.0", "-0.0") else text


def label_lines(label: str) -> list[str]:
    """A factor title wrapped to the labels' column (at most LABEL_LINES lines)."""
    lines = _wrap(label, LABEL_CHARS)
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_CHARS - 1].rstrip() + "\u2026"
    return [
        line if len(line) <= LABEL_CHARS else line[: LABEL_CHARS - 1] + "\u2026" for line in lines
    ]


def row_height(labels: Sequence[str]) -> int:
    """The height of every bar's row: enough for the longest label's lines."""
    lines = max([len(label_lines(label)) for label in labels] + [1])
    return ROW + LINE * (lines - 1)


def chart_height(labels: Sequence[str], top: int = TOP) -> int:
    return top + row_height(labels) * max(len(labels), 1) + BOTTOM


def _label(y: float, row: float, label: str) -> list[str]:
    """A bar's label, right-aligned beside the bar and centred on its row."""
    lines = label_lines(label)
    first = y + row / 2 + 4 - LINE * (len(lines) - 1) / 2
    return [_text(LABEL_W, first + k * LINE, line, 11, "end") for k, line in enumerate(lines)]


def contribution_chart(bars: Sequence[tuple[str, float]]) -> Chart:
    """Points each factor adds to (green, right) or takes from (red, left) the neutral 50.

    Each bar carries its value as text, so the chart never relies on colour alone.
    """
    labels = [label for label, _ in bars]
    row = row_height(labels)
    height = chart_height(labels, TOP_PLAIN)
    left, right = LABEL_W + 10, WIDTH - 20
    limit = max([5.0] + [abs(v) * 1.25 for _, v in bars])
    mid = (left + right) / 2
    scale = (right - left) / 2 / limit
    body: list[str] = []
    step = 1 if limit <= 6 else 2 if limit <= 12 else 5
    tick = -int(limit // step) * step
    axis_y = TOP_PLAIN + row * max(len(bars), 1)
    while tick <= limit:
        x = mid + tick * scale
        body.append(_line(x, TOP_PLAIN - 4, x, axis_y, GRID, 0.6))
        body.append(_text(x, axis_y + 14, _fmt(tick) if tick else "0", 10, "middle"))
        tick += step
    bar_h = ROW - 8
    for i, (label, value) in enumerate(bars):
        y = TOP_PLAIN + i * row
        colour = PRO_COLOUR if value >= 0 else CON_COLOUR
        x0 = mid + min(0.0, value) * scale
        body.append(_rect(x0, y + (row - bar_h) / 2, abs(value) * scale, bar_h, colour))
        body += _label(y, row, label)
        if value >= 0:
            body.append(_text(x0 + abs(value) * scale + 4, y + row / 2 + 4, _fmt(value), 10))
        else:
            body.append(_text(x0 - 4, y + row / 2 + 4, _fmt(value), 10, "end"))
    body.append(_line(mid, TOP_PLAIN - 4, mid, axis_y, "#777777", 1.2))
    body.append(_text(mid - 8, axis_y + 30, "\u2190 toward NO-GO", 10, "end"))
    body.append(_text(mid + 8, axis_y + 30, "toward GO \u2192", 10, "start"))
    return Chart("contribution", _svg(height, body, "Contribution chart"), WIDTH, height)


def tornado_chart(
    bars: Sequence[tuple[str, float, float]], go: float, no_go: float, score: float | None
) -> Chart:
    """For each factor, the score with its lean at -5 and at +5 (others fixed), widest first."""
    labels = [label for label, _, _ in bars]
    row = row_height(labels)
    height = chart_height(labels)
    left, right = LABEL_W + 10, WIDTH - 20
    lows = [lo for _, lo, _ in bars] + [no_go] + ([score] if score is not None else [])
    highs = [hi for _, _, hi in bars] + [go] + ([score] if score is not None else [])
    lo_x = max(0.0, (min(lows) - 5) // 10 * 10)
    hi_x = min(100.0, -((-(max(highs) + 5)) // 10) * 10)
    scale = (right - left) / max(hi_x - lo_x, 1.0)

    def at(value: float) -> float:
        return left + (value - lo_x) * scale

    axis_y = TOP + row * max(len(bars), 1)
    body: list[str] = []
    tick = lo_x
    while tick <= hi_x + 1e-9:
        body.append(_line(at(tick), TOP - 4, at(tick), axis_y, GRID, 0.6))
        body.append(_text(at(tick), axis_y + 14, f"{tick:.0f}", 10, "middle"))
        tick += 10
    bar_h = ROW - 10
    for i, (label, low, high) in enumerate(bars):
        y = TOP + i * row
        body.append(
            _rect(at(low), y + (row - bar_h) / 2, (high - low) * scale, bar_h, RANGE_COLOUR)
        )
        body += _label(y, row, label)
    for value, text in ((no_go, "NO-GO below"), (go, "GO from")):
        body.append(_line(at(value), TOP - 4, at(value), axis_y, "#666666", 1, "4,3"))
        body.append(_text(at(value), TOP - 8, f"{text} {value:g}", 9, "middle"))
    caption = "score with one lean at -5 \u2026 +5, everything else as it is"
    if score is not None:
        body.append(_line(at(score), TOP - 2, at(score), axis_y, INK, 2))
        caption += f"; black line: your score {score:.1f}"
    body.append(_text(WIDTH / 2, axis_y + 30, caption, 10, "middle"))
    return Chart("tornado", _svg(height, body, "Tornado chart"), WIDTH, height)


QUADRANT_SIZE = 260


# Where each quadrant sits, as in the app's chart (ui/views/quadrant_chart.py): "Do I want it?"
# across, "Am I ready?" up. (column, row) with row 0 at the top.
QUADRANT_CELLS = {
    "go_now": (1, 0),  # want it, ready
    "build_readiness": (1, 1),  # want it, not ready yet
    "reconsider": (0, 0),  # ready, not sure you want it
    "not_now": (0, 1),
}


def quadrant_chart(want: float, ready: float, titles: Mapping[str, str]) -> Chart:
    """The 2x2 with the app's axes: "Do I want it?" across, "Am I ready?" up, the boundary at
    50 on both. ``titles`` maps quadrant ids (go_now, build_readiness, reconsider, not_now) to
    their titles; the person's point is a ringed dot."""
    size, pad = QUADRANT_SIZE, 34
    inner = size - 2 * pad + 20
    x0, y0 = pad, 10

    def xy(w: float, r: float) -> tuple[float, float]:
        return x0 + w / 100 * inner, y0 + (100 - r) / 100 * inner

    half = inner / 2
    body = [
        _rect(x0, y0, inner, inner, "#f4f6f8"),
        _line(x0 + half, y0, x0 + half, y0 + inner, "#888888", 1),
        _line(x0, y0 + half, x0 + inner, y0 + half, "#888888", 1),
    ]
    for quadrant, title in titles.items():
        col, row = QUADRANT_CELLS[quadrant]
        parts = _wrap(title, 18)
        cx = x0 + col * half + half / 2
        # Top cells are labelled along their top, bottom cells along their bottom (as the app).
        cy = y0 + 14 if row == 0 else y0 + inner - 6 - 11 * (len(parts) - 1)
        for k, part in enumerate(parts):
            body.append(_text(cx, cy + k * 11, part, 9, "middle"))
    px, py = xy(want, ready)
    body.append(
        f'<circle cx="{px:.1f}" cy="{py:.1f}" r="7" fill="#ffffff" stroke="{INK}" '
        f'stroke-width="2"/>'
    )
    body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{INK}"/>')
    body.append(_text(x0 + inner / 2, y0 + inner + 16, "Do I want it? \u2192", 10, "middle"))
    body.append(
        _text(
            12,
            y0 + inner / 2,
            "Am I ready? \u2192",
            10,
            "middle",
            transform=f"rotate(-90 12 {y0 + inner / 2:.1f})",
        )
    )
    return Chart("quadrant", _svg(size, body, "Want and ready", width=size), size, size)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
