"""People, assessments, snapshots, settings and imports, as the app stores and restores them."""

from __future__ import annotations

import pytest

from ses_decider.core.content import demo_assessment
from ses_decider.core.model import (
    Assessment,
    Certainty,
    Factor,
    Rating,
    Thresholds,
    Verdict,
)
from ses_decider.core.scoring import evaluate
from ses_decider.ops.imports import DEFAULT_IMPORT_NAME
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import MENTOR, Repository
from tests.helpers import catalogue_ids, neutral_assessment
from tests.helpers import import_assessment_as as import_assessment

NOTES = [
    "'); DROP TABLE people;--",
    '<b>bold</b> & "quoted" \U0001f680\nsecond line',
    "nul \x00 inside",
]


def state(a: Assessment) -> tuple:
    """Everything a person sees of an assessment, comparable with ==."""
    return (
        [(f.id, f.custom, f.title, f.pro, f.con) for f in a.factors],
        {
            fid: (r.weight, r.lean, r.dealbreaker, r.note, r.certainty)
            for fid, r in a.ratings.items()
        },
        a.hidden,
        a.thresholds,
        a.gut_before,
        a.gut_after,
        a.method,
    )


def rich() -> Assessment:
    """Hidden defaults, custom factors (one hidden), fractions, notes, thresholds and gut."""
    a = neutral_assessment()
    a.factors.insert(
        0, Factor("teaching", "Time to teach", "I teach more", "No evenings", custom=True)
    )
    a.factors.append(Factor("my_commute", "Commute \U0001f68c", "Short", "Long", custom=True))
    a.ratings["teaching"] = Rating(4.5, -2.25, note=NOTES[0], certainty=Certainty.SURE)
    a.ratings["my_commute"] = Rating(3.0, 1.5, note="hidden but kept")
    a.ratings["pay"] = Rating(7.25, -3.5, dealbreaker=True, note=NOTES[1])
    a.ratings["mission"] = Rating(9.0, 4.75, certainty=Certainty.NO_IDEA, note=NOTES[2])
    a.ratings["stress"] = Rating(8.0, 2.0, note="hidden default, rating kept")
    a.hidden = {"stress", "my_commute"}
    a.thresholds = Thresholds(go=65.0, no_go=35.5)
    a.gut_before = Verdict.GO
    a.gut_after = Verdict.CLOSE_CALL
    a.method = "pairwise"
    return a


def count(repo: Repository, table: str) -> int:
    return repo.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# People ------------------------------------------------------------------------------------------
def test_create_person_stores_the_assessment(repo):
    alex = repo.create_person("  Alex  ", rich())
    assert alex.name == "Alex"
    assert [p.name for p in repo.people.all()] == ["Alex"]
    assert repo.people.get(alex.id) == alex
    assert repo.people.by_name("alex") == alex
    assert state(repo.assessments.load(alex.id)) == state(rich())


def test_people_are_listed_by_name(repo):
    for name in ["Sam", "alex", "Blake"]:
        repo.create_person(name, neutral_assessment())
    assert [p.name for p in repo.people.all()] == ["alex", "Blake", "Sam"]


@pytest.mark.parametrize("name", ["Alex", "alex", "ALEX", " Alex "])
def test_two_people_may_share_a_name(repo, name):
    # Identity is the uid: two mentees called Alex are two people, never one.
    first = repo.create_person("Alex", neutral_assessment())
    second = repo.create_person(name, demo_assessment())
    assert first.uid != second.uid
    assert len(repo.people.all()) == 2
    assert count(repo, "assessments") == 2
    assert [p.id for p in repo.people.named("alex")] == [first.id, second.id]


@pytest.mark.parametrize("name", ["", "   "])
def test_a_person_needs_a_name(repo, name):
    with pytest.raises(ValueError, match="name"):
        repo.create_person(name, neutral_assessment())
    assert repo.people.all() == []


