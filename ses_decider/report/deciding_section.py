"""Deciding well in the brief: the person's own reasons, the premortem steps still open, the
experiments (planned, done with what was learned, dropped) and the decision journal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ses_decider.report.brief import Brief, long_date
from ses_decider.report.markup import ChartSrc, e, keep

if TYPE_CHECKING:
    from ses_decider.core.deciding_summary import DecidingRecords
    from ses_decider.core.records import Person
    from ses_decider.storage.repository import Repository

KEY = "deciding"
PATH_WORDS = {"ses": "the SES", "stay": "staying"}


def gather(repo: Repository, person: Person) -> DecidingRecords:
    from ses_decider.ops.deciding import deciding_records

    return deciding_records(repo, person.id)


def _when(day: str | None) -> str:
    return long_date(day) if day else "no date"


def deciding(brief: Brief, chart_src: ChartSrc) -> list[str]:
    records = brief.extra.get(KEY)
    if records is None or records.empty:
        return []
    from ses_decider.core.deciding import open_premortem_actions

    parts = []
    if records.own_reasons:
        items = "".join(
            f"<li>{e(r.text)} <span class='small'>({e(r.side)})</span></li>"
            for r in records.own_reasons
        )
        parts.append(f"<p><b>Reasons in their own words</b></p><ul>{items}</ul>")
    steps = open_premortem_actions(records.premortem)
    if steps:
        items = "".join(
            f"<li>If {e(PATH_WORDS.get(p.path, p.path))} went wrong: {e(p.text)}"
            + (f" <i>Step:</i> {e(p.prevention)}" if p.prevention else "")
            + f" <span class='small'>(by {e(_when(p.due))})</span></li>"
            for p in steps
        )
        parts.append(f"<p><b>Premortem steps still open</b></p><ul>{items}</ul>")
    if records.experiments:
        rows = [
            '<table class="grid" width="100%" cellpadding="4" cellspacing="0"><thead><tr>'
            "<th>Experiment</th><th>Due</th><th>Status</th><th>What they learned</th></tr></thead>"
        ]
        for x in records.experiments:
            overdue = x.status == "planned" and x.due < brief.day.isoformat()
            status = "overdue" if overdue else x.status
            rows.append(
                f"<tr><td>{e(x.title)}</td><td>{e(long_date(x.due))}</td><td>{e(status)}</td>"
                f"<td>{e(x.learned)}</td></tr>"
            )
        rows.append("</table>")
        parts.append("<p><b>Experiments</b></p>" + "".join(rows))
    if records.journal:
        parts.append("<p><b>Decision journal</b></p>")
    for entry in records.journal[-2:]:  # the latest decisions; the app keeps them all
        sure = "" if entry.confidence is None else f", {entry.confidence}% sure"
        text = f"<p>On {e(long_date(entry.decided_on))}{e(sure)}: <b>{e(entry.decision)}</b>"
        if entry.reasons:
            text += f"<br>Why: {e(entry.reasons)}"
        for rejected in entry.rejected:
            text += f"<br>Turned down {e(rejected.path)}" + (
                f": {e(rejected.why)}" if rejected.why else ""
            )
        if entry.answered_on:
            text += f"<br>At the review ({e(long_date(entry.answered_on))}): {e(entry.outcome)}"
        else:
            text += f"<br>Review on {e(long_date(entry.review_on))}."
        parts.append(text + "</p>")
    return [keep("Deciding well", "".join(parts))]
