"""Fit answers and the readiness roadmap: stored with the assessment, exported, imported, migrated."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from ses_decider.core.content import demo_assessment
from ses_decider.core.model import Assessment, EcqRating, PlanItem, ReadinessState
from ses_decider.core.readiness import axes
from ses_decider.storage.backups import list_backups
from ses_decider.storage.db import migrations, open_database
from ses_decider.storage.exchange import (
    FormatError,
    assessment_from_data,
    assessment_to_data,
    load_assessment_file,
    parse_json_text,
)
from ses_decider.storage.repository import MENTOR, Repository
from tests.helpers import import_assessment_as as import_assessment
from tests.helpers import neutral_assessment

DATA = Path(__file__).resolve().parent.parent / "data"
NEW_TABLES = ("fit_answers", "readiness", "readiness_facts", "ecq_ratings", "plan_items")


def with_roadmap(assessment: Assessment | None = None) -> Assessment:
    """Fit answers, facts of every kind, ratings in both ECQ sets, and a plan with tricky text."""
    a = assessment or demo_assessment()
    a.fit = {"management_track": 3, "more_time": 1.5, "ability_to_move": 0}
    a.readiness = ReadinessState(
        facts={
            "positions_held": 4.0,
            "details_done": 1.0,
            "years_gs14_15": 6.5,
            "willing_to_relocate": 1.0,
            "washington_tour": 0.0,
        },
        ecq_set="classic_2006",
        ecq={
            "leading_people": EcqRating(
                3, "Merged two branches; 'quotes' & <b>tags</b> \U0001f680"
            ),
            "business_acumen": EcqRating(None, ""),
            "leading_change": EcqRating(0, "'); DROP TABLE plan_items;--\nsecond line"),
        },
        plan=[
            PlanItem("item:details_done", "Detail to OMB", "item:details_done", "2027-03-01"),
            PlanItem("own:abc123", "Find a mentor \u2014 ask Dana", None, None, True),
            PlanItem("ecq:leading_change", "", "ecq:leading_change"),
        ],
    )
    return a


def count(repo: Repository, table: str) -> int:
    return repo.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def round_trip(assessment: Assessment) -> Assessment:
    text = json.dumps(assessment_to_data(assessment), ensure_ascii=False, allow_nan=False)
    return assessment_from_data(parse_json_text(text))[1]


# Repository --------------------------------------------------------------------------------------
def test_fit_and_readiness_survive_a_save_and_load(repo):
    original = with_roadmap()
    alex = repo.create_person("Alex", original)
    loaded = repo.assessments.load(alex.id)
    assert loaded.fit == original.fit
    assert loaded.readiness == original.readiness
    assert list(loaded.readiness.facts) == list(original.readiness.facts)  # order kept
    assert [p.id for p in loaded.readiness.plan] == [p.id for p in original.readiness.plan]
    assert axes(loaded) == axes(original)


def test_an_assessment_without_them_loads_without_them(repo):
    alex = repo.create_person("Alex", neutral_assessment())
    loaded = repo.assessments.load(alex.id)
    assert loaded.fit == {} and loaded.readiness is None
    assert all(count(repo, t) == 0 for t in NEW_TABLES)


def test_saving_replaces_and_can_clear(repo):
    alex = repo.create_person("Alex", with_roadmap())
    changed = repo.assessments.load(alex.id)
    changed.fit["people_centric"] = 4
    changed.readiness.plan[0].done = True
    changed.readiness.ecq.pop("leading_change")
    repo.assessments.save(alex.id, changed)
    again = repo.assessments.load(alex.id)
    assert again.fit == changed.fit and again.readiness == changed.readiness
    again.fit = {}
    again.readiness = None
    repo.assessments.save(alex.id, again)
    cleared = repo.assessments.load(alex.id)
    assert cleared.fit == {} and cleared.readiness is None
    assert all(count(repo, t) == 0 for t in NEW_TABLES)


def test_a_failed_save_changes_nothing(repo):
    alex = repo.create_person("Alex", with_roadmap())
    before = repo.assessments.load(alex.id)
    broken = before.copy()
    broken.ratings["pay"].weight = 1.0  # would be saved first...
    broken.readiness.facts["details_done"] = -1.0  # ...but this row breaks a CHECK
    with pytest.raises(sqlite3.IntegrityError):
        repo.assessments.save(alex.id, broken)
    after = repo.assessments.load(alex.id)
    assert after.ratings["pay"].weight == before.ratings["pay"].weight
    assert after.readiness == before.readiness and after.fit == before.fit


def test_self_and_mentor_views_keep_their_own_roadmaps(repo):
    alex = repo.create_person("Alex", with_roadmap())
    mentor_view = neutral_assessment()
    mentor_view.fit = {"conflict_tolerance": 4}
    repo.assessments.save(alex.id, mentor_view, role=MENTOR)
    assert repo.assessments.load(alex.id, MENTOR).fit == {"conflict_tolerance": 4}
    assert repo.assessments.load(alex.id, MENTOR).readiness is None
    assert repo.assessments.load(alex.id).readiness == with_roadmap().readiness


def test_deleting_a_person_removes_their_roadmap(repo):
    alex = repo.create_person("Alex", with_roadmap())
    sam = repo.create_person("Sam", with_roadmap())
    repo.people.delete(alex.id)
    assert repo.assessments.load(sam.id).readiness == with_roadmap().readiness
    repo.people.delete(sam.id)
    assert all(count(repo, t) == 0 for t in NEW_TABLES)


def test_snapshots_keep_the_roadmap_and_the_axes(repo):
    a = with_roadmap()
    alex = repo.create_person("Alex", a)
    plain = repo.snapshots.take(alex.id, neutral_assessment(), "no roadmap yet")
    first = repo.snapshots.take(alex.id, a, "first", taken_at="2026-01-01T00:00:00+00:00")
    b = a.copy()
    b.readiness.facts["details_done"] = 2.0
    second = repo.snapshots.take(alex.id, b, "after detail", taken_at="2026-06-01T00:00:00+00:00")
    history = [p for p in repo.snapshots.list(alex.id) if p.ready is not None]
    assert [p.id for p in history] == [first.id, second.id]  # no point without readiness
    assert [p.label for p in history] == ["first", "after detail"]
    assert history[0].want == pytest.approx(axes(a).want)
    assert history[1].ready > history[0].ready
    restored = repo.snapshots.load(second.id)
    assert restored.readiness == b.readiness and restored.fit == b.fit
    assert repo.snapshots.load(plain.id).readiness is None


def test_an_import_with_a_roadmap_is_stored(repo):
    a = with_roadmap()
    import_assessment(repo, "Pat", round_trip(a))
    pat = repo.people.by_name("Pat")
    assert repo.assessments.load(pat.id).readiness == a.readiness
    assert "nothing changed" in import_assessment(repo, "Pat", round_trip(a))
    b = a.copy()
    b.fit["more_time"] = 4
    assert "snapshot" in import_assessment(repo, "Pat", b)  # a fit change is a change
    assert repo.assessments.load(pat.id).fit["more_time"] == 4


def test_an_older_database_is_migrated_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m002_fit_and_readiness")
    old.execute(
        "INSERT INTO people (id, uid, name, created_at) VALUES (1, 'u1', 'Alex', '2025-01-01')"
    )
    old.execute("INSERT INTO assessments (id, person_id, updated_at) VALUES (1, 1, '2025-01-01')")
    old.execute(
        """INSERT INTO ratings (assessment_id, factor_id, position, weight, lean)
           VALUES (1, 'mission', 0, 8, 4)"""
    )
    snapshot = json.dumps(assessment_to_data(neutral_assessment()))
    old.execute(
        """INSERT INTO snapshots (uid, person_id, taken_at, label, score, verdict, data)
           VALUES ('s1', 1, '2025-02-01', 'old', 50, 'CLOSE CALL', ?)""",
        [snapshot],
    )
    old.conn.commit()
    old.close()
    db = open_database(path)
    try:
        repo = Repository(db)
        loaded = repo.assessments.load(1)
        assert loaded.ratings["mission"].weight == 8 and loaded.readiness is None
        assert [s.label for s in repo.snapshots.list(1)] == ["old"]
        assert [s.ready for s in repo.snapshots.list(1)] == [None]
        assert repo.snapshots.load(repo.snapshots.list(1)[0].id).fit == {}
        loaded.readiness = with_roadmap().readiness
        repo.assessments.save(1, loaded)
        assert repo.assessments.load(1).readiness == loaded.readiness
    finally:
        db.close()
    assert len(list_backups(tmp_path)) == 1  # backed up before migrating


# Interchange format ------------------------------------------------------------------------------
def test_json_round_trip_is_lossless():
    a = with_roadmap()
    back = round_trip(a)
    assert back.fit == a.fit and back.readiness == a.readiness
    data = assessment_to_data(a)
    assert data["version"] == 1
    assert data["readiness"]["facts"]["willing_to_relocate"] is True  # yes/no as JSON booleans
    assert data["readiness"]["facts"]["washington_tour"] is False
    assert data["readiness"]["facts"]["positions_held"] == 4  # whole numbers stay whole
    assert data["fit"] == {"management_track": 3, "more_time": 1.5, "ability_to_move": 0}


def test_files_without_the_new_sections_stay_valid_and_unchanged():
    for name in ("good.json", "custom.json", "zero.json", "dealbreaker.json"):
        _, a = load_assessment_file(DATA / name)
        assert a.fit == {} and a.readiness is None
        data = assessment_to_data(a)
        assert "fit" not in data and "readiness" not in data


def test_an_empty_readiness_section_means_started_with_nothing_entered():
    data = assessment_to_data(neutral_assessment())
    data["readiness"] = {}
    a = assessment_from_data(data)[1]
    assert a.readiness == ReadinessState(ecq_set="opm_2025")
    assert axes(a).ready == 0.0


def base() -> dict:
    return assessment_to_data(with_roadmap())


def bad(change) -> dict:
    data = base()
    change(data)
    return data


BAD_SECTIONS = {
    "fit_unknown": (lambda d: d["fit"].update(charisma=3), "fit.charisma"),
    "fit_over_4": (lambda d: d["fit"].update(more_time=5), "fit.more_time"),
    "fit_string": (lambda d: d["fit"].update(more_time="3"), "fit.more_time"),
    "fit_bool": (lambda d: d["fit"].update(more_time=True), "fit.more_time"),
    "fit_list": (lambda d: d.update(fit=[1, 2]), "fit"),
    "fact_unknown": (lambda d: d["readiness"]["facts"].update(iq=3), "readiness.facts.iq"),
    "fact_negative": (
        lambda d: d["readiness"]["facts"].update(details_done=-1),
        "readiness.facts.details_done",
    ),
    "yesno_two": (
        lambda d: d["readiness"]["facts"].update(coach_or_mentor=2),
        "readiness.facts.coach_or_mentor",
    ),
    "scale_over_max": (
        lambda d: d["readiness"]["facts"].update(performance_record=7),
        "readiness.facts.performance_record",
    ),
    "ecq_set_unknown": (lambda d: d["readiness"].update(ecq_set="ecq_2031"), "ecq_set"),
    "ecq_unknown": (
        lambda d: d["readiness"]["ecq"].update(charm={"rating": 2}),
        "readiness.ecq.charm",
    ),
    "ecq_rating_5": (
        lambda d: d["readiness"]["ecq"]["leading_people"].update(rating=5),
        "readiness.ecq.leading_people.rating",
    ),
    "ecq_rating_half": (
        lambda d: d["readiness"]["ecq"]["leading_people"].update(rating=2.5),
        "readiness.ecq.leading_people.rating",
    ),
    "example_surrogate": (
        lambda d: d["readiness"]["ecq"]["leading_people"].update(example="\ud800"),
        "readiness.ecq.leading_people.example",
    ),
    "plan_bad_date": (
        lambda d: d["readiness"]["plan"][0].update(target_date="2027-02-30"),
        "readiness.plan[0].target_date",
    ),
    "plan_duplicate": (
        lambda d: d["readiness"]["plan"].append(dict(d["readiness"]["plan"][0])),
        "readiness.plan[3].id",
    ),
    "plan_no_text": (lambda d: d["readiness"]["plan"][1].pop("text"), "text"),
    "plan_done_string": (
        lambda d: d["readiness"]["plan"][1].update(done="yes"),
        "readiness.plan[1].done",
    ),
    "readiness_extra": (lambda d: d["readiness"].update(notes="x"), "notes"),
}


@pytest.mark.parametrize("name", sorted(BAD_SECTIONS))
def test_bad_sections_get_one_line_naming_the_field(name):
    change, field = BAD_SECTIONS[name]
    with pytest.raises(FormatError) as info:
        assessment_from_data(bad(change))
    message = str(info.value)
    assert field in message, message
    assert "\n" not in message and len(message) < 250


def test_m004_lets_names_repeat_keeps_everything_and_clears_impossible_dates(tmp_path):
    path = tmp_path / "before-m004.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m004_identity_and_not_rated")
    old.execute(
        "INSERT INTO people (id, uid, name, created_at, review_on)"
        " VALUES (1, 'u1', 'Alex', '2025-01-01', '2026-02-30')"
    )
    old.execute("INSERT INTO assessments (id, person_id, updated_at) VALUES (1, 1, '2025-01-01')")
    old.execute(
        """INSERT INTO ratings (assessment_id, factor_id, position, weight, lean)
           VALUES (1, 'mission', 0, 8, 4)"""
    )
    old.execute("INSERT INTO readiness (assessment_id, ecq_set) VALUES (1, 'opm_2025')")
    old.execute(
        """INSERT INTO plan_items (assessment_id, item_id, position, text, target_date)
           VALUES (1, 'mine', 0, 'A detail', '2026-02-31'), (1, 'ok', 1, 'Ask', '2026-03-01')"""
    )
    old.conn.commit()
    old.close()
    db = open_database(path)
    try:
        repo = Repository(db)
        loaded = repo.assessments.load(1)
        assert loaded.ratings["mission"].weight == 8
        assert [(p.id, p.target_date) for p in loaded.readiness.plan] == [
            ("mine", None),
            ("ok", "2026-03-01"),
        ]
        assert repo.people.get(1).review_on is None
        twin = repo.create_person("Alex", loaded)  # names may repeat now
        assert twin.id != 1 and len(repo.people.named("alex")) == 2
        loaded.ratings["pay"].weight = None  # and "not rated" can be stored
        repo.assessments.save(1, loaded)
        assert repo.assessments.load(1).ratings["pay"].weight is None
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
