"""Backups with dates, restore, setting a bad file aside, delete-all, cascades, locks, permissions."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ses_decider.cli import main
from ses_decider.core.content import demo_assessment
from ses_decider.storage import safety
from ses_decider.storage.backups import backup_database, list_backups
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from tests.helpers import neutral_assessment

DATA = Path(__file__).resolve().parent.parent / "data"


def make_db(folder: Path, names=("Alex", "Sam")) -> Path:
    path = folder / "ses-decider.db"
    db = open_database(path)
    repo = Repository(db)
    for name in names:
        repo.create_person(name, neutral_assessment())
    db.close()
    return path


def count_people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


def test_daily_backup_at_most_once_a_day(tmp_path):
    path = make_db(tmp_path)
    db = open_database(path)
    first = safety.daily_backup(db, tmp_path)
    assert first is not None and first.exists()
    assert safety.daily_backup(db, tmp_path) is None  # same day: no second copy
    assert safety.daily_backup(db, tmp_path, now=datetime.now() + timedelta(days=1)) is not None
    assert len(list_backups(tmp_path)) == 2
    db.close()


def test_backups_are_listed_with_dates_and_people(tmp_path):
    path = make_db(tmp_path, ("Alex",))
    db = open_database(path)
    backup_database(db, tmp_path)
    Repository(db).create_person("Sam", neutral_assessment())
    backup_database(db, tmp_path)
    db.close()
    (tmp_path / "backups" / "ses-decider-20200101-000000-000000-daily.db").write_bytes(b"junk" * 99)
    infos = safety.backups_with_info(tmp_path)
    assert [i.people for i in infos] == [2, 1, None]  # newest first; the junk one is unusable
    assert infos[0].taken_at.date() == datetime.now().date()
    assert infos[0].reason == "daily"
    assert safety.latest_good_backup(tmp_path).path == infos[0].path
    # reading the list writes nothing beside the backups
    assert not [p for p in (tmp_path / "backups").iterdir() if p.name.endswith(("-wal", "-shm"))]


def test_restore_keeps_the_current_database_aside(tmp_path):
    path = make_db(tmp_path, ("Alex",))
    db = open_database(path)
    backup = backup_database(db, tmp_path)
    Repository(db).create_person("Sam", neutral_assessment())
    db.close()
    aside = safety.restore_backup(backup, path)
    assert count_people(path) == 1
    assert aside.exists() and count_people(aside) == 2  # nothing lost
    assert aside.parent == tmp_path and "before-restore" in aside.name
    db = open_database(path)
    assert [p.name for p in Repository(db).people.all()] == ["Alex"]
    db.close()


def test_restoring_a_bad_backup_changes_nothing(tmp_path):
    path = make_db(tmp_path)
    bad = tmp_path / "bad.db"
    bad.write_bytes(os.urandom(4096))
    before = path.read_bytes()
    with pytest.raises(ValueError):
        safety.restore_backup(bad, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("ses-decider*")) == ["ses-decider.db"]


def test_set_aside_never_overwrites(tmp_path):
    path = tmp_path / "ses-decider.db"
    names = set()
    for n in range(3):
        path.write_bytes(f"damaged {n}".encode())
        Path(f"{path}-wal").write_bytes(b"wal")
        target = safety.set_aside(path)
        names.add(target.name)
        assert target.read_bytes() == f"damaged {n}".encode()
        assert Path(f"{target}-wal").exists()
        assert not path.exists()
    assert len(names) == 3


def test_delete_all_data_removes_database_wal_shm_backups_and_copies(tmp_path):
    path = make_db(tmp_path)
    db = open_database(path)
    backup_database(db, tmp_path)
    db.close()
    Path(f"{path}-wal").write_bytes(b"x")
    Path(f"{path}-shm").write_bytes(b"x")
    (tmp_path / "ses-decider-20200101-000000-000000-damaged.db").write_bytes(b"x")
    (tmp_path / "ses-decider.lock").write_text("1")
    (tmp_path / "unrelated.txt").write_text("mine")
    removed = safety.delete_all_data(tmp_path)
    assert len(removed) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ses-decider.lock", "unrelated.txt"]


def test_deleting_a_person_removes_their_rows_snapshots_and_notes(repo):
    assessment = demo_assessment()
    first = next(iter(assessment.ratings))
    assessment.ratings[first] = assessment.ratings[first].__class__(note="private note")
    person = repo.create_person("Alex", assessment)
    repo.snapshots.take(person.id, assessment, "one")
    keep = repo.create_person("Sam", neutral_assessment())
    repo.people.delete(person.id)
    db = repo.db
    assert (
        db.execute("SELECT count(*) FROM assessments WHERE person_id = ?", [person.id]).fetchone()[
            0
        ]
        == 0
    )
    assert db.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM ratings WHERE note = 'private note'").fetchone()[0] == 0
    counts = {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("assessments", "ratings")
    }
    assert counts == {"assessments": 1, "ratings": len(repo.assessments.load(keep.id).ratings)}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_folder_database_and_backups_are_private(isolated_data_dir):
    path = make_db(isolated_data_dir)
    db = open_database(path)
    backup = safety.daily_backup(db, isolated_data_dir)
    db.close()
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(isolated_data_dir) == 0o700
    assert mode(path) == 0o600
    assert mode(isolated_data_dir / "backups") == 0o700
    assert mode(backup) == 0o600
    restored_aside = safety.restore_backup(backup, path)
    assert mode(path) == 0o600 and restored_aside.exists()


def test_cli_on_a_damaged_file_prints_one_line_and_leaves_it(tmp_path, capsys):
    path = make_db(tmp_path)
    raw = bytearray(path.read_bytes())
    raw[100:4096] = os.urandom(3996)  # wreck the schema page
    path.write_bytes(bytes(raw))
    before = path.read_bytes()
    status = main(["--data-dir", str(tmp_path), "import", str(DATA / "good.json")])
    err = capsys.readouterr().err
    assert status == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ses-decider.db"]


def _import_file(tmp_path: Path, name: str) -> Path:
    data = json.loads((DATA / "good.json").read_text(encoding="utf-8"))
    data["person"] = name
    out = tmp_path / f"{name}.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def _spawn_import(file: Path, data_dir: Path) -> subprocess.Popen:
    env = dict(os.environ, SES_DECIDER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-m", "ses_decider", "import", str(file)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder", "gui-holds-db"])
def test_four_concurrent_imports_all_land(tmp_path, existing):
    data_dir = tmp_path / "shared"
    files = [_import_file(tmp_path, f"Person {n}") for n in range(4)]
    holder = None
    if existing:
        make_db(data_dir, ())
        holder = sqlite3.connect(
            data_dir / "ses-decider.db", isolation_level=None, check_same_thread=False
        )
        holder.execute("BEGIN IMMEDIATE")  # as if the GUI were mid-save: imports must wait
        threading.Timer(1.0, lambda: holder.execute("COMMIT")).start()
    procs = [_spawn_import(f, data_dir) for f in files]
    results = [(p.wait(timeout=60), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    if holder is not None:
        time.sleep(0.05)
        holder.close()
    assert [r[0] for r in results] == [0, 0, 0, 0], results
    db = open_database(data_dir / "ses-decider.db")
    repo = Repository(db)
    assert sorted(p.name for p in repo.people.all()) == [f"Person {n}" for n in range(4)]
    for person in repo.people.all():
        assert len(repo.assessments.load(person.id).ratings) >= 11
    db.close()


def test_a_backup_name_gives_back_the_time_it_was_written_with(tmp_path):
    path = make_db(tmp_path, ("Alex",))
    db = open_database(path)
    before = datetime.now()
    made = backup_database(db, tmp_path, reason="before-import")
    db.close()
    taken, reason = safety._stamp_of(made)
    assert before - timedelta(seconds=1) <= taken <= datetime.now()
    assert reason == "before-import"
    exact = Path("ses-decider-20260131-235959-000042-manual-2.db")
    assert safety._stamp_of(exact) == (datetime(2026, 1, 31, 23, 59, 59, 42), "manual-2")


@pytest.mark.parametrize(
    "name",
    [
        "ses-decider.db",
        "ses-decider-2026013-235959-000042-daily.db",  # a digit short
        "ses-decider-20261301-235959-000042-daily.db",  # month 13
        "ses-decider-20260131-245959-000042-daily.db",  # hour 24
        "ses-decider-2026o131-235959-000042-daily.db",
        "ses-decider-20260131-235959-daily.db",  # no microseconds
        "ses-decider-+2026013-235959-000042-daily.db",
    ],
)
def test_a_name_that_is_no_backup_stamp_has_no_date(name):
    assert safety._stamp_of(Path(name)) == (None, "")
