"""The `ses-decider` program as a person starts it: a real process, the GUI, and a clean end."""

from __future__ import annotations

import os
import subprocess
import sys


def start(data_dir, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "ses_decider", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_the_gui_ends_cleanly_and_opens_again_on_what_was_saved(tmp_path):
    # The process ends without tearing its objects down (cli.launch): the database must be whole,
    # the lock released (a second start is not told "already open"), and output not lost.
    first = start(tmp_path, "gui", "--exit-after-start")
    assert first.returncode == 0, first.stderr
    second = start(tmp_path, "gui", "--exit-after-start")
    assert second.returncode == 0, second.stderr
    people = start(tmp_path, "people")
    assert people.returncode == 0 and "Sample person (demo): CLOSE CALL (57.9)" in people.stdout
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            " print(c.execute('PRAGMA integrity_check').fetchone()[0])",
            str(tmp_path / "ses-decider.db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.stdout.strip() == "ok"


def test_a_command_after_the_gui_code_path_still_exits_with_its_status(tmp_path):
    bad = start(tmp_path, "score", str(tmp_path / "missing.json"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_once_the_window_runs_garbage_made_from_then_on_is_collected():
    # Start-up turns the collector off; the running app must turn it back on (memory would grow
    # with every cycle a view leaves behind) and spare it the objects start-up made for good.
    import gc
    import weakref

    from ses_decider.ui import app

    gc.disable()
    try:
        app._collect_from_now_on()
        assert gc.isenabled() and gc.get_freeze_count() > 0

        class Node:
            pass

        node = Node()
        node.me = node  # a cycle: only the collector frees it
        gone = weakref.ref(node)
        del node
        kept = [[] for _ in range(20 * gc.get_threshold()[0])]  # enough to start it by itself
        assert gone() is None and kept
    finally:
        gc.unfreeze()
        gc.enable()
