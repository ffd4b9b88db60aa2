"""Fault injection: kill -9 a process in the middle of saves and imports, then check the database.

The helper writes in a loop and prints the number of each transaction once it has committed. After
the kill, the database must pass `PRAGMA integrity_check`, hold every transaction reported committed,
and show each transaction fully or not at all (all of a save's ratings carry the same value).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ses_decider.core.content import catalogue

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")

HELPER = r"""
import sys
from dataclasses import replace
from ses_decider.core.content import blank_assessment
from ses_decider.core.model import Factor, Rating
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from ses_decider.ops import run
from ses_decider.ops.imports import AssessmentFile, import_assessment as _import


def import_assessment(repo, name, a):
    run(repo, _import, AssessmentFile(name, a, None))

mode, path = sys.argv[1], sys.argv[2]
repo = Repository(open_database(path))

def assessment(value, extra=0):
    a = blank_assessment()
    for n in range(extra):  # a large import: many factors of the person's own
        f = Factor(f"own_{n}", f"Own {n}", "pro " * 200, "con " * 200, custom=True)
        a.factors.append(f)
        a.ratings[f.id] = Rating()
    for fid in a.ratings:
        a.ratings[fid] = replace(a.ratings[fid], weight=value % 10, lean=0, note=f"v{value}" * 50)
    return a

if mode == "save":
    person = repo.people.by_name("Alex") or repo.create_person("Alex", assessment(0))
    i = 0
    while True:
        i += 1
        repo.assessments.save(person.id, assessment(i))
        print(i, flush=True)
else:  # import: each round imports a large file as a new person, then over an existing one
    i = 0
    while True:
        i += 1
        import_assessment(repo, f"Person {i}", assessment(i, extra=150))
        import_assessment(repo, "Person 1", assessment(i, extra=150))
        print(i, flush=True)
"""


def run_and_kill(tmp_path: Path, mode: str, delay: float) -> list[int]:
    script = tmp_path / "helper.py"
    script.write_text(HELPER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), mode, str(tmp_path / "ses-decider.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    # Wait until it has committed at least once, then a random short while more.
    line = proc.stdout.readline()
    assert line.strip(), proc.stderr.read()
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    return [int(x) for x in (line + out).split()]


def check(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)  # opening replays the WAL, as the app would
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


@pytest.mark.parametrize("seed", range(3))
def test_kill_during_repeated_saves(tmp_path, seed):
    delay = random.Random(seed).uniform(0.05, 0.5)
    committed = run_and_kill(tmp_path, "save", delay)
    conn = check(tmp_path / "ses-decider.db")
    rows = conn.execute("SELECT weight, note FROM ratings").fetchall()
    conn.close()
    assert len(rows) == len(catalogue().factors)  # one assessment, every rating present
    notes = {note for _, note in rows}
    assert len(notes) == 1  # all from the same save: never half old, half new
    value = int(notes.pop().split("v")[1])
    assert value >= committed[-1]  # nothing reported committed was lost
    assert {w for w, _ in rows} == {value % 10}


@pytest.mark.parametrize("seed", range(3))
def test_kill_during_large_imports(tmp_path, seed):
    delay = random.Random(100 + seed).uniform(0.05, 0.6)
    committed = run_and_kill(tmp_path, "import", delay)
    conn = check(tmp_path / "ses-decider.db")
    people = conn.execute("SELECT id, name FROM people").fetchall()
    names = {name for _, name in people}
    # every import reported committed is there
    assert {f"Person {i}" for i in range(1, committed[-1] + 1)} <= names
    for person_id, name in people:
        rows = conn.execute(
            """SELECT r.note, r.custom FROM ratings r JOIN assessments a ON a.id = r.assessment_id
               WHERE a.person_id = ?""",
            [person_id],
        ).fetchall()
        assert len(rows) == len(catalogue().factors) + 150, name  # all of an import or none
        assert sum(custom for _, custom in rows) == 150
        assert len({note for note, _ in rows}) == 1, name
    # each re-import over Person 1 left a snapshot of what it replaced, and nothing else
    snaps = conn.execute("SELECT count(*) FROM snapshots").fetchone()[0]
    conn.close()
    assert snaps >= committed[-1] - 1


# A person-file import, killed at several points ------------------------------------------------
PERSON_HELPER = r"""
import os, signal, sys
from ses_decider import ops
from ses_decider.ops import imports
from ses_decider.ops.imports import apply_import, read_import
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository

path, file, point = sys.argv[1], sys.argv[2], sys.argv[3]
repo = Repository(open_database(path))
request = read_import(file)  # read and checked whole before the database is touched


def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


def kill_after(owner, name):
    real = getattr(owner, name)

    def wrapped(*args, **kwargs):
        result = real(*args, **kwargs)
        die()
        return result

    setattr(owner, name, wrapped)


