"""The agenda for a mentoring session, built from what is stored, and as plain text.

`build_agenda` lists, in the order of `AGENDA_KINDS`: what changed since the last session (snapshots
since, the score's move, the verdict's), agreed actions due within `AGENDA_AHEAD_DAYS` (and open ones
without a date), experiments due in that time, the three differences with the mentor that would move
the verdict most, readiness gaps (ECQs rated below 3, not rated, or without a written example; the
whole roadmap when it is not started) and open premortem steps. Experiments and premortem items are
optional inputs (the deciding records). The mentor then reorders, removes and adds items.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from ses_decider.core.compare import Difference
from ses_decider.core.deciding import open_premortem_actions
from ses_decider.core.deciding_records import Experiment, PremortemItem
from ses_decider.core.explain import fmt
from ses_decider.core.mentoring import (
    AGENDA_KINDS,
    AgendaItem,
    AgreedAction,
    MentoringSession,
    ScorePoint,
    baseline,
    change_since,
    last_session,
    mentor_differences,
)
from ses_decider.core.model import Assessment
from ses_decider.core.readiness import gaps
from ses_decider.core.readiness_content import RATING_MAX
from ses_decider.core.scoring import Evaluation, evaluate

AGENDA_AHEAD_DAYS = 14  # an agenda lists what falls due before the next session (about two weeks)
AGENDA_DIFFERENCES = 3

__all__ = ["AGENDA_KINDS", "AgendaItem", "agenda_text", "build_agenda"]


def build_agenda(
    mentee: Assessment,
    mentor: Assessment | None = None,
    *,
    today: date | None = None,
    points: Sequence[ScorePoint] = (),
    sessions: Sequence[MentoringSession] = (),
    actions: Sequence[AgreedAction] = (),
    experiments: Sequence[Experiment] = (),
    premortem: Sequence[PremortemItem] = (),
    evaluation: Evaluation | None = None,
) -> list[AgendaItem]:
    """An agenda for the next session, in the order of AGENDA_KINDS: what changed since the last
    session, agreed actions due (within AGENDA_AHEAD_DAYS, and open ones without a date),
    experiments due, the three differences that would move the verdict most, readiness gaps
    (ECQs rated below 3 or without an example) and open premortem steps."""
    today = today or date.today()
    evaluation = evaluation or evaluate(mentee)
    items = [_change_item(evaluation, points, sessions)]
    items += _action_items(actions, sessions, today)
    items += _experiment_items(experiments, today)
    items += [_difference_item(d) for d in mentor_differences(mentee, mentor)[:AGENDA_DIFFERENCES]]
    items += _readiness_items(mentee)
    items += _premortem_items(premortem)
    return items


def _points_text(score: float | None) -> str:
    return "no score" if score is None else fmt(score)


def _change_item(
    evaluation: Evaluation, points: Sequence[ScorePoint], sessions: Sequence[MentoringSession]
) -> AgendaItem:
    last = last_session(sessions)
    now = f"score {_points_text(evaluation.score)}, {evaluation.verdict.label}"
    if last is None:
        taken = len(points)
        return AgendaItem(
            "change", f"No earlier session recorded; now {now}, {taken} snapshot(s) so far."
        )
    since = sum(1 for p in points if p.taken_at[:10] > last.held_on)
    base = baseline(last, points)
    parts = [f"Since the session on {last.held_on}: {since} new snapshot(s)"]
    delta = change_since(evaluation.score, base)
    if base is None:
        parts.append(f"now {now}")
    elif delta is not None and abs(delta) < 0.05:
        parts.append(f"score still {_points_text(evaluation.score)}")
    elif delta is None:
        parts.append(f"score {_points_text(base.score)} \u2192 {_points_text(evaluation.score)}")
    else:
        parts.append(
            f"score {_points_text(base.score)} \u2192 {_points_text(evaluation.score)} "
            f"({fmt(delta, signed=True)} points)"
        )
    if base is not None:
        if base.verdict is evaluation.verdict:
            parts.append(f"verdict still {evaluation.verdict.label}")
        else:
            parts.append(f"verdict {base.verdict.label} \u2192 {evaluation.verdict.label}")
    return AgendaItem("change", "; ".join(parts) + ".")


def _action_items(
    actions: Sequence[AgreedAction], sessions: Sequence[MentoringSession], today: date
) -> list[AgendaItem]:
    held = {s.id: s.held_on for s in sessions}
    due = [a for a in actions if a.is_due(today, AGENDA_AHEAD_DAYS)]
    due.sort(key=lambda a: (a.due, a.what.casefold()))
    undated = [a for a in actions if not a.done and a.due is None]
    items = []
    for a in due + undated:
        when = "no date set"
        if a.due is not None:
            late = (today - date.fromisoformat(a.due)).days
            when = f"overdue since {a.due}" if late > 0 else f"due {a.due}"
        agreed = f", agreed {held[a.session_id]}" if a.session_id in held else ""
        items.append(AgendaItem("action", f"{a.what} ({a.who}; {when}{agreed}).", a.id))
    return items


def _experiment_items(experiments: Sequence[Experiment], today: date) -> list[AgendaItem]:
    horizon = today + timedelta(days=AGENDA_AHEAD_DAYS)
    due = [e for e in experiments if e.status == "planned" and date.fromisoformat(e.due) <= horizon]
    due.sort(key=lambda e: (e.due, e.title.casefold()))
    items = []
    for e in due:
        when = f"overdue since {e.due}" if date.fromisoformat(e.due) < today else f"due {e.due}"
        items.append(AgendaItem("experiment", f"{e.title} ({when}): what did it teach?", e.id))
    return items


def _rating_text(rating) -> str:
    if rating is None or not rating.rated:
        return "not rated"
    return f"weight {fmt(rating.weight)}, lean {fmt(rating.lean, signed=True)}"


def _difference_item(d: Difference) -> AgendaItem:
    text = (
        f"{d.title}: mentee {_rating_text(d.mine)}; mentor {_rating_text(d.theirs)}. "
        f"The mentor's view would move the score {fmt(d.score_shift, signed=True)} points"
    )
    if d.changes_verdict:
        text += f" and the verdict {d.verdict_before.label} \u2192 {d.verdict_after.label}"
    return AgendaItem("difference", text + ".", d.factor_id)


def _readiness_items(mentee: Assessment) -> list[AgendaItem]:
    state = mentee.readiness
    if state is None:
        return [
            AgendaItem(
                "readiness",
                "The readiness roadmap is not started: rate the Executive Core Qualifications "
                "together.",
            )
        ]
    items = []
    for gap in gaps(state):
        kind, _, ecq_id = gap.key.partition(":")
        if kind not in ("ecq", "example"):
            continue
        entry = state.ecq.get(ecq_id)
        if kind == "example":
            text = f"{gap.title}: rated {entry.rating} of {RATING_MAX}, no written example yet."
        elif entry is None or entry.rating is None:
            text = f"{gap.title}: not rated yet."
        else:
            text = f"{gap.title}: rated {entry.rating} of {RATING_MAX}."
        items.append(AgendaItem("readiness", text, ecq_id))
    return items


def _premortem_items(premortem: Sequence[PremortemItem]) -> list[AgendaItem]:
    path_names = {"ses": "the SES path", "stay": "staying"}
    items = []
    for p in open_premortem_actions(premortem):
        when = f", by {p.due}" if p.due else ""
        items.append(
            AgendaItem(
                "premortem",
                f"{p.prevention} (against \u201c{p.text}\u201d, {path_names[p.path]}{when}).",
                p.id,
            )
        )
    return items


def agenda_text(person: str, items: Sequence[AgendaItem], day: date | None = None) -> str:
    """The agenda as plain text (the CLI's output without --out): numbered, each with its kind."""
    day = day or date.today()
    lines = [f"Agenda for a session with {person} \u2014 {day.isoformat()}", ""]
    if not items:
        lines.append("Nothing on the agenda yet.")
    width = len(str(len(items)))
    for number, item in enumerate(items, start=1):
        lines.append(f"{number:>{width}}. [{item.heading}] {item.text}")
    return "\n".join(lines)
