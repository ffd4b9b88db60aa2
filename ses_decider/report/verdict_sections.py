"""The sections about the decision itself: the verdict, the table as weighed, why, how solid it is,
the gut check, how the score is computed, and the sources."""

from __future__ import annotations

from ses_decider.core.explain import fmt
from ses_decider.core.model import Verdict
from ses_decider.report import charts
from ses_decider.report.brief import Brief, FactorLine, TippingLine, exact, long_date
from ses_decider.report.charts import Chart
from ses_decider.report.markup import (
    DASH,
    NOT_RATED,
    VERDICT_TINT,
    ChartSrc,
    chart_tag,
    e,
    keep,
    value,
)


def heading(brief: Brief, chart_src: ChartSrc) -> list[str]:
    score = "no score yet" if brief.score is None else f"Score {brief.score:.1f} of 100"
    t = brief.thresholds
    # Qt's rich text ignores "nowrap": break NOT ENOUGH INPUT where a reader would.
    label = e(brief.verdict.label).replace("ENOUGH ", "ENOUGH<br>")
    out = [
        "<h1>Should I aim for the Senior Executive Service?</h1>",
        f'<p class="sub">Decision brief for <b>{e(brief.person)}</b> \u00b7 {e(brief.date_text)}'
        "</p>",
        '<table class="keep" width="100%" cellpadding="8" cellspacing="0"><tr>',
        f'<td width="30%" bgcolor="{VERDICT_TINT[brief.verdict]}" '
        f'style="background-color: {VERDICT_TINT[brief.verdict]};">'
        f'<span class="label">VERDICT</span><br><span class="verdict">'
        f"{label}</span><br><b>{e(score)}</b></td>",
        f'<td style="background-color: #f6f7f9;" bgcolor="#f6f7f9">'
        f"<p><b>{e(brief.verdict_sentence)}</b></p>"
        f'<p class="small">GO at {fmt(t.go)} or more, NO-GO below {fmt(t.no_go)}, CLOSE CALL '
        "between; 50 means the pros and cons balance. The numbers are the person's own "
        "judgements: the verdict is a way to think the decision through, not advice.</p>",
    ]
    if brief.rated < brief.shown:
        rated = "None" if brief.rated == 0 else f"{brief.rated}"
        out.append(
            f'<p class="small">{rated} of the {brief.shown} factors on the table '
            f"{'is' if brief.rated < 2 else 'are'} rated; a factor not rated takes no part in "
            "the score.</p>"
        )
    out += [f"<p>{line}</p>" for line in _reasons(brief)]
    if brief.axes is not None and brief.axes.quadrant:
        a = brief.axes
        out.append(
            f"<p>Fit and readiness: <b>{e(a.quadrant)}</b> (do I want it? {a.want:.0f}, "
            f"am I ready? {a.ready:.0f} of 100).</p>"
        )
    out += _decision_lines(brief)
    out.append("</td></tr></table>")
    return out


def _decision_lines(brief: Brief) -> list[str]:
    out = []
    d = brief.decision
    if d is not None:
        text = f"<b>Final decision:</b> {e(d.choice.label)}, on {e(long_date(d.decided_on))}."
        if d.outcome.strip():
            when = f" ({e(long_date(d.outcome_on))})" if d.outcome_on else ""
            text += f" How it went{when}: {e(d.outcome)}"
        out.append(f"<p>{text}</p>")
    if brief.review_on:
        out.append(f"<p><b>Next review:</b> {e(long_date(brief.review_on))}.</p>")
    return out


def _reasons(brief: Brief) -> list[str]:
    rated = [f for f in brief.factors if f.contribution is not None]
    ranked = sorted(rated, key=lambda f: f.contribution)
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


