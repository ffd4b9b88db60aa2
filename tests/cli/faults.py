"""Helpers for the fault tests: a seeded database, its state, and runs in a private mount.

``in_private_mount`` runs a shell script in a new mount namespace (``unshare``), where it may
bind-mount a folder read-only or mount a tiny tmpfs that fills up. That makes a read-only file
system and a full disk real, for this one process, even for root (who passes every chmod), and
leaves nothing mounted behind. Tests that need it skip where ``unshare`` cannot do this.
"""

from __future__ import annotations

import functools
import os
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from ses_decider.core.content import demo_assessment
from ses_decider.storage.db import database_path, open_database
from ses_decider.storage.repository import Repository

CLI = [sys.executable, "-m", "ses_decider"]


def seed(data_dir: Path, names=("Alex Rivera", "Sam Lee")) -> Path:
    """A database in ``data_dir`` holding ``names``, closed; returns its path."""
    path = database_path(data_dir)
    db = open_database(path)
    repo = Repository(db)
    for name in names:
        repo.create_person(name, demo_assessment())
    db.close()
    return path


def state(path: Path) -> tuple[list[str], int]:
    """Everything stored (an SQL dump) and the file's mode."""
    conn = sqlite3.connect(path)  # the last connection to close removes its -wal and -shm
    try:
        dump = list(conn.iterdump())
    finally:
        conn.close()
    return dump, stat.S_IMODE(path.stat().st_mode)


def env_for(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(SES_DECIDER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen", **extra)
    return env


def _unshare_prefix() -> list[str]:
    # root may make a mount namespace as it is; anyone else needs a user namespace for it
    return ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]


@functools.cache
def private_mounts_work() -> bool:
    """Whether this machine lets a process mount in a namespace of its own."""
    if os.name != "posix" or shutil.which("unshare") is None:
        return False
    probe = "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d && mount -o remount,ro $d"
    try:
        done = subprocess.run(
            [*_unshare_prefix(), "sh", "-c", probe], capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def in_private_mount(script: str, *cli_args: str, env: dict[str, str]):
    """Run ``script`` (sh) in a private mount namespace; ``$CLI`` in it runs the program with
    ``cli_args``. Returns the CompletedProcess."""
    command = " ".join(shlex.quote(part) for part in (*CLI, *cli_args))
    return subprocess.run(
        [*_unshare_prefix(), "sh", "-c", script.replace("$CLI", command)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=120,
    )


def read_only_bind(target: Path) -> str:
    """sh lines that make ``target`` (a file or folder) read-only in this namespace."""
    t = shlex.quote(str(target))
    return f"mount --bind {t} {t} && mount -o remount,bind,ro {t} {t}"
