"""The mentor's desk: mentoring sessions, what they agreed, and each mentee's row at a glance.

Records (`MentoringSession`, `AgreedAction`) carry an ``id`` and ``updated_at`` like the deciding
records, so two copies of a person file merge record by record (the later edit wins). The desk row
(`desk_row`) is computed from stored data only; the deciding records (experiments, premortem items)
are optional inputs, so the desk works with or without them. The agenda is in `core/agenda.py`.

The rules, once:

- **Change since the last session**: the current score minus the score *at* the last session (the
  session with the latest date). That score is the one stored with the session when it was recorded
  on its own day; else the last snapshot taken on or before that day; else the first snapshot taken
  after it; else there is no change to show. No score on either side: no change.
- **Next due**: the earliest of the review date, planned experiments, premortem steps not done and
  agreed actions not done (each with its date); overdue ones are the earliest, so they come first.
- **Top difference**: the first of ``core.compare.differences(mentee, mentor,
  rated_in_second_only=True)`` (the one that would move the verdict most), with the points it would
  move the mentee's score; none while the mentor has rated nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from ses_decider.core.compare import Difference, differences
from ses_decider.core.deciding_records import Experiment, PremortemItem, new_id, utc_now
from ses_decider.core.explain import fmt
from ses_decider.core.model import Assessment, Verdict
from ses_decider.core.readiness import Quadrant, axes
from ses_decider.core.scoring import evaluate

MAX_TEXT = 20_000

# The kinds of agenda item, in the order `build_agenda` lists them, with their headings.
AGENDA_KINDS: dict[str, str] = {
    "change": "Since the last session",
    "action": "Agreed actions",
    "experiment": "Experiments",
    "difference": "Where we differ",
    "readiness": "Readiness",
    "premortem": "Premortem",
    "own": "Also",
}


def _set(record: Any, name: str, value: Any) -> None:
    object.__setattr__(record, name, value)  # normalising a frozen record in __post_init__


def check_date(value: Any, label: str, optional: bool = False) -> str | None:
    """A date written YYYY-MM-DD (returned as it is), else ValueError with a plain message."""
    if value is None and optional:
        return None
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            date.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise ValueError(f"{label} must be a date like 2027-03-31, not {value!r}.")


def check_stamp(value: Any) -> str:
    """``updated_at`` as a UTC ISO 8601 timestamp (a time without a zone is taken as UTC)."""
    try:
        if not isinstance(value, str):
            raise TypeError
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
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


def _text(value: Any, label: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{label} must be text.")
    value = value.strip()
    if required and not value:
        raise ValueError(f"{label} needs some words.")
    if len(value) > MAX_TEXT:
        raise ValueError(f"{label} can be at most {MAX_TEXT:,} characters.")
    return value


def _check_id(value: Any, label: str) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise ValueError(f"{label} must be an id of 1 to 64 characters, not {value!r}.")


@dataclass(frozen=True)
class AgendaItem:
    """One line of an agenda: its kind (a key of AGENDA_KINDS), its words, and what it is about
    (a factor id, an action's id, an ECQ id; None for the mentor's own items)."""

    kind: str
    text: str
    ref: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in AGENDA_KINDS:
            raise ValueError(
                f"An agenda item's kind must be one of {', '.join(AGENDA_KINDS)}, not {self.kind!r}."
            )
        _set(self, "text", _text(self.text, "An agenda item", required=True))
        if self.ref is not None:
            _check_id(self.ref, "What an agenda item is about")

    @property
    def heading(self) -> str:
        return AGENDA_KINDS[self.kind]


@dataclass(frozen=True)
class MentoringSession:
    """One session with a mentee: the day, the agenda as it was used, and the notes.

    ``score`` and ``verdict`` are the mentee's as they stood when the session was recorded on its
    own day (None when recorded later, or when not known): the baseline of "change since".
    """

    held_on: str
    agenda: tuple[AgendaItem, ...] = ()
    notes: str = ""
    score: float | None = None
    verdict: Verdict | None = None
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        check_date(self.held_on, "The day of the session")
        if isinstance(self.agenda, str | AgendaItem) or not isinstance(self.agenda, Iterable):
            raise ValueError("A session's agenda must be a list of items.")
        _set(self, "agenda", tuple(self.agenda))
        if not all(isinstance(item, AgendaItem) for item in self.agenda):
            raise ValueError("Each agenda item needs a kind and some words.")
        _set(self, "notes", _text(self.notes, "A session's notes", required=False))
        if self.score is not None:
            if isinstance(self.score, bool) or not isinstance(self.score, int | float):
                raise ValueError("The score at a session must be a number.")
            if not math.isfinite(self.score) or not 0 <= self.score <= 100:
                raise ValueError(f"The score at a session must be 0 to 100, not {self.score!r}.")
            _set(self, "score", float(self.score))
        if self.verdict is not None and not isinstance(self.verdict, Verdict):
            try:
                _set(self, "verdict", Verdict(self.verdict))
            except ValueError:
                raise ValueError(f"{self.verdict!r} is not a verdict.") from None
        _check_id(self.id, "A session's id")
        _set(self, "updated_at", check_stamp(self.updated_at))


@dataclass(frozen=True)
class AgreedAction:
    """Something a session agreed: what, who does it, by when (optional), and whether it is done."""

    session_id: str
    what: str
    who: str = "Mentee"
    due: str | None = None
    done: bool = False
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        _check_id(self.session_id, "The session of an agreed action")
        _set(self, "what", _text(self.what, "What was agreed", required=True))
        _set(self, "who", _text(self.who, "Who does it", required=True))
        if len(self.who) > 200:
            raise ValueError("Who does it can be at most 200 characters.")
        check_date(self.due, "The date an agreed action is due", optional=True)
        if not isinstance(self.done, bool):
            raise ValueError("Whether an agreed action is done must be true or false.")
        _check_id(self.id, "An agreed action's id")
        _set(self, "updated_at", check_stamp(self.updated_at))

    def is_due(self, today: date, ahead_days: int = 0) -> bool:
        """Not done, dated, and due on ``today`` (plus ``ahead_days``) or earlier."""
        if self.done or self.due is None:
            return False
        return date.fromisoformat(self.due) <= today + timedelta(days=max(0, ahead_days))


# Plain dicts for the person file ---------------------------------------------------------------
def record_to_dict(record: MentoringSession | AgreedAction) -> dict[str, Any]:
    """A record as JSON types (what the person file holds)."""
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "agenda":
            value = [{"kind": i.kind, "text": i.text, "ref": i.ref} for i in value]
        elif isinstance(value, Verdict):
            value = value.value
        out[f.name] = value
    return out


def session_from_dict(data: dict[str, Any]) -> MentoringSession:
    """A session from `record_to_dict`'s output; ValueError in plain words if it is not one."""
    values = dict(data)
    agenda = values.get("agenda", [])
    if not isinstance(agenda, list) or not all(isinstance(i, dict) for i in agenda):
        raise ValueError("A session's agenda must be a list of items.")
    values["agenda"] = tuple(AgendaItem(i.get("kind"), i.get("text"), i.get("ref")) for i in agenda)
    return _build(MentoringSession, values)