def test_rename(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    sam = repo.create_person("Sam", neutral_assessment())
    repo.people.rename(alex.id, "Alexandra")
    assert repo.people.get(alex.id).name == "Alexandra"
    repo.people.rename(alex.id, "ALEXANDRA")  # a change of case of one's own name is fine
    assert repo.people.get(alex.id).name == "ALEXANDRA"
    repo.people.rename(alex.id, "sam")  # a namesake is allowed; the uid tells them apart
    with pytest.raises(ValueError):
        repo.people.rename(sam.id, "  ")
    assert sorted(p.name for p in repo.people.all()) == ["Sam", "sam"]


def test_renaming_the_demo_makes_it_a_real_person(repo):
    demo = repo.create_person("Demo", demo_assessment(), is_demo=True)
    assert repo.people.get(demo.id).is_demo
    repo.people.rename(demo.id, "Me")
    assert not repo.people.get(demo.id).is_demo


def test_delete_person_removes_everything_of_theirs(repo):
    alex = repo.create_person("Alex", rich())
    sam = repo.create_person("Sam", neutral_assessment())
    repo.assessments.save(alex.id, demo_assessment(), role=MENTOR)
    repo.snapshots.take(alex.id, rich(), "one")
    repo.snapshots.take(alex.id, demo_assessment(), "two")
    repo.snapshots.take(sam.id, neutral_assessment(), "sam's")
    sam_ratings = len(neutral_assessment().factors)
    assert count(repo, "assessments") == 3
    repo.people.delete(alex.id)
    assert [p.name for p in repo.people.all()] == ["Sam"]
    assert count(repo, "assessments") == 1
    assert count(repo, "ratings") == sam_ratings
    assert count(repo, "snapshots") == 1
    with pytest.raises(KeyError):
        repo.people.get(alex.id)
    with pytest.raises(KeyError):
        repo.assessments.load(alex.id)
    assert repo.snapshots.list(alex.id) == []
    # The name is free again.
    repo.create_person("Alex", neutral_assessment())


def test_review_on(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    repo.people.set_review_on(alex.id, "2026-03-01")
    assert repo.people.get(alex.id).review_on == "2026-03-01"
    repo.people.set_review_on(alex.id, None)
    assert repo.people.get(alex.id).review_on is None


# Assessments -------------------------------------------------------------------------------------
def test_save_replaces_the_current_assessment(repo):
    alex = repo.create_person("Alex", rich())
    repo.assessments.save(alex.id, demo_assessment())
    loaded = repo.assessments.load(alex.id)
    assert state(loaded) == state(demo_assessment())
    assert count(repo, "assessments") == 1
    assert count(repo, "ratings") == len(catalogue_ids())


def test_hidden_and_custom_factors_survive_save_and_load(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    repo.assessments.save(alex.id, rich())
    loaded = repo.assessments.load(alex.id)
    assert state(loaded) == state(rich())
    assert loaded.factor("teaching").custom
    assert loaded.ratings["stress"].note == "hidden default, rating kept"
    assert evaluate(loaded) == evaluate(rich())


def test_a_stored_assessment_gains_default_factors_it_lacks(repo):
    partial = neutral_assessment()
    partial.factors = [f for f in partial.factors if f.id != "relocation"]
    del partial.ratings["relocation"]
    alex = repo.create_person("Alex", partial)
    loaded = repo.assessments.load(alex.id)
    assert [f.id for f in loaded.factors] == [f for f in catalogue_ids() if f != "relocation"] + [
        "relocation"
    ]
    assert loaded.ratings["relocation"] == Rating()  # not rated: it takes no part


def test_self_and_mentor_views_are_separate(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    assert not repo.assessments.has(alex.id, MENTOR)
    repo.assessments.save(alex.id, demo_assessment(), role=MENTOR)
    assert repo.assessments.has(alex.id, MENTOR)
    assert state(repo.assessments.load(alex.id)) == state(neutral_assessment())
    assert state(repo.assessments.load(alex.id, MENTOR)) == state(demo_assessment())


class _Exploding:
    """A certainty whose value cannot be read: the save fails after the old ratings are deleted."""

    @property
    def value(self):
        raise RuntimeError("disk unplugged")


def test_a_failed_save_leaves_the_previous_assessment_intact(repo):
    alex = repo.create_person("Alex", rich())
    before_rows = repo.db.execute("SELECT * FROM ratings ORDER BY factor_id").fetchall()
    broken = demo_assessment()
    broken.thresholds = Thresholds(go=90.0, no_go=10.0)
    broken.ratings["relocation"].certainty = _Exploding()  # the last row to be written
    with pytest.raises(RuntimeError, match="disk unplugged"):
        repo.assessments.save(alex.id, broken)
    assert state(repo.assessments.load(alex.id)) == state(rich())
    assert repo.db.execute("SELECT * FROM ratings ORDER BY factor_id").fetchall() == before_rows
    assert not repo.db.conn.in_transaction


def test_a_save_refused_by_the_database_leaves_the_previous_assessment(repo):
    alex = repo.create_person("Alex", rich())
    out_of_range = demo_assessment()
    out_of_range.ratings["relocation"].weight = 11.0  # the CHECK constraint refuses it
    with pytest.raises(Exception, match="CHECK"):
        repo.assessments.save(alex.id, out_of_range)
    assert state(repo.assessments.load(alex.id)) == state(rich())


def test_a_failed_create_leaves_no_half_person(repo):
    broken = demo_assessment()
    broken.ratings["pay"].certainty = _Exploding()
    with pytest.raises(RuntimeError):
        repo.create_person("Alex", broken)
    assert repo.people.all() == []
    assert count(repo, "assessments") == 0
    assert count(repo, "ratings") == 0
    repo.create_person("Alex", neutral_assessment())  # and the name is still free


# Snapshots ---------------------------------------------------------------------------------------
def test_snapshots_are_listed_oldest_first(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    sam = repo.create_person("Sam", neutral_assessment())
    repo.snapshots.take(
        alex.id, neutral_assessment(), "march", taken_at="2025-03-01T09:00:00+00:00"
    )
    repo.snapshots.take(
        alex.id, neutral_assessment(), "january", taken_at="2025-01-01T09:00:00+00:00"
    )
    repo.snapshots.take(sam.id, neutral_assessment(), "sam", taken_at="2025-02-01T09:00:00+00:00")
    repo.snapshots.take(
        alex.id, neutral_assessment(), "march b", taken_at="2025-03-01T09:00:00+00:00"
    )
    repo.snapshots.take(alex.id, neutral_assessment(), "  now  ")
    assert [s.label for s in repo.snapshots.list(alex.id)] == ["january", "march", "march b", "now"]
    assert [s.label for s in repo.snapshots.list(sam.id)] == ["sam"]


def test_a_snapshot_records_score_and_verdict(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    dealbreaker = neutral_assessment()
    dealbreaker.ratings["relocation"] = Rating(5.0, -4.0, dealbreaker=True)
    empty = neutral_assessment()
    for rating in empty.ratings.values():
        rating.weight = 0.0
    taken = [
        repo.snapshots.take(alex.id, demo_assessment(), "demo"),
        repo.snapshots.take(alex.id, dealbreaker, "dealbreaker"),
        repo.snapshots.take(alex.id, empty, "empty"),
    ]
    listed = repo.snapshots.list(alex.id)
    assert listed == taken
    rows = repo.db.execute("SELECT label, score, verdict FROM snapshots ORDER BY id").fetchall()
    assert rows[0] == ("demo", pytest.approx(evaluate(demo_assessment()).score), "CLOSE CALL")
    assert rows[1] == ("dealbreaker", pytest.approx(50 - 10 * 20 / 55), "NO-GO")
    assert rows[2] == ("empty", None, "NOT ENOUGH INPUT")
    assert listed[2].score is None and listed[2].verdict is Verdict.NOT_ENOUGH_INPUT


def test_load_snapshot_restores_exactly(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    taken = repo.snapshots.take(alex.id, rich(), "before the detail")
    repo.assessments.save(alex.id, demo_assessment())  # later changes do not reach the snapshot
    restored = repo.snapshots.load(taken.id)
    assert state(restored) == state(rich())
    assert evaluate(restored) == evaluate(rich())


def test_a_restored_snapshot_can_be_saved_and_snapshotted_again(repo):
    alex = repo.create_person("Alex", rich())
    first = repo.snapshots.take(alex.id, rich(), "one")
    repo.assessments.save(alex.id, neutral_assessment())
    repo.assessments.save(alex.id, repo.snapshots.load(first.id))
    assert state(repo.assessments.load(alex.id)) == state(rich())
    second = repo.snapshots.take(alex.id, repo.assessments.load(alex.id), "two")
    assert state(repo.snapshots.load(second.id)) == state(rich())


def test_load_snapshot_of_nothing(repo):
    with pytest.raises(KeyError):
        repo.snapshots.load(12345)


# Settings ----------------------------------------------------------------------------------------
def test_settings(repo):
    assert repo.settings.get("theme") is None
    assert repo.settings.get("theme", "light") == "light"
    repo.settings.set("theme", "dark")
    repo.settings.set("go_threshold", "65")
    repo.settings.set("theme", "high contrast")
    assert repo.settings.get("theme") == "high contrast"
    assert repo.settings.get("go_threshold") == "65"
    repo.settings.set("theme", None)
    assert repo.settings.get("theme", "light") is None


def test_everything_survives_closing_the_app(tmp_path):
    path = tmp_path / "app.db"
    db = open_database(path)
    repo = Repository(db)
    alex = repo.create_person("Alex", rich())
    snap = repo.snapshots.take(alex.id, rich(), "kept")
    repo.settings.set("last_person", str(alex.id))
    db.close()
    db = open_database(path)
    try:
        repo = Repository(db)
        assert state(repo.assessments.load(alex.id)) == state(rich())
        assert state(repo.snapshots.load(snap.id)) == state(rich())
        assert repo.settings.get("last_person") == str(alex.id)
    finally:
        db.close()


# Import ------------------------------------------------------------------------------------------
def test_import_creates_a_new_person(repo):
    message = import_assessment(repo, "Sam", demo_assessment())
    assert "new person" in message
    sam = repo.people.by_name("Sam")
    assert state(repo.assessments.load(sam.id)) == state(demo_assessment())
    assert repo.snapshots.list(sam.id) == []


def test_import_without_a_name_uses_a_default(repo):
    import_assessment(repo, None, demo_assessment())
    import_assessment(repo, "   ", neutral_assessment())  # a blank name is no name
    assert [p.name for p in repo.people.all()] == [DEFAULT_IMPORT_NAME]
    assert len(repo.snapshots.list(repo.people.by_name(DEFAULT_IMPORT_NAME).id)) == 1


def test_importing_the_same_file_twice_changes_nothing(repo):
    import_assessment(repo, "Sam", rich())
    sam = repo.people.by_name("Sam")
    before = repo.db.execute("SELECT * FROM ratings ORDER BY factor_id").fetchall()
    message = import_assessment(repo, "sam", rich())  # same person, whatever the case
    assert "nothing changed" in message
    assert repo.snapshots.list(sam.id) == []
    assert len(repo.people.all()) == 1
    assert repo.db.execute("SELECT * FROM ratings ORDER BY factor_id").fetchall() == before


def test_importing_a_different_assessment_keeps_the_old_one_as_a_snapshot(repo):
    sam = repo.create_person("Sam", rich())
    message = import_assessment(repo, "Sam", demo_assessment())
    assert "snapshot" in message
    assert state(repo.assessments.load(sam.id)) == state(demo_assessment())
    [kept] = repo.snapshots.list(sam.id)
    assert kept.label == "before import"
    assert state(repo.snapshots.load(kept.id)) == state(rich())
    assert kept.verdict is evaluate(rich()).verdict


def test_a_failed_import_changes_nothing(repo, monkeypatch):
    sam = repo.create_person("Sam", rich())

    def fail(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(repo.assessments, "save", fail)
    with pytest.raises(RuntimeError):
        import_assessment(repo, "Sam", demo_assessment())
    monkeypatch.undo()
    assert repo.snapshots.list(sam.id) == []  # no orphan "before import" snapshot
    assert state(repo.assessments.load(sam.id)) == state(rich())
    assert not repo.db.conn.in_transaction
