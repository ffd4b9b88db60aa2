"""Practice for the QRB interview: one timed answer to one question, rated by the person and,
in a session, by their mentor.

- **Next question** for an ECQ: the one answered least often; among those, the one answered longest
  ago (never beats any date); then the content's order.
- **Summary** per ECQ: how many answers, the average self-rating and the average mentor rating
  (each over the answers that have one), the average of self minus mentor over answers rated by
  both (positive: the person rates themself higher than the mentor does), and when they last
  practised.
- **Timing** of one answer against its target: "short" below the target scaled by min/target of the
  content's answer length (two of three minutes), "long" above max/target (four of three), else
  "on target".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields

from ses_decider.core.applying_content import RATING_MAX, InterviewQuestion, applying_content
from ses_decider.core.stories import StoryError, check_id, check_stamp, new_id, now_stamp

# One error type for story and practice records: ``field`` names the field, the message says why.
PracticeError = StoryError


@dataclass(frozen=True)
class PracticeSession:
    """One practised answer. ``started_at`` and ``updated_at`` are ISO 8601 date-times; ratings are
    0-4 or None (not rated yet); ``duration_seconds`` is how long the answer took."""

    ecq_id: str
    question_id: str
    started_at: str
    duration_seconds: float
    target_seconds: int
    notes: str = ""
    self_rating: int | None = None
    mentor_rating: int | None = None
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_stamp)

    def __post_init__(self) -> None:
        for name in ("ecq_id", "question_id"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise PracticeError(name, "must be a non-empty id")
        check_stamp("started_at", self.started_at)
        check_stamp("updated_at", self.updated_at)
        check_id("id", self.id)
        d = self.duration_seconds
        if isinstance(d, bool) or not isinstance(d, int | float) or not math.isfinite(d) or d < 0:
            raise PracticeError("duration_seconds", "must be a number of seconds, 0 or more")
        t = self.target_seconds
        if isinstance(t, bool) or not isinstance(t, int) or t <= 0:
            raise PracticeError("target_seconds", "must be a whole number of seconds above 0")
        if not isinstance(self.notes, str):
            raise PracticeError("notes", "must be text")
        for name in ("self_rating", "mentor_rating"):
            value = getattr(self, name)
            if value is None:
                continue
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 0 <= value <= RATING_MAX
            ):
                raise PracticeError(
                    name, f"must be a whole number from 0 to {RATING_MAX}, or empty"
                )


def new_session(
    ecq_id: str, question_id: str, started_at: str, duration_seconds: float = 0.0
) -> PracticeSession:
    """A session for a question of the content, with the ECQ's target length."""
    target = applying_content().for_ecq(ecq_id).target_seconds
    return PracticeSession(ecq_id, question_id, started_at, duration_seconds, target)


def next_question(
    ecq_id: str,
    sessions: Iterable[PracticeSession],
    questions: Sequence[InterviewQuestion] | None = None,
) -> InterviewQuestion:
    """The question to practise next for ``ecq_id`` (least practised first)."""
    if questions is None:
        questions = applying_content().for_ecq(ecq_id).questions
    if not questions:
        raise ValueError(f"no questions for {ecq_id}")
    counts: dict[str, int] = {}
    last: dict[str, str] = {}
    for s in sessions:
        if s.ecq_id != ecq_id:
            continue
        counts[s.question_id] = counts.get(s.question_id, 0) + 1
        last[s.question_id] = max(last.get(s.question_id, ""), s.started_at)
    order = {q.id: i for i, q in enumerate(questions)}
    return min(questions, key=lambda q: (counts.get(q.id, 0), last.get(q.id, ""), order[q.id]))


def timing(session: PracticeSession) -> str:
    """'short', 'on target' or 'long' for the answer's duration against its target."""
    length = applying_content().answer_length
    low = session.target_seconds * length.min_seconds / length.target_seconds
    high = session.target_seconds * length.max_seconds / length.target_seconds
    if session.duration_seconds < low:
        return "short"
    if session.duration_seconds > high:
        return "long"
    return "on target"


@dataclass(frozen=True)
class PracticeSummary:
    ecq_id: str
    sessions: int
    average_self: float | None
    average_mentor: float | None
    average_gap: float | None  # self minus mentor, over answers rated by both
    last_practised: str | None  # the latest ``started_at``


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def practice_summary(
    sessions: Iterable[PracticeSession], ecq_ids: Sequence[str]
) -> dict[str, PracticeSummary]:
    """Per ECQ in the order of ``ecq_ids`` (ECQs without sessions included, with zeros)."""
    sessions = list(sessions)
    result = {}
    for ecq in ecq_ids:
        mine = [s for s in sessions if s.ecq_id == ecq]
        both = [s for s in mine if s.self_rating is not None and s.mentor_rating is not None]
        result[ecq] = PracticeSummary(
            ecq_id=ecq,
            sessions=len(mine),
            average_self=_mean([s.self_rating for s in mine if s.self_rating is not None]),
            average_mentor=_mean([s.mentor_rating for s in mine if s.mentor_rating is not None]),
            average_gap=_mean([s.self_rating - s.mentor_rating for s in both]),
            last_practised=max((s.started_at for s in mine), default=None),
        )
    return result


# -- plain dicts, for the person file ------------------------------------------------------------

_FIELDS = tuple(f.name for f in fields(PracticeSession))
_REQUIRED = ("id", "ecq_id", "question_id", "started_at", "duration_seconds", "target_seconds")


def session_to_dict(session: PracticeSession) -> dict:
    """A JSON-ready dict; ``session_from_dict`` reads it back to an equal session."""
    return {name: getattr(session, name) for name in _FIELDS}


def session_from_dict(data: Mapping) -> PracticeSession:
    """A session from a dict; PracticeError names the first field that is missing, unknown or wrong.

    ``updated_at`` defaults to ``started_at``; notes to ""; ratings to None.
    """
    if not isinstance(data, Mapping):
        raise PracticeError("practice session", "must be an object")
    for key in data:
        if key not in _FIELDS:
            raise PracticeError(str(key), "is not a practice session field")
    for key in _REQUIRED:
        if key not in data:
            raise PracticeError(key, "is missing")
    values = dict(data)
    values.setdefault("updated_at", values["started_at"])
    return PracticeSession(**values)


def rules_text() -> list[str]:
    """How practice is scheduled and summed up, in plain sentences for the in-app explanation."""
    length = applying_content().answer_length
    return [
        "The next question for an ECQ is the one you have practised least; among those, the one "
        "you practised longest ago.",
        f"An answer is on target between {length.min_seconds // 60} and "
        f"{length.max_seconds // 60} minutes for a {length.target_seconds // 60}-minute target, "
        "and in the same proportion for another target.",
        "Your average rating and your mentor's are each taken over the answers that have one; "
        "the gap compares only answers you both rated.",
    ]
