"""The story bank in the brief: which ECQs of the chosen set the stories cover, the best story for
each, and the ECQs left without evidence. Only for a person with at least one story."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ses_decider.report.brief import Brief
from ses_decider.report.markup import DASH, ChartSrc, e, keep

if TYPE_CHECKING:
    from ses_decider.core.records import Person
    from ses_decider.ops.applying import EcqEvidence
    from ses_decider.storage.repository import Repository

KEY = "stories"


def gather(repo: Repository, person: Person) -> tuple[EcqEvidence, ...] | None:
    from ses_decider.ops.applying import ecq_grid, stories_of

    if not stories_of(repo, person.id):
        return None
    return tuple(ecq_grid(repo, person.id))


def stories(brief: Brief, chart_src: ChartSrc) -> list[str]:
    grid = brief.extra.get(KEY)
    if not grid:
        return []
    rows = [
        '<table class="grid" width="100%" cellpadding="4" cellspacing="0"><thead><tr>'
        '<th>ECQ</th><th class="num">Stories</th><th>Best story</th>'
        '<th class="num">Strength</th><th>In the résumé</th></tr></thead>'
    ]
    for row in grid:
        best = row.best.title if row.best is not None and row.best.title else DASH
        resume = DASH if row.in_resume is None else ("yes" if row.in_resume else "no")
        rows.append(
            f"<tr><td>{e(row.title)}</td><td class='num' align='right'>{row.stories}</td>"
            f"<td>{e(best)}</td><td class='num' align='right'>"
            f"{row.strength if row.stories else DASH}</td><td>{resume}</td></tr>"
        )
    rows.append("</table>")
    missing = [row.title for row in grid if row.without_evidence]
    said = (
        f"<p>No story yet for: {e(', '.join(missing))}.</p>"
        if missing
        else "<p>Every ECQ has at least one story.</p>"
    )
    intro = (
        "<p>Strength, 0 to 4: a point each for a recent story, a number in the result, an action "
        "told as \u201cI\u201d, and all four parts written.</p>"
    )
    return [keep("Stories for the ECQs", intro + "".join(rows) + said)]
