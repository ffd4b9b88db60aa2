"""The pay calculator's inputs, remembered per person so the Pay row's calculator opens where the
person left it. They are kept in the settings table under the person's uid, not in the assessment:
salary figures stay on this computer and never travel in a person file to a mentor."""

from __future__ import annotations

import json
from typing import Any

from ses_decider.ops import Changes, OpResult
from ses_decider.storage.repository import Repository

_KEY = "pay_inputs:{uid}"


def saved_pay_inputs(repo: Repository, person_uid: str) -> dict[str, Any]:
    """The inputs last used for this person (a reading function for views), or {}."""
    text = repo.settings.get(_KEY.format(uid=person_uid))
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}  # unreadable: start afresh rather than fail to open the calculator
    return data if isinstance(data, dict) else {}


def remember_pay_inputs(repo: Repository, person_uid: str, inputs: dict[str, Any]) -> OpResult:
    """Keep the calculator's inputs for this person. No view shows them and nothing in the
    decision changes, so there is nothing to redraw and nothing to undo."""
    repo.settings.set(_KEY.format(uid=person_uid), json.dumps(inputs, sort_keys=True))
    return OpResult(Changes.NONE)
