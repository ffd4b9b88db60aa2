"""Fit and readiness in the brief: both axes, the 2x2 (the app's axes), and the development plan."""

from __future__ import annotations

from ses_decider.report import charts
from ses_decider.report.brief import Brief
from ses_decider.report.charts import Chart
from ses_decider.report.markup import DASH, ChartSrc, chart_tag, e, keep

# The 2x2's column, as a share of the text width: Qt reads a cell's width in pixels of the
# printer, not of the screen, so a width in pixels would squeeze the chart on paper.
CHART_SHARE = 42


def readiness_charts(brief: Brief) -> list[Chart]:
    a = brief.axes
    if a is None or not a.quadrant or a.want is None or a.ready is None:
        return []
    return [charts.quadrant_chart(a.want, a.ready, dict(a.quadrant_titles))]


def readiness(brief: Brief, chart_src: ChartSrc) -> list[str]:
    a = brief.axes
    if a is None:
        return []
    parts = []
    if a.want is not None:
        capped = " (held below 50 by a dealbreaker)" if a.want_capped else ""
        parts.append(f"Do I want it? <b>{a.want:.0f}</b> of 100{capped}.")
    if a.ready is not None:
        parts.append(f"Am I ready? <b>{a.ready:.0f}</b> of 100.")
    if a.fit_score is not None:
        parts.append(f"Fit score {a.fit_score:.0f}.")
    text = f"<p>{' '.join(parts)}</p>"
    if a.quadrant:
        text += f"<p><b>{e(a.quadrant)}.</b> {e(a.meaning)}</p><p>Next: {e(a.next_step)}</p>"
    if a.ways:
        text += (
            '<p class="small">'
            + " \u00b7 ".join(f"{e(title)} {credit:.0%}" for title, credit in a.ways)
            + "</p>"
        )
    found = readiness_charts(brief)
    if found:
        body = (
            '<table width="100%" cellpadding="0" cellspacing="0"><tr>'
            f'<td width="{CHART_SHARE}%">{chart_tag(found[0], chart_src)}</td>'
            f"<td>{text}</td></tr></table>"
        )
    else:
        body = text
    return [keep("Fit and readiness", body)]


def plan(brief: Brief, chart_src: ChartSrc) -> list[str]:
    if not brief.plan:
        return []
    rows = [
        "<h2>Development plan</h2>",
        '<table class="grid" width="100%" cellpadding="4" cellspacing="0"><thead><tr>'
        "<th>Step</th><th>Target date</th><th>Status</th></tr></thead>",
    ]
    for p in brief.plan:
        status = "done" if p.done else ("suggested" if p.suggested else "planned")
        rows.append(
            f'<tr><td>{e(p.text)}</td><td width="14%">{e(p.target_date or DASH)}</td>'
            f'<td width="12%">{status}</td></tr>'
        )
    rows.append("</table>")
    return rows
