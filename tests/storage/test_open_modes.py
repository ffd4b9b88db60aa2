"""Opening the database when something is odd: empty, read-only, a folder, modes the user chose.

These tests run as root on the project's machines, where a chmod stops no write. Read-only is
therefore made real in two ways: a ``mode=ro`` / ``query_only`` connection, on which SQLite itself
refuses every write, and ``os.access`` answering "not writable" (what it answers on a read-only
file system even for root, and for a 0400 file for anyone else). The CLI tests add a real
read-only mount.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ses_decider.core.content import blank_assessment
from ses_decider.storage import safety
from ses_decider.storage.backups import KEEP, backup_database, list_backups, reason_of
from ses_decider.storage.db import (
    DatabaseProblem,
    is_read_only,
    open_database,
    open_database_for_reading,
)
from ses_decider.storage.problems import READ_ONLY, StorageProblem, describe_storage_error
from ses_decider.storage.repository import Repository

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def make_db(path: Path, names=("Alex", "Sam")) -> Path:
    db = open_database(path)
    for name in names:
        Repository(db).create_person(name, blank_assessment())
    db.close()
    return path


def content(path: Path) -> list[str]:
    # an ordinary connection: closing it, the last one, removes the -wal and -shm it made
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def deny_writes_under(monkeypatch, folder: Path) -> None:
    """os.access says what it says on a read-only file system: nothing under ``folder`` is
    writable (reads are still allowed)."""
    real = os.access

    def access(path, how, *args, **kwargs):
        if how & os.W_OK and Path(path).resolve().is_relative_to(folder.resolve()):
            return False
        return real(path, how, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


# Empty and odd files --------------------------------------------------------------------------
def test_a_zero_byte_database_is_damaged_not_new(tmp_path):
    path = tmp_path / "ses-decider.db"
    path.write_bytes(b"")
    for opener in (open_database, open_database_for_reading):
        with pytest.raises(DatabaseProblem) as info:
            opener(path)
        assert info.value.kind == "damaged" and "0 bytes" in str(info.value)
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ses-decider.db"]


def test_a_folder_where_the_database_should_be(tmp_path):
    path = tmp_path / "ses-decider.db"
    path.mkdir()
    with pytest.raises(StorageProblem, match="is a folder, not a file"):
        open_database(path)


def test_the_data_folder_is_a_file(tmp_path):
    folder = tmp_path / "data"
    folder.write_text("a file", encoding="utf-8")
    with pytest.raises(StorageProblem, match="is a file, not a folder"):
        open_database(folder / "ses-decider.db")
    assert folder.read_text(encoding="utf-8") == "a file"


def test_a_new_database_appears_complete_and_leaves_nothing_beside_it(tmp_path):
    path = tmp_path / "data" / "ses-decider.db"
    db = open_database(path)
    db.close()
    assert path.stat().st_size > 0
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


# Modes only tighten -------------------------------------------------------------------------------
@posix_only
@pytest.mark.parametrize(("before", "after"), [(0o400, 0o400), (0o640, 0o600), (0o666, 0o600)])
def test_file_modes_only_tighten(tmp_path, before, after):
    path = make_db(tmp_path / "ses-decider.db")
    path.chmod(before)
    try:
        open_database(path).close()  # as root a 0400 file is still writable: mode must hold
    except StorageProblem as problem:  # not root: a 0400 file is read-only, said so
        assert problem.kind == READ_ONLY
    assert mode(path) == after


@posix_only
@pytest.mark.parametrize(("before", "after"), [(0o500, 0o500), (0o750, 0o700), (0o755, 0o700)])
def test_folder_modes_only_tighten(tmp_path, before, after):
    folder = tmp_path / "data"
    make_db(folder / "ses-decider.db")
    folder.chmod(before)
    try:
        open_database_for_reading(folder / "ses-decider.db").close()
    finally:
        got = mode(folder)
        folder.chmod(0o700)
    assert got == after


# Read-only ----------------------------------------------------------------------------------------
def test_read_only_open_reads_and_refuses_every_write(tmp_path):
    path = make_db(tmp_path / "ses-decider.db")
    before = content(path)
    db = open_database(path, read_only=True)
    try:
        assert is_read_only(db)
        assert [p.name for p in Repository(db).people.all()] == ["Alex", "Sam"]
        with pytest.raises(sqlite3.OperationalError) as info:
            Repository(db).create_person("Kim", blank_assessment())
        sentence = describe_storage_error(info.value, path)
        assert "read-only" in sentence and "damaged" not in sentence
    finally:
        db.close()
    assert content(path) == before


def test_a_database_the_os_will_not_let_us_write_is_read_read_only(tmp_path, monkeypatch):
    path = make_db(tmp_path / "ses-decider.db")
    before, mode_before = content(path), mode(path)
    deny_writes_under(monkeypatch, tmp_path)
    with pytest.raises(StorageProblem) as info:
        open_database(path)  # a write was asked for: refused in one sentence
    assert info.value.kind == READ_ONLY and "damaged" not in str(info.value)
    db = open_database_for_reading(path)
    try:
        assert is_read_only(db)
        assert [p.name for p in Repository(db).people.all()] == ["Alex", "Sam"]
        assert safety.daily_backup(db, tmp_path) is None  # skipped quietly
    finally:
        db.close()
    assert content(path) == before and mode(path) == mode_before
    assert not (tmp_path / "backups").exists()
    # immutable: no -wal or -shm left beside a file that could not be written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ses-decider.db"]


def test_a_new_database_in_a_read_only_folder(tmp_path, monkeypatch):
    deny_writes_under(monkeypatch, tmp_path)
    with pytest.raises(StorageProblem, match="read-only, so the database cannot be created"):
        open_database(tmp_path / "ses-decider.db")
    assert list(tmp_path.iterdir()) == []


# Backups -----------------------------------------------------------------------------------------
def test_each_reason_keeps_its_own_backups(tmp_path):
    path = make_db(tmp_path / "ses-decider.db", ("Alex",))
    db = open_database(path)
    try:
        daily = safety.daily_backup(db, tmp_path, now=datetime.now() - timedelta(days=1))
        for _ in range(KEEP + 2):
            backup_database(db, tmp_path, reason="before-import")
    finally:
        db.close()
    reasons = [reason_of(p) for p in list_backups(tmp_path)]
    assert reasons.count("before-import") == KEEP
    assert daily in list_backups(tmp_path)  # a day of imports never pushes the daily copy out


def test_a_failed_backup_leaves_no_partial_copy(tmp_path):
    path = make_db(tmp_path / "ses-decider.db", ("Alex",))
    db = open_database(path)
    (tmp_path / "backups").write_text("a file where the folder should be", encoding="utf-8")
    try:
        with pytest.raises(StorageProblem) as info:
            backup_database(db, tmp_path, reason="before-import")
    finally:
        db.close()
    assert "backups" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "ses-decider.db"]
