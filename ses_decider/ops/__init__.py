"""Every change to stored data, as small Qt-free operations.

An operation is a plain function ``op(repo, *args) -> OpResult``: it changes what it must and says what
changed (`Changes` flags), with a sentence for the user and, where the change can be undone, the
operation that undoes it (itself returning the one that redoes it). `run` runs one in one write
transaction; the GUI's `Session.run` calls it, records the undo step and tells every view what
changed; the CLI calls it directly. Modelled on Anki's ``CollectionOp`` / ``OpChanges``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ses_decider.storage.repository import Repository
from ses_decider.storage.safety import write_transaction


class Changes(enum.Flag):
    """What an operation or an edit changed; each view redraws only for the flags it shows."""

    NONE = 0
    RATINGS = enum.auto()  # weights, leans, dealbreakers, certainty, notes, gut, method
    FACTORS = enum.auto()  # rows added, removed, hidden or shown
    READINESS = enum.auto()  # fit answers, readiness facts, ECQ self-ratings, the plan
    MENTOR = enum.auto()  # the mentor's view of the person
    PERSON = enum.auto()  # another person is current, or the current one's name or review date
    PEOPLE = enum.auto()  # the list of people
    SNAPSHOTS = enum.auto()
    NOTES = enum.auto()  # shared mentor/mentee notes
    DECISION = enum.auto()  # the final decision and how it went
    PATHS = enum.auto()  # other paths beside the SES (SL/ST, another agency, leaving)
    DECIDING = enum.auto()  # own reasons, premortem, friend's view, experiments, the journal
    SESSIONS = enum.auto()  # mentoring sessions: agendas, notes, agreed actions
    STORIES = enum.auto()  # the story bank, the résumé and interview practice

    @classmethod
    def current(cls) -> Changes:
        """Everything a replaced current assessment touches (its other paths too)."""
        return cls.RATINGS | cls.FACTORS | cls.READINESS | cls.PATHS

    @classmethod
    def everything(cls) -> Changes:
        out = cls.NONE
        for flag in cls:
            out |= flag
        return out


Op = Callable[..., "OpResult"]


@dataclass(frozen=True)
class OpResult:
    """What an operation did: the flags, one sentence, a value (the new person, say), and the
    operation that undoes it (None: not undoable), to be called as ``undo(repo)``."""

    changes: Changes
    message: str = ""
    value: Any = None
    undo: Callable[[Repository], OpResult] | None = None


def run(repo: Repository, op: Op, *args: Any, **kwargs: Any) -> OpResult:
    """Run one operation in one write transaction: all of it is stored, or none of it.

    An operation may name a step that must come before its transaction (``op.before_transaction =
    step``, called as ``step(repo)``): an import's backup of the database, which SQLite cannot copy
    from inside a write transaction. When that step raises, the operation does not run.
    """
    before = getattr(op, "before_transaction", None)
    if before is not None:
        before(repo)
    with write_transaction(repo.db):
        return op(repo, *args, **kwargs)


def bind(op: Op, *args: Any, **kwargs: Any) -> Op:
    """``op`` with its arguments given, keeping its ``before_transaction`` step."""

    def bound(repo: Repository) -> OpResult:
        return op(repo, *args, **kwargs)

    bound.before_transaction = getattr(op, "before_transaction", None)  # type: ignore[attr-defined]
    return bound
