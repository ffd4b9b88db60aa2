"""Odd inputs and outputs on the command line, and the backups the CLI makes.

Inputs that are not regular files are refused at once; --data-dir and --out that cannot work are
explained in words before any database is opened; the CLI backs up as the GUI does."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from ses_decider.storage.backups import list_backups, reason_of
from tests.cli.faults import seed, state
from tests.cli.test_cli import DATA, assert_clean_failure, run_cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")


def fails(result, *words: str) -> str:
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr.strip()


# Inputs that are not regular files -------------------------------------------------------------
@posix_only
@pytest.mark.parametrize("command", ["score", "import", "weights"])
@pytest.mark.parametrize("kind", ["dev-zero", "pipe", "folder"])
def test_inputs_that_are_not_regular_files(tmp_path, command, kind):
    data_dir = tmp_path / "data"
    if kind == "dev-zero":
        source = "/dev/zero"
    elif kind == "pipe":
        source = str(tmp_path / "file.json")
        os.mkfifo(source)  # nobody ever writes: reading it would wait for ever
    else:
        source = str(tmp_path)
    result = run_cli(command, source, data_dir=data_dir)  # run_cli's timeout catches a hang
    words = "is a folder, not a file" if kind == "folder" else "not a regular file"
    fails(result, words)
    assert not data_dir.exists()  # refused before any database is opened


# --data-dir -------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["people"], ["import", str(DATA / "good.json")]])
def test_data_dir_is_a_file(tmp_path, command):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    result = run_cli("--data-dir", str(a_file), *command, data_dir=tmp_path / "unused")
    fails(result, f"--data-dir {a_file} is a file, not a folder")
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_data_dir_inside_a_file(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    result = run_cli("--data-dir", str(a_file / "sub"), "people", data_dir=tmp_path / "unused")
    fails(result, f"inside a file ({a_file})", "not a folder")


def test_the_data_folder_variable_is_a_file(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    result = run_cli("people", data_dir=a_file)  # SES_DECIDER_DATA_DIR
    fails(result, "$SES_DECIDER_DATA_DIR", "is a file, not a folder")


# --out ------------------------------------------------------------------------------------------
@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    seed(folder)
    return folder


def outputs(tmp_path: Path, data_dir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if data_dir not in (p, *p.parents)
    )


@pytest.mark.parametrize(
    ("command", "out", "words"),
    [
        ("export", "a_folder", ["it is a folder", "Alex Rivera.json"]),
        ("export", "missing/alex.json", ["the folder", "does not exist"]),
        ("export", "notes.txt/alex.json", ["is not a folder"]),
        ("export", "alex.pdf", ['".pdf"', "written as .json", "report"]),
        ("export", "alex", ["no extension", ".json"]),
        ("report", "a_folder", ["it is a folder", "Alex Rivera brief.pdf"]),
        ("report", "missing/alex.pdf", ["does not exist"]),
        ("report", "alex.txt", ['".txt"', ".pdf or .html"]),
        ("report", "alex.json", ['".json"', ".pdf or .html"]),
    ],
)
def test_out_that_cannot_work_is_said_in_words(tmp_path, data_dir, command, out, words):
    (tmp_path / "a_folder").mkdir()
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    before = outputs(tmp_path, data_dir)
    result = run_cli(
        command, "--person", "Alex Rivera", "--out", str(tmp_path / out), data_dir=data_dir
    )
    line = fails(result, *words)
    assert "/." not in line and "\\." not in line  # never a temporary file's name
    assert outputs(tmp_path, data_dir) == before  # nothing written, no temporary file left


@posix_only
@pytest.mark.parametrize(("command", "name"), [("export", "out.json"), ("report", "out.html")])
def test_out_onto_a_pipe_is_refused(tmp_path, data_dir, command, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    result = run_cli(command, "--person", "Alex Rivera", "--out", str(pipe), data_dir=data_dir)
    fails(result, "not a regular file")
    assert pipe.is_fifo()


def test_a_bad_out_opens_no_database(tmp_path):
    data_dir = tmp_path / "fresh"
    result = run_cli("export", "--person", "A", "--out", str(tmp_path / "x.pdf"), data_dir=data_dir)
    fails(result, ".pdf")
    assert not data_dir.exists()


def test_export_still_writes_json(tmp_path, data_dir):
    out = tmp_path / "Alex.JSON"  # the extension is matched without regard to case
    result = run_cli("export", "--person", "Alex Rivera", "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "ses-decider/person"


def test_a_message_never_dumps_the_data(tmp_path):
    snapshots = [
        {"uid": f"snapshot{n:06d}", "taken_at": "2026-01-01T00:00:00+00:00", "factors": []}
        for n in range(20_001)
    ]
    path = tmp_path / "many.json"
    person = {"format": "ses-decider/person", "version": 1, "person": "A", "uid": "abcdefgh12"}
    path.write_text(
        json.dumps({**person, "current": {"factors": []}, "snapshots": snapshots}),
        encoding="utf-8",
    )
    result = run_cli("import", str(path), data_dir=tmp_path / "data")
    line = fails(result, "at most 20,000 snapshots")
    assert "snapshot000000" not in line


# Backups ------------------------------------------------------------------------------------------
def backups(data_dir: Path) -> list[str]:
    return [reason_of(p) for p in list_backups(data_dir)]


def people_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM people ORDER BY name")]
    finally:
        conn.close()


def test_reading_makes_the_daily_backup_once(data_dir):
    for _ in range(2):
        assert run_cli("people", data_dir=data_dir).returncode == 0
    assert backups(data_dir) == ["daily"]


def test_an_import_backs_up_first(tmp_path, data_dir):
    path = data_dir / "ses-decider.db"
    before = state(path)
    mine = json.loads((DATA / "good.json").read_text(encoding="utf-8"))
    mine["person"] = "Alex Rivera"  # replaces Alex's current assessment
    source = tmp_path / "alex.json"
    source.write_text(json.dumps(mine), encoding="utf-8")
    result = run_cli("import", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert backups(data_dir) == ["before-import"]  # it is also the day's backup
    copy = list_backups(data_dir)[0]
    assert state(copy)[0] == before[0]  # the copy holds the database as it was
    assert state(path)[0] != before[0]


def test_an_import_into_a_new_database_needs_no_backup(tmp_path):
    data_dir = tmp_path / "data"
    result = run_cli("import", str(DATA / "good.json"), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert backups(data_dir) == []
    assert people_in(data_dir / "ses-decider.db") == ["Alex Rivera"]


def test_no_backup_no_import(tmp_path, data_dir):
    (data_dir / "backups").write_text("a file where the backups folder goes", encoding="utf-8")
    path = data_dir / "ses-decider.db"
    before = state(path)
    result = run_cli("import", str(DATA / "good.json"), data_dir=data_dir)
    fails(result, "No backup could be made", "it is not a folder", "so nothing was imported")
    assert state(path) == before
