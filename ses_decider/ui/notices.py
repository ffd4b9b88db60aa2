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


PROVIDERS: list[Provider] = [review_due]


def notices(session, today: date | None = None) -> list[str]:
    """Every provider's sentences for the current person."""
    today = today or date.today()
    out: list[str] = []
    for provider in PROVIDERS:
        out.extend(provider(session, today))
    return out
