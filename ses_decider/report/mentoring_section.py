"""The mentoring in the brief: the last session, agreed actions still open, and the agenda for the
next session (as the mentor's desk builds it). Only for a person with a session, an action or a
mentor's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ses_decider.report.brief import Brief, long_date
from ses_decider.report.markup import ChartSrc, e, keep

if TYPE_CHECKING:
    from ses_decider.core.mentoring import AgendaItem, AgreedAction
    from ses_decider.core.records import Person
    from ses_decider.storage.repository import Repository

KEY = "mentoring"


@dataclass(frozen=True)
class Mentoring:
    last_session: str | None
    open_actions: tuple[AgreedAction, ...]
    agenda: tuple[AgendaItem, ...]


def gather(repo: Repository, person: Person) -> Mentoring | None:
    from ses_decider.core.records import MENTOR
    from ses_decider.ops.mentoring import person_agenda, session_log

    sessions, actions = session_log(repo, person.id)
    if not sessions and not actions and not repo.assessments.has(person.id, MENTOR):
        return None
    return Mentoring(
        max((s.held_on for s in sessions), default=None),
        tuple(a for a in actions if not a.done),
        tuple(person_agenda(repo, person.id, date.today())),
    )


def mentoring(brief: Brief, chart_src: ChartSrc) -> list[str]:
    found: Mentoring | None = brief.extra.get(KEY)
    if found is None:
        return []
    last = (
        f"Last session: {e(long_date(found.last_session))}."
        if found.last_session
        else "No session recorded yet."
    )
    parts = [f"<p>{last}</p>"]
    if found.open_actions:
        items = "".join(
            f"<li>{e(a.what)} <span class='small'>({e(a.who)}"
            + (f", by {e(long_date(a.due))}" if a.due else "")
            + ")</span></li>"
            for a in found.open_actions
        )
        parts.append(f"<p><b>Agreed actions still open</b></p><ul>{items}</ul>")
    if found.agenda:
        items = "".join(
            f"<li><span class='small'>{e(i.heading)}:</span> {e(i.text)}</li>" for i in found.agenda
        )
        parts.append(f"<p><b>For the next session</b></p><ol>{items}</ol>")
    return [keep("Mentoring", "".join(parts))]
