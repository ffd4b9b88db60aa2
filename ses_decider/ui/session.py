"""The one object the views share: the current person, their assessment and the mentor's view of
them, and the one way anything stored changes.

Two kinds of change, one signal:
- Edits on screen (a slider, a note, a fit answer; the mentor's too) change the assessment held here
  as a QUndoCommand, are saved 400 ms later by the `save_views` operation, and emit `changed`.
- Everything else is an operation (``ses_decider.ops``) run by `run`: it saves pending edits first,
  runs the operation in one write transaction, reloads what the operation says it changed, records
  an undo step where the operation can be undone, and emits `changed` once.
Views read from here and ask here for changes; they never touch storage.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ses_decider import ops
from ses_decider.core.model import (
    LEAN_MAX,
    LEAN_MIN,
    WEIGHT_MAX,
    WEIGHT_MIN,
    Assessment,
    CareerPath,
    Factor,
    Rating,
    Verdict,
)
from ses_decider.core.records import MENTOR, SELF, Decision, DiscussionNote, Person, Snapshot
from ses_decider.core.scoring import Evaluation, evaluate
from ses_decider.ops import Changes, OpResult
from ses_decider.ops.views import save_views
from ses_decider.storage.repository import Repository

AUTOSAVE_MS = 400
EXTERNAL_POLL_MS = 2000
_MERGE_ID = 1000


def storage_problem(exc: BaseException, path: Path | None = None) -> str:
    """One plain sentence for a storage failure (the database is locked, full, read-only...)."""
    from ses_decider.storage.problems import describe_storage_error

    return describe_storage_error(exc, path) or str(exc)


class Session(QObject):
    """Holds the current person and their views; all changes pass through here."""

    changed = Signal(object)  # Changes: what changed; each view redraws only what it shows
    failed = Signal(str)  # an operation could not run: one sentence for the user
    save_failed = Signal(str)
    saved = Signal()

    def __init__(self, repo: Repository, parent: QObject | None = None):
        super().__init__(parent)
        self.repo = repo
        self._remember_path()
        self.undo_stack = QUndoStack(self)
        self.person: Person | None = None
        self.assessment: Assessment | None = None
        self.evaluation: Evaluation | None = None
        self._mentor: Assessment | None = None
        self._dirty: set[str] = set()
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

    # The views held here ----------------------------------------------------------------------
    def view(self, role: str = SELF) -> Assessment:
        """The current assessment (SELF) or the mentor's view of this person (MENTOR).

        A mentor who has not rated anything yet sees every factor of the mentee's table, not rated:
        nothing is copied from the mentee.
        """
        if role == SELF:
            return self.assessment
        if self._mentor is None:
            if self.repo.assessments.has(self.person.id, MENTOR):
                self._mentor = self.repo.assessments.load(self.person.id, MENTOR)
            else:
                from ses_decider.core.content import blank_assessment

                self._mentor = blank_assessment()
        for factor in self.assessment.factors:  # factors the mentee added since, not rated
            if factor.id not in self._mentor.ratings:
                self._mentor.factors.append(factor)
                self._mentor.ratings[factor.id] = Rating()
        self._mentor.hidden = set(self.assessment.hidden)
        return self._mentor

    @property
    def mentor(self) -> Assessment:
        return self.view(MENTOR)

    # Reading: views read stored data through here, never from storage itself ----------------
    def read(self, reader, *args, **kwargs):
        """What ``reader(repo, *args)`` reads (a reading function of ses_decider.ops): how a view
        reads stored data it shows without touching storage itself."""
        return reader(self.repo, *args, **kwargs)

    def people(self) -> list[Person]:
        return self.repo.people.all()

    def snapshots(self) -> list[Snapshot]:
        """The current person's snapshots, oldest first."""
        return self.repo.snapshots.list(self.person.id)

    def snapshot_assessment(self, snapshot_id: int) -> Assessment:
        return self.repo.snapshots.load(snapshot_id)

    def notes(self) -> dict[str, DiscussionNote]:
        """The shared mentor/mentee notes on the current person, by factor id."""
        return self.repo.notes.of(self.person.id)

    def decision(self) -> Decision | None:
        return self.repo.decisions.get(self.person.id)

    def data_folder(self) -> Path:
        """The folder of the open database (read once per database: it may be closed later)."""
        return self._db_path.parent

    @property
    def db_path(self) -> Path:
        return self._db_path

    def _remember_path(self) -> None:
        self._db_path = Path(self.repo.db.execute("PRAGMA database_list").fetchone()[2])

    # Switching people -------------------------------------------------------------------------
    def open_person(self, person_id: int) -> None:
        self.flush()
        self._load(person_id)
        self.undo_stack.clear()
        self.repo.settings.set("current_person", str(person_id))
        self._data_version = self._read_data_version()
        self.changed.emit(Changes.everything())

    def _load(self, person_id: int) -> None:
        self.person = self.repo.people.get(person_id)
        self.assessment = self.repo.assessments.load(person_id)
        self.evaluation = evaluate(self.assessment)
        self._mentor = None

    # Operations -------------------------------------------------------------------------------
    def run(self, op, *args, undo_text: str | None = None, **kwargs) -> OpResult | None:
        """Run an operation (see ses_decider.ops) as the one way stored data changes.

        Pending edits are saved first. With ``undo_text`` the operation becomes an undo step (if it
        can be undone). Returns its result, or None after telling the user (``failed``) why it
        could not run; then nothing was changed.
        """
        if not self.flush():
            self.failed.emit("Your latest edits could not be saved, so nothing else was changed.")
            return None
        result = self._run_now(ops.bind(op, *args, **kwargs))
        if result is not None and undo_text and result.undo is not None:
            self.undo_stack.push(_OpCommand(self, result.undo, undo_text))
        return result

    def _run_now(self, bound) -> OpResult | None:
        """Run ``bound(repo)`` in one write transaction; say why if it failed."""
        from ses_decider.storage.errors import FormatError

        try:
            result = ops.run(self.repo, bound)
        except FormatError as exc:
            self.failed.emit(str(exc))
            return None
        except (OSError, RuntimeError) as exc:
            self.failed.emit(storage_problem(exc, self._db_path))
            return None
        except Exception as exc:  # noqa: BLE001 - sqlite3 errors: say it, change nothing
            import sqlite3

            if not isinstance(exc, sqlite3.Error):
                raise
            self.failed.emit(storage_problem(exc, self._db_path))
            return None
        self._after_op(result.changes)
        return result

    def _after_op(self, changes: Changes) -> None:
        """Reload what an operation changed in storage, then tell the views."""
        self._data_version = self._read_data_version()
        if self.person is not None:
            if self.repo.people.by_uid(self.person.uid) is None:
                self.person = None  # deleted: the caller opens someone else
            else:
                if changes & Changes.PERSON:
                    self.person = self.repo.people.get(self.person.id)
                if changes & Changes.current():
                    self.assessment = self.repo.assessments.load(self.person.id)
                    self.evaluation = evaluate(self.assessment)
                if changes & Changes.MENTOR:
                    self._mentor = None
        if changes:
            self.changed.emit(changes)

    # People -----------------------------------------------------------------------------------
    def create_person(self, name: str, assessment: Assessment) -> Person | None:
        from ses_decider.ops.people import create_person

        result = self.run(create_person, name, assessment)
        if result is None:
            return None
        self.open_person(result.value.id)
        return result.value

    def open_someone(self) -> None:
        """After the current person went away: the last used, else the first, else the demo."""
        from ses_decider.ops.people import first_person

        self.open_person(ops.run(self.repo, first_person).value)

    # Edits on screen --------------------------------------------------------------------------
    def set_weight(self, factor_id: str, value: float | None, role: str = SELF) -> None:
        """How much a factor matters, 0-10 (None: not rated)."""
        if value is not None:
            value = min(WEIGHT_MAX, max(WEIGHT_MIN, float(value)))
        self._edit_rating(role, factor_id, "weight", value, "Weight of")

    def set_lean(self, factor_id: str, value: float | None, role: str = SELF) -> None:
        """How a factor lands, -5..+5 (None: not rated)."""
        if value is not None:
            value = min(LEAN_MAX, max(LEAN_MIN, float(value)))
        self._edit_rating(role, factor_id, "lean", value, "Lean of")

    def clear_rating(self, factor_id: str, role: str = SELF) -> None:
        """Back to "not rated": the factor takes no part in the score (one undo step)."""
        self._catch_up()
        rating = self.view(role).ratings[factor_id]
        if rating.weight is None and rating.lean is None:
            return
        self._push(
            _SetRating(self, role, factor_id, replace(rating, weight=None, lean=None), "Not rated")
        )

    def set_dealbreaker(self, factor_id: str, on: bool, role: str = SELF) -> None:
        self._edit_rating(role, factor_id, "dealbreaker", bool(on), "Dealbreaker:")

    def set_note(self, factor_id: str, text: str) -> None:
        self._edit_rating(SELF, factor_id, "note", text, "Note on")

    def set_certainty(self, factor_id: str, certainty) -> None:
        self._edit_rating(SELF, factor_id, "certainty", certainty, "Certainty of")

    def set_gut(self, which: str, verdict: Verdict | None) -> None:
        """Record the gut answer 'before' or 'after' weighing."""
        self._push_edit(lambda: _SetAssessmentField(self, f"gut_{which}", verdict, "Gut answer"))

    def set_fit(self, question_id: str, value: float | None) -> None:
        """Answer (or clear) one fit question."""
        self._catch_up()
        fit = dict(self.assessment.fit)
        if value is None:
            fit.pop(question_id, None)
        else:
            fit[question_id] = float(value)
        if fit != self.assessment.fit:
            self._push_edit(lambda: _SetAssessmentField(self, "fit", fit, "Fit answer"))

    def set_readiness(self, state, text: str = "Readiness") -> None:
        """Replace the readiness facts, ECQ ratings and plan with an edited copy (one undo step)."""
        if state != self.assessment.readiness:
            self._push_edit(lambda: _SetAssessmentField(self, "readiness", state, text))

    def set_hidden(self, factor_id: str, hidden: bool) -> None:
        self._push_edit(lambda: _SetHidden(self, factor_id, hidden))

    def add_factor(self, factor: Factor, rating: Rating | None = None) -> None:
        self._push_edit(lambda: _AddFactor(self, factor, rating or Rating()))

    def remove_custom_factor(self, factor_id: str) -> None:
        factor = self.assessment.factor(factor_id)
        if not factor.custom:
            raise ValueError("default factors are hidden, not removed")
        self._push_edit(lambda: _RemoveFactor(self, factor_id))

    # Other paths beside the SES (ui/path_edits.py): undoable edits of the assessment ---------
    def add_path(self, path: CareerPath) -> None:
        from ses_decider.ui.path_edits import AddPath

        self._push(AddPath(self, path))

    def rename_path(self, path_id: str, title: str) -> None:
        """Give a path another name (ValueError with a sentence when the name cannot be used)."""
        from ses_decider.core.paths import check_title
        from ses_decider.ui.path_edits import ChangePath

        before = self.assessment.path(path_id)
        others = [p.title for p in self.assessment.paths if p.id != path_id]
        title = check_title(title, others)
        if title != before.title:
            after = replace(before.copy(), title=title)
            self._push(ChangePath(self, before, after, f"Rename the path {before.title}"))

    def remove_path(self, path_id: str) -> None:
        from ses_decider.ui.path_edits import RemovePath

        self._push(RemovePath(self, path_id))

    def set_path_lean(self, path_id: str, factor_id: str, value: float | None) -> None:
        """How a factor lands on another path, -5..+5 against staying (None: not rated)."""
        from ses_decider.ui.path_edits import ChangePath

        before = self.assessment.path(path_id)
        if value is not None:
            value = min(LEAN_MAX, max(LEAN_MIN, float(value)))
        if before.leans.get(factor_id) == value:
            return
        after = before.copy()
        if value is None:
            after.leans.pop(factor_id, None)
        else:
            after.leans[factor_id] = value
        title = self.assessment.factor(factor_id).title
        text = f"Lean of {title} for {before.title}"
        self._push(ChangePath(self, before, after, text, (path_id, factor_id)))

    def set_path_dealbreaker(self, path_id: str, factor_id: str, on: bool) -> None:
        from ses_decider.ui.path_edits import ChangePath

        before = self.assessment.path(path_id)
        if (factor_id in before.dealbreakers) == bool(on):
            return
        after = before.copy()
        (after.dealbreakers.add if on else after.dealbreakers.discard)(factor_id)
        title = self.assessment.factor(factor_id).title
        self._push(ChangePath(self, before, after, f"Dealbreaker: {title} for {before.title}"))

    def replace_assessment(self, assessment: Assessment, text: str) -> None:
        """Swap in a whole new assessment (a weighting method, say) as one step."""
        self._push_edit(lambda: _ReplaceAssessment(self, assessment, text))

    # Saving -----------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Write pending edits now; returns False (and says why once) if that failed."""
        self._save_timer.stop()
        if not self._dirty or self.person is None:
            return True
        views = {role: self.view(role) for role in sorted(self._dirty)}
        try:
            ops.run(self.repo, save_views, self.person.id, views)
        except Exception as exc:  # noqa: BLE001 - any storage failure keeps the edits on screen
            self._save_timer.start(AUTOSAVE_MS * 10)  # try again later
            self.save_failed.emit(storage_problem(exc, self._db_path))
            return False
        self._dirty.clear()
        self._data_version = self._read_data_version()
        self.saved.emit()
        return True

    @property
    def dirty(self) -> bool:
        return bool(self._dirty)

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
        if self.person is not None and self.repo.people.by_uid(self.person.uid) is not None:
            self.open_person(self.person.id)
        else:
            self.open_someone()
        return True

    def discard_pending(self) -> None:
        """Forget unsaved edits (the user chose to delete all data); stop any retry."""
        self._save_timer.stop()
        self._dirty.clear()

    def use_repository(self, repo: Repository) -> None:
        """Switch to another open database (after a restore or a fresh start); nothing carried
        over. The caller opens a person next."""
        self.discard_pending()
        self.repo = repo
        self._remember_path()
        self.person = None
        self._mentor = None
        self.undo_stack.clear()
        self._data_version = self._read_data_version()

    # Internals --------------------------------------------------------------------------------
    def _catch_up(self) -> None:
        """Before an edit on screen: if another process changed the database since it was read
        (a CLI import of the mentor's view, say), read it again first, so the edit lands on the
        newer data and the save never writes a stale copy over it."""
        if not self._dirty:
            self.check_external_changes()

    def _edit_rating(self, role: str, factor_id: str, field: str, value, verb: str) -> None:
        self._catch_up()
        if self.person is None or factor_id not in self.view(role).ratings:
            return
        rating = self.view(role).ratings[factor_id]
        if getattr(rating, field) == value:
            return
        title = self.view(role).factor(factor_id).title
        text = f"{verb} {title}" + (" (mentor)" if role == MENTOR else "")
        self._push(
            _SetRating(self, role, factor_id, replace(rating, **{field: value}), text, field)
        )

    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)  # push() runs redo(), which calls _after_edit

    def _push_edit(self, make) -> None:
        """Catch up with other processes, then build the edit (it reads the view as it is now)."""
        self._catch_up()
        if self.person is not None:
            self._push(make())

    def _after_edit(self, changes: Changes, role: str = SELF) -> None:
        if role == SELF:
            self.evaluation = evaluate(self.assessment)
        self._dirty.add(role)
        self._save_timer.start()
        self.changed.emit(changes)


