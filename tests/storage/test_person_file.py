"""The person file: exact round trips, idempotent and all-or-nothing imports, clear errors."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.content import demo_assessment
from ses_decider.core.model import Certainty, Factor, Rating, Thresholds, Verdict
from ses_decider.core.records import BEFORE_IMPORT, Choice, Decision
from ses_decider.ops.imports import import_file
from ses_decider.resources import load_json
from ses_decider.storage.db import open_database
from ses_decider.storage.exchange import FormatError, write_json_atomically
from ses_decider.storage.person_file import PERSON_FORMAT, parse_person_data
from ses_decider.storage.repository import MENTOR, Repository
from tests.helpers import export_person, import_person_data, neutral_assessment

TABLES = ("people", "assessments", "ratings", "snapshots", "discussion_notes", "decisions")
NASTY = [
    "'); DROP TABLE people;--",
    '<script>alert("x")</script> & "quoted" \U0001f680\nsecond line\r\nthird',
    "nul \x00 inside, tab\t, backslash \\ and \u200f rtl",
]


def counts(repo) -> dict[str, int]:
    return {t: repo.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def rich(lean: float = -3.5):
    a = neutral_assessment()
    a.factors.insert(0, Factor("teaching", "Time to teach", "I teach", "No evenings", custom=True))
    a.ratings["teaching"] = Rating(4.5, -2.25, note=NASTY[0], certainty=Certainty.SURE)
    a.ratings["pay"] = Rating(7.25, lean, dealbreaker=True, note=NASTY[1])
    a.ratings["mission"] = Rating(9.0, 4.75, certainty=Certainty.NO_IDEA, note=NASTY[2])
    a.ratings["stress"] = Rating(8.0, 2.0, note="hidden but kept")
    a.hidden = {"stress"}
    a.thresholds = Thresholds(go=65.0, no_go=35.5)
    a.gut_before = Verdict.GO
    return a


def populated(repo) -> int:
    person = repo.create_person("Alex Rivera", rich())
    repo.assessments.save(person.id, rich(1.0), MENTOR)
    repo.snapshots.take(person.id, rich(-5), "before the detail", taken_at="2025-01-01T09:00:00")
    repo.snapshots.take(person.id, rich(0.1), "after talking to my spouse")
    for factor_id, text in zip(("pay", "mission", "teaching"), NASTY, strict=True):
        repo.notes.set(person.id, factor_id, text)
    repo.decisions.set(person.id, Decision(Choice.APPLIED, "2026-05-01", NASTY[1], "2026-11-01"))
    repo.people.set_review_on(person.id, "2027-05-01")
    return person.id


def fresh(tmp_path: Path, name: str) -> Repository:
    return Repository(open_database(tmp_path / f"{name}.db"))


def import_path(repo, path):
    """File > Import / `ses-decider import`: read and check the file, then one transaction."""
    return import_file(lambda: repo, path)


def test_the_export_is_valid_against_the_schema_and_round_trips_exactly(repo, tmp_path):
    person_id = populated(repo)
    data = export_person(repo, person_id)
    assert data["format"] == PERSON_FORMAT and data["version"] == 2
    assert load_json("person.schema.json")["$id"] == "ses-decider/person/2"
    path = tmp_path / "alex.json"
    write_json_atomically(path, data)
    other = fresh(tmp_path, "other")
    assert "new person" in import_path(other, path).message
    back = export_person(other, other.people.by_name("Alex Rivera").id)
    for d in (data, back):
        d.pop("exported_at")
    assert back == data
    current = other.assessments.load(other.people.by_name("Alex Rivera").id)
    assert current.ratings["pay"] == Rating(7.25, -3.5, True, NASTY[1])
    assert current.hidden == {"stress"} and current.ratings["stress"].weight == 8.0
    assert other.assessments.load(1, MENTOR).ratings["pay"].lean == 1.0
    assert counts(other) == counts(repo)


def test_not_rated_and_rated_zero_stay_apart_in_the_file(repo, tmp_path):
    a = neutral_assessment()
    a.ratings["pay"] = Rating()  # not rated
    a.ratings["mission"] = Rating(0.0, 0.0)  # rated: matters not at all, neutral
    person = repo.create_person("Pat", a)
    data = export_person(repo, person.id)
    items = {f["id"]: f for f in data["current"]["factors"]}
    assert (items["pay"]["weight"], items["pay"]["lean"]) == (None, None)
    assert (items["mission"]["weight"], items["mission"]["lean"]) == (0, 0)
    other = fresh(tmp_path, "other")
    import_person_data(other, data)
    back = other.assessments.load(other.people.by_uid(person.uid).id)
    assert not back.ratings["pay"].rated
    assert back.ratings["mission"] == Rating(0.0, 0.0)


def test_importing_the_same_file_twice_creates_nothing_new(repo, tmp_path):
    data = export_person(repo, populated(repo))
    other = fresh(tmp_path, "other")
    first = import_person_data(other, data)
    assert "new person with" not in first.message and "new person" in first.message
    assert "2 new snapshot(s)" in first.message
    after_first = counts(other)
    second = import_person_data(other, copy.deepcopy(data))
    assert not second.changes
    assert "nothing changed" in second.message
    assert counts(other) == after_first


def test_a_newer_file_adds_only_what_is_new(repo, tmp_path):
    person_id = populated(repo)
    other = fresh(tmp_path, "other")
    import_person_data(other, export_person(repo, person_id))
    before = counts(other)
    repo.snapshots.take(person_id, rich(2.5), "after the offer")
    repo.assessments.save(person_id, rich(3.0))
    newer = export_person(repo, person_id)
    outcome = import_person_data(other, newer)
    assert "1 new snapshot(s)" in outcome.message and "newer current" in outcome.message
    after = counts(other)
    # one new snapshot from the file, one keeping the replaced current assessment
    assert after["snapshots"] == before["snapshots"] + 2
    assert after["people"] == before["people"]
    mine = other.people.by_name("Alex Rivera")
    labels = [s.label for s in other.snapshots.list(mine.id)]
    assert labels.count(BEFORE_IMPORT) == 1 and "after the offer" in labels
    assert other.assessments.load(mine.id).ratings["pay"].lean == 3.0
    kept = [s for s in other.snapshots.list(mine.id) if s.label == BEFORE_IMPORT][0]
    assert other.snapshots.load(kept.id).ratings["pay"].lean == -3.5
    assert not import_person_data(other, newer).changes


# Identity is the uid ---------------------------------------------------------------------------
def test_two_people_with_one_name_are_never_merged(repo, tmp_path):
    other = fresh(tmp_path, "other")
    local = other.create_person("alex rivera", demo_assessment())
    before = other.assessments.load(local.id)
    outcome = import_person_data(other, export_person(repo, populated(repo)))
    assert "new person" in outcome.message and "different person called" in outcome.message
    assert outcome.value.id != local.id
    assert len(other.people.named("Alex Rivera")) == 2
    assert other.assessments.load(local.id) == before  # the local Alex is untouched
    assert other.snapshots.list(local.id) == []
    assert not import_person_data(other, export_person(repo, 1)).changes


def test_a_file_whose_uid_matches_updates_that_person_under_its_local_name(repo, tmp_path):
    person_id = populated(repo)
    other = fresh(tmp_path, "other")
    import_person_data(other, export_person(repo, person_id))
    mine = other.people.by_uid(repo.people.get(person_id).uid)
    other.people.rename(mine.id, "Alex (mentee)")
    repo.people.rename(person_id, "A. Rivera")
    repo.assessments.save(person_id, rich(4.0))
    outcome = import_person_data(other, export_person(repo, person_id))
    assert "Updated Alex (mentee)" in outcome.message and "calls them A. Rivera" in outcome.message
    assert other.people.get(mine.id).name == "Alex (mentee)"
    assert other.assessments.load(mine.id).ratings["pay"].lean == 4.0
    assert len(other.people.all()) == 1


# An older file never rolls back a newer one ------------------------------------------------------
def test_an_older_file_keeps_the_newer_current_but_adds_its_new_snapshots(repo, tmp_path):
    person_id = populated(repo)
    old_file = export_person(repo, person_id)
    other = fresh(tmp_path, "other")
    import_person_data(other, old_file)
    mine = other.people.by_uid(old_file["uid"])
    # the mentor's copy moves on (a newer file arrived), then the old file comes in late
    repo.assessments.save(person_id, rich(4.5))
    newer = export_person(repo, person_id)
    import_person_data(other, newer)
    late = copy.deepcopy(old_file)
    late["snapshots"].append(
        {
            **late["current"],
            "uid": "a" * 32,
            "taken_at": "2026-01-02T00:00:00",
            "label": "only in the old file",
        }
    )
    outcome = import_person_data(other, late)
    assert "older than what you have" in outcome.message
    assert other.assessments.load(mine.id).ratings["pay"].lean == 4.5
    labels = [s.label for s in other.snapshots.list(mine.id)]
    assert "only in the old file" in labels


def test_files_in_any_order_twice_give_the_latest_state_with_each_snapshot_once(tmp_path):
    # Three mentees, each sending two files over time; the mentor imports them shuffled, twice.
    import random

    mentees = [fresh(tmp_path, f"mentee{i}") for i in range(3)]
    files = []
    for i, mentee in enumerate(mentees):
        person = mentee.create_person(f"Mentee {i}", rich(-1.0))
        mentee.snapshots.take(person.id, rich(-1.0), "first")
        files.append(export_person(mentee, person.id))
        mentee.assessments.save(person.id, rich(2.0 + i))
        mentee.snapshots.take(person.id, rich(2.0 + i), "second")
        files.append(export_person(mentee, person.id))
    mentor = fresh(tmp_path, "mentor")
    order = files * 2
    random.Random(7).shuffle(order)
    for data in order:
        import_person_data(mentor, copy.deepcopy(data))
    assert len(mentor.people.all()) == 3
    for i, mentee in enumerate(mentees):
        theirs = mentee.people.all()[0]
        mine = mentor.people.by_uid(theirs.uid)
        assert mentor.assessments.load(mine.id).ratings["pay"].lean == 2.0 + i
        uids = [s.uid for s in mentor.snapshots.list(mine.id)]
        assert len(uids) == len(set(uids))
        assert {s.uid for s in mentee.snapshots.list(theirs.id)} <= set(uids)
        # content never doubled: no two snapshots hold the same assessment
        bodies = [
            json.dumps(mentor.snapshots.body(s.id), sort_keys=True)
            for s in mentor.snapshots.list(mine.id)
        ]
        assert len(bodies) == len(set(bodies))


def test_a_replaced_current_already_among_the_files_snapshots_is_not_copied_again(repo, tmp_path):
    person_id = populated(repo)
    other = fresh(tmp_path, "other")
    import_person_data(other, export_person(repo, person_id))
    mine = other.people.by_uid(repo.people.get(person_id).uid)
    before = len(other.snapshots.list(mine.id))
    # the mentee snapshots the current assessment, then moves on
    repo.snapshots.take(person_id, repo.assessments.load(person_id), "before moving on")
    repo.assessments.save(person_id, rich(4.0))
    import_person_data(other, export_person(repo, person_id))
    labels = [s.label for s in other.snapshots.list(mine.id)]
    assert len(labels) == before + 1
    assert BEFORE_IMPORT not in labels


def test_a_snapshot_uid_of_another_person_is_refused_with_a_clear_line(repo, tmp_path):
    person_id = populated(repo)
    data = export_person(repo, person_id)
    other = fresh(tmp_path, "other")
    sam = other.create_person("Sam", demo_assessment())
    taken = other.snapshots.take(sam.id, demo_assessment(), "Sam's own")
    data["snapshots"][0]["uid"] = taken.uid
    before = counts(other)
    with pytest.raises(FormatError, match="belongs to Sam"):
        import_person_data(other, data)
    assert counts(other) == before


def test_newer_notes_and_decision_win_older_do_not(repo, tmp_path):
    person_id = populated(repo)
    data = export_person(repo, person_id)
    other = fresh(tmp_path, "other")
    import_person_data(other, data)
    mine = other.people.by_name("Alex Rivera").id
    other.notes.set(mine, "pay", "edited here later")
    assert not import_person_data(other, data).changes  # the file's note is older
    assert other.notes.of(mine)["pay"].text == "edited here later"
    newer = copy.deepcopy(data)
    newer["notes"][0]["updated_at"] = "9999-01-01T00:00:00"
    newer["notes"][0]["text"] = "from the mentee"
    assert "1 note(s)" in import_person_data(other, newer).message
    assert other.notes.of(mine)[newer["notes"][0]["factor_id"]].text == "from the mentee"


def test_a_newer_app_s_file_is_refused_in_one_line(repo):
    data = export_person(repo, populated(repo))
    data["version"] = 3
    with pytest.raises(FormatError, match="newer version of SES Decider"):
        import_person_data(repo, data)


def test_a_version_1_file_still_imports(repo, tmp_path):
    data = export_person(repo, populated(repo))
    data["version"] = 1
    for section in [data["current"], data["mentor"], *data["snapshots"]]:
        section.pop("changed_at", None)
    other = fresh(tmp_path, "other")
    assert "new person" in import_person_data(other, data).message
    assert other.assessments.load(1).ratings["pay"].lean == -3.5


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format="ses-decider/other"), "format"),
        (lambda d: d.update(version=0), "version"),
        (lambda d: d.pop("uid"), "uid"),
        (lambda d: d["current"]["factors"][0].update(weight=11), "current.factors[0].weight"),
        (
            lambda d: d["snapshots"][1]["factors"][1].update(lean="x"),
            "snapshots[1].factors[1].lean",
        ),
        (lambda d: d["snapshots"][1].update(uid=d["snapshots"][0]["uid"]), "snapshots[1].uid"),
        (lambda d: d["snapshots"][0]["factors"][1].update(id="nope"), "snapshots[0].factors[1].id"),
        (lambda d: d["snapshots"][0].pop("taken_at"), "snapshots[0]"),
        (lambda d: d["current"].update(hidden=["nope"]), "current.hidden[0]"),
        (lambda d: d["mentor"].update(thresholds={"go": 10, "no_go": 90}), "mentor.thresholds"),
        (lambda d: d["notes"][0].update(text="\ud800"), "notes[0].text"),
        (lambda d: d["decision"].update(choice="maybe"), "decision.choice"),
        (lambda d: d.update(review_on="soon"), "review_on"),
        (lambda d: d.update(extra=1), "the top level"),
    ],
)
def test_bad_input_is_refused_whole_with_one_line_naming_the_field(repo, tmp_path, change, field):
    data = export_person(repo, populated(repo))
    change(data)
    other = fresh(tmp_path, "other")
    before = counts(other)
    with pytest.raises(FormatError) as caught:
        import_person_data(other, data)
    message = str(caught.value)
    assert "\n" not in message
    assert field in message, message
    assert counts(other) == before


def test_a_bad_snapshot_late_in_the_file_leaves_the_database_untouched(repo, tmp_path):
    person_id = populated(repo)
    data = export_person(repo, person_id)
    data["snapshots"][-1]["factors"][1]["id"] = "unknown_factor"
    before = counts(repo)
    with pytest.raises(FormatError):
        import_person_data(repo, data)
    assert counts(repo) == before


def test_parse_refuses_a_non_object():
    with pytest.raises(FormatError, match="JSON object"):
        parse_person_data([1, 2])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    note=st.text(max_size=300),
    shared=st.text(min_size=1, max_size=300),
    weight=st.floats(0, 10, allow_nan=False),
    lean=st.floats(-5, 5, allow_nan=False),
    label=st.text(max_size=50).map(str.strip),
)
def test_any_text_and_number_survive_a_file_round_trip(note, shared, weight, lean, label):
    with tempfile.TemporaryDirectory() as tmp:
        source = Repository(open_database(Path(tmp) / "a.db"))
        target = Repository(open_database(Path(tmp) / "b.db"))
        try:
            a = demo_assessment()
            a.ratings["pay"] = Rating(weight, lean, note=note)
            person = source.create_person("Pat", a)
            source.snapshots.take(person.id, a, label)
            source.notes.set(person.id, "mission", shared)
            path = Path(tmp) / "pat.json"
            write_json_atomically(path, export_person(source, person.id))
            assert json.loads(path.read_text(encoding="utf-8"))["person"] == "Pat"
            import_file(lambda: target, path)
            got = target.people.by_uid(person.uid)
            back = target.assessments.load(got.id).ratings["pay"]
            assert back == Rating(weight, lean, note=note)
            [snap] = target.snapshots.list(got.id)
            assert snap.label == label
            assert target.snapshots.load(snap.id).ratings["pay"].note == note
            assert target.notes.of(got.id)["mission"].text == shared
        finally:
            source.db.close()
            target.db.close()
