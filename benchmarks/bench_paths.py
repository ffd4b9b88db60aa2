"""Other paths: five paths scored beside the SES, with the best one's tipping points.

Target: every path's evaluation + the best other path + its tipping points (path_tips) in under
2 ms (median), for the demo's rated factors and five paths rated on all of them. Pure Python, no Qt:
run with `python -m benchmarks.bench_paths`.
"""

from __future__ import annotations

import statistics
import time

RUNS = 500
PATHS = 5


def _median_ms(fn, runs: int) -> float:
    fn()  # warm up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> dict:
    from ses_decider.core.content import demo_assessment
    from ses_decider.core.path_tipping import path_tips
    from ses_decider.core.paths import best_other, new_path, other_scores

    assessment = demo_assessment()
    rated = [f.id for f, _ in assessment.active()]
    for n in range(PATHS):
        path = new_path(assessment, f"Path {n + 1}")
        path.leans.update({fid: ((i * 7 + n * 3) % 11 - 5) / 2 for i, fid in enumerate(rated)})
        assessment.paths.append(path)
    step = iter(range(10**9))

    def recompute() -> None:
        assessment.paths[0].leans["stress"] = (next(step) % 21 - 10) / 2  # a path slider move
        scores = other_scores(assessment)
        best_other(assessment, scores)
        path_tips(assessment, scores)

    ms = _median_ms(recompute, RUNS)
    print(
        f"paths       {PATHS} paths + best + path tips {ms:6.2f} ms   "
        f"ratio to target {ms / 2:4.2f}   (target median < 2 ms; {RUNS} runs)"
    )
    return {"paths_ms": ms}


if __name__ == "__main__":
    main()