def action_from_dict(data: dict[str, Any]) -> AgreedAction:
    return _build(AgreedAction, dict(data))


def _build(cls, values: dict[str, Any]):
    known = {f.name for f in fields(cls)}
    try:
        return cls(**{k: v for k, v in values.items() if k in known})
    except TypeError:
        missing = [f.name for f in fields(cls) if f.name not in values]
        raise ValueError(f"A {cls.__name__} record is missing {', '.join(missing)}.") from None


# The score over time ---------------------------------------------------------------------------
class ScorePoint(NamedTuple):
    """A score at a moment: a snapshot's (or the current assessment's) score and verdict. A named
    tuple: the desk builds thousands of them at a time."""

    taken_at: str  # ISO 8601
    score: float | None
    verdict: Verdict


@dataclass(frozen=True)
class Baseline:
    """What the change since the last session is measured from, and where it came from."""

    score: float | None
    verdict: Verdict
    source: str  # "session", "snapshot before" or "snapshot after"
    taken_at: str


def last_session(sessions: Iterable[MentoringSession]) -> MentoringSession | None:
    """The session with the latest date (of two on one day, the one changed last)."""
    return max(sessions, key=lambda s: (s.held_on, s.updated_at), default=None)


def baseline(session: MentoringSession | None, points: Sequence[ScorePoint]) -> Baseline | None:
    """The score at ``session``, by the rule in the module docstring; None without one."""
    if session is None:
        return None
    if session.verdict is not None:
        return Baseline(session.score, session.verdict, "session", session.held_on)
    ordered = sorted(points, key=lambda p: p.taken_at)
    before = [p for p in ordered if p.taken_at[:10] <= session.held_on]
    if before:
        p = before[-1]
        return Baseline(p.score, p.verdict, "snapshot before", p.taken_at)
    if ordered:
        p = ordered[0]
        return Baseline(p.score, p.verdict, "snapshot after", p.taken_at)
    return None


