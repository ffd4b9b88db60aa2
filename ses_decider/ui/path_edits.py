"""Edits of the other paths on screen, as undo steps of the session: add, rename, remove a path, and
set a path's lean or dealbreaker on one factor.

Paths belong to the assessment (like a factor of the person's own), so they are edited the way the
ratings are: undoable, autosaved with the assessment, one `changed(Changes.PATHS)` per edit.
Consecutive moves of one path's lean slider merge into one undo step, as the SES's do.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ses_decider.core.model import CareerPath
from ses_decider.ops import Changes

_MERGE_ID = 1001  # beside the session's own slider merges (1000)


class AddPath(QUndoCommand):
    def __init__(self, session, path: CareerPath):
        super().__init__(f"Add the path {path.title}")
        self.session, self.path = session, path.copy()

    def redo(self) -> None:
        self.session.assessment.paths.append(self.path.copy())
        self.session._after_edit(Changes.PATHS)

    def undo(self) -> None:
        paths = self.session.assessment.paths
        paths[:] = [p for p in paths if p.id != self.path.id]
        self.session._after_edit(Changes.PATHS)


class RemovePath(QUndoCommand):
    def __init__(self, session, path_id: str):
        path = session.assessment.path(path_id)
        super().__init__(f"Remove the path {path.title}")
        self.session, self.path = session, path.copy()
        self.index = session.assessment.paths.index(path)

    def redo(self) -> None:
        paths = self.session.assessment.paths
        paths[:] = [p for p in paths if p.id != self.path.id]
        self.session._after_edit(Changes.PATHS)

    def undo(self) -> None:
        self.session.assessment.paths.insert(self.index, self.path.copy())
        self.session._after_edit(Changes.PATHS)


class ChangePath(QUndoCommand):
    """One path replaced by an edited copy: a new title, or one factor's lean or dealbreaker."""

    def __init__(self, session, before: CareerPath, after: CareerPath, text: str, merge_key=None):
        super().__init__(text)
        self.session, self.before, self.after = session, before.copy(), after.copy()
        self.merge_key = merge_key  # (path id, factor id) for a lean: slider moves merge

    def _put(self, path: CareerPath) -> None:
        paths = self.session.assessment.paths
        paths[:] = [path.copy() if p.id == path.id else p for p in paths]
        self.session._after_edit(Changes.PATHS)

    def redo(self) -> None:
        self._put(self.after)

    def undo(self) -> None:
        self._put(self.before)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ChangePath) or other.merge_key != self.merge_key:
            return False
        self.after = other.after.copy()
        return True
