"""The records of deciding well: own reasons, premortem items, a friend's view, experiments, a journal.

Every record has an ``id`` (a uuid4 hex string) and ``updated_at``, an ISO 8601 UTC timestamp, so that
two copies of a person file can be merged record by record: the later edit wins (see
:func:`merge_records`). Dates are ISO dates (YYYY-MM-DD), checked with ``date.fromisoformat`` when a
record is made; a bad one raises ValueError with a plain message. Records are frozen: change one with
:func:`edited`, which also stamps ``updated_at``. ``to_dict``/``from_dict`` give plain dicts for the
person file; ``from_dict`` fills fields missing from older files with their defaults and ignores keys
it does not know (a newer file), but refuses wrong types with a plain message.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from ses_decider.core.model import LEAN_MAX, LEAN_MIN

SIDES = ("for", "against")  # for or against going for the SES
PATHS = ("ses", "stay")
EXPERIMENT_STATUSES = ("planned", "done", "dropped")
OWN_KIND = "own"  # an experiment of the person's own, not one of the content's ideas
KEPT_VALUES = ("own", "friend")

R = TypeVar("R")


def new_id() -> str:
    """A fresh record id: 32 lower-case hex digits."""
    return uuid.uuid4().hex


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp, the form ``updated_at`` holds."""
    return datetime.now(UTC).isoformat()


def _set(record: Any, name: str, value: Any) -> None:
    object.__setattr__(record, name, value)  # normalising a frozen record in __post_init__


def _check_date(value: str | None, label: str, optional: bool = False) -> str | None:
    """The date in canonical form (YYYY-MM-DD); ValueError with a plain message if it is not one."""
    if value is None and optional:
        return None
    try:
        if not isinstance(value, str):
            raise TypeError
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"{label} must be a date like 2027-03-31, not {value!r}.") from None


def _check_stamp(value: str) -> str:
    """``updated_at`` as a UTC timestamp; a time without a zone is taken to be UTC."""
    try:
        if not isinstance(value, str):
            raise TypeError
        stamp = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"The time of the last change must look like 2026-12-01T09:30:00+00:00, not {value!r}."
        ) from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    try:
        return stamp.astimezone(UTC).isoformat()
    except OverflowError:
        raise ValueError(f"The time of the last change, {value!r}, is out of range.") from None