def change_since(current: float | None, base: Baseline | None) -> float | None:
    """Points the score moved since the baseline; None when either has no score."""
    if current is None or base is None or base.score is None:
        return None
    return round(current - base.score, 9)


# What is due next ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Due:
    date: str
    what: str
    kind: str  # "review", "experiment", "premortem" or "action"


DUE_ORDER = ("review", "action", "experiment", "premortem")


def due_dates(
    review_on: str | None,
    actions: Iterable[AgreedAction] = (),
    experiments: Iterable[Experiment] = (),
    premortem: Iterable[PremortemItem] = (),
) -> list[Due]:
    """Every dated thing still to do, earliest first (ties: review, action, experiment, premortem)."""
    found: list[Due] = []
    if review_on:
        found.append(Due(review_on, "review date", "review"))
    found += [Due(a.due, a.what, "action") for a in actions if not a.done and a.due]
    found += [Due(e.due, e.title, "experiment") for e in experiments if e.status == "planned"]
    found += [
        Due(p.due, p.prevention or p.text, "premortem")
        for p in premortem
        if not p.done and p.due is not None
    ]
    found.sort(key=lambda d: (d.date, DUE_ORDER.index(d.kind), d.what.casefold()))
    return found


def next_due(
    review_on: str | None,
    actions: Iterable[AgreedAction] = (),
    experiments: Iterable[Experiment] = (),
    premortem: Iterable[PremortemItem] = (),
) -> Due | None:
    found = due_dates(review_on, actions, experiments, premortem)
    return found[0] if found else None


# The largest difference ------------------------------------------------------------------------
@dataclass(frozen=True)
class TopDifference:
    factor_id: str
    title: str
    points: float  # how far the mentee's score moves if they took the mentor's view of it
    changes_verdict: bool


def mentor_differences(mentee: Assessment, mentor: Assessment | None) -> list[Difference]:
    """The differences that matter, largest effect first; none while the mentor rated nothing."""
    if mentor is None or not mentor.active():
        return []
    return differences(mentee, mentor, rated_in_second_only=True)


def top_difference(mentee: Assessment, mentor: Assessment | None) -> TopDifference | None:
    found = mentor_differences(mentee, mentor)
    if not found:
        return None
    d = found[0]
    return TopDifference(d.factor_id, d.title, round(d.score_shift, 9), d.changes_verdict)


# The desk row ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeskRow:
    """One mentee at a glance."""

    person_id: int
    name: str  # as shown (namesakes told apart)
    uid: str
    score: float | None
    verdict: Verdict
    change: float | None  # points since the last session
    quadrant: Quadrant | None
    top_difference: TopDifference | None
    next_due: Due | None
    last_session: str | None
    actions_due: int  # agreed actions not done and due today or earlier
    points: tuple[ScorePoint, ...] = ()  # the score over time, oldest first, now last


@dataclass(frozen=True)
class AssessmentFacts:
    """What a desk row takes from the person's two views alone (the costly part to work out), so
    it can be kept while neither view changes."""

    score: float | None
    verdict: Verdict
    quadrant: Quadrant | None
    top_difference: TopDifference | None


