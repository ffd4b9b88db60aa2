"""The brief as one self-contained HTML document (no Qt): printable, and the source of the PDF.

Everything the person typed (their name, notes, their own factors, plan steps) is escaped; so is the
bundled content. The markup keeps to what both browsers and Qt's rich-text engine understand, so the
same HTML makes the PDF (``report/pdf.py``): charts are inline SVG here, and images the PDF supplies
when ``chart_src`` is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ses_decider.core.explain import fmt
from ses_decider.core.model import Verdict
from ses_decider.report import charts
from ses_decider.report.brief import Brief, FactorLine

DASH = "\u2013"
VERDICT_TINT = {
    Verdict.GO: "#e3f1e8",
    Verdict.CLOSE_CALL: "#fbf1d9",
    Verdict.NO_GO: "#f8e1de",
    Verdict.NOT_ENOUGH_INPUT: "#eeeeee",
}

STYLE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif;
       font-size: 10pt; color: #1a1a1a; line-height: 135%; }
h1 { font-size: 19pt; font-weight: bold; margin-top: 0px; margin-bottom: 2px; color: #13294b; }
h2 { font-size: 13pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px; color: #13294b; }
p { margin-top: 3px; margin-bottom: 5px; }
ul { margin-top: 2px; margin-bottom: 4px; }
li { margin-bottom: 2px; }
.sub { font-size: 10.5pt; color: #444444; margin-bottom: 8px; }
.small { font-size: 8.5pt; color: #444444; }
.verdict { font-size: 18pt; font-weight: bold; white-space: nowrap; }
.label { font-size: 8.5pt; color: #444444; }
table { border-collapse: collapse; }
table.grid { width: 100%; }
table.grid th { font-size: 8.5pt; font-weight: bold; text-align: left; background-color: #e9edf2;
                border-bottom: 1px solid #9aa5b1; padding: 4px; }
table.grid td { font-size: 8.5pt; vertical-align: top; border-bottom: 1px solid #d5d9de;
                padding: 4px; line-height: 125%; }
table.grid td.num, table.grid th.num { text-align: right; white-space: nowrap; }
table.grid tr.total td { font-weight: bold; border-bottom: 0px; }
tr, img, svg, table.keep { page-break-inside: avoid; break-inside: avoid; }
.pro { color: #1f6b40; }
.con { color: #9c2a1e; }
.chart { line-height: 100%; margin-top: 2px; margin-bottom: 0px; }
sup { font-size: 7.5pt; }
table.keep { margin-top: 10px; }
"""
# Only for browsers: Qt's rich text would apply the body rule inside @media to the PDF as well.
BROWSER_STYLE = """
@page { size: letter; margin: 0.7in 0.75in 0.8in 0.75in; }
td, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
@media screen { body { max-width: 7.5in; margin: 24px auto; } }
"""


def e(text: object) -> str:
    """Escape anything for HTML text or an attribute value."""
    return escape(str(text), quote=True)


def render_html(brief: Brief, chart_src: Mapping[str, str] | None = None) -> str:
    """The whole brief as an HTML document.

    ``chart_src`` maps chart names ("contribution", "tornado", "quadrant") to image URLs; without it
    the charts are inline SVG, so the file needs nothing beside it.
    """
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>SES decision brief \u2014 {e(brief.person)}</title>",
        f"<style>{STYLE}{BROWSER_STYLE if chart_src is None else ''}</style></head><body>",
        *_heading(brief),
        *_factor_table(brief),
        *_why(brief, chart_src),
        *_solidity(brief, chart_src),
        *_gut(brief),
        *_mentor(brief),
        *_readiness(brief, chart_src),
        *_notes(brief),
        *_formula(brief),
        *_sources(brief),
        "</body></html>",
    ]
    return "\n".join(parts)


def _chart(name: str, svg: str, height: int, chart_src: Mapping[str, str] | None) -> str:
    if chart_src is None:
        return f'<div class="chart">{svg}</div>'
    width = charts.QUADRANT_SIZE if name == "quadrant" else charts.WIDTH
    # Its own paragraph at line height 100%: Qt would stretch the image's line by the body's 135%.
    return (
        f'<p class="chart"><img src="{e(chart_src[name])}" width="{width}" height="{height}" '
        f'alt="{e(name)}"></p>'
    )


