"""Storage failures become one plain sentence: real SQLite and OS errors, not hand-made strings."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from ses_decider.storage import problems
from ses_decider.storage.problems import (
    StorageProblem,
    as_storage_problem,
    describe_storage_error,
    problem_kind,
)


def _table(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.commit()
    conn.close()


def _error_of(action) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        action()
    return info.value


def test_a_locked_database(tmp_path):
    path = tmp_path / "x.db"
    _table(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0.05, isolation_level=None)
    try:
        exc = _error_of(lambda: other.execute("BEGIN IMMEDIATE"))
    finally:
        other.close()
        holder.execute("ROLLBACK")
        holder.close()
    assert problem_kind(exc) == problems.BUSY
    sentence = describe_storage_error(exc, path)
    assert sentence.startswith(f"The database {path} is in use by another program")
    assert "nothing was changed" in sentence and "\n" not in sentence


def test_a_full_database(tmp_path):
    path = tmp_path / "x.db"
    _table(path)
    conn = sqlite3.connect(path, isolation_level=None)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    try:
        exc = _error_of(lambda: conn.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100))
    finally:
        conn.close()
    assert problem_kind(exc) == problems.FULL
    assert describe_storage_error(exc, path) == (
        f"The disk is full, so the database {path} could not be saved; nothing was changed."
    )


def test_a_read_only_connection(tmp_path):
    path = tmp_path / "x.db"
    _table(path)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        exc = _error_of(lambda: conn.execute("INSERT INTO t VALUES ('x')"))
    finally:
        conn.close()
    assert problem_kind(exc) == problems.READ_ONLY
    sentence = describe_storage_error(exc, path)
    assert "read-only" in sentence and "damaged" not in sentence


def test_query_only_is_read_only_too(tmp_path):
    path = tmp_path / "x.db"
    _table(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA query_only = 1")
    try:
        exc = _error_of(lambda: conn.execute("INSERT INTO t VALUES ('x')"))
    finally:
        conn.close()
    assert problem_kind(exc) == problems.READ_ONLY


def test_a_database_in_a_missing_folder(tmp_path):
    path = tmp_path / "missing" / "x.db"
    exc = _error_of(lambda: sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True))
    assert problem_kind(exc) == problems.CANNOT_OPEN
    assert str(path) in describe_storage_error(exc, path)


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        (errno.ENOSPC, problems.FULL, "The disk is full"),
        (errno.EROFS, problems.READ_ONLY, "is read-only"),
        (errno.EACCES, problems.PERMISSION, "permission denied"),
        (errno.EPERM, problems.PERMISSION, "permission denied"),
        (errno.EIO, problems.DISK_ERROR, "The disk reported an error"),
        (errno.ENOENT, problems.MISSING, "does not exist"),
        (errno.ENOTDIR, problems.NOT_A_FOLDER, "not a folder"),
        (errno.EISDIR, problems.IS_A_FOLDER, "is a folder"),
    ],
)
def test_operating_system_errors(tmp_path, code, kind, words):
    exc = OSError(code, "terse system text", str(tmp_path / "out.json"))
    assert problem_kind(exc) == kind
    sentence = describe_storage_error(exc)
    assert words in sentence and str(tmp_path / "out.json") in sentence
    assert "terse system text" not in sentence
    problem = as_storage_problem(exc, tmp_path / "out.json")
    assert isinstance(problem, StorageProblem) and isinstance(problem, OSError)
    assert problem.kind == kind and problem.path == tmp_path / "out.json"


def test_a_temporary_file_name_never_appears(tmp_path):
    exc = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".out.json.k2j4h1"))
    sentence = describe_storage_error(exc)
    assert ".out.json.k2j4h1" not in sentence and str(tmp_path) in sentence
    # ...and the file the user knows is named when the caller gives it
    assert str(tmp_path / "out.json") in describe_storage_error(exc, tmp_path / "out.json")


@pytest.mark.parametrize(
    "exc",
    [
        ValueError("not storage"),
        sqlite3.IntegrityError("UNIQUE constraint failed: people.uid"),
        sqlite3.DatabaseError("database disk image is malformed"),  # damage, not a fault to retry
        OSError(errno.EEXIST, "File exists"),
    ],
)
def test_other_errors_are_not_storage_problems(exc):
    assert describe_storage_error(exc) is None
    assert as_storage_problem(exc) is None


def test_a_storage_problem_keeps_its_own_sentence(tmp_path):
    problem = StorageProblem("The data folder x is a file, not a folder.", problems.NOT_A_FOLDER)
    assert describe_storage_error(problem) == str(problem)
    assert as_storage_problem(problem) is problem
