"""The small pieces every section of the HTML brief is written with (no Qt).

Everything the person typed is escaped with `e`; numbers are written the way the app writes them; a
factor nobody rated is "not rated", never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ses_decider.core.explain import fmt
from ses_decider.core.model import Verdict
from ses_decider.report.charts import Chart

ChartSrc = Mapping[str, str] | None  # chart name -> image URL (the PDF), or None: inline SVG

DASH = "\u2013"
NOT_RATED = "not rated"
VERDICT_TINT = {
    Verdict.GO: "#e3f1e8",
    Verdict.CLOSE_CALL: "#fbf1d9",
    Verdict.NO_GO: "#f8e1de",
    Verdict.NOT_ENOUGH_INPUT: "#eeeeee",
}


def e(text: object) -> str:
    """Escape anything for HTML text or an attribute value."""
    return escape(str(text), quote=True)


def value(number: float | None, signed: bool = False) -> str:
    """A weight or a lean as the app writes it (7, 6.5, +2), or "not rated"."""
    return NOT_RATED if number is None else fmt(number, signed=signed)


def rating(weight: float | None, lean: float | None) -> str:
    """ "6 / +2", or "not rated" when either is missing (a half-rated factor takes no part)."""
    if weight is None or lean is None:
        return NOT_RATED
    return f"{fmt(weight)} / {fmt(lean, signed=True)}"


def keep(heading: str, body: str) -> str:
    """A heading kept on one page with what follows it: report/pages.py never cuts a table row,
    and browsers honour ``page-break-inside: avoid`` on it. ``heading`` is escaped here."""
    return (
        '<table class="keep" width="100%" cellpadding="0" cellspacing="0"><tr><td>'
        f"<h2>{e(heading)}</h2>{body}</td></tr></table>"
    )


def chart_tag(chart: Chart, chart_src: ChartSrc) -> str:
    """A chart as inline SVG (HTML file) or as the image the PDF attached under its name."""
    if chart_src is None:
        return f'<div class="chart">{chart.svg}</div>'
    # Its own paragraph at line height 100%: Qt would stretch the image's line by the body's 135%.
    return (
        f'<p class="chart"><img src="{e(chart_src[chart.name])}" width="{chart.width}" '
        f'height="{chart.height}" alt="{e(chart.name)}"></p>'
    )