def _heading(brief: Brief) -> list[str]:
    score = "no score yet" if brief.score is None else f"Score {brief.score:.1f} of 100"
    t = brief.thresholds
    out = [
        "<h1>Should I aim for the Senior Executive Service?</h1>",
        f'<p class="sub">Decision brief for <b>{e(brief.person)}</b> \u00b7 {e(brief.date_text)}'
        "</p>",
        '<table class="keep" width="100%" cellpadding="8" cellspacing="0"><tr>',
        f'<td width="30%" bgcolor="{VERDICT_TINT[brief.verdict]}" '
        f'style="background-color: {VERDICT_TINT[brief.verdict]};">'
        f'<span class="label">VERDICT</span><br><span class="verdict">'
        f"{e(brief.verdict.label)}</span><br><b>{e(score)}</b></td>",
        f'<td style="background-color: #f6f7f9;" bgcolor="#f6f7f9">'
        f"<p><b>{e(brief.verdict_sentence)}</b></p>"
        f'<p class="small">GO at {fmt(t.go)} or more, NO-GO below {fmt(t.no_go)}, CLOSE CALL '
        "between; 50 means the pros and cons balance. The numbers are the person's own "
        "judgements: the verdict is a way to think the decision through, not advice.</p>",
    ]
    out += [f"<p>{line}</p>" for line in _reasons(brief)]
    if brief.axes is not None and brief.axes.quadrant:
        a = brief.axes
        out.append(
            f"<p>Fit and readiness: <b>{e(a.quadrant)}</b> (do I want it? {a.want:.0f}, "
            f"am I ready? {a.ready:.0f} of 100).</p>"
        )
    out.append("</td></tr></table>")
    return out


def _reasons(brief: Brief) -> list[str]:
    ranked = sorted(brief.factors, key=lambda f: f.contribution)
    pros = [f for f in reversed(ranked) if f.contribution > 0][:3]
    cons = [f for f in ranked if f.contribution < 0][:3]

    def names(lines: list[FactorLine]) -> str:
        return ", ".join(f"{e(f.title)} ({f.contribution:+.1f})" for f in lines)

    out = []
    if pros:
        out.append(f'<span class="pro"><b>Pulling toward GO:</b></span> {names(pros)}')
    if cons:
        out.append(f'<span class="con"><b>Pulling toward NO-GO:</b></span> {names(cons)}')
    return out


def _factor_table(brief: Brief) -> list[str]:
    numbers = {s.short: i for i, s in enumerate(brief.sources, start=1)}
    out = [
        "<h2>The pros and cons, as weighed</h2>",
        '<table class="grid" width="100%" cellpadding="4" cellspacing="0">',
        '<thead><tr><th width="17%">Factor</th><th width="28%">Pro (the upside)</th>'
        '<th width="28%">Con (the downside)</th><th class="num" width="7%">Weight</th>'
        '<th class="num" width="6%">Share</th><th class="num" width="6%">Lean</th>'
        '<th class="num" width="8%">Points</th></tr></thead><tbody>',
    ]
    for f in brief.factors:
        cite = f"<sup>{numbers[f.source]}</sup>" if f.source in numbers else ""
        if f.custom:
            cite = '<br><span class="small">your own factor</span>'
        if f.dealbreaker:
            cite += '<br><span class="small"><b>dealbreaker</b>' + (
                " \u2014 decides the verdict</span>" if f.dealbreaker_hit else "</span>"
            )
        share = DASH if f.share is None else f"{f.share:.0%}"
        out.append(
            f"<tr><td><b>{e(f.title)}</b>{cite}</td>"
            f"<td>{e(f.pro)}</td><td>{e(f.con)}</td>"
            f'<td class="num" align="right">{fmt(f.weight)}</td>'
            f'<td class="num" align="right">{share}</td>'
            f'<td class="num" align="right">{fmt(f.lean, signed=True)}</td>'
            f'<td class="num" align="right"><b>{f.contribution:+.1f}</b></td></tr>'
        )
    total = sum(f.weight for f in brief.factors)
    points = DASH if brief.score is None else f"{brief.score - 50:+.1f}"
    all_weight = "100%" if total > 0 else DASH
    out.append(
        '<tr class="total"><td><b>Total</b></td><td></td><td></td>'
        f'<td class="num" align="right"><b>{fmt(total)}</b></td>'
        f'<td class="num" align="right"><b>{all_weight}</b></td>'
        f'<td></td><td class="num" align="right"><b>{points}</b></td></tr>'
    )
    out.append("</tbody></table>")
    out.append(
        '<p class="small">Weight: 0\u201310, how much the factor matters. Share: its weight as a '
        "part of all weight. Lean: \u22125 (the con is true for me) to +5 (the pro is). Points: "
        "10 \u00d7 weight \u00d7 lean \u00f7 total weight; they add up to the score minus 50."
        + (f" Weights set by: {e(brief.method)}." if brief.method != "direct" else "")
        + "</p>"
    )
    if brief.left_out:
        out.append(f'<p class="small">Left out by choice: {e(", ".join(brief.left_out))}.</p>')
    if brief.overlap_note:
        out.append(f'<p class="small">{e(brief.overlap_note)}</p>')
    return out


def _keep(heading: str, body: str) -> str:
    """A heading kept on one page with what follows it: report/pages.py never cuts a table row,
    and browsers honour ``page-break-inside: avoid`` on it."""
    return (
        '<table class="keep" width="100%" cellpadding="0" cellspacing="0"><tr><td>'
        f"<h2>{heading}</h2>{body}</td></tr></table>"
    )


def _why(brief: Brief, chart_src: Mapping[str, str] | None) -> list[str]:
    if not brief.contributions or brief.score is None:
        return []
    svg = charts.contribution_svg(brief.contributions)
    height = charts.contribution_height(len(brief.contributions))
    return [
        _keep(
            "Why this verdict",
            '<p class="small">Green bars push toward GO, red bars toward NO-GO; each bar is the '
            "factor's points in the table above.</p>"
            + _chart("contribution", svg, height, chart_src),
        )
    ]


