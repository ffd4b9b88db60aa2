"""The one object the views share: the current person, their assessment, and every edit to it.

Each edit is a QUndoCommand on one stack, so undo/redo covers all of them; after any edit the
session re-evaluates once and emits `changed`. Saving is debounced here and goes through storage.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ses_decider.core.model import (
    LEAN_MAX,
    LEAN_MIN,
    WEIGHT_MAX,
    WEIGHT_MIN,
    Assessment,
    Factor,
    Rating,
    Verdict,
)
from ses_decider.core.scoring import Evaluation, evaluate
from ses_decider.storage.repository import Person, Repository

AUTOSAVE_MS = 400
EXTERNAL_POLL_MS = 2000
_MERGE_ID = 1000


class Session(QObject):
    """Holds the current person and assessment; all edits pass through here."""

    changed = Signal()  # ratings, verdict or factor list changed
    factors_changed = Signal()  # rows added, removed, hidden or shown: views rebuild rows
    person_changed = Signal()  # another person is now current
    people_changed = Signal()  # the list of people changed (added, renamed, deleted)
    save_failed = Signal(str)
    saved = Signal()

    def __init__(self, repo: Repository, parent: QObject | None = None):
        super().__init__(parent)
        self.repo = repo
        self.undo_stack = QUndoStack(self)
        self.person: Person | None = None
        self.assessment: Assessment | None = None
        self.evaluation: Evaluation | None = None
        self._dirty = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.flush)
        # Another process (a CLI import, say) may write to the same database while the app is open.
        self._data_version = self._read_data_version()
        self._external_timer = QTimer(self)
        self._external_timer.setInterval(EXTERNAL_POLL_MS)
        self._external_timer.timeout.connect(self.check_external_changes)
        self._external_timer.start()

    # Switching people -----------------------------------------------------------------------
    def open_person(self, person_id: int) -> None:
        self.flush()
        self.person = self.repo.person(person_id)
        self.assessment = self.repo.load_assessment(person_id)
        self.evaluation = evaluate(self.assessment)
        self.undo_stack.clear()
        self.repo.set_setting("current_person", str(person_id))
        self.person_changed.emit()
        self.factors_changed.emit()
        self.changed.emit()

    def create_person(self, name: str, assessment: Assessment) -> Person:
        person = self.repo.create_person(name, assessment)
        self.people_changed.emit()
        self.open_person(person.id)
        return person

    # Edits ----------------------------------------------------------------------------------
    def set_weight(self, factor_id: str, value: float) -> None:
        value = min(WEIGHT_MAX, max(WEIGHT_MIN, float(value)))
        self._edit_rating(factor_id, "weight", value, f"Weight of {self._title(factor_id)}")

    def set_lean(self, factor_id: str, value: float) -> None:
        value = min(LEAN_MAX, max(LEAN_MIN, float(value)))
        self._edit_rating(factor_id, "lean", value, f"Lean of {self._title(factor_id)}")

    def set_dealbreaker(self, factor_id: str, on: bool) -> None:
        self._edit_rating(factor_id, "dealbreaker", bool(on), "Dealbreaker")

    def set_note(self, factor_id: str, text: str) -> None:
        self._edit_rating(factor_id, "note", text, f"Note on {self._title(factor_id)}")

    def set_certainty(self, factor_id: str, certainty) -> None:
        self._edit_rating(factor_id, "certainty", certainty, "Certainty")

    def set_gut(self, which: str, verdict: Verdict | None) -> None:
        """Record the gut answer 'before' or 'after' weighing."""
        field = f"gut_{which}"
        self._push(_SetAssessmentField(self, field, verdict, "Gut answer"))

    def set_fit(self, question_id: str, value: float | None) -> None:
        """Answer (or clear) one fit question."""
        fit = dict(self.assessment.fit)
        if value is None:
            fit.pop(question_id, None)
        else:
            fit[question_id] = float(value)
        if fit != self.assessment.fit:
            self._push(_SetAssessmentField(self, "fit", fit, "Fit answer"))

    def set_readiness(self, state, text: str = "Readiness") -> None:
        """Replace the readiness facts, ECQ ratings and plan with an edited copy (one undo step)."""
        self._push(_SetAssessmentField(self, "readiness", state, text))

    def set_hidden(self, factor_id: str, hidden: bool) -> None:
        self._push(_SetHidden(self, factor_id, hidden))

    def add_factor(self, factor: Factor, rating: Rating | None = None) -> None:
        self._push(_AddFactor(self, factor, rating or Rating()))

    def remove_custom_factor(self, factor_id: str) -> None:
        factor = self.assessment.factor(factor_id)
        if not factor.custom:
            raise ValueError("default factors are hidden, not removed")
        self._push(_RemoveFactor(self, factor_id))

    def replace_assessment(self, assessment: Assessment, text: str) -> None:
        """Swap in a whole new assessment (a weighting method, a restored snapshot) as one step."""
        self._push(_ReplaceAssessment(self, assessment, text))

    # Saving ---------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Write pending edits now; returns False (and says why once) if that failed."""
        self._save_timer.stop()
        if not self._dirty or self.person is None:
            return True
        try:
            self.repo.save_assessment(self.person.id, self.assessment)
        except Exception as exc:  # noqa: BLE001 - any storage failure keeps the edits on screen
            self._save_timer.start(AUTOSAVE_MS * 10)  # try again later
            self.save_failed.emit(str(exc))
            return False
        self._dirty = False
        self.saved.emit()
        return True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _read_data_version(self) -> int:
        return self.repo.db.execute("PRAGMA data_version").fetchone()[0]

    def check_external_changes(self) -> bool:
        """Show what another process committed (SQLite's data_version moves only for others'
        commits). Unsaved edits on screen win: they are saved, and the next check reloads."""
        try:
            version = self._read_data_version()
        except Exception:  # noqa: BLE001 - the database may be closing (restore, delete all)
            return False
        if version == self._data_version or self._dirty:
            return False
        self._data_version = version
        self.people_changed.emit()
        ids = [p.id for p in self.repo.people()]
        if self.person is not None and self.person.id in ids:
            self.open_person(self.person.id)
        elif ids:
            self.open_person(ids[0])
        return True

    def discard_pending(self) -> None:
        """Forget unsaved edits (the user chose to delete all data); stop any retry."""
        self._save_timer.stop()
        self._dirty = False

    def use_repository(self, repo: Repository) -> None:
        """Switch to another open database (after a restore or a fresh start); nothing carried over."""
        self.discard_pending()
        self.repo = repo
        self.person = None
        self.undo_stack.clear()
        self._data_version = self._read_data_version()

    # Internals ------------------------------------------------------------------------------
    def _title(self, factor_id: str) -> str:
        return self.assessment.factor(factor_id).title

    def _edit_rating(self, factor_id: str, field: str, value, text: str) -> None:
        if getattr(self.assessment.ratings[factor_id], field) == value:
            return
        self._push(_SetRatingField(self, factor_id, field, value, text))

    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)  # push() runs redo(), which calls _after_edit

    def _after_edit(self, factors: bool = False) -> None:
        self.evaluation = evaluate(self.assessment)
        self._dirty = True
        self._save_timer.start()
        if factors:
            self.factors_changed.emit()
        self.changed.emit()


