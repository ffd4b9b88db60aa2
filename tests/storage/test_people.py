"""People beyond their assessment: notes, decisions, review dates, search, restore, cascades, scale."""

from __future__ import annotations

import time
from datetime import date

import pytest

from benchmarks.bench_people import build_people
from ses_decider.core.content import demo_assessment
from ses_decider.core.records import BEFORE_RESTORE, Choice, Decision
from ses_decider.ops import run
from ses_decider.ops.history import restore_snapshot
from ses_decider.ops.people import delete_person
from ses_decider.storage.repository import MENTOR
from tests.helpers import export_person

TABLES = ("people", "assessments", "ratings", "snapshots", "discussion_notes", "decisions")


def counts(repo) -> dict[str, int]:
    return {t: repo.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def edited(lean: float):
    a = demo_assessment()
    a.ratings["pay"].lean = lean
    return a


# Notes ----------------------------------------------------------------------------------------
def test_notes_are_shared_per_factor_and_kept_exactly(repo):
    person = repo.create_person("Alex", demo_assessment())
    text = '<b>x</b> \'); DROP TABLE people;-- "q" \U0001f680\nline two \x00 nul'
    repo.notes.set(person.id, "pay", text)
    repo.notes.set(person.id, "mission", "first")
    repo.notes.set(person.id, "mission", "second")
    notes = repo.notes.of(person.id)
    assert set(notes) == {"pay", "mission"}
    assert notes["pay"].text == text
    assert notes["mission"].text == "second"
    repo.notes.set(person.id, "mission", "")
    assert set(repo.notes.of(person.id)) == {"pay"}


# Decision and review --------------------------------------------------------------------------
def test_decision_is_recorded_updated_and_cleared(repo):
    person = repo.create_person("Alex", demo_assessment())
    assert repo.decisions.get(person.id) is None
    repo.decisions.set(person.id, Decision(Choice.NOT_NOW, "2026-03-01"))
    got = repo.decisions.get(person.id)
    assert (got.choice, got.decided_on, got.outcome, got.outcome_on) == (
        Choice.NOT_NOW,
        "2026-03-01",
        "",
        None,
    )
    assert got.updated_at
    repo.decisions.set(
        person.id, Decision(Choice.APPLIED, "2026-04-01", "Selected \U0001f389", "2027-01-10")
    )
    got = repo.decisions.get(person.id)
    assert got.choice is Choice.APPLIED and got.outcome == "Selected \U0001f389"
    assert Choice.NOT_FOR_ME.label == "Not for me"
    repo.decisions.set(person.id, None)
    assert repo.decisions.get(person.id) is None


def test_people_due_for_review(repo):
    a = repo.create_person("Ann", demo_assessment())
    b = repo.create_person("Bob", demo_assessment())
    repo.create_person("Cy", demo_assessment())
    repo.people.set_review_on(a.id, "2026-06-01")
    repo.people.set_review_on(b.id, "2026-01-15")
    assert [p.name for p in repo.people.due_for_review(date(2026, 1, 14))] == []
    assert [p.name for p in repo.people.due_for_review("2026-01-15")] == ["Bob"]
    assert [p.name for p in repo.people.due_for_review(date(2026, 7, 1))] == ["Bob", "Ann"]


# Search and summaries -------------------------------------------------------------------------
def test_search_people_by_part_of_the_name(repo):
    for name in ("Alex Rivera", "Sam Alexander", "Pat Lee", "100%_sure", "Zed"):
        repo.create_person(name, demo_assessment())
    assert [p.name for p in repo.people.search("alex")] == ["Alex Rivera", "Sam Alexander"]
    assert [p.name for p in repo.people.search("ALEX", limit=1)] == ["Alex Rivera"]
    assert [p.name for p in repo.people.search("%_")] == ["100%_sure"]  # wildcards are literal
    assert [p.name for p in repo.people.search("_")] == ["100%_sure"]
    assert len(repo.people.search("")) == 5
    assert repo.people.search("nobody") == []


def test_person_summaries_count_snapshots_in_one_query(repo):
    a = repo.create_person("Ann", demo_assessment())
    repo.create_person("Bob", demo_assessment())
    repo.snapshots.take(a.id, demo_assessment(), "one", taken_at="2025-01-01T00:00:00")
    repo.snapshots.take(a.id, demo_assessment(), "two", taken_at="2025-02-01T00:00:00")
    rows = {s.name: s for s in repo.people.summaries()}
    assert rows["Ann"].snapshot_count == 2
    assert rows["Ann"].last_snapshot_at == "2025-02-01T00:00:00"
    assert rows["Bob"].snapshot_count == 0 and rows["Bob"].last_snapshot_at is None


# Timeline and restore -------------------------------------------------------------------------
def test_timeline_has_score_verdict_and_axes_oldest_first(repo):
    person = repo.create_person("Alex", demo_assessment())
    late = repo.snapshots.take(person.id, edited(4), "late", taken_at="2026-01-01T00:00:00")
    early = repo.snapshots.take(person.id, edited(-4), "early", taken_at="2025-01-01T00:00:00")
    points = repo.snapshots.list(person.id)
    assert [p.id for p in points] == [early.id, late.id]
    assert [p.score for p in points] == [early.score, late.score]
    assert [p.verdict for p in points] == [early.verdict, late.verdict]
    assert all(p.ready is None for p in points)  # no roadmap started: no "ready" axis


def test_restore_snapshot_keeps_the_replaced_current(repo):
    person = repo.create_person("Alex", edited(-2))
    old = repo.snapshots.take(person.id, edited(3.25), "after the detail")
    kept = run(repo, restore_snapshot, person.id, old.id).value
    assert kept.label == BEFORE_RESTORE
    assert repo.assessments.load(person.id).ratings["pay"].lean == 3.25
    assert repo.snapshots.load(kept.id).ratings["pay"].lean == -2
    assert [s.label for s in repo.snapshots.list(person.id)] == ["after the detail", BEFORE_RESTORE]


def test_restore_snapshot_of_another_person_is_refused(repo):
    a = repo.create_person("Ann", demo_assessment())
    b = repo.create_person("Bob", demo_assessment())
    snap = repo.snapshots.take(b.id, edited(1))
    before = counts(repo)
    with pytest.raises(KeyError):
        run(repo, restore_snapshot, a.id, snap.id)
    with pytest.raises(KeyError):
        run(repo, restore_snapshot, a.id, 99_999)
    assert counts(repo) == before


# Delete ---------------------------------------------------------------------------------------
def test_delete_person_cascades_to_everything(repo):
    keep = repo.create_person("Keep", demo_assessment())
    repo.notes.set(keep.id, "pay", "kept")
    baseline = counts(repo)
    person = repo.create_person("Gone", demo_assessment())
    repo.assessments.save(person.id, edited(2), MENTOR)
    repo.snapshots.take(person.id, demo_assessment(), "x")
    repo.notes.set(person.id, "pay", "note")
    repo.decisions.set(person.id, Decision(Choice.APPLIED, "2026-01-01"))
    repo.people.delete(person.id)
    assert counts(repo) == baseline
    assert repo.notes.of(keep.id)["pay"].text == "kept"


def test_undo_of_a_delete_restores_the_person_exactly(repo):
    person = repo.create_person("Alex", edited(1.5))
    repo.assessments.save(person.id, edited(-1.25), MENTOR)
    snaps = [repo.snapshots.take(person.id, edited(x), f"s{x}") for x in (-3, 0, 2)]
    repo.notes.set(person.id, "stress", "talk about \U0001f6a8 <i>evenings</i>")
    repo.decisions.set(person.id, Decision(Choice.NOT_NOW, "2026-02-02", "later", None))
    repo.people.set_review_on(person.id, "2027-01-01")
    saved = export_person(repo, person.id)
    before = counts(repo)
    deleted = run(repo, delete_person, person.id)
    assert repo.people.by_uid(person.uid) is None
    outcome = run(repo, deleted.undo)  # "bring back": exactly what was stored, nothing re-parsed
    assert counts(repo) == before
    back = repo.people.get(outcome.value.id)
    assert (back.uid, back.name, back.created_at, back.review_on) == (
        person.uid,
        person.name,
        person.created_at,
        "2027-01-01",
    )
    assert [s.uid for s in repo.snapshots.list(back.id)] == [s.uid for s in snaps]
    again = export_person(repo, back.id)
    saved.pop("exported_at")
    again.pop("exported_at")
    assert again == saved


# Scale ----------------------------------------------------------------------------------------
def test_ten_thousand_snapshots_are_built_fast_and_read_fast(tmp_path):
    start = time.perf_counter()
    repo = build_people(tmp_path / "big.db")
    assert time.perf_counter() - start < 2.0
    try:
        assert counts(repo)["snapshots"] == 10_000
        assert counts(repo)["people"] == 200
        start = time.perf_counter()
        history = repo.snapshots.list(1)
        timeline = repo.snapshots.list(1)
        assert time.perf_counter() - start < 0.3
        assert len(history) == len(timeline) == 1_000
        plan = repo.db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM snapshots WHERE person_id = ? ORDER BY taken_at, id",
            [1],
        ).fetchall()
        assert any("snapshots_by_person" in str(row) for row in plan)
        assert len(repo.people.search("Person 1", limit=500)) == 100  # Person 100 to 199
        start = time.perf_counter()
        repo.assessments.save(5, edited(1))
        assert time.perf_counter() - start < 0.05  # generous for CI; the benchmark checks 5 ms
    finally:
        repo.db.close()


