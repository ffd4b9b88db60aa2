"""Start-up time and memory: the app (10-person database) against a bare PySide6 + pyqtgraph window.

Both run as fresh processes, interleaved, in the same run; each is timed from spawn until it exits
after its first paint. Targets: app/baseline <= 1.5x; app resident memory < 150 MB.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7


def make_database(folder: Path, people: int = 10) -> None:
    from ses_decider.core.content import demo_assessment
    from ses_decider.storage.db import database_path, open_database
    from ses_decider.storage.repository import Repository

    db = open_database(database_path(folder))
    repo = Repository(db)
    for i in range(people):
        repo.create_person(f"Person {i + 1}", demo_assessment())
    db.close()


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Seconds from spawn to exit, and peak resident memory in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports kB


def main() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        make_database(Path(tmp))
        app = [sys.executable, "-m", "ses_decider", "--data-dir", tmp, "gui", "--exit-after-start"]
        bare = [sys.executable, "-m", "benchmarks.bare_window"]
        timed(bare, env)  # warm the file cache for both before measuring
        timed(app, env)
        app_runs, bare_runs = [], []
        for _ in range(RUNS):
            bare_runs.append(timed(bare, env))
            app_runs.append(timed(app, env))
    app_s = statistics.median(t for t, _ in app_runs)
    bare_s = statistics.median(t for t, _ in bare_runs)
    app_mb = statistics.median(m for _, m in app_runs)
    bare_mb = statistics.median(m for _, m in bare_runs)
    print(
        f"start-up  app {app_s * 1000:7.0f} ms   bare window {bare_s * 1000:7.0f} ms   "
        f"ratio {app_s / bare_s:4.2f}x   (target <= 1.50x; median of {RUNS})"
    )
    print(
        f"memory    app {app_mb:7.0f} MB   bare window {bare_mb:7.0f} MB   "
        f"ratio {app_mb / bare_mb:4.2f}x   (target app < 150 MB peak RSS)"
    )
    return {"startup_ratio": app_s / bare_s, "app_mb": app_mb}


if __name__ == "__main__":
    main()
