"""Other paths in the brief: each path's score and verdict beside the SES, and the change that
would make the best other path and the SES change places."""

from __future__ import annotations

from ses_decider.report.brief import Brief
from ses_decider.report.markup import ChartSrc, e, keep


def paths(brief: Brief, chart_src: ChartSrc) -> list[str]:
    if not brief.paths:
        return []
    ses = "no score" if brief.score is None else f"{brief.score:.0f}"
    rows = [
        '<table class="grid" width="100%" cellpadding="4" cellspacing="0"><thead><tr>'
        '<th>Path</th><th class="num">Score</th><th>Verdict</th></tr></thead>',
        f'<tr><td>The SES</td><td class="num" align="right">{e(ses)}</td>'
        f"<td>{e(brief.verdict.label)}</td></tr>",
    ]
    for line in brief.paths:
        rows.append(
            f'<tr><td>{e(line.title)}</td><td class="num" align="right">{e(line.score)}</td>'
            f"<td>{e(line.verdict)}</td></tr>"
        )
    rows.append("</table>")
    said = "".join(f"<p>{e(text)}</p>" for text in (brief.higher_path, brief.path_tip) if text)
    intro = (
        "<p>Each other path the person added is scored with the same formula, on the same weights, "
        "with that path's own leans. Staying where they are scores 50.</p>"
    )
    return [keep("Other paths", intro + "".join(rows) + said)]
