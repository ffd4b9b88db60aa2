"""Start-up time and memory: the app (10-person database) against a bare PySide6 + pyqtgraph window.

Both run as fresh processes, interleaved, in the same run; each is timed from spawn until it exits
after its first paint (`gui --exit-after-start`; the bare window uses the same rule), and both end
at once then, without tearing their objects down (as `ses-decider` does). Targets: CPU time
app/baseline <= 1.2x; peak memory (RSS) app/baseline <= 1.15x.

Python's compiled bytecode is kept for both, in a temporary cache (PYTHONPYCACHEPREFIX), as an
installed or frozen app has it: without it (PYTHONDONTWRITEBYTECODE=1) every start recompiles the
app's own modules, which is not what a user sees. If dist/ses-decider/ exists (`make installer`),
the frozen app's start-up is printed too, against the same bare window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
CPU_TARGET, MEMORY_TARGET = 1.2, 1.15
FROZEN = Path(__file__).resolve().parent.parent / "dist" / "ses-decider" / "ses-decider"


def make_database(folder: Path, people: int = 10) -> None:
    from ses_decider.core.content import demo_assessment
    from ses_decider.storage.db import database_path, open_database
    from ses_decider.storage.repository import Repository

    db = open_database(database_path(folder))
    repo = Repository(db)
    for i in range(people):
        repo.create_person(f"Person {i + 1}", demo_assessment())
    db.close()


def timed(command: list[str], env: dict) -> tuple[float, float, float]:
    """Seconds from spawn to exit, CPU seconds (user + system), and peak resident memory in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed: {proc.stderr.read().decode()[-500:]}")
    proc.stderr.close()
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: kB


def _median(runs: list[tuple[float, ...]], index: int) -> float:
    return statistics.median(run[index] for run in runs)


def main() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        make_database(Path(tmp) / "data")
        data = str(Path(tmp) / "data")
        app = [sys.executable, "-m", "ses_decider", "--data-dir", data, "gui", "--exit-after-start"]
        bare = [sys.executable, "-m", "benchmarks.bare_window"]
        frozen = [str(FROZEN), "--data-dir", data, "gui", "--exit-after-start"]
        commands = {"app": app, "bare": bare} | ({"frozen": frozen} if FROZEN.exists() else {})
        for command in commands.values():  # compile bytecode and warm the file cache first
            timed(command, env)
        runs: dict[str, list] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                runs[name].append(timed(command, env))

    app_s, bare_s = _median(runs["app"], 0), _median(runs["bare"], 0)
    # Each app run against the bare run just before it: steadier than a ratio of medians when the
    # machine is busy with something else.
    paired = statistics.median(a[0] / b[0] for a, b in zip(runs["app"], runs["bare"], strict=True))
    app_cpu, bare_cpu = _median(runs["app"], 1), _median(runs["bare"], 1)
    cpu_paired = statistics.median(
        a[1] / b[1] for a, b in zip(runs["app"], runs["bare"], strict=True)
    )
    app_mb, bare_mb = _median(runs["app"], 2), _median(runs["bare"], 2)
    print(
        f"start-up  app {app_s * 1000:7.0f} ms   bare window {bare_s * 1000:7.0f} ms   "
        f"ratio {app_s / bare_s:4.2f}x (paired {paired:4.2f}x)   "
        f"(wall clock; median of {RUNS}, bytecode cached)"
    )
    print(
        f"          CPU time: app {app_cpu * 1000:5.0f} ms   bare window {bare_cpu * 1000:5.0f} ms   "
        f"ratio {app_cpu / bare_cpu:4.2f}x (paired {cpu_paired:4.2f}x)   (target <= {CPU_TARGET}x)"
    )
    print(
        f"memory    app {app_mb:7.0f} MB   bare window {bare_mb:7.0f} MB   "
        f"ratio {app_mb / bare_mb:4.2f}x   (target <= {MEMORY_TARGET}x, peak RSS)"
    )
    result = {
        "startup_cpu_ratio": app_cpu / bare_cpu,
        "memory_ratio": app_mb / bare_mb,
        "app_mb": app_mb,
    }
    if "frozen" in runs:
        frozen_s, frozen_mb = _median(runs["frozen"], 0), _median(runs["frozen"], 2)
        print(
            f"frozen    dist/ses-decider {frozen_s * 1000:5.0f} ms, {frozen_mb:4.0f} MB   "
            f"ratio to the bare window (run by Python) {frozen_s / bare_s:4.2f}x"
        )
        result["frozen_ratio"] = frozen_s / bare_s
    return result


if __name__ == "__main__":
    main()