class _OpCommand(QUndoCommand):
    """An operation already run; undo runs its inverse, redo the inverse's inverse."""

    def __init__(self, session: Session, undo_op, text: str):
        super().__init__(text)
        self.session, self.undo_op, self.redo_op = session, undo_op, None
        self._first = True

    def redo(self) -> None:
        if self._first:  # QUndoStack.push calls redo(); the operation has run already
            self._first = False
            return
        result = self.session._run_now(self.redo_op)
        if result is not None:
            self.undo_op = result.undo

    def undo(self) -> None:
        self.session.flush()
        result = self.session._run_now(self.undo_op)
        if result is not None:
            self.redo_op = result.undo


class _SetRating(QUndoCommand):
    """One rating of one view; consecutive moves of the same slider merge into one undo step."""

    def __init__(
        self, session: Session, role: str, factor_id: str, new: Rating, text: str, field=None
    ):
        super().__init__(text)
        self.session, self.role, self.factor_id, self.field = session, role, factor_id, field
        self.old = session.view(role).ratings[factor_id]
        self.new = new

    def _set(self, rating: Rating) -> None:
        self.session.view(self.role).ratings[self.factor_id] = replace(rating)
        self.session._after_edit(
            Changes.MENTOR if self.role == MENTOR else Changes.RATINGS, self.role
        )

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)

    def id(self) -> int:
        return _MERGE_ID if self.field in ("weight", "lean", "note") else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _SetRating):
            return False
        if (other.role, other.factor_id, other.field) != (self.role, self.factor_id, self.field):
            return False
        self.new = other.new
        return True


