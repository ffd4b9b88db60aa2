"""File modes and writability of the data folder: private by default, and only ever tightened.

The app takes group and other permission bits away and never adds one, so a database the user
made read-only (0400) stays 0400 and a folder they made 0500 stays 0500.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ses_decider.storage.problems import NOT_A_FOLDER, StorageProblem, as_storage_problem


def tighten_mode(path: str | os.PathLike) -> None:
    """Take the group and other permission bits off ``path`` (POSIX); never add a bit.

    Best effort: a file the process may not chmod keeps its mode.
    """
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
    except OSError:
        pass


def ensure_private_dir(path: str | os.PathLike) -> None:
    """Create the folder readable by its owner only (on POSIX); an existing one only tightens.

    Raises StorageProblem when ``path`` is a file or cannot be created.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StorageProblem(f"The data folder {path} is a file, not a folder.", NOT_A_FOLDER, path)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise (as_storage_problem(exc, path, what="The data folder") or exc) from None
    tighten_mode(path)


def can_write(path: str | os.PathLike) -> bool:
    """Whether this process may change the database file at ``path``: its folder (where SQLite
    keeps the -wal and -shm files) and, if it exists, the file itself are writable.

    ``os.access`` answers for the real user; a root process passes every mode check, but not a
    read-only file system (EROFS), which is where a root process meets a read-only database.
    """
    path = Path(path)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)
