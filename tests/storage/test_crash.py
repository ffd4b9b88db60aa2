"""Fault injection: kill -9 a process in the middle of saves and imports, then check the database.

The helper writes in a loop and prints the number of each transaction once it has committed. After
the kill, the database must pass `PRAGMA integrity_check`, hold every transaction reported committed,
and show each transaction fully or not at all (all of a save's ratings carry the same value).
"""

from __future__ import annotations

import os
import random
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
