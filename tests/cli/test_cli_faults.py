"""Faults the CLI meets in the database: locked, full, read-only, empty. Each gives one line on
stderr and exit status 2, and leaves the database and its file mode exactly as they were."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.faults import (
    CLI,
    env_for,
    in_private_mount,
    private_mounts_work,
    read_only_bind,
    seed,
    state,
)
from tests.cli.test_cli import DATA, assert_clean_failure, run_cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and mounts")
needs_private_mounts = pytest.mark.skipif(
    not private_mounts_work(), reason="needs unshare and mount in a private namespace"
)


def big_assessment_file(folder: Path, name: str = "Kim Park") -> Path:
    """An assessment whose notes need many new database pages."""
    data = json.loads((DATA / "good.json").read_text(encoding="utf-8"))
    data["person"] = name
    for item in data["factors"]:
        item["note"] = "n" * 20_000
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    line = result.stderr.strip()
    for word in words:
        assert word in line, line
    assert "damaged" not in line, line
    return line


# Locked -----------------------------------------------------------------------------------------
def test_a_database_locked_past_the_busy_timeout(tmp_path):
    data_dir = tmp_path / "data"
    path = seed(data_dir)
    before = state(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process mid-write, for longer than we wait
    holder.execute("UPDATE people SET review_on = '2027-01-01'")
    try:
        started = time.monotonic()
        result = run_cli(
            "import",
            str(big_assessment_file(tmp_path)),
            data_dir=data_dir,
            SES_DECIDER_BUSY_TIMEOUT_MS="200",
        )
        took = time.monotonic() - started
        one_line(result, "in use by another program", str(path), "nothing was changed")
        # readers are not blocked by a writer (WAL): the commands that only read still work
        people = run_cli("people", "--json", data_dir=data_dir, SES_DECIDER_BUSY_TIMEOUT_MS="200")
        assert people.returncode == 0, people.stderr
        assert [row["name"] for row in json.loads(people.stdout)] == ["Alex Rivera", "Sam Lee"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert took < 30  # the 200 ms timeout, plus starting Python, not the default 10 s... or more
    assert state(path) == before


def test_a_database_held_exclusively_is_busy_not_damaged(tmp_path):
    data_dir = tmp_path / "data"
    path = seed(data_dir)
    before = state(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # as some backup tools open a database
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for args in (["people"], ["import", str(DATA / "good.json")]):
            result = run_cli(*args, data_dir=data_dir, SES_DECIDER_BUSY_TIMEOUT_MS="200")
            one_line(result, "in use by another program")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert state(path) == before


# Full ---------------------------------------------------------------------------------------------
def test_a_full_database_by_max_page_count(tmp_path):
    data_dir = tmp_path / "data"
    path = seed(data_dir)
    before = state(path)
    conn = sqlite3.connect(path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    # SQLite refuses to grow the file past max_page_count with SQLITE_FULL, exactly as it does
    # when the disk has no room left.
    result = run_cli(
        "import",
        str(big_assessment_file(tmp_path)),
        data_dir=data_dir,
        SES_DECIDER_TEST_MAX_PAGE_COUNT=str(pages),
    )
    one_line(result, "The disk is full", str(path), "nothing was changed")
    assert state(path) == before


@posix_only
@needs_private_mounts
def test_a_really_full_disk(tmp_path):
    # The data folder on a 512 kB tmpfs that a filler file has all but used up.
    data_dir = tmp_path / "data"
    path = seed(data_dir)
    before = state(path)
    kept = tmp_path / "after.db"
    mounted = tmp_path / "small"
    mounted.mkdir()
    script = f"""
        set -e
        mount -t tmpfs -o size=512k,mode=0700 tmpfs {mounted}
        cp -p {path} {mounted}/
        dd if=/dev/zero of={mounted}/filler bs=4k 2>/dev/null || true
        rm -f {mounted}/filler.partial
        set +e
        $CLI; rc=$?
        cp -p {mounted}/ses-decider.db {kept}
        ls -A {mounted} > {tmp_path}/listing
        exit $rc
    """
    result = in_private_mount(
        script, "import", str(big_assessment_file(tmp_path)), env=env_for(mounted)
    )
    one_line(result, "The disk is full", "nothing was changed")
    assert state(kept)[0] == before[0]
    listing = (tmp_path / "listing").read_text(encoding="utf-8").split()
    assert not [name for name in listing if name.startswith(".")]  # no partial file left


# Read-only ----------------------------------------------------------------------------------------
def read_commands(tmp_path: Path) -> dict[str, list[str]]:
    return {
        "people": ["people", "--json"],
        "export": ["export", "--person", "Alex Rivera", "--out", str(tmp_path / "alex.json")],
        "report": ["report", "--person", "Alex Rivera", "--out", str(tmp_path / "alex.html")],
        "import": ["import", str(DATA / "good.json")],
    }


def _check_read_only_runs(results: dict, tmp_path: Path) -> None:
    for name in ("people", "export", "report"):
        assert results[name].returncode == 0, results[name].stderr
    assert [r["name"] for r in json.loads(results["people"].stdout)] == ["Alex Rivera", "Sam Lee"]
    exported = json.loads((tmp_path / "alex.json").read_text(encoding="utf-8"))
    assert exported["person"] == "Alex Rivera"
    assert (tmp_path / "alex.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    one_line(results["import"], "read-only", "nothing was changed")


def _read_only_script(target: Path, tmp_path: Path) -> str:
    """Make ``target`` read-only, then run each command, keeping its output in files."""
    cli = " ".join(shlex.quote(part) for part in CLI)
    out = tmp_path / "outputs"
    lines = [f"{read_only_bind(target)} || exit 99"]
    for name, args in read_commands(tmp_path).items():
        argv = " ".join(shlex.quote(arg) for arg in args)
        lines.append(
            f"{cli} {argv} > {out}.{name}.out 2> {out}.{name}.err; echo $? > {out}.{name}.rc"
        )
    return "\n".join(lines)


def _collect(tmp_path: Path) -> dict:
    out = tmp_path / "outputs"
    return {
        name: subprocess.CompletedProcess(
            [name],
            int(Path(f"{out}.{name}.rc").read_text()),
            Path(f"{out}.{name}.out").read_text(encoding="utf-8"),
            Path(f"{out}.{name}.err").read_text(encoding="utf-8"),
        )
        for name in read_commands(tmp_path)
    }


@posix_only
@needs_private_mounts
@pytest.mark.parametrize("which", ["folder", "file"])
def test_a_read_only_file_system(tmp_path, which):
    # A read-only bind mount: every write fails with EROFS, for root too, as on a locked-down
    # share or a read-only USB stick.
    data_dir = tmp_path / "data"
    path = seed(data_dir)
    before = state(path)
    listing = sorted(p.name for p in data_dir.iterdir())
    target = data_dir if which == "folder" else path
    done = in_private_mount(_read_only_script(target, tmp_path), env=env_for(data_dir))
    assert done.returncode == 0, done.stderr
    _check_read_only_runs(_collect(tmp_path), tmp_path)
    assert state(path) == before
    # nothing new beside the database: no -wal/-shm (it was opened immutable), no backups
    assert sorted(p.name for p in data_dir.iterdir()) == listing


ACCESS_SAYS_READ_ONLY = """
import os, sys
from pathlib import Path
folder = Path(sys.argv[1]).resolve()
real = os.access
def access(path, how, *args, **kwargs):
    # What access(2) answers on a read-only file system, or for a 0400 file of another user.
    if how & os.W_OK and Path(path).resolve().is_relative_to(folder):
        return False
    return real(path, how, *args, **kwargs)