def test_no_impossible_date_can_be_stored_so_bring_back_never_fails(repo):
    from ses_decider.core.model import PlanItem

    with pytest.raises(ValueError, match="not a date in the calendar"):
        PlanItem("step", "Do it", target_date="2026-02-31")
    person = repo.create_person("Alex", edited(1.5))
    with pytest.raises(ValueError):
        repo.people.set_review_on(person.id, "2026-13-01")
    deleted = run(repo, delete_person, person.id)
    assert run(repo, deleted.undo).value.uid == person.uid


def test_person_rows_cover_every_table_holding_a_persons_data(repo):
    from ses_decider.storage.repository import person_tables

    tables = {
        name
        for (name,) in repo.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    holding = {t for t in tables if {"person_id", "assessment_id"} & set(repo.db.columns(t))} | {
        "people"
    }
    assert holding <= set(person_tables())


def test_record_groups_name_tables_of_a_persons_data_and_see_only_that_person(repo):
    from ses_decider.core.content import demo_assessment
    from ses_decider.storage.repository import RECORD_GROUPS, person_tables

    for tables in RECORD_GROUPS.values():
        assert set(tables) <= set(person_tables())
    alex = repo.create_person("Alex", demo_assessment())
    sam = repo.create_person("Sam", demo_assessment())
    assert not any(repo.has_records(alex.id, group) for group in RECORD_GROUPS)
    repo.db.execute(
        "INSERT INTO deciding_reasons (person_id, id, position, text, side, updated_at)"
        " VALUES (?, 'r1', 0, 'I want to lead', 'for', '2026-12-01T00:00:00Z')",
        [alex.id],
    )
    assert repo.has_records(alex.id, "own_reasons")
    assert not repo.has_records(alex.id, "deciding_dated")
    assert not repo.has_records(sam.id, "own_reasons")