class _SetRatingField(QUndoCommand):
    """One field of one rating; consecutive moves of the same slider merge into one undo step."""

    def __init__(self, session: Session, factor_id: str, field: str, value, text: str):
        super().__init__(text)
        self.session, self.factor_id, self.field = session, factor_id, field
        self.old = getattr(session.assessment.ratings[factor_id], field)
        self.new = value

    def _set(self, value) -> None:
        ratings = self.session.assessment.ratings
        ratings[self.factor_id] = replace(ratings[self.factor_id], **{self.field: value})
        self.session._after_edit()

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)

    def id(self) -> int:
        return _MERGE_ID if self.field in ("weight", "lean", "note") else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _SetRatingField):
            return False
        if (other.factor_id, other.field) != (self.factor_id, self.field):
            return False
        self.new = other.new
        return True


class _SetAssessmentField(QUndoCommand):
    def __init__(self, session: Session, field: str, value, text: str):
        super().__init__(text)
        self.session, self.field = session, field
        self.old, self.new = getattr(session.assessment, field), value

    def redo(self) -> None:
        setattr(self.session.assessment, self.field, self.new)
        self.session._after_edit()

    def undo(self) -> None:
        setattr(self.session.assessment, self.field, self.old)
        self.session._after_edit()


class _SetHidden(QUndoCommand):
    def __init__(self, session: Session, factor_id: str, hidden: bool):
        super().__init__(("Hide " if hidden else "Show ") + session._title(factor_id))
        self.session, self.factor_id, self.hidden = session, factor_id, hidden

    def _apply(self, hidden: bool) -> None:
        if hidden:
            self.session.assessment.hidden.add(self.factor_id)
        else:
            self.session.assessment.hidden.discard(self.factor_id)
        self.session._after_edit(factors=True)

    def redo(self) -> None:
        self._apply(self.hidden)

    def undo(self) -> None:
        self._apply(not self.hidden)


class _AddFactor(QUndoCommand):
    def __init__(self, session: Session, factor: Factor, rating: Rating):
        super().__init__(f"Add {factor.title}")
        self.session, self.factor, self.rating = session, factor, rating

    def redo(self) -> None:
        self.session.assessment.factors.append(self.factor)
        self.session.assessment.ratings[self.factor.id] = replace(self.rating)
        self.session._after_edit(factors=True)

    def undo(self) -> None:
        self.session.assessment.factors.remove(self.factor)
        del self.session.assessment.ratings[self.factor.id]
        self.session._after_edit(factors=True)


class _RemoveFactor(QUndoCommand):
    def __init__(self, session: Session, factor_id: str):
        super().__init__(f"Remove {session._title(factor_id)}")
        self.session = session
        self.factor = session.assessment.factor(factor_id)
        self.index = session.assessment.factors.index(self.factor)
        self.rating = session.assessment.ratings[factor_id]

    def redo(self) -> None:
        self.session.assessment.factors.remove(self.factor)
        del self.session.assessment.ratings[self.factor.id]
        self.session._after_edit(factors=True)

    def undo(self) -> None:
        self.session.assessment.factors.insert(self.index, self.factor)
        self.session.assessment.ratings[self.factor.id] = self.rating
        self.session._after_edit(factors=True)


class _ReplaceAssessment(QUndoCommand):
    def __init__(self, session: Session, assessment: Assessment, text: str):
        super().__init__(text)
        self.session = session
        self.old, self.new = session.assessment.copy(), assessment.copy()

    def _apply(self, assessment: Assessment) -> None:
        self.session.assessment = assessment.copy()
        self.session._after_edit(factors=True)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
