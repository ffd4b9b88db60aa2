""" "What changed since 2025" in the brief: the facts of resources/facts.json on that topic, each
with its source and as-of date, and a note on any past its review date on the brief's day."""

from __future__ import annotations

from ses_decider.report.brief import Brief
from ses_decider.report.markup import ChartSrc, e, keep

TOPIC = "changes"


def changes(brief: Brief, chart_src: ChartSrc) -> list[str]:
    from ses_decider.core.facts import age_note, fact_sheet

    sheet = fact_sheet()
    facts = sheet.by_topic(TOPIC)
    if not facts:
        return []
    title = dict(sheet.topics).get(TOPIC, "What changed since 2025")
    items = []
    for fact in facts:
        source = sheet.sources.get(fact.source)
        when = age_note(fact.as_of, brief.day) or f"as of {fact.as_of}"
        cited = f"{source.short}, {when}" if source else when
        items.append(
            f'<li><b>{e(fact.title)}.</b> {e(fact.text)} <span class="small">({e(cited)})</span></li>'
        )
    return [keep(title, f"<ul>{''.join(items)}</ul>")]
