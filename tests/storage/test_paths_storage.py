"""Other paths beside the SES, stored and carried in every file: round trips and old files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.model import CareerPath, Rating
from ses_decider.core.paths import evaluate_path
from ses_decider.core.records import MENTOR
from ses_decider.core.scoring import evaluate
from ses_decider.ops import run
from ses_decider.ops.history import restore_snapshot
from ses_decider.ops.people import delete_person
from ses_decider.storage.bodies import assessment_body, assessment_from_body
from ses_decider.storage.db import open_database
from ses_decider.storage.exchange import (
    assessment_from_data,
    assessment_to_data,
    load_assessment_file,
    validate,
)
from ses_decider.storage.person_file import parse_person_data
from ses_decider.storage.repository import Repository
from tests.helpers import STABLE_FACTOR_IDS, export_person, import_person_data, neutral_assessment

DATA = Path(__file__).parents[1] / "data"


def with_paths():
    """The SES rated on the stable factors, and two other paths rated on some of them."""
    a = neutral_assessment()
    a.ratings["pay"] = Rating(7.0, -1.5, dealbreaker=True)
    a.paths = [
        CareerPath("sl_st", "Senior Level", {"pay": 2.5, "stress": 1.0}, {"relocation"}, "sl_st"),
        CareerPath("own", "Teach \U0001f4da", {"pay": -4.0, "mission": 3.25}, set(), "own"),
    ]
    return a


def paths_of(a):
    return [(p.id, p.title, p.kind, p.leans, p.dealbreakers) for p in a.paths]


path_ids = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True).filter(
    lambda s: s not in ("stay", "ses")
)
titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda s: s.strip()
)
leans = st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 3))
factor_ids = st.sampled_from(STABLE_FACTOR_IDS)


@st.composite
def some_paths(draw):
    ids = draw(st.lists(path_ids, unique=True, max_size=4))
    return [
        CareerPath(
            path_id,
            " ".join(draw(titles).split()),
            draw(st.dictionaries(factor_ids, leans, max_size=6)),
            draw(st.sets(factor_ids, max_size=3)),
            draw(st.sampled_from(["own", "sl_st", "private_sector", "ses_other_agency"])),
        )
        for path_id in ids
    ]


# The database ----------------------------------------------------------------------------------
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(some_paths())
def test_paths_round_trip_through_the_database(repo, paths):
    a = neutral_assessment()
    a.paths = paths
    person = repo.create_person("Alex", a)
    back = repo.assessments.load(person.id)
    assert paths_of(back) == paths_of(a)
    for path in a.paths:
        assert evaluate_path(back, back.path(path.id)) == evaluate_path(a, path)
    run(repo, delete_person, person.id)


def test_no_paths_store_no_rows_and_load_as_an_empty_list(repo):
    person = repo.create_person("Alex", neutral_assessment())
    assert repo.assessments.load(person.id).paths == []
    assert repo.db.execute("SELECT count(*) FROM paths").fetchone()[0] == 0


def test_a_lean_for_a_removed_factor_is_not_stored(repo):
    a = with_paths()
    a.paths[0].leans["gone_factor"] = 2.0  # its custom factor was removed on screen
    person = repo.create_person("Alex", a)
    assert "gone_factor" not in repo.assessments.load(person.id).paths[0].leans


def test_paths_go_with_their_assessment_and_come_back_with_the_person(repo):
    person = repo.create_person("Alex", with_paths())
    repo.assessments.save(person.id, with_paths(), MENTOR)
    repo.assessments.delete(person.id, MENTOR)  # cascade: the mentor's paths go with the view
    count = "SELECT count(*) FROM {}"
    assert repo.db.execute(count.format("paths")).fetchone()[0] == 2
    assert repo.db.execute(count.format("path_ratings")).fetchone()[0] == 5
    deleted = run(repo, delete_person, person.id)
    assert repo.db.execute(count.format("paths")).fetchone()[0] == 0
    assert repo.db.execute(count.format("path_ratings")).fetchone()[0] == 0
    run(repo, deleted.undo)  # bring back: every row as it was
    assert paths_of(repo.assessments.load(person.id)) == paths_of(with_paths())


def test_an_older_database_gains_the_paths_tables(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    db = open_database(path)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE path_ratings")
    conn.execute("DROP TABLE paths")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_paths'")
    conn.commit()
    conn.close()
    repo = Repository(open_database(path))
    try:
        person = repo.create_person("Alex", with_paths())
        assert paths_of(repo.assessments.load(person.id)) == paths_of(with_paths())
    finally:
        repo.db.close()


# Bodies and snapshots --------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(some_paths())
def test_paths_round_trip_through_a_body(paths):
    a = neutral_assessment()
    a.paths = paths
    body = assessment_body(a)
    assert ("paths" in body) is bool(paths)
    back = assessment_from_body(json.loads(json.dumps(body)))
    assert paths_of(back) == paths_of(a)
    assert assessment_body(back) == body


def test_a_body_without_paths_is_exactly_what_it_was():
    body = assessment_body(neutral_assessment())
    assert "paths" not in body
    assert set(body) == {
        "thresholds", "gut_before", "gut_after", "method", "factors", "hidden"
    }  # fmt: skip


def test_snapshots_carry_the_paths_and_restore_brings_them_back(repo):
    person = repo.create_person("Alex", with_paths())
    snapshot = repo.snapshots.take(person.id, with_paths(), "with two paths")
    repo.assessments.save(person.id, neutral_assessment())
    assert repo.assessments.load(person.id).paths == []
    assert paths_of(repo.snapshots.load(snapshot.id)) == paths_of(with_paths())
    run(repo, restore_snapshot, person.id, snapshot.id)
    assert paths_of(repo.assessments.load(person.id)) == paths_of(with_paths())


# The assessment file -----------------------------------------------------------------------------
def test_an_assessment_file_with_paths_is_version_2_and_round_trips():
    a = with_paths()
    a.ratings["stress"].lean = None  # rated for Senior Level only: written with a null lean
    data = assessment_to_data(a, "Alex")
    validate(data, "assessment.schema.json")
    assert data["version"] == 2
    stress = next(item for item in data["factors"] if item["id"] == "stress")
    assert stress["lean"] is None and stress["weight"] == 5
    _, back = assessment_from_data(json.loads(json.dumps(data)))
    assert paths_of(back) == paths_of(a)
    assert evaluate(back) == evaluate(a)
    for path in a.paths:
        assert evaluate_path(back, back.path(path.id)) == evaluate_path(a, path)


def test_an_assessment_file_leaves_out_leans_of_factors_it_does_not_hold():
    a = with_paths()
    a.hidden.add("mission")  # hidden: not in the file, so no path may name it there
    data = assessment_to_data(a)
    assert "mission" not in [item["id"] for item in data["factors"]]
    assert data["paths"][1]["leans"] == {"pay": -4}
    assessment_from_data(data)


@settings(max_examples=40, deadline=None)
@given(some_paths())
def test_assessment_files_round_trip_with_any_paths(paths):
    a = neutral_assessment()
    a.paths = paths
    data = json.loads(json.dumps(assessment_to_data(a, "Alex")))
    assert data["version"] == (2 if paths else 1)
    _, back = assessment_from_data(data)
    assert paths_of(back) == paths_of(a)


@pytest.mark.parametrize("name", ["good.json", "custom.json", "zero.json", "dealbreaker.json"])
def test_a_version_1_file_imports_unchanged_and_is_written_back_as_version_1(name):
    original = json.loads((DATA / name).read_text(encoding="utf-8"))
    _, assessment = load_assessment_file(DATA / name)
    assert assessment.paths == []
    again = assessment_to_data(assessment, original.get("person"))
    assert again["version"] == 1 and "paths" not in again
    for key in ("exported_at",):
        again.pop(key, None)
        original.pop(key, None)
    _, back = assessment_from_data(again)
    assert evaluate(back) == evaluate(assessment)


# The person file ---------------------------------------------------------------------------------
def test_a_person_file_carries_paths_in_the_current_view_the_mentor_and_snapshots(repo, tmp_path):
    person = repo.create_person("Alex", with_paths())
    mentor = with_paths()
    mentor.paths = mentor.paths[:1]
    repo.assessments.save(person.id, mentor, MENTOR)
    repo.snapshots.take(person.id, with_paths(), "before the detail")
    data = export_person(repo, person.id)
    validate(data, "person.schema.json")
    assert data["version"] == 2
    assert [p["id"] for p in data["current"]["paths"]] == ["sl_st", "own"]
    assert [p["id"] for p in data["mentor"]["paths"]] == ["sl_st"]
    assert data["snapshots"][0]["paths"][1]["title"] == "Teach \U0001f4da"
    parsed = parse_person_data(json.loads(json.dumps(data)))
    assert paths_of(parsed.current) == paths_of(with_paths())
    other = Repository(open_database(tmp_path / "other.db"))
    try:
        import_person_data(other, data)
        mine = other.people.by_uid(person.uid).id
        assert paths_of(other.assessments.load(mine)) == paths_of(with_paths())
        assert paths_of(other.assessments.load(mine, MENTOR)) == paths_of(mentor)
        assert export_person(other, mine)["snapshots"][0]["paths"] == data["snapshots"][0]["paths"]
    finally:
        other.db.close()


def test_a_person_file_with_a_path_naming_an_unknown_factor_is_refused(repo):
    from ses_decider.storage.errors import FormatError

    data = export_person(repo, repo.create_person("Alex", with_paths()).id)
    data["current"]["paths"][0]["leans"]["salary"] = 1
    with pytest.raises(FormatError, match=r"current\.paths\[0\]\.leans\.salary"):
        parse_person_data(data)