if point == "after snapshots":  # the new snapshots are written, nothing else yet
    kill_after(repo.snapshots, "add_many")
elif point == "after the current":  # the replaced current kept, the new one saved
    kill_after(repo.assessments, "save")
elif point == "after a note":
    kill_after(repo.notes, "set")
elif point == "after the decision":
    kill_after(repo.decisions, "set")
elif point == "before commit":  # everything written, the transaction still open
    kill_after(imports, "_import_sections")
print("start", flush=True)
ops.run(repo, apply_import, request)
print("committed", flush=True)
"""

POINTS = ["after snapshots", "after the current", "after a note", "after the decision"]


def _person_files(tmp_path: Path) -> tuple[Path, Path]:
    """Two person files of one mentee: an early one, and a later one with a newer current
    assessment, 400 more snapshots, newer notes, a decision and a review date."""
    from ses_decider.core.content import demo_assessment
    from ses_decider.core.records import Choice, Decision
    from ses_decider.storage.db import open_database
    from ses_decider.storage.exchange import write_json_atomically
    from ses_decider.storage.person_file import person_to_data
    from ses_decider.storage.repository import Repository

    repo = Repository(open_database(tmp_path / "mentee.db"))
    person = repo.create_person("Alex", demo_assessment(), changed_at="2025-01-01T00:00:00+00:00")
    repo.snapshots.take(person.id, demo_assessment(), "first", taken_at="2025-01-01T00:00:00")
    repo.notes.set(person.id, "pay", "early note", updated_at="2025-01-01T00:00:00+00:00")
    early = tmp_path / "early.json"
    write_json_atomically(early, person_to_data(repo, person.id))
    later_current = demo_assessment()
    later_current.ratings["mission"].lean = -2
    repo.assessments.save(person.id, later_current, changed_at="2026-01-01T00:00:00+00:00")
    for n in range(400):
        a = demo_assessment()
        a.ratings["pay"].lean = float(n % 11 - 5)
        repo.snapshots.take(person.id, a, f"check-in {n}", taken_at=f"2025-06-01T00:{n:04d}")
    repo.notes.set(person.id, "pay", "later note", updated_at="2026-01-01T00:00:00+00:00")
    repo.notes.set(person.id, "mission", "new note", updated_at="2026-01-01T00:00:00+00:00")
    repo.decisions.set(person.id, Decision(Choice.APPLIED, "2026-01-02", "", None, "2026-01-02"))
    repo.people.set_review_on(person.id, "2026-07-01")
    later = tmp_path / "later.json"
    write_json_atomically(later, person_to_data(repo, person.id))
    repo.db.close()
    return early, later


def _contents(path: Path) -> dict[str, list]:
    """Every row of every table, as a reader of the database would see it."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        conn.close()


def _mentor_db(tmp_path: Path, early: Path) -> Path:
    """The mentor's database after importing the early file."""
    from ses_decider.ops.imports import import_file
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository

    path = tmp_path / "mentor.db"
    repo = Repository(open_database(path))
    import_file(lambda: repo, early)
    repo.db.close()
    return path


def _run_person_import(db: Path, file: Path, point: str, delay: float | None = None):
    proc = subprocess.Popen(
        [sys.executable, "-c", PERSON_HELPER, str(db), str(file), point],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    line = proc.stdout.readline()
    assert line.strip() == "start", proc.stderr.read()
    if delay is not None:
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def person_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("files")
    early, later = _person_files(folder)
    mentor = _mentor_db(folder, early)
    before = _contents(mentor)
    done = folder / "done.db"
    shutil.copyfile(mentor, done)
    code, out, err = _run_person_import(done, later, "none")
    assert code == 0 and "committed" in out, err
    check(done).close()
    return {"later": later, "mentor": mentor, "before": before, "after": _contents(done)}


@pytest.mark.parametrize("point", POINTS + ["before commit"])
def test_a_person_file_import_killed_at_any_point_leaves_the_database_as_before(
    tmp_path, person_files, point
):
    db = tmp_path / "mentor.db"
    shutil.copyfile(person_files["mentor"], db)
    code, out, err = _run_person_import(db, person_files["later"], point)
    assert code == -signal.SIGKILL and "committed" not in out, err
    check(db).close()
    assert _contents(db) == person_files["before"]
    assert person_files["after"] != person_files["before"]  # the import does change things


@pytest.mark.parametrize("seed", range(3))
def test_a_person_file_import_killed_at_a_random_moment_is_before_or_after(
    tmp_path, person_files, seed
):
    db = tmp_path / "mentor.db"
    shutil.copyfile(person_files["mentor"], db)
    delay = random.Random(200 + seed).uniform(0.0, 0.4)
    _run_person_import(db, person_files["later"], "none", delay)
    check(db).close()
    assert _contents(db) in (person_files["before"], person_files["after"])
