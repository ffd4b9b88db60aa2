"""A long person file is checked once, each distinct value once: a bad value still says where it
is, wherever it hides among good copies of itself, and what is stored is what one import at a time
would store."""

from __future__ import annotations

import copy

import pytest

from ses_decider.core.content import demo_assessment
from ses_decider.core.readiness import axes
from ses_decider.core.scoring import evaluate
from ses_decider.storage.bodies import BodyReader, assessment_body
from ses_decider.storage.exchange import FormatError, validate
from ses_decider.storage.person_file import parse_person_data, person_to_data
from ses_decider.storage.snapshots import NewSnapshot
from tests.helpers import import_person_data


@pytest.fixture
def long_file(repo):
    """A person file with 60 snapshots, most of their factor items alike."""
    person = repo.create_person("Alex", demo_assessment())
    data = person_to_data(repo, person.id)
    body = assessment_body(demo_assessment())
    data["snapshots"] = [
        {"uid": f"snapshot{n:04d}", "taken_at": f"2025-01-01T{n % 24:02d}:00:00", "label": ""}
        | copy.deepcopy(body)
        for n in range(60)
    ]
    return data


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (11, "snapshots[47].factors[3].weight"),  # out of range, after 47 good copies
        (True, "snapshots[47].factors[3].weight"),  # true is not the number 1
        ("7", "snapshots[47].factors[3].weight"),
    ],
)
def test_a_bad_value_among_good_copies_is_found_where_it_is(long_file, bad, field):
    long_file["snapshots"][47]["factors"][3]["weight"] = bad
    with pytest.raises(FormatError) as caught:
        validate(long_file, "person.schema.json")
    assert str(caught.value).startswith(f"field {field}:"), caught.value


def test_one_and_one_point_oh_are_the_same_good_number(long_file):
    long_file["snapshots"][10]["factors"][3]["weight"] = 7.0
    long_file["snapshots"][11]["factors"][3]["weight"] = 7
    validate(long_file, "person.schema.json")


def test_nothing_is_remembered_from_one_file_to_the_next(long_file):
    validate(long_file, "person.schema.json")
    long_file["current"]["factors"][0]["lean"] = 9
    with pytest.raises(FormatError, match=r"field current\.factors\[0\]\.lean"):
        validate(long_file, "person.schema.json")


def test_the_same_bad_value_twice_names_the_first(long_file):
    for n in (20, 40):
        long_file["snapshots"][n]["factors"][2]["id"] = "not_a_factor"
    with pytest.raises(FormatError, match=r"field snapshots\[20\]\.factors\[2\]\.id"):
        parse_person_data(long_file)


def test_a_duplicate_factor_in_one_snapshot_is_named_even_when_its_item_was_seen(long_file):
    long_file["snapshots"][33]["factors"].append(long_file["snapshots"][33]["factors"][0])
    with pytest.raises(FormatError, match=r"field snapshots\[33\]\.factors\[14\]\.id.*more than"):
        parse_person_data(long_file)


def test_every_body_read_is_what_the_assessment_writes_and_owns_its_ratings(long_file):
    parsed = parse_person_data(long_file)
    for snap in parsed.snapshots:
        assert snap.body == assessment_body(snap.assessment)
    first, second = parsed.snapshots[0].assessment, parsed.snapshots[1].assessment
    first.ratings["pay"].lean = -5  # one snapshot's rating is its own
    assert second.ratings["pay"].lean == 1
    assert first.readiness is None or first.readiness is not second.readiness


def test_a_reader_builds_each_distinct_item_once_and_still_reads_each_body_whole():
    reader = BodyReader()
    body = assessment_body(demo_assessment())
    a, _ = reader.read(copy.deepcopy(body))
    body["factors"][4]["lean"] = -4
    b, written = reader.read(body)
    assert a.ratings["pay"].lean == 1 and b.ratings["pay"].lean == -4
    assert written == assessment_body(b)


def test_snapshots_added_at_once_carry_the_same_columns_as_one_at_a_time(repo):
    person = repo.create_person("Pat", demo_assessment())
    from ses_decider.core.model import ReadinessState

    variants = []
    for lean in (-5.0, 0.0, 3.0, 3.0):  # two alike: computed once, stored twice
        a = demo_assessment()
        a.ratings["pay"].lean = lean
        variants.append(a)
    variants[1].fit = {"management_track": 3}
    variants[2].readiness = ReadinessState(facts={"performance_record": 4})
    added = repo.snapshots.add_many(
        person.id,
        [NewSnapshot(a, f"v{i}", taken_at=f"2025-0{i + 1}-01") for i, a in enumerate(variants)],
    )
    assert [s.label for s in repo.snapshots.list(person.id)] == ["v0", "v1", "v2", "v3"]
    for snap, a in zip(added, variants, strict=True):
        evaluation = evaluate(a)
        found = axes(a, evaluation)
        assert (snap.score, snap.verdict, snap.want, snap.ready) == (
            evaluation.score,
            evaluation.verdict,
            found.want,
            found.ready,
        )
        assert repo.snapshots.get(snap.id) == snap
        assert repo.snapshots.body(snap.id) == assessment_body(a)


def test_a_long_file_imports_each_snapshot_once(repo, long_file):
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository

    other = Repository(open_database(repo.db.execute("PRAGMA database_list").fetchone()[2] + "-2"))
    try:
        result = import_person_data(other, long_file)
        assert "60 new snapshot(s)" in result.message
        assert other.snapshots.count(result.value.id) == 60
        assert "already has everything" in import_person_data(other, long_file).message
    finally:
        other.db.close()


def test_every_import_backs_up_first_and_none_goes_ahead_without_it(repo, long_file, tmp_path):
    from ses_decider.ops import run
    from ses_decider.ops.imports import apply_import, backup_before_import
    from ses_decider.storage.backups import list_backups, reason_of
    from ses_decider.storage.db import open_database
    from ses_decider.storage.problems import StorageProblem
    from ses_decider.storage.repository import Repository

    folder = tmp_path / "mentor"
    mentor = Repository(open_database(folder / "ses-decider.db"))
    try:
        assert backup_before_import(mentor) is None  # nobody yet: nothing to lose
        run(mentor, apply_import, parse_person_data(long_file))
        assert list_backups(folder) == []
        mentor.create_person("Someone else", demo_assessment())
        run(mentor, apply_import, parse_person_data(long_file))
        assert [reason_of(p) for p in list_backups(folder)] == ["before-import"]
        for p in list_backups(folder):
            p.unlink()
        (folder / "backups").rmdir()
        (folder / "backups").write_text("not a folder", encoding="utf-8")
        long_file["uid"] = "another0person"
        long_file["snapshots"] = []
        with pytest.raises(StorageProblem, match="No backup could be made.*nothing was imported"):
            run(mentor, apply_import, parse_person_data(long_file))
        assert mentor.people.by_uid("another0person") is None
    finally:
        mentor.db.close()
