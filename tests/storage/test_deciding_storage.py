"""Deciding-well records in the database and in the person file: stored as made, brought back after a
delete, merged both ways by record id (newer wins, nothing doubled), refused in words when bad."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.deciding import (
    Experiment,
    FriendView,
    JournalEntry,
    OwnReason,
    PremortemItem,
    RejectedPath,
    edited,
)
from ses_decider.core.deciding_summary import DecidingRecords
from ses_decider.ops import run
from ses_decider.ops.people import bring_back, delete_person
from ses_decider.storage.errors import FormatError
from ses_decider.storage.person_file import parse_person_data
from tests.core.test_deciding_records import (
    experiments,
    friend_views,
    journal_entries,
    own_reasons,
    premortem_items,
)
from tests.helpers import export_person, import_person_data, neutral_assessment

OLD = "2026-01-01T09:00:00+00:00"
NEW = "2026-06-01T09:00:00+00:00"


def some_records() -> list:
    return [
        OwnReason("I want to shape how my agency works", "for", factor_id="influence"),
        OwnReason("My kids are in school here", "against", custom_factor_id="my_school"),
        PremortemItem(
            "ses", "Reassigned far from home", "relocation", "Ask about mobility", "2027-02-01"
        ),
        FriendView({"pay": 2.0, "stress": -3.5}, "2026-12-01", kept={"pay": "friend"}),
        Experiment("Shadow an executive", ("stress", "authority"), "2027-01-15", kind="shadow"),
        JournalEntry(
            "Apply this cycle",
            "2026-12-01",
            "2027-06-01",
            reasons="The mission pulls me",
            confidence=70,
            rejected=(RejectedPath("Stay a GS-15", "I would regret it"),),
        ),
    ]


@pytest.fixture
def person(repo):
    return repo.create_person("Dana", neutral_assessment())


def store_all(repo, person_id, records):
    for record in records:
        repo.deciding.put(person_id, record)


def test_records_come_back_as_stored_in_the_order_made(repo, person):
    records = some_records()
    store_all(repo, person.id, records)
    second = OwnReason("A second reason", "for")
    repo.deciding.put(person.id, second)
    got = repo.deciding.records(person.id)
    assert got.own_reasons == (records[0], records[1], second)
    assert got.premortem == (records[2],)
    assert got.friend_views == (records[3],)
    assert got.experiments == (records[4],)
    assert got.journal == (records[5],)


def test_an_edit_keeps_its_place_and_a_delete_removes_only_that_record(repo, person):
    records = some_records()
    store_all(repo, person.id, records)
    changed = edited(records[0], text="I want to change how my agency works")
    repo.deciding.put(person.id, changed)
    assert repo.deciding.records(person.id).own_reasons[0] == changed
    repo.deciding.delete(person.id, "own_reason", records[1].id)
    assert repo.deciding.records(person.id).own_reasons == (changed,)


def test_the_same_record_id_under_two_people_stays_two_records(repo, person):
    other = repo.create_person("Eli", neutral_assessment())
    reason = OwnReason("Pay", "for", factor_id="pay")
    repo.deciding.put(person.id, reason)
    repo.deciding.put(other.id, edited(reason, text="Pay, for Eli"))
    assert repo.deciding.records(person.id).own_reasons[0].text == "Pay"
    assert repo.deciding.records(other.id).own_reasons[0].text == "Pay, for Eli"


def test_deleting_a_person_removes_their_records_and_bring_back_restores_them(repo, person):
    store_all(repo, person.id, some_records())
    before = repo.deciding.records(person.id)
    deleted = run(repo, delete_person, person.id)
    assert repo.db.execute("SELECT count(*) FROM deciding_reasons").fetchone()[0] == 0
    run(repo, bring_back, deleted.value)
    assert repo.deciding.records(person.id) == before


# The person file -------------------------------------------------------------------------------
def test_a_person_file_carries_every_record_and_round_trips(repo, tmp_path, person):
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository

    store_all(repo, person.id, some_records())
    data = json.loads(json.dumps(export_person(repo, person.id)))
    assert set(data["deciding"]) == {
        "own_reasons",
        "premortem",
        "friend_views",
        "experiments",
        "journal",
    }
    db = open_database(tmp_path / "other.db")
    try:
        other = Repository(db)
        result = import_person_data(other, data)
        assert "6 deciding-well records" in result.message
        copy = other.people.by_uid(person.uid)
        assert other.deciding.records(copy.id) == repo.deciding.records(person.id)
        again = import_person_data(other, data)
        assert "deciding" not in again.message  # nothing doubled, nothing changed
        assert len(other.deciding.records(copy.id).own_reasons) == 2
    finally:
        db.close()


def test_a_person_without_records_leaves_the_part_out(repo, person):
    assert "deciding" not in export_person(repo, person.id)


def test_an_old_file_without_the_part_still_imports(repo, person):
    data = export_person(repo, person.id)
    data["version"] = 1
    data.pop("deciding", None)
    assert parse_person_data(data).parts == {}


@given(
    st.lists(own_reasons, max_size=3),
    st.lists(premortem_items, max_size=3),
    st.lists(friend_views(), max_size=2),
    st.lists(experiments, max_size=3),
    st.lists(journal_entries(), max_size=2),
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_records_survive_the_person_file(repo, reasons, premortem, views, trials, journal):
    person = repo.people.by_uid("deciding-roundtrip") or repo.create_person(
        "Round trip", neutral_assessment(), uid="deciding-roundtrip"
    )
    for kind in ("own_reason", "premortem", "friend_view", "experiment", "journal"):
        for record in repo.deciding.list(person.id, kind):
            repo.deciding.delete(person.id, kind, record.id)
    unique = [{r.id: r for r in group} for group in (reasons, premortem, views, trials, journal)]
    records = [r for group in unique for r in group.values()]
    store_all(repo, person.id, records)
    data = json.loads(json.dumps(export_person(repo, person.id)))
    parsed = parse_person_data(data).parts.get("deciding", DecidingRecords())
    assert parsed == repo.deciding.records(person.id)


# Merging both ways -----------------------------------------------------------------------------
@pytest.fixture
def two_copies(repo, tmp_path, person):
    """The same person in two databases (mentee and mentor), each with their own edits to come."""
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository

    db = open_database(tmp_path / "mentor.db")
    mentor = Repository(db)
    shared = OwnReason("The pay", "for", factor_id="pay", updated_at=OLD)
    repo.deciding.put(person.id, shared)
    import_person_data(mentor, export_person(repo, person.id))
    yield repo, person.id, mentor, mentor.people.by_uid(person.uid).id, shared
    db.close()


def test_merging_both_ways_newer_edit_wins_and_nothing_is_doubled(two_copies):
    mine, my_id, theirs, their_id, shared = two_copies
    mine.deciding.put(my_id, edited(shared, text="The pay, after tax", updated_at=NEW))
    mine.deciding.put(my_id, PremortemItem("stay", "Bored by year two", "creativity"))
    theirs.deciding.put(their_id, edited(shared, text="Pay (older edit)", updated_at=OLD))
    theirs.deciding.put(their_id, Experiment("Talk to an SES member", ("stress",), "2027-01-10"))

    import_person_data(theirs, export_person(mine, my_id))
    import_person_data(mine, export_person(theirs, their_id))
    for repo, pid in ((mine, my_id), (theirs, their_id)):
        records = repo.deciding.records(pid)
        assert [r.text for r in records.own_reasons] == ["The pay, after tax"]
        assert [p.text for p in records.premortem] == ["Bored by year two"]
        assert [e.title for e in records.experiments] == ["Talk to an SES member"]
    assert mine.deciding.records(my_id) == theirs.deciding.records(their_id)


def test_an_older_copy_of_a_record_does_not_roll_back_a_newer_one(two_copies):
    mine, my_id, theirs, their_id, shared = two_copies
    theirs.deciding.put(their_id, edited(shared, text="Newer on the mentor's side", updated_at=NEW))
    stale = export_person(mine, my_id)  # still holds the OLD copy
    import_person_data(theirs, stale)
    assert theirs.deciding.records(their_id).own_reasons[0].text == "Newer on the mentor's side"


def test_records_never_cross_to_another_person(repo, person):
    other = repo.create_person("Dana", neutral_assessment())  # a namesake, another uid
    repo.deciding.put(person.id, OwnReason("Mine only", "for"))
    import_person_data(repo, export_person(repo, person.id))
    assert repo.deciding.records(other.id).empty


# Bad files -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["own_reasons"][0].update(side="maybe"), "deciding.own_reasons[0].side"),
        (lambda d: d["journal"][0].update(confidence=140), "deciding.journal[0].confidence"),
        (lambda d: d["experiments"][0].update(due="2027-02-31"), "deciding.experiments[0]"),
        (lambda d: d["own_reasons"].append(dict(d["own_reasons"][0])), "appears more than once"),
        (lambda d: d["premortem"][0].update(text="\ud800"), "deciding.premortem[0].text"),
        (lambda d: d.update(surprise=[]), "deciding"),
    ],
)
def test_a_bad_part_is_refused_naming_the_field(repo, person, change, words):
    store_all(repo, person.id, some_records())
    data = json.loads(json.dumps(export_person(repo, person.id)))
    change(data["deciding"])
    with pytest.raises(FormatError) as caught:
        parse_person_data(data)
    assert words in str(caught.value)
    assert str(caught.value).startswith("field ")


def test_a_bad_part_changes_nothing_in_the_database(repo, person):
    store_all(repo, person.id, some_records())
    data = json.loads(json.dumps(export_person(repo, person.id)))
    data["deciding"]["own_reasons"][0]["text"] = "Changed in the file"
    data["deciding"]["own_reasons"][0]["updated_at"] = "2999-01-01T00:00:00+00:00"
    data["deciding"]["journal"][0]["review_on"] = "2000-01-01"  # before the decision
    with pytest.raises(FormatError, match="review date"):
        import_person_data(repo, data)
    assert repo.deciding.records(person.id).own_reasons[0].text.startswith("I want to shape")
