"""`python -m benchmarks` (or `make bench`): run every benchmark and print its figures.

Each benchmark runs in a fresh Python process (so one's Qt objects and memory do not skew the
next: peak memory of a child includes its parent's at fork) and prints its own lines (figure,
same-run baseline, target); a summary follows. Run on a quiet machine: the start-up ratio compares
wall-clock times, and other load skews it (its CPU-time ratio, printed beside it, much less so).
"""

import json
import os
import pkgutil
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "BENCH-FIGURES "
NOISE = ("This plugin does not support propagateSizeHints()",)  # Qt's offscreen platform

TARGETS = {  # figure -> (target, unit, what it is); lower is better for all
    "startup_cpu_ratio": (1.2, "x", "start-up CPU time, app / bare window"),
    "memory_ratio": (1.15, "x", "start-up peak memory, app / bare window"),
    "slider_ratio": (1.3, "x", "slider move redrawn, app / bare slider+chart"),
    "robustness_ms": (30, "ms", "Monte Carlo, 10,000 draws (median)"),
    "recompute_ms": (8, "ms", "verdict + tipping points + tornado (median)"),
    "paths_ms": (2, "ms", "5 other paths + the best one's tipping points (median)"),
    "history_tab_ms": (300, "ms", "History tab, 10,000 snapshots"),
    "save_ms": (5, "ms", "one save (median)"),
    "people_switcher_ms": (300, "ms", "person switcher, 200 people"),
    "people_timeline_ms": (300, "ms", "timeline query, 1,000 snapshots"),
    "people_save_ms": (5, "ms", "one save among 200 people (median)"),
    "mentees_tab_ms": (300, "ms", "Mentees page, 50 mentees x 100 snapshots"),
    "import_1000_s": (1, "s", "person-file import, 1,000 snapshots"),
    "import_3000_s": (3, "s", "person-file import, 3,000 snapshots"),
}


def run_one(name: str) -> dict[str, float]:
    """Run benchmarks.<name>.main() in a new process; pass its output through; return its figures."""
    code = (
        f"import json, benchmarks.{name} as bench\n"
        f"print({MARK!r} + json.dumps(bench.main() or {{}}), flush=True)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    figures: dict[str, float] = {}
    for line in proc.stdout:
        if line.startswith(MARK):
            figures = json.loads(line.removeprefix(MARK))
        elif not line.startswith(NOISE):
            print(line, end="", flush=True)
    if proc.wait() != 0:
        print(f"  {name} FAILED (exit status {proc.returncode})")
    return figures


def main() -> int:
    print(
        f"SES Decider benchmarks: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start\n"
    )
    figures: dict[str, float] = {}
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    for name in (n for n in names if n.startswith("bench_")):
        start = time.perf_counter()
        figures.update(run_one(name))
        print(f"  ({name}: {time.perf_counter() - start:.0f} s)\n")
    print("summary")
    for key, (target, unit, what) in TARGETS.items():
        if key not in figures:
            print(f"  MISSING {what:44s} (its benchmark failed: see above)")
            continue
        value = figures[key]
        ok = value <= target
        print(
            f"  {'ok  ' if ok else 'OVER'}  {what:44s} {value:8.2f} {unit:2s}  (target {target} {unit})"
        )
    return 0  # figures to read, not a gate: a busy machine must not fail a build


if __name__ == "__main__":
    sys.exit(main())
