"""Importing a mentee's person file: 1,000 and 3,000 snapshots, into a fresh database.

Targets (issue 13): a 1,000-snapshot person file imports in under 1 s, a 3,000-snapshot one in under
3 s, from reading the file to the commit (`ops.imports.read_import`, then `apply_import` in one write
transaction). Baseline in the same run: `json.loads` of the same file, the least any import must do.
The file is what `export` writes for a mentee with a full assessment (fit answers, readiness, a plan,
notes), each snapshot a little different; its size is printed beside the limit
(`storage.exchange.MAX_FILE_BYTES`).
"""

from __future__ import annotations

import json
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

SIZES = (1_000, 3_000)
TARGET_S = {1_000: 1.0, 3_000: 3.0}
RUNS = 3  # the best of three: a shared machine's noise only ever adds time


def mentee_assessment():
    """The demo person with fit answers, readiness facts, ECQ self-ratings and a plan."""
    from ses_decider.core.content import demo_assessment
    from ses_decider.core.model import EcqRating, PlanItem, ReadinessState

    a = demo_assessment()
    a.fit = {"management_track": 3, "people_centric": 4, "meeting_tolerance": 1}
    a.readiness = ReadinessState(
        facts={"performance_record": 4, "years_gs14_15": 2, "positions_held": 3},
        ecq_set="opm_2025",
        ecq={"leading_people": EcqRating(3, "Led a 40-person reorganisation in 2024")},
        plan=[PlanItem("own:1", "Ask for a detail to the budget office", target_date="2027-06-30")],
    )
    for fid in ("pay", "mission", "stress"):
        a.ratings[
            fid
        ].note = "Discussed with my supervisor; numbers checked against the 2026 table."
    return a


def person_file(path: Path, snapshots: int) -> int:
    """Write a person file with ``snapshots`` snapshots (as `export` writes it); returns its size."""
    from ses_decider.storage.bodies import assessment_body
    from ses_decider.storage.db import open_database
    from ses_decider.storage.person_file import person_to_data
    from ses_decider.storage.repository import Repository

    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(open_database(Path(tmp) / "source.db"))
        person = repo.create_person("Alex Mentee", mentee_assessment())
        data = person_to_data(repo, person.id)
        repo.db.close()
    start = datetime(2018, 1, 1, tzinfo=UTC)
    base = mentee_assessment()
    data["snapshots"] = []
    for n in range(snapshots):
        a = base.copy()
        a.ratings["pay"].lean = float(n % 11 - 5)
        a.ratings["mission"].weight = float(n % 10 + 1)
        a.ratings["stress"].lean = round((n % 7) * 0.5 - 1.5, 1)
        taken = (start + timedelta(hours=7 * n)).isoformat(timespec="seconds")
        data["snapshots"].append(
            {"uid": uuid.uuid4().hex, "taken_at": taken, "label": f"check-in {n}"}
            | assessment_body(a)
        )
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def import_once(path: Path, folder: Path) -> tuple[float, dict[str, float]]:
    """Import the file into a fresh database; returns (seconds, seconds by phase)."""
    from ses_decider import ops
    from ses_decider.ops.imports import apply_import, read_import
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository

    repo = Repository(open_database(folder / f"{uuid.uuid4().hex}.db"))
    t0, c0 = time.perf_counter(), time.process_time()
    request = read_import(path)
    t1 = time.perf_counter()
    result = ops.run(repo, apply_import, request)
    t2, c2 = time.perf_counter(), time.process_time()
    count = repo.snapshots.count(result.value.id)
    repo.db.close()
    assert count == len(request.snapshots), (count, len(request.snapshots))
    return t2 - t0, {"read and check": t1 - t0, "write": t2 - t1, "cpu": c2 - c0}


def main() -> dict:
    from ses_decider.storage.exchange import MAX_FILE_BYTES

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in SIZES:
            path = folder / f"person-{size}.json"
            nbytes = person_file(path, size)
            text = path.read_text(encoding="utf-8")
            baseline = min(_timed(lambda text=text: json.loads(text)) for _ in range(RUNS))
            best, phases = None, {}
            for _ in range(RUNS):
                took, parts = import_once(path, folder)
                if best is None or took < best:
                    best, phases = took, parts
            target = TARGET_S[size]
            split = ", ".join(f"{k} {v:.2f} s" for k, v in phases.items() if k != "cpu")
            print(
                f"import    {size:,} snapshots ({nbytes / 1e6:.1f} MB; limit "
                f"{MAX_FILE_BYTES / 1e6:g} MB): {best:.2f} s ({split}; CPU {phases['cpu']:.2f} s)"
                f"   target < {target:g} s   json.loads {baseline:.3f} s   ratio {best / baseline:.0f}x"
            )
            figures[f"import_{size}_s"] = best
            figures[f"import_{size}_ratio"] = best / baseline
            figures[f"import_{size}_mb"] = nbytes / 1e6
    return figures


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
