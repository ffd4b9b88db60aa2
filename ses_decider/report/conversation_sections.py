"""The sections a mentee and a mentor talk over: the mentor's view (only what the mentor rated),
the notes they share, and the person's own notes on the factors."""

from __future__ import annotations

from ses_decider.core.explain import fmt
from ses_decider.report.brief import Brief, long_date
from ses_decider.report.markup import ChartSrc, e, keep, rating


def mentor(brief: Brief, chart_src: ChartSrc) -> list[str]:
    """Only when the mentor rated something (`build_brief` leaves it out otherwise)."""
    m = brief.mentor
    if m is None:
        return []
    body = f"<p>{e(m.sentence)}</p>"
    body += f"<p>The mentor rated {m.rated} of the {m.shown} factors on the table"
    if m.not_rated:
        body += (
            f"; not rated, so no view to compare: {e(', '.join(m.not_rated))}"
            if len(m.not_rated) <= 8
            else f"; {len(m.not_rated)} not rated, so no view to compare"
        )
    body += ".</p>"
    if not m.differences:
        body += "<p>On every factor the mentor rated, the two weighings agree.</p>"
        return [keep("The mentor's view", body)]
    body += (
        "<p>The largest differences among the factors the mentor rated, ranked by what each "
        "would do to the verdict if the mentee took the mentor's weight and lean for that "
        "factor:</p>"
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
            f'<td class="num" align="right">{"left out" if d.left_out else rating(d.weight, d.lean)}'
            "</td>"
            f'<td class="num" align="right">{fmt(d.mentor_weight)} / '
            f"{fmt(d.mentor_lean, signed=True)}</td><td>{change}{flip}</td></tr>"
        )
    rows.append("</table>")
    return [keep("The mentor's view", body + "".join(rows))]


def shared_notes(brief: Brief, chart_src: ChartSrc) -> list[str]:
    if not brief.shared_notes:
        return []
    items = "".join(
        f"<li><b>{e(n.title)}:</b> {e(n.text)}"
        + (f' <span class="small">({e(long_date(n.updated_on))})</span>' if n.updated_on else "")
        + "</li>"
        for n in brief.shared_notes
    )
    return [keep("Notes from the mentoring conversations", f"<ul>{items}</ul>")]


def notes(brief: Brief, chart_src: ChartSrc) -> list[str]:
    if not brief.notes:
        return []
    items = "".join(f"<li><b>{e(title)}:</b> {e(note)}</li>" for title, note in brief.notes)
    return [keep("Notes", f"<ul>{items}</ul>")]