def _check_text(value: str, label: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{label} needs some words.")
    return value.strip()


def _check_choice(value: str, choices: tuple[str, ...], label: str) -> None:
    if value not in choices:
        raise ValueError(f"{label} must be one of {', '.join(choices)}, not {value!r}.")


def _check_id(value: str | None, label: str, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{label} must be a non-empty id, not {value!r}.")


def _check_base(record: Any) -> None:
    _check_id(record.id, "A record's id", optional=False)
    _set(record, "updated_at", _check_stamp(record.updated_at))


@dataclass(frozen=True)
class OwnReason:
    """A reason in the person's words, for or against going for the SES.

    It is matched to a default factor (``factor_id``) or became a factor of its own
    (``custom_factor_id``), not both; neither while unmatched. ``prompt_id`` names the "did you
    miss?" prompt it answers, if any.
    """

    text: str
    side: str
    factor_id: str | None = None
    custom_factor_id: str | None = None
    prompt_id: str | None = None
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        _set(self, "text", _check_text(self.text, "A reason"))
        _check_choice(self.side, SIDES, "A reason's side")
        _check_id(self.factor_id, "The factor of a reason")
        _check_id(self.custom_factor_id, "The factor of one's own of a reason")
        _check_id(self.prompt_id, "The prompt a reason answers")
        if self.factor_id is not None and self.custom_factor_id is not None:
            raise ValueError(
                "A reason is matched to one of the factors or becomes a factor of its own, "
                "not both."
            )
        _check_base(self)

    @property
    def matched_factor_id(self) -> str | None:
        """The factor the reason counts toward in the table, default or custom."""
        return self.factor_id if self.factor_id is not None else self.custom_factor_id


@dataclass(frozen=True)
class PremortemItem:
    """One answer to "it is two years from now and this path was a mistake: why?"."""

    path: str
    text: str
    factor_id: str | None = None
    prevention: str = ""  # what would prevent it
    due: str | None = None  # when to have taken that step
    done: bool = False
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        _check_choice(self.path, PATHS, "A premortem's path")
        _set(self, "text", _check_text(self.text, "A premortem answer"))
        _check_id(self.factor_id, "The factor of a premortem answer")
        if not isinstance(self.prevention, str):
            raise ValueError("What would prevent it must be text.")
        _set(self, "prevention", self.prevention.strip())
        _set(self, "due", _check_date(self.due, "The date for the preventive step", True))
        if not isinstance(self.done, bool):
            raise ValueError("Whether the preventive step is done must be true or false.")
        _check_base(self)


@dataclass(frozen=True)
class FriendView:
    """The leans given for a friend in the person's position (factor id -> -5..+5), on one day.

    ``kept`` records, per factor, which answer the person kept afterwards: "own" or "friend".
    """

    leans: dict[str, float]
    taken_on: str
    kept: dict[str, str] = field(default_factory=dict)
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if not isinstance(self.leans, dict):
            raise ValueError("A friend's view needs a lean per factor.")
        leans = {}
        for factor_id, lean in self.leans.items():
            _check_id(factor_id, "A factor in a friend's view", optional=False)
            if isinstance(lean, bool) or not isinstance(lean, int | float):
                raise ValueError(f"The friend's lean for {factor_id} must be a number.")
            if not math.isfinite(lean) or not LEAN_MIN <= lean <= LEAN_MAX:
                raise ValueError(
                    f"The friend's lean for {factor_id} must be between {LEAN_MIN:g} and "
                    f"{LEAN_MAX:+g}, not {lean!r}."
                )
            leans[factor_id] = float(lean)
        _set(self, "leans", leans)
        if not isinstance(self.kept, dict):
            raise ValueError("Which answer was kept must be given per factor.")
        for factor_id, choice in self.kept.items():
            if factor_id not in leans:
                raise ValueError(
                    f"An answer was kept for {factor_id}, which the friend never rated."
                )
            _check_choice(choice, KEPT_VALUES, f"The answer kept for {factor_id}")
        _set(self, "kept", dict(self.kept))
        _set(self, "taken_on", _check_date(self.taken_on, "The day of the friend's view"))
        _check_base(self)


@dataclass(frozen=True)
class Experiment:
    """A small trial before deciding: one of the content's ideas (``kind``) or one's own ("own").

    ``snapshot_uid`` is the snapshot taken when the person re-rated after it.
    """

    title: str
    factor_ids: tuple[str, ...]
    due: str
    kind: str = OWN_KIND
    status: str = "planned"
    learned: str = ""
    finished_on: str | None = None
    snapshot_uid: str | None = None
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        _set(self, "title", _check_text(self.title, "An experiment's title"))
        if not isinstance(self.factor_ids, list | tuple) or not all(
            isinstance(f, str) and f for f in self.factor_ids
        ):
            raise ValueError("An experiment's factors must be a list of factor ids.")
        _set(self, "factor_ids", tuple(dict.fromkeys(self.factor_ids)))
        _set(self, "due", _check_date(self.due, "An experiment's date"))
        _check_id(self.kind, "An experiment's kind", optional=False)
        _check_choice(self.status, EXPERIMENT_STATUSES, "An experiment's status")
        if not isinstance(self.learned, str):
            raise ValueError("What an experiment taught must be text.")
        _set(self, "finished_on", _check_date(self.finished_on, "The day it finished", True))
        _check_id(self.snapshot_uid, "The snapshot after an experiment")
        _check_base(self)


@dataclass(frozen=True)
class RejectedPath:
    """A path the person turned down, and why."""

    path: str
    why: str = ""

    def __post_init__(self) -> None:
        _set(self, "path", _check_text(self.path, "A rejected path"))
        if not isinstance(self.why, str):
            raise ValueError("Why a path was rejected must be text.")


@dataclass(frozen=True)
class JournalEntry:
    """A decision as recorded when made, and later, at the review date, how it went.

    ``verdict`` is the app's verdict label at the time and ``snapshot_uid`` the snapshot then, so
    the review can show what the person expected. ``confidence`` is 0-100 (%), None if not given.
    """

    decision: str
    decided_on: str
    review_on: str
    reasons: str = ""
    confidence: int | None = None
    rejected: tuple[RejectedPath, ...] = ()
    verdict: str = ""
    snapshot_uid: str | None = None
    outcome: str = ""  # how it went, written at the review
    answered_on: str | None = None
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        _set(self, "decision", _check_text(self.decision, "The decision"))
        decided = _check_date(self.decided_on, "The day of the decision")
        review = _check_date(self.review_on, "The review date")
        if review < decided:
            raise ValueError("The review date must be on or after the day of the decision.")
        _set(self, "decided_on", decided)
        _set(self, "review_on", review)
        conf = self.confidence
        if conf is not None:
            if (
                isinstance(conf, bool)
                or not isinstance(conf, int | float)
                or not math.isfinite(conf)
                or conf != int(conf)
            ):
                raise ValueError(f"How sure you are must be a whole percentage, not {conf!r}.")
            if not 0 <= conf <= 100:
                raise ValueError(f"How sure you are must be from 0 to 100%, not {conf!r}.")
            _set(self, "confidence", int(conf))
        if isinstance(self.rejected, str | RejectedPath):
            raise ValueError("The rejected paths must be a list.")
        _set(self, "rejected", tuple(self.rejected))
        if not all(isinstance(r, RejectedPath) for r in self.rejected):
            raise ValueError("Each rejected path needs a path and why.")
        for name in ("reasons", "verdict", "outcome"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"The journal's {name} must be text.")
        answered = _check_date(self.answered_on, "The day of the review answer", True)
        if answered is not None and answered < decided:
            raise ValueError("The review cannot be answered before the day of the decision.")
        _set(self, "answered_on", answered)
        _check_id(self.snapshot_uid, "The snapshot of a decision")
        _check_base(self)


RECORD_TYPES: dict[str, type] = {
    "own_reason": OwnReason,
    "premortem": PremortemItem,
    "friend_view": FriendView,
    "experiment": Experiment,
    "journal": JournalEntry,
}


def edited(record: R, **changes: Any) -> R:
    """A copy of ``record`` with ``changes`` applied, checked again, stamped now (unless given)."""
    changes.setdefault("updated_at", utc_now())
    return replace(record, **changes)


def merge_records(mine: list[R], theirs: list[R]) -> list[R]:
    """Merge two lists of one kind of record by id: the later ``updated_at`` wins, a tie keeps mine.

    Order: mine first (each in its place, possibly replaced by their newer copy), then records only
    they have, in their order. Deletions do not travel: a record deleted on one side comes back.
    """
    theirs_by_id = {r.id: r for r in theirs}
    merged = []
    for record in mine:
        other = theirs_by_id.get(record.id)
        newer = other is not None and _when(other) > _when(record)
        merged.append(other if newer else record)
    known = {r.id for r in mine}
    merged.extend(r for r in theirs if r.id not in known)
    return merged


def _when(record: Any) -> datetime:
    return datetime.fromisoformat(record.updated_at)


def to_dict(record: Any) -> dict[str, Any]:
    """A plain dict (JSON types only) of any record here."""
    result: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "rejected":
            value = [{"path": r.path, "why": r.why} for r in value]
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(value)
        result[f.name] = value
    return result


def from_dict(kind: str | type[R], data: Any) -> R:
    """Rebuild a record from :func:`to_dict`'s output; ``kind`` is a class or a RECORD_TYPES key.

    Raises ValueError, with a plain message, for anything that does not make a valid record.
    """
    cls = RECORD_TYPES[kind] if isinstance(kind, str) else kind
    label = next((k for k, v in RECORD_TYPES.items() if v is cls), cls.__name__)
    if not isinstance(data, dict):
        raise ValueError(f"A {label.replace('_', ' ')} record must be an object.")
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue  # missing: the field's default, or the constructor says what is needed
        value = data[f.name]
        if f.name == "factor_ids":
            if not isinstance(value, list):
                raise ValueError("An experiment's factors must be a list of factor ids.")
            value = tuple(value)
        elif f.name == "rejected":
            if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
                raise ValueError("The rejected paths must be a list of objects.")
            value = tuple(RejectedPath(path=r.get("path"), why=r.get("why", "")) for r in value)
        values[f.name] = value
    try:
        return cls(**values)
    except TypeError:
        needed = [f.name for f in fields(cls) if f.name not in values and _required(f)]
        raise ValueError(
            f"A {label.replace('_', ' ')} record is missing {', '.join(needed)}."
        ) from None


def _required(f: Any) -> bool:
    return f.default is MISSING and f.default_factory is MISSING
