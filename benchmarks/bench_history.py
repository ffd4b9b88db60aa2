"""History at scale: 10,000 snapshots of one person; the timeline, and single saves.

Targets: the History tab opens (query, chart, table, painted) in under 300 ms; a save
(Repository.assessments.save) takes under 5 ms, median. Baselines, same machine and database: the
bare sqlite3 query for the same rows, and a bare one-row INSERT + COMMIT. The tab is measured in the
main window, offscreen: `python -m benchmarks.bench_history`.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

SNAPSHOTS = 10_000
TIMELINE_RUNS = 15
SAVE_RUNS = 200
TAB_RUNS = 5


def _median_ms(fn, runs: int) -> float:
    fn()  # warm up: page cache, statement cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fill_history(repo, person_id: int, assessment, count: int) -> None:
    """One real snapshot through the repository, then ``count - 1`` copies in one transaction."""
    first = repo.snapshots.take(
        person_id, assessment, "first", taken_at="2020-01-01T00:00:00+00:00"
    )
    row = repo.db.execute(
        "SELECT score, verdict, data, want, ready FROM snapshots WHERE id = ?", [first.id]
    ).fetchone()
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with repo.db.atomic():
        repo.db.conn.executemany(
            """INSERT INTO snapshots (uid, person_id, taken_at, label, score, verdict, data,
                                      want, ready)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                (
                    uuid.uuid4().hex,
                    person_id,
                    (start + timedelta(hours=i)).isoformat(),
                    f"snapshot {i}",
                    *row,
                )
                for i in range(1, count)
            ),
        )


def history_tab_ms(path: Path, person_id: int) -> tuple[float, float]:
    """Milliseconds to open the History tab the first time (built, filled, painted), then again."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository
    from ses_decider.ui.main_window import MainWindow
    from ses_decider.ui.session import Session

    first, again = [], []
    for _ in range(TAB_RUNS):
        db = open_database(path)
        session = Session(Repository(db))
        window = MainWindow(session)
        session.open_person(person_id)
        window.show()
        app.processEvents()
        pages = window.pages
        history = next(
            i for i in range(pages.count()) if pages.tabText(i).replace("&", "") == "History"
        )
        for times in (first, again):
            start = time.perf_counter()
            pages.setCurrentIndex(history)
            app.processEvents()
            times.append(time.perf_counter() - start)
            pages.setCurrentIndex(0)
            app.processEvents()
        session.flush()
        window.close()
        window.deleteLater()
        app.processEvents()
        db.close()
    return statistics.median(first) * 1000, statistics.median(again) * 1000


def main() -> dict:
    from ses_decider.core.content import demo_assessment
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.db"
        db = open_database(path)
        repo = Repository(db)
        assessment = demo_assessment()
        person = repo.create_person("Many snapshots", assessment)
        start = time.perf_counter()
        fill_history(repo, person.id, assessment, SNAPSHOTS)
        fill_s = time.perf_counter() - start
        assert len(repo.snapshots.list(person.id)) == SNAPSHOTS

        timeline_ms = _median_ms(lambda: repo.snapshots.list(person.id), TIMELINE_RUNS)
        bare = sqlite3.connect(path)
        bare_query_ms = _median_ms(
            lambda: bare.execute(
                """SELECT id, uid, taken_at, label, score, verdict, want, ready FROM snapshots
                   WHERE person_id = ? ORDER BY taken_at, id""",
                [person.id],
            ).fetchall(),
            TIMELINE_RUNS,
        )

        step = iter(range(10**9))

        def save() -> None:
            assessment.ratings["stress"].lean = (next(step) % 11) - 5
            repo.assessments.save(person.id, assessment)

        save_ms = _median_ms(save, SAVE_RUNS)
        snapshot_ms = _median_ms(lambda: repo.snapshots.take(person.id, assessment, "bench"), 50)
        db.close()

        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = NORMAL")
        bare.execute("CREATE TABLE bench (id INTEGER PRIMARY KEY, value TEXT)")

        def bare_insert() -> None:
            with bare:
                bare.execute("INSERT INTO bench (value) VALUES (?)", ["x" * 100])

        bare_save_ms = _median_ms(bare_insert, SAVE_RUNS)
        bare.close()

        start = time.perf_counter()
        open_database(path).close()
        open_ms = (time.perf_counter() - start) * 1000
        tab_ms, tab_again_ms = history_tab_ms(path, person.id)

    print(
        f"history   {SNAPSHOTS:,} snapshots written in {fill_s:.2f} s (one transaction); "
        f"database opened (checked) in {open_ms:.0f} ms"
    )
    print(
        f"timeline  History tab opened {tab_ms:6.1f} ms (again {tab_again_ms:5.1f} ms)   "
        f"bare SQL query {bare_query_ms:5.1f} ms   ratio to target {tab_ms / 300:4.2f}   "
        f"(target < 300 ms; median of {TAB_RUNS})"
    )
    print(
        f"          of which repo.snapshots.list() {timeline_ms:5.1f} ms (median of {TIMELINE_RUNS})"
    )
    print(
        f"save      assessments.save() {save_ms:5.2f} ms   bare INSERT+COMMIT {bare_save_ms:5.2f} ms   "
        f"ratio to target {save_ms / 5:4.2f}   (target median < 5 ms; {SAVE_RUNS} saves)"
    )
    print(f"snapshot  snapshots.take() {snapshot_ms:5.2f} ms   (with {SNAPSHOTS:,} already stored)")
    return {"history_tab_ms": tab_ms, "save_ms": save_ms, "snapshot_ms": snapshot_ms}


if __name__ == "__main__":
    main()