os.access = access
from ses_decider.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


@posix_only
def test_when_the_os_says_read_only(tmp_path):
    # Portable companion of the mount test: os.access answers "not writable", so the program
    # opens the database with mode=ro and query_only, and SQLite itself refuses every write.
    data_dir = tmp_path / "data"
    path = seed(data_dir)
    before = state(path)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", ACCESS_SAYS_READ_ONLY, str(data_dir), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env_for(data_dir),
            timeout=120,
        )

    results = {name: run(*args) for name, args in read_commands(tmp_path).items()}
    _check_read_only_runs(results, tmp_path)
    assert state(path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["ses-decider.db"]  # no backups


@posix_only
def test_a_0400_database_stays_0400(tmp_path):
    data_dir = tmp_path / "data"
    path = seed(data_dir)
    path.chmod(0o400)
    data_dir.chmod(0o500)
    try:
        people = run_cli("people", data_dir=data_dir)
        imported = run_cli("import", str(DATA / "good.json"), data_dir=data_dir)
        modes = (stat.S_IMODE(path.stat().st_mode), stat.S_IMODE(data_dir.stat().st_mode))
    finally:
        data_dir.chmod(0o700)
        path.chmod(0o600)
    assert people.returncode == 0, people.stderr
    if os.geteuid() == 0:  # root may write whatever the mode says; the mode must still hold
        assert imported.returncode == 0, imported.stderr
    else:
        one_line(imported, "read-only")
    assert modes == (0o400, 0o500)


# Empty ----------------------------------------------------------------------------------------
def test_an_empty_database_file_is_damaged_and_kept(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / "ses-decider.db"
    path.write_bytes(b"")
    for args in (
        ["people"],
        ["import", str(DATA / "good.json")],
        ["report", "--person", "A", "--out", str(tmp_path / "a.pdf")],
    ):
        result = run_cli(*args, data_dir=data_dir)
        assert_clean_failure(result.stdout, result.stderr, result.returncode)
        assert "0 bytes" in result.stderr and "damaged" in result.stderr
    assert path.read_bytes() == b""
    assert sorted(p.name for p in data_dir.iterdir()) == ["ses-decider.db"]
