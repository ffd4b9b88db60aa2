"""Short notices under the verdict about what is due or worth knowing for the current person: a
review date that has come, an experiment or an agreed action that is due, another path that scores
higher. Each feature adds one provider to `PROVIDERS`; the main window shows them all, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

# A provider takes the session and today's date and returns sentences (none: nothing to say).
Provider = Callable[[object, date], list[str]]


def review_due(session, today: date) -> list[str]:
    person = session.person
    if person.review_on and person.review_on <= today.isoformat():
        return [
            f"Your review date ({person.review_on}) has come: look at your weights again "
            "and take a snapshot (File \u203a Take snapshot)."
        ]
    return []


def other_path_higher(session, today: date) -> list[str]:
    """The verdict stays about the SES; this says plainly when another path scores higher."""
    from ses_decider.core.paths import higher_path_sentence

    if not session.assessment.paths:
        return []
    sentence = higher_path_sentence(session.assessment, session.evaluation)
    return [f"\u21c4 {sentence}"] if sentence else []


def deciding_due(session, today: date) -> list[str]:
    """A due experiment, a preventive step from the premortem, a journal review (Decide well)."""
    if not _has_records(session, "deciding_dated"):
        return []  # nothing can be due: Decide well's code need not load (start-up)
    from ses_decider.ops.deciding import due_now

    due = session.read(due_now, session.person.id, today)
    if not due:
        return []
    from ses_decider.core.deciding_content import deciding_content

    step = {kind: deciding_content().step(s).title for kind, s in _DUE_STEPS.items()}
    where = {
        "experiment": "Experiment due {due}: {title}. Re-rate what it taught you, then mark it "
        "done (Decide well \u203a {step}).",
        "premortem": "Step due {due}: {title} (Decide well \u203a {step}).",
        "journal": "Your decision journal asks how \u201c{title}\u201d went (review date {due}): "
        "Decide well \u203a {step}.",
    }
    return [
        where[item.kind].format(due=item.due, title=item.title, step=step[item.kind])
        for item in due
    ]


_DUE_STEPS = {"experiment": "experiments", "premortem": "premortem", "journal": "journal"}


def agreed_actions_due(session, today: date) -> list[str]:
    """Actions a mentoring session agreed that are due today or earlier, not yet done."""
    if not _has_records(session, "agreed_actions"):
        return []
    from ses_decider.ops.mentoring import actions_due

    due = session.read(actions_due, session.person.id, today)
    if not due:
        return []
    first = due[0]
    if len(due) == 1:
        return [
            f"\u2611 An agreed action is due ({first.due}): {first.what} \u2014 {first.who}. "
            "Tick it in the session log on the Mentees page."
        ]
    return [
        f"\u2611 {len(due)} agreed actions are due, the first ({first.due}): {first.what}. "
        "See the session log on the Mentees page."
    ]


def _has_records(session, group: str) -> bool:
    from ses_decider.ops.views import has_records

    return session.read(has_records, session.person.id, group)


PROVIDERS: list[Provider] = [review_due, other_path_higher, deciding_due, agreed_actions_due]


def notices(session, today: date | None = None) -> list[str]:
    """Every provider's sentences for the current person."""
    today = today or date.today()
    out: list[str] = []
    for provider in PROVIDERS:
        out.extend(provider(session, today))
    return out
