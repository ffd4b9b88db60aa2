"""A mentor's database: 200 people, 10,000 snapshots. Switcher, timeline, snapshot load and save.

Targets (issue 6): the person switcher (people list, summaries, search) and a person's timeline
(`snapshots.list`, which History's timeline and 2x2 read) under 300 ms each; a save under 5 ms
(median). Storage only (the History tab itself is timed by bench_history). The database is built
with executemany inside one transaction, so it takes well under two seconds: tests use
`build_people` as a fixture.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

PEOPLE = 200
SNAPSHOTS = 10_000
HEAVY = 1_000  # the first person has a long history: the worst timeline to open
SWITCHER_MS = 300.0
SAVE_MS = 5.0


def build_people(path: str | Path, people: int = PEOPLE, snapshots: int = SNAPSHOTS):
    """Create a database of ``people`` people and ``snapshots`` snapshots; return the Repository.

    Person 1 holds min(HEAVY, snapshots) of the snapshots; the rest are spread over the others.
    Names are "Person 001" to "Person 200".
    """
    from ses_decider.core.content import demo_assessment
    from ses_decider.core.readiness import axes as readiness_axes
    from ses_decider.core.scoring import evaluate
    from ses_decider.storage.db import open_database
    from ses_decider.storage.exchange import assessment_to_data
    from ses_decider.storage.repository import Repository, now_iso

    repo = Repository(open_database(path))
    variants = []
    for step in range(5):  # a few different documents, evaluated once each
        a = demo_assessment()
        a.ratings["pay"].lean = -4.0 + 2.0 * step
        everything = a.copy()
        everything.hidden = set()
        data = assessment_to_data(everything)
        data["hidden"] = sorted(a.hidden)
        evaluation = evaluate(a)
        ax = readiness_axes(a, evaluation)
        variants.append(
            (evaluation.score, evaluation.verdict.value, json.dumps(data), ax.want, ax.ready)
        )
    start = datetime(2020, 1, 1, tzinfo=UTC)
    heavy = min(HEAVY, snapshots)
    with repo.db.atomic():
        created = now_iso()
        repo.db.conn.executemany(
            "INSERT INTO people (id, uid, name, created_at) VALUES (?, ?, ?, ?)",
            [(i, uuid.uuid4().hex, f"Person {i:03d}", created) for i in range(1, people + 1)],
        )
        current = demo_assessment()
        for person_id in range(1, people + 1):
            repo.assessments.save(person_id, current)
        rows = []
        for n in range(snapshots):
            if n < heavy or people == 1:
                person_id = 1
            else:
                person_id = 2 + (n - heavy) % (people - 1)
            score, verdict, data, want, ready = variants[n % len(variants)]
            taken_at = (start + timedelta(hours=n)).isoformat(timespec="microseconds")
            rows.append(
                (uuid.uuid4().hex, person_id, taken_at, f"snapshot {n}", score, verdict, data)
                + (want, ready)
            )
        repo.db.conn.executemany(
            """INSERT INTO snapshots
                 (uid, person_id, taken_at, label, score, verdict, data, want, ready)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
    return repo


def _median_ms(fn, runs: int = 15) -> float:
    fn()  # warm up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> dict:
    from ses_decider.core.content import demo_assessment

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        repo = build_people(Path(tmp) / "people.db")
        build_s = time.perf_counter() - t0
        typical = repo.people.by_name("Person 100").id
        snapshot_id = repo.snapshots.list(1)[-1].id
        edited = demo_assessment()
        step = iter(range(10**9))

        def save() -> None:
            edited.ratings["mission"].lean = (next(step) % 11) - 5
            repo.assessments.save(typical, edited)

        figures = {
            "people.all()": (_median_ms(repo.people.all), SWITCHER_MS),
            "people.summaries()": (_median_ms(repo.people.summaries), SWITCHER_MS),
            "people.search('son 1')": (
                _median_ms(lambda: repo.people.search("son 1")),
                SWITCHER_MS,
            ),
            f"snapshots.list() {HEAVY:,}": (
                _median_ms(lambda: repo.snapshots.list(1)),
                SWITCHER_MS,
            ),
            "snapshots.list() typical (~45)": (
                _median_ms(lambda: repo.snapshots.list(typical)),
                SWITCHER_MS,
            ),
            "snapshots.load()": (_median_ms(lambda: repo.snapshots.load(snapshot_id)), SWITCHER_MS),
            "assessments.save() median": (_median_ms(save, 200), SAVE_MS),
        }
        repo.db.close()
    print(
        f"people    built {PEOPLE} people / {SNAPSHOTS:,} snapshots in {build_s:.2f} s"
        " (executemany, one transaction)"
    )
    for name, (ms, target) in figures.items():
        print(
            f"people    {name:28s} {ms:8.2f} ms   target < {target:g} ms   "
            f"ratio to target {ms / target:5.3f}"
        )
    return {
        "people_switcher_ms": max(figures[k][0] for k in list(figures)[:3]),
        "people_timeline_ms": figures[f"snapshots.list() {HEAVY:,}"][0],
        "people_save_ms": figures["assessments.save() median"][0],
        "people_build_s": build_s,
    }


if __name__ == "__main__":
    main()