def factor_table(brief: Brief, chart_src: ChartSrc) -> list[str]:
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
        out.append(_factor_row(f, numbers))
    rated = [f for f in brief.factors if f.rated]
    total = sum(f.weight for f in rated)
    points = DASH if brief.score is None else f"{brief.score - 50:+.1f}"
    all_weight = "100%" if total > 0 else DASH
    out.append(
        '<tr class="total"><td><b>Total</b></td><td></td><td></td>'
        f'<td class="num" align="right"><b>{fmt(total) if rated else DASH}</b></td>'
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


def _factor_row(f: FactorLine, numbers: dict[str, int]) -> str:
    cite = f"<sup>{numbers[f.source]}</sup>" if f.source in numbers else ""
    if f.custom:
        cite = '<br><span class="small">your own factor</span>'
    if f.dealbreaker:
        cite += '<br><span class="small"><b>dealbreaker</b>' + (
            " \u2014 decides the verdict</span>" if f.dealbreaker_hit else "</span>"
        )
    title = f"<td><b>{e(f.title)}</b>{cite}</td>"
    if not f.rated:
        # Not rated is not an opinion: no 0 written anywhere, and no points. One short row keeps
        # the table's order without the pros and cons of a factor the person has not weighed.
        shown = NOT_RATED if f.weight is None and f.lean is None else _half_rated(f)
        return (
            f'<tr>{title}<td colspan="5"><i>{shown}</i>: no part in the score yet</td>'
            f'<td class="num" align="right">{DASH}</td></tr>'
        )
    share = DASH if f.share is None else f"{f.share:.0%}"
    return (
        f"<tr>{title}<td>{e(f.pro)}</td><td>{e(f.con)}</td>"
        f'<td class="num" align="right">{value(f.weight)}</td>'
        f'<td class="num" align="right">{share}</td>'
        f'<td class="num" align="right">{value(f.lean, signed=True)}</td>'
        f'<td class="num" align="right"><b>{f.contribution:+.1f}</b></td></tr>'
    )


def _half_rated(f: FactorLine) -> str:
    if f.weight is None:
        return f"lean {value(f.lean, signed=True)}, weight not rated"
    return f"weight {value(f.weight)}, lean not rated"


def why_charts(brief: Brief) -> list[Chart]:
    if not brief.contributions or brief.score is None:
        return []
    return [charts.contribution_chart(brief.contributions)]


def why(brief: Brief, chart_src: ChartSrc) -> list[str]:
    found = why_charts(brief)
    if not found:
        return []
    return [
        keep(
            "Why this verdict",
            '<p class="small">Green bars push toward GO, red bars toward NO-GO; each bar is the '
            "factor's points in the table above.</p>" + chart_tag(found[0], chart_src),
        )
    ]


def solidity_charts(brief: Brief) -> list[Chart]:
    if brief.verdict is Verdict.NOT_ENOUGH_INPUT or not brief.tornado:
        return []
    t = brief.thresholds
    return [charts.tornado_chart(brief.tornado, t.go, t.no_go, brief.score)]


def tipping_text(line: TippingLine) -> str:
    """ "GO if your Pay lean rises to 1.17 (now -1)", with the value as computed."""
    signed = line.what == "lean"
    note = "; your dealbreaker" if line.dealbreaker else ""
    return (
        f"{line.verdict.label} if your {line.factor} {line.what} {line.change} "
        f"{exact(line.at, signed)} (now {exact(line.now, signed)}{note})"
    )


def solidity(brief: Brief, chart_src: ChartSrc) -> list[str]:
    if brief.verdict is Verdict.NOT_ENOUGH_INPUT:
        if brief.rated == 0:
            return ["<h2>How solid it is</h2><p>Rate the factors first.</p>"]
        return ["<h2>How solid it is</h2><p>Give at least one factor some weight first.</p>"]
    if brief.tipping:
        tips = "<ul>" + "".join(f"<li>{e(tipping_text(t))}.</li>" for t in brief.tipping) + "</ul>"
    else:
        tips = "<p>No single change of one weight or lean within its range would change it.</p>"
    body = (
        "<p><b>What would change the verdict</b> (one change at a time, at the values "
        "computed):</p>" + tips
    )
    body += f"<p><b>Under uncertainty.</b> {e(brief.robustness_sentence)}</p>"
    if brief.worth_checking:
        body += f"<p><b>Worth finding out more about:</b> {e(', '.join(brief.worth_checking))}.</p>"
    out = [keep("How solid it is", body)]
    for chart in solidity_charts(brief):
        out.append(
            '<table class="keep" width="100%" cellpadding="0" cellspacing="0"><tr><td>'
            f'<p class="small">Each bar spans the score with that factor\'s lean at \u22125 and '
            f"at +5, everything else as it is.</p>{chart_tag(chart, chart_src)}</td></tr></table>"
        )
    return out


def gut(brief: Brief, chart_src: ChartSrc) -> list[str]:
    if not brief.gut:
        return []
    body = ""
    if brief.gut_before and brief.gut_after:
        body += (
            f"<p>Gut answer before weighing: {e(brief.gut_before.label)}; after weighing: "
            f"{e(brief.gut_after.label)}.</p>"
        )
    body += "".join(f"<p>{e(line)}</p>" for line in brief.gut)
    return [keep("Gut check", body)]


def formula(brief: Brief, chart_src: ChartSrc) -> list[str]:
    lines = "<br>".join(e(line) for line in brief.formula)
    return [keep("How the score is computed", f'<p class="small">{lines}</p>')]


def sources(brief: Brief, chart_src: ChartSrc) -> list[str]:
    if not brief.sources:
        return []
    items = "".join(
        f"<li>{e(s.citation)}. As of {e(s.as_of)}; used for {e(s.used_for)}."
        + (f" {e(s.note)}" if s.note else "")
        + "</li>"
        for s in brief.sources
    )
    return [keep("Sources", f'<ol class="small">{items}</ol>')]
