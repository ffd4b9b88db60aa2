"""Opening the database: schema, pragmas, privacy, backups, and files that must never be written."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from ses_decider.storage.backups import KEEP, backup_database, list_backups
from ses_decider.storage.db import (
    DB_FILENAME,
    DatabaseProblem,
    data_dir,
    database_path,
    open_database,
)
from ses_decider.storage.db import migrations as db_migrations
from ses_decider.storage.repository import Repository
from tests.helpers import neutral_assessment

TABLES = {"people", "assessments", "ratings", "snapshots", "settings", "_sqlite_migrations"}
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def make_database(path: Path, names=("Alex", "Sam")) -> None:
    db = open_database(path)
    repo = Repository(db)
    for name in names:
        person = repo.create_person(name, neutral_assessment())
        repo.snapshots.take(person.id, neutral_assessment(), "first")
    repo.settings.set("theme", "dark")
    db.close()


def test_the_data_folder_follows_the_environment(isolated_data_dir, tmp_path):
    assert data_dir() == isolated_data_dir
    assert database_path() == isolated_data_dir / DB_FILENAME
    assert data_dir(tmp_path / "elsewhere") == tmp_path / "elsewhere"  # --data-dir wins


def test_a_new_database_has_the_schema(isolated_data_dir):
    db = open_database(database_path())
    try:
        assert TABLES <= set(db.table_names())
        applied = db.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
        assert ("ses_decider", "m001_initial") in applied
    finally:
        db.close()


def test_pragmas_foreign_keys_and_wal(tmp_path):
    db = open_database(tmp_path / "p.db")
    try:
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    finally:
        db.close()


def test_reopening_keeps_everything(tmp_path):
    path = tmp_path / "keep.db"
    make_database(path)
    db = open_database(path)
    try:
        repo = Repository(db)
        assert [p.name for p in repo.people.all()] == ["Alex", "Sam"]
        alex = repo.people.by_name("Alex")
        assert [s.label for s in repo.snapshots.list(alex.id)] == ["first"]
        assert repo.settings.get("theme") == "dark"
        # Pragmas are per connection: they must be set again on every open.
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == len(db_migrations._migrations)  # each applied once, nothing twice
    finally:
        db.close()
    assert list_backups(tmp_path) == []  # no migration was pending, so no backup was needed


def test_an_empty_file_is_damaged_and_never_replaced(tmp_path):
    # A new database appears complete (built beside its name, then linked), so an empty file is
    # never one the app is still creating: it is one whose contents were lost (issue 13).
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(DatabaseProblem) as info:
        open_database(path)
    assert info.value.kind == "damaged"
    assert "0 bytes" in str(info.value)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


@posix_only
def test_data_folder_and_database_are_private(isolated_data_dir):
    path = database_path()
    db = open_database(path)
    try:
        Repository(db).create_person("Alex", neutral_assessment())
    finally:
        db.close()
    assert stat.S_IMODE(isolated_data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        if extra.exists():
            assert stat.S_IMODE(extra.stat().st_mode) & 0o077 == 0


@posix_only
def test_reopening_fixes_loose_permissions(tmp_path):
    path = tmp_path / "loose.db"
    make_database(path)
    path.chmod(0o644)
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# Files that are not ours are never written -------------------------------------------------------
def test_random_bytes_are_not_a_database_and_stay_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(bytes(range(256)) * 64 + b"my thesis draft")
    before = fingerprint(path)
    with pytest.raises(DatabaseProblem) as info:
        open_database(path)
    assert info.value.kind == "not_database"
    assert info.value.path == path
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "ses-decider.db"
    path.write_text("hello, this is a shopping list\n" * 50, encoding="utf-8")
    before = fingerprint(path)
    with pytest.raises(DatabaseProblem) as info:
        open_database(path)
    assert info.value.kind == "not_database"
    assert fingerprint(path) == before


def test_another_programs_sqlite_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('soup', 40)")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseProblem) as info:
        open_database(path)
    assert info.value.kind == "not_database"
    assert fingerprint(path) == before
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert tables == {"recipes"}


def test_a_database_from_a_newer_version_is_left_alone(tmp_path):
    path = tmp_path / "newer.db"
    make_database(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('ses_decider', 'm099_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseProblem) as info:
        open_database(path)
    assert info.value.kind == "newer"
    assert "newer version" in str(info.value)
    assert fingerprint(path) == before
    assert list_backups(tmp_path) == []
    # The data is all still there for the newer version to use.
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 2
    finally:
        conn.close()


def test_another_apps_migrations_do_not_count_as_newer(tmp_path):
    path = tmp_path / "ours.db"
    make_database(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('some_plugin', 'm001_other', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        assert len(Repository(db).people.all()) == 2
    finally:
        db.close()


def test_a_damaged_database_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "damaged.db"
    make_database(path, names=[f"Person {i}" for i in range(40)])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(path.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    assert len(raw) > 3 * page_size
    for page in range(1, len(raw) // page_size):  # every page but the header page
        start = page * page_size
        raw[start : start + 64] = b"\xff" * 64
    path.write_bytes(bytes(raw))
    before = fingerprint(path)
    with pytest.raises(DatabaseProblem) as info:
        open_database(path)
    assert info.value.kind in ("damaged", "not_database")
    assert "\n" not in str(info.value)
    assert fingerprint(path) == before


# Backups -----------------------------------------------------------------------------------------
def test_a_backup_opens_and_holds_the_same_people(tmp_path):
    path = tmp_path / "live.db"
    make_database(path)
    db = open_database(path)
    try:
        target = backup_database(db, tmp_path, reason="manual")
    finally:
        db.close()
    assert target.parent == tmp_path / "backups"
    assert list_backups(tmp_path) == [target]
    copy = open_database(target)
    try:
        repo = Repository(copy)
        assert [p.name for p in repo.people.all()] == ["Alex", "Sam"]
        assert len(repo.snapshots.list(repo.people.by_name("Sam").id)) == 1
    finally:
        copy.close()


def test_backups_keep_only_the_newest(tmp_path):
    path = tmp_path / "live.db"
    make_database(path, names=["Alex"])
    db = open_database(path)
    made = []
    try:
        for i in range(KEEP + 3):
            if i == KEEP:  # later backups must hold later data
                Repository(db).create_person("Late", neutral_assessment())
            made.append(backup_database(db, tmp_path))
    finally:
        db.close()
    kept = list_backups(tmp_path)
    assert KEEP == 10
    assert len(kept) == KEEP
    assert kept == sorted(made[-KEEP:], key=lambda p: p.name, reverse=True)
    assert all(p.exists() for p in made[-KEEP:])
    assert not any(p.exists() for p in made[:-KEEP])
    newest = open_database(kept[0])
    try:
        assert [p.name for p in Repository(newest).people.all()] == ["Alex", "Late"]
    finally:
        newest.close()


@posix_only
def test_backups_are_private(tmp_path):
    path = tmp_path / "live.db"
    make_database(path, names=["Alex"])
    db = open_database(path)
    try:
        target = backup_database(db, tmp_path)
    finally:
        db.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_no_backups_yet(tmp_path):
    assert list_backups(tmp_path) == []
