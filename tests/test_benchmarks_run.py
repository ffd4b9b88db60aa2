"""Every benchmark still runs and reports its figures (at a small size: nothing here is timed).

A benchmark that stops working after a change (a renamed tab, a moved method) otherwise only shows
as a figure missing from `make bench`, which nobody reads as a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import MARK, TARGETS

ROOT = Path(__file__).resolve().parent.parent

# benchmark -> (module constants made small for the run, figures it must report)
SMALL = {
    "bench_desk": ({"MENTEES": 3, "SNAPSHOTS": 4, "RUNS": 1}, {"mentees_tab_ms"}),
    "bench_history": (
        {"SNAPSHOTS": 30, "TIMELINE_RUNS": 1, "SAVE_RUNS": 2, "TAB_RUNS": 1},
        {"history_tab_ms", "save_ms"},
    ),
    "bench_paths": ({"RUNS": 2}, {"paths_ms"}),
    "bench_people": (
        {},
        {"people_switcher_ms", "people_timeline_ms", "people_save_ms"},
    ),
    "bench_person_import": ({"SIZES": (20,), "TARGET_S": {20: 1.0}, "RUNS": 1}, set()),
    "bench_robustness": ({"MC_RUNS": 1, "RECOMPUTE_RUNS": 2}, {"robustness_ms", "recompute_ms"}),
    "bench_slider": ({"MOVES": 3}, {"slider_ratio"}),
    "bench_startup": ({"RUNS": 1}, {"startup_cpu_ratio", "memory_ratio"}),
}


def test_every_benchmark_is_listed_here():
    names = {p.stem for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert names == set(SMALL)
    reported = set().union(*(figures for _, figures in SMALL.values()))
    assert reported <= set(TARGETS)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_the_benchmark_runs_and_reports_its_figures(name):
    constants, figures = SMALL[name]
    code = (
        f"import json, benchmarks.{name} as bench\n"
        f"for key, value in {constants!r}.items(): setattr(bench, key, value)\n"
        f"print({MARK!r} + json.dumps(bench.main() or {{}}), flush=True)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith(MARK))
    reported = json.loads(line.removeprefix(MARK))
    assert figures <= set(reported)
    assert all(value > 0 for key, value in reported.items() if key in figures)