def assessment_facts(mentee: Assessment, mentor: Assessment | None = None) -> AssessmentFacts:
    evaluation = evaluate(mentee)
    return AssessmentFacts(
        evaluation.score,
        evaluation.verdict,
        axes(mentee, evaluation).quadrant,
        top_difference(mentee, mentor),
    )


def desk_row(
    *,
    person_id: int,
    name: str,
    uid: str,
    mentee: Assessment | None = None,
    mentor: Assessment | None = None,
    facts: AssessmentFacts | None = None,
    review_on: str | None = None,
    points: Sequence[ScorePoint] = (),
    changed_at: str | None = None,
    sessions: Sequence[MentoringSession] = (),
    actions: Sequence[AgreedAction] = (),
    experiments: Sequence[Experiment] = (),
    premortem: Sequence[PremortemItem] = (),
    today: date | None = None,
) -> DeskRow:
    """A mentee's desk row from what is stored: their views (or the `assessment_facts` of them
    worked out before), ``points`` (their snapshots' scores), ``changed_at`` (when the current
    assessment last changed), sessions, actions and the optional deciding records."""
    today = today or date.today()
    if facts is None:
        if mentee is None:
            raise ValueError("a desk row needs the mentee's assessment or its facts")
        facts = assessment_facts(mentee, mentor)
    last = last_session(sessions)
    return DeskRow(
        person_id=person_id,
        name=name,
        uid=uid,
        score=facts.score,
        verdict=facts.verdict,
        change=change_since(facts.score, baseline(last, points)),
        quadrant=facts.quadrant,
        top_difference=facts.top_difference,
        next_due=next_due(review_on, actions, experiments, premortem),
        last_session=last.held_on if last else None,
        actions_due=sum(1 for a in actions if a.is_due(today)),
        points=tuple(_with_now(points, facts, changed_at)),
    )


def _with_now(
    points: Sequence[ScorePoint], now: AssessmentFacts, changed_at: str | None
) -> list[ScorePoint]:
    """The snapshots' scores and, last, the current one (at its change, or after the last
    snapshot if that was taken later)."""
    ordered = sorted(points, key=lambda p: p.taken_at)
    when = changed_at or (ordered[-1].taken_at if ordered else None)
    if when is None:
        return ordered
    if ordered and ordered[-1].taken_at > when:
        when = ordered[-1].taken_at
    return ordered + [ScorePoint(when, now.score, now.verdict)]


# The desk's columns as text (the GUI table, the CLI, the roster) ----------------------------------
DESK_COLUMNS = (
    "Mentee",
    "Verdict",
    "Score",
    "Since last session",
    "Quadrant",
    "Top difference",
    "Next due",
    "Last session",
)
NONE_TEXT = "\u2013"


def change_text(change: float | None) -> str:
    """An arrow and the points: "\u25b2 +3.5", "\u25bc -2", "= 0"; a dash with no change to show."""
    if change is None:
        return NONE_TEXT
    if abs(change) < 0.05:
        return "= 0"
    arrow = "\u25b2" if change > 0 else "\u25bc"
    return f"{arrow} {fmt(change, signed=True)}"


def difference_text(top: TopDifference | None) -> str:
    if top is None:
        return NONE_TEXT
    text = f"{top.title} ({fmt(top.points, signed=True)})"
    return text + " \u2013 changes the verdict" if top.changes_verdict else text


def due_text(due: Due | None, today: date | None = None) -> str:
    if due is None:
        return NONE_TEXT
    today = today or date.today()
    late = " (overdue)" if due.date < today.isoformat() else ""
    return f"{due.date} {due.what}{late}"


def desk_cells(row: DeskRow, today: date | None = None) -> tuple[str, ...]:
    """The row as the desk shows it, one text per column of DESK_COLUMNS."""
    return (
        row.name,
        row.verdict.label,
        NONE_TEXT if row.score is None else fmt(row.score),
        change_text(row.change),
        row.quadrant.title if row.quadrant else NONE_TEXT,
        difference_text(row.top_difference),
        due_text(row.next_due, today),
        row.last_session or NONE_TEXT,
    )