def _solidity(brief: Brief, chart_src: Mapping[str, str] | None) -> list[str]:
    if brief.verdict is Verdict.NOT_ENOUGH_INPUT:
        return ["<h2>How solid it is</h2><p>Give at least one factor some weight first.</p>"]
    if brief.tipping:
        tips = "<ul>" + "".join(f"<li>{e(s)}</li>" for s in brief.tipping) + "</ul>"
    else:
        tips = "<p>No single change of one weight or lean within its range would change it.</p>"
    body = "<p><b>What would change the verdict</b> (one change at a time):</p>" + tips
    body += f"<p><b>Under uncertainty.</b> {e(brief.robustness_sentence)}</p>"
    if brief.worth_checking:
        body += f"<p><b>Worth finding out more about:</b> {e(', '.join(brief.worth_checking))}.</p>"
    out = [_keep("How solid it is", body)]
    if brief.tornado:
        svg = charts.tornado_svg(
            brief.tornado, brief.thresholds.go, brief.thresholds.no_go, brief.score
        )
        img = _chart("tornado", svg, charts.chart_height(len(brief.tornado)), chart_src)
        out.append(
            '<table class="keep" width="100%" cellpadding="0" cellspacing="0"><tr><td>'
            f'<p class="small">Each bar spans the score with that factor\'s lean at \u22125 and '
            f"at +5, everything else as it is.</p>{img}</td></tr></table>"
        )
    return out


def _gut(brief: Brief) -> list[str]:
    if not brief.gut:
        return []
    body = ""
    if brief.gut_before and brief.gut_after:
        body += (
            f"<p>Gut answer before weighing: {e(brief.gut_before.label)}; after weighing: "
            f"{e(brief.gut_after.label)}.</p>"
        )
    body += "".join(f"<p>{e(line)}</p>" for line in brief.gut)
    return [_keep("Gut check", body)]


def _mentor(brief: Brief) -> list[str]:
    m = brief.mentor
    if m is None:
        return []
    body = f"<p>{e(m.sentence)}</p>"
    if not m.differences:
        body += "<p>The two weighings agree on every factor.</p>"
        return [_keep("The mentor's view", body)]
    body += (
        "<p>The largest differences, ranked by what each would do to the verdict if the "
        "mentee took the mentor's weight and lean for that factor:</p>"
    )
    rows = [
        '<table class="grid" width="100%" cellpadding="4" cellspacing="0"><thead><tr>'
        '<th>Factor</th><th class="num">Mentee weight / lean</th>'
        '<th class="num">Mentor weight / lean</th><th>With the mentor\'s values</th></tr></thead>'
    ]
    for d in m.differences:
        change = "" if d.score_change is None else f"score {d.score_change:+.1f}, "
        flip = (
            f"<b>{e(d.verdict_if.label)}</b> (changes the verdict)"
            if d.changes_verdict
            else f"still {e(d.verdict_if.label)}"
        )
        rows.append(
            f"<tr><td>{e(d.title)}</td>"
            f'<td class="num" align="right">{fmt(d.weight)} / {fmt(d.lean, signed=True)}</td>'
            f'<td class="num" align="right">{fmt(d.mentor_weight)} / '
            f"{fmt(d.mentor_lean, signed=True)}</td><td>{change}{flip}</td></tr>"
        )
    rows.append("</table>")
    return [_keep("The mentor's view", body + "".join(rows))]


def _readiness(brief: Brief, chart_src: Mapping[str, str] | None) -> list[str]:
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
    if a.quadrant and a.want is not None and a.ready is not None:
        svg = charts.quadrant_svg(a.want, a.ready, a.quadrant_titles)
        chart = _chart("quadrant", svg, charts.QUADRANT_SIZE, chart_src)
        body = (
            '<table width="100%" cellpadding="0" cellspacing="0"><tr>'
            f'<td width="{charts.QUADRANT_SIZE + 16}">{chart}</td><td>{text}</td></tr></table>'
        )
    else:
        body = text
    out = [_keep("Fit and readiness", body)]
    if brief.plan:
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
        out += rows
    return out


def _notes(brief: Brief) -> list[str]:
    if not brief.notes:
        return []
    items = "".join(f"<li><b>{e(title)}:</b> {e(note)}</li>" for title, note in brief.notes)
    return [_keep("Notes", f"<ul>{items}</ul>")]


def _formula(brief: Brief) -> list[str]:
    lines = "<br>".join(e(line) for line in brief.formula)
    return [_keep("How the score is computed", f'<p class="small">{lines}</p>')]


def _sources(brief: Brief) -> list[str]:
    if not brief.sources:
        return []
    items = "".join(
        f"<li>{e(s.citation)}. As of {e(s.as_of)}; used for {e(s.used_for)}."
        + (f" {e(s.note)}" if s.note else "")
        + "</li>"
        for s in brief.sources
    )
    return [_keep("Sources", f'<ol class="small">{items}</ol>')]
