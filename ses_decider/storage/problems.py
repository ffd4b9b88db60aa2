"""Storage failures a user can meet, each as one plain sentence (Qt-free: the CLI and the GUI share it).

A locked or full database, a read-only file or folder, a missing folder: SQLite and the operating
system report these as ``sqlite3.OperationalError`` or ``OSError`` with terse, technical text.
:func:`describe_storage_error` turns them into one sentence naming the thing concerned, and
:func:`as_storage_problem` into a :class:`StorageProblem` carrying that sentence and a ``kind``.

Every sentence describes a failed operation that SQLite rolled back (or a write that never
replaced its target), so each says that nothing was changed.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

# kind -> what a user can do about it is the same whichever layer met it
BUSY = "busy"
FULL = "full"
READ_ONLY = "read_only"
PERMISSION = "permission"
CANNOT_OPEN = "cannot_open"
DISK_ERROR = "disk_error"
MISSING = "missing"
NOT_A_FOLDER = "not_a_folder"
IS_A_FOLDER = "is_a_folder"
NOT_A_FILE = "not_a_file"
OTHER = "other"  # an operating-system error with no sentence of its own


class StorageProblem(OSError):
    """Storage could not do what was asked; ``str(problem)`` is one sentence for the user.

    An ``OSError`` so that code catching ``OSError`` around file work keeps catching it. ``kind`` is
    one of the constants of this module; ``path`` is the file or folder concerned, if known.
    """

    def __init__(self, message: str, kind: str, path: Path | None = None):
        super().__init__(message)
        self.kind = kind
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


_SQLITE_KINDS = (  # (prefix of sqlite_errorname, words of the message), first match wins
    (BUSY, "SQLITE_BUSY", ("database is locked",)),
    (BUSY, "SQLITE_LOCKED", ("database table is locked", "database schema is locked")),
    (FULL, "SQLITE_FULL", ("database or disk is full",)),
    (READ_ONLY, "SQLITE_READONLY", ("attempt to write a readonly database", "readonly database")),
    (PERMISSION, "SQLITE_PERM", ("access permission denied",)),
    (CANNOT_OPEN, "SQLITE_CANTOPEN", ("unable to open database file",)),
    (DISK_ERROR, "SQLITE_IOERR", ("disk i/o error",)),
)

_OS_KINDS = {
    errno.ENOSPC: FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: PERMISSION,
    errno.EPERM: PERMISSION,
    errno.EIO: DISK_ERROR,
    errno.ENOENT: MISSING,
    errno.ENOTDIR: NOT_A_FOLDER,
    errno.EISDIR: IS_A_FOLDER,
}
if hasattr(errno, "EDQUOT"):  # over the user's disk quota: full, as far as the user can tell
    _OS_KINDS[errno.EDQUOT] = FULL


FULL_BELOW_BYTES = 1 << 20  # an I/O error with less than 1 MiB free is the disk being full


def _nearly_full(path: str | os.PathLike | None) -> bool:
    if path is None:
        return False
    here = Path(path)
    while not here.exists() and here != here.parent:
        here = here.parent
    try:
        return shutil.disk_usage(here if here.is_dir() else here.parent).free < FULL_BELOW_BYTES
    except OSError:
        return False


def problem_kind(exc: BaseException, path: str | os.PathLike | None = None) -> str | None:
    """The kind of storage failure ``exc`` is, or None when it is something else (a bug, damage).

    ``path`` (the file concerned) lets an I/O error on a disk with almost no room left count as
    a full disk: SQLite reports a full disk as "database or disk is full" when a write fails,
    but as "disk I/O error" (SQLITE_IOERR_SHMSIZE) when the -shm file cannot grow.
    """
    if isinstance(exc, StorageProblem):
        return exc.kind
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc).lower()
        for kind, prefix, words in _SQLITE_KINDS:
            if name.startswith(prefix) or any(w in text for w in words):
                if kind == DISK_ERROR and (name == "SQLITE_IOERR_SHMSIZE" or _nearly_full(path)):
                    return FULL
                return kind
        return None
    if isinstance(exc, OSError):
        kind = _OS_KINDS.get(exc.errno)
        return FULL if kind == DISK_ERROR and _nearly_full(path) else kind
    return None


def _visible(filename: object) -> str | None:
    """A file name fit to show: never a temporary name such as ``.x.json.ab12cd``."""
    if not filename:
        return None
    path = Path(os.fsdecode(filename))  # type: ignore[arg-type]
    if path.name.startswith("."):
        return f"a file in {path.parent}"
    return str(path)


def describe_storage_error(
    exc: BaseException, path: str | os.PathLike | None = None, *, what: str | None = None
) -> str | None:
    """One plain sentence for a storage failure, or None if ``exc`` is not one.

    ``path`` is the file the user knows (the database, the file being written); without it the
    exception's own file name is used, unless that is a temporary name. ``what`` names it in
    words ("The database", "The file"); the default is "The database" for SQLite errors and
    "The file" otherwise.
    """
    kind = problem_kind(exc, path)
    if kind is None:
        return None
    if isinstance(exc, StorageProblem):
        return str(exc)
    shown = str(path) if path is not None else _visible(getattr(exc, "filename", None))
    noun = what or ("The database" if isinstance(exc, sqlite3.Error) else "The file")
    subject = f"{noun} {shown}" if shown else noun
    lower = noun[0].lower() + noun[1:]
    thing = f"{lower} {shown}" if shown else lower
    if kind == BUSY:
        return (
            f"{subject} is in use by another program (perhaps SES Decider in another window) and "
            "stayed locked; nothing was changed, try again in a moment."
        )
    if kind == FULL:
        return f"The disk is full, so {thing} could not be saved; nothing was changed."
    if kind == READ_ONLY:
        return f"{subject} is read-only, so nothing can be saved to it; nothing was changed."
    if kind == PERMISSION:
        return (
            f"SES Decider is not allowed to use {thing} (permission denied); nothing was changed."
        )
    if kind == CANNOT_OPEN:
        return f"{subject} cannot be opened: its folder is missing, not a folder, or read-only."
    if kind == DISK_ERROR:
        return f"The disk reported an error while using {thing}; nothing was changed."
    if kind == MISSING:
        return f"{subject} does not exist (or its folder does not)."
    if kind == NOT_A_FOLDER:
        return f"{subject} cannot be used: a part of its path is a file, not a folder."
    if kind == IS_A_FOLDER:
        return f"{subject} is a folder, not a file."
    return None  # pragma: no cover - every kind above has a sentence


def as_storage_problem(
    exc: BaseException, path: str | os.PathLike | None = None, *, what: str | None = None
) -> StorageProblem | None:
    """``exc`` as a :class:`StorageProblem` with its sentence, or None if it is not one."""
    if isinstance(exc, StorageProblem):
        return exc
    sentence = describe_storage_error(exc, path, what=what)
    if sentence is None:
        return None
    kind = problem_kind(exc, path)
    assert kind is not None
    return StorageProblem(sentence, kind, Path(path) if path is not None else None)
