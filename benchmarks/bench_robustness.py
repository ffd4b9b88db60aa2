"""Analysis latency: Monte Carlo robustness and the full recompute behind one slider move.

Targets: 10,000 draws x 11 factors in under 30 ms (median); evaluate + tipping points + tornado in
under 8 ms (median). Pure Python and numpy, no Qt: run with `python -m benchmarks.bench_robustness`.
"""

from __future__ import annotations

import statistics
import time

MC_RUNS = 50
RECOMPUTE_RUNS = 500


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
    from ses_decider.core.scoring import evaluate
    from ses_decider.core.sensitivity import robustness, tipping_points, tornado

    assessment = demo_assessment()
    n = len(assessment.active())
    mc_ms = _median_ms(lambda: robustness(assessment, draws=10_000, seed=0), MC_RUNS)

    ratings = assessment.ratings["stress"]
    step = iter(range(10**9))

    def recompute() -> None:
        ratings.lean = (next(step) % 21 - 10) / 2  # a slider move, then everything it redraws
        evaluate(assessment)
        tipping_points(assessment)
        tornado(assessment)

    re_ms = _median_ms(recompute, RECOMPUTE_RUNS)

    import numpy as np

    rng = np.random.default_rng(0)
    weights = np.ones(n)
    floor_ms = _median_ms(lambda: rng.random((10_000, n)) @ weights, MC_RUNS)
    print(
        f"robustness  10,000 draws x {n} factors {mc_ms:6.2f} ms   "
        f"numpy floor (draws + one product) {floor_ms:5.2f} ms   "
        f"ratio to target {mc_ms / 30:4.2f}   (target median < 30 ms; {MC_RUNS} runs)"
    )
    print(
        f"recompute   evaluate+tipping+tornado  {re_ms:6.2f} ms   "
        f"ratio to target {re_ms / 8:4.2f}   (target median < 8 ms; {RECOMPUTE_RUNS} runs)"
    )
    return {"robustness_ms": mc_ms, "recompute_ms": re_ms}


if __name__ == "__main__":
    main()