_FIELD_CHANGES = {"fit": Changes.READINESS, "readiness": Changes.READINESS}


class _SetAssessmentField(QUndoCommand):
    def __init__(self, session: Session, field: str, value, text: str):
        super().__init__(text)
        self.session, self.field = session, field
        self.old, self.new = getattr(session.assessment, field), value

    def _set(self, value) -> None:
        setattr(self.session.assessment, self.field, value)
        self.session._after_edit(_FIELD_CHANGES.get(self.field, Changes.RATINGS))

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class _SetHidden(QUndoCommand):
    def __init__(self, session: Session, factor_id: str, hidden: bool):
        title = session.assessment.factor(factor_id).title
        super().__init__(("Hide " if hidden else "Show ") + title)
        self.session, self.factor_id, self.hidden = session, factor_id, hidden

    def _apply(self, hidden: bool) -> None:
        if hidden:
            self.session.assessment.hidden.add(self.factor_id)
        else:
            self.session.assessment.hidden.discard(self.factor_id)
        self.session._after_edit(Changes.FACTORS | Changes.RATINGS)

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
        self.session._after_edit(Changes.FACTORS | Changes.RATINGS)

    def undo(self) -> None:
        self.session.assessment.factors.remove(self.factor)
        del self.session.assessment.ratings[self.factor.id]
        self.session._after_edit(Changes.FACTORS | Changes.RATINGS)


class _RemoveFactor(QUndoCommand):
    def __init__(self, session: Session, factor_id: str):
        super().__init__(f"Remove {session.assessment.factor(factor_id).title}")
        self.session = session
        self.factor = session.assessment.factor(factor_id)
        self.index = session.assessment.factors.index(self.factor)
        self.rating = session.assessment.ratings[factor_id]

    def redo(self) -> None:
        self.session.assessment.factors.remove(self.factor)
        del self.session.assessment.ratings[self.factor.id]
        self.session._after_edit(Changes.FACTORS | Changes.RATINGS)

    def undo(self) -> None:
        self.session.assessment.factors.insert(self.index, self.factor)
        self.session.assessment.ratings[self.factor.id] = self.rating
        self.session._after_edit(Changes.FACTORS | Changes.RATINGS)


class _ReplaceAssessment(QUndoCommand):
    def __init__(self, session: Session, assessment: Assessment, text: str):
        super().__init__(text)
        self.session = session
        self.old, self.new = session.assessment.copy(), assessment.copy()

    def _apply(self, assessment: Assessment) -> None:
        self.session.assessment = assessment.copy()
        self.session._after_edit(Changes.current())

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
