"""The person file: exact round trips, idempotent and all-or-nothing imports, clear errors."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.content import blank_assessment, demo_assessment
from ses_decider.core.model import Certainty, Factor, Rating, Thresholds, Verdict
from ses_decider.resources import load_json
from ses_decider.storage.db import open_database
from ses_decider.storage.exchange import FormatError, write_json_atomically
from ses_decider.storage.people import Choice, Decision
from ses_decider.storage.person_file import (
    BEFORE_IMPORT,
    PERSON_FORMAT,
    import_file,
    parse_person_data,
)
from ses_decider.storage.repository import MENTOR, Repository

TABLES = ("people", "assessments", "ratings", "snapshots", "discussion_notes", "decisions")
NASTY = [
    "'); DROP TABLE people;--",
    '<script>alert("x")</script> & "quoted" \U0001f680\nsecond line\r\nthird',
    "nul \x00 inside, tab\t, backslash \\ and \u200f rtl",
]


def counts(repo) -> dict[str, int]:
    return {t: repo.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def rich(lean: float = -3.5):
    a = blank_assessment()
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
    repo.save_assessment(person.id, rich(1.0), MENTOR)
    repo.take_snapshot(person.id, rich(-5), "before the detail", taken_at="2025-01-01T09:00:00")
    repo.take_snapshot(person.id, rich(0.1), "after talking to my spouse")
    for factor_id, text in zip(("pay", "mission", "teaching"), NASTY, strict=True):
        repo.set_note(person.id, factor_id, text)
    repo.set_decision(person.id, Decision(Choice.APPLIED, "2026-05-01", NASTY[1], "2026-11-01"))
    repo.set_review_on(person.id, "2027-05-01")
    return person.id


def fresh(tmp_path: Path, name: str) -> Repository:
    return Repository(open_database(tmp_path / f"{name}.db"))


def test_the_export_is_valid_against_the_schema_and_round_trips_exactly(repo, tmp_path):
    person_id = populated(repo)
    data = repo.export_person_data(person_id)
    assert data["format"] == PERSON_FORMAT and data["version"] == 1
    assert load_json("person.schema.json")["$id"] == "ses-decider/person/1"
    path = tmp_path / "alex.json"
    write_json_atomically(path, data)
    other = fresh(tmp_path, "other")
    message = import_file(lambda: other, path)
    assert "new person" in message
    back = other.export_person_data(other.person_by_name("Alex Rivera").id)
    for d in (data, back):
        d.pop("exported_at")
    assert back == data
    current = other.load_assessment(other.person_by_name("Alex Rivera").id)
    assert current.ratings["pay"] == Rating(7.25, -3.5, True, NASTY[1])
    assert current.hidden == {"stress"} and current.ratings["stress"].weight == 8.0
    assert other.load_assessment(1, MENTOR).ratings["pay"].lean == 1.0
    assert counts(other) == counts(repo)


def test_importing_the_same_file_twice_creates_nothing_new(repo, tmp_path):
    data = repo.export_person_data(populated(repo))
    other = fresh(tmp_path, "other")
    first = other.import_person_data(data)
    assert first.created and first.snapshots_added == 2
    after_first = counts(other)
    second = other.import_person_data(copy.deepcopy(data))
    assert not second.changed
    assert "nothing changed" in second.message
    assert counts(other) == after_first


def test_a_newer_file_adds_only_what_is_new(repo, tmp_path):
    person_id = populated(repo)
    other = fresh(tmp_path, "other")
    other.import_person_data(repo.export_person_data(person_id))
    before = counts(other)
    repo.take_snapshot(person_id, rich(2.5), "after the offer")
    repo.save_assessment(person_id, rich(3.0))
    newer = repo.export_person_data(person_id)
    outcome = other.import_person_data(newer)
    assert outcome.snapshots_added == 1 and outcome.current_replaced
    assert not outcome.created
    after = counts(other)
    # one new snapshot from the file, one keeping the replaced current assessment
    assert after["snapshots"] == before["snapshots"] + 2
    assert after["people"] == before["people"]
    mine = other.person_by_name("Alex Rivera")
    labels = [s.label for s in other.snapshots(mine.id)]
    assert labels.count(BEFORE_IMPORT) == 1 and "after the offer" in labels
    assert other.load_assessment(mine.id).ratings["pay"].lean == 3.0
    kept = [s for s in other.snapshots(mine.id) if s.label == BEFORE_IMPORT][0]
    assert other.load_snapshot(kept.id).ratings["pay"].lean == -3.5
    assert not other.import_person_data(newer).changed


def test_a_person_with_the_same_name_is_merged_into(repo, tmp_path):
    other = fresh(tmp_path, "other")
    local = other.create_person("alex rivera", demo_assessment())
    outcome = other.import_person_data(repo.export_person_data(populated(repo)))
    assert outcome.person_id == local.id and not outcome.created and outcome.current_replaced
    assert other.person(local.id).uid == local.uid
    assert not other.import_person_data(repo.export_person_data(1)).changed


def test_newer_notes_and_decision_win_older_do_not(repo, tmp_path):
    person_id = populated(repo)
    data = repo.export_person_data(person_id)
    other = fresh(tmp_path, "other")
    other.import_person_data(data)
    mine = other.person_by_name("Alex Rivera").id
    other.set_note(mine, "pay", "edited here later")
    assert not other.import_person_data(data).changed  # the file's note is older
    assert other.notes(mine)["pay"].text == "edited here later"
    newer = copy.deepcopy(data)
    newer["notes"][0]["updated_at"] = "9999-01-01T00:00:00"
    newer["notes"][0]["text"] = "from the mentee"
    assert other.import_person_data(newer).notes_changed == 1
    assert other.notes(mine)[newer["notes"][0]["factor_id"]].text == "from the mentee"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(format="ses-decider/other"), "format"),
        (lambda d: d.update(version=2), "version"),
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
    data = repo.export_person_data(populated(repo))
    change(data)
    other = fresh(tmp_path, "other")
    before = counts(other)
    with pytest.raises(FormatError) as caught:
        other.import_person_data(data)
    message = str(caught.value)
    assert "\n" not in message
    assert field in message, message
    assert counts(other) == before


def test_a_bad_snapshot_late_in_the_file_leaves_the_database_untouched(repo, tmp_path):
    person_id = populated(repo)
    data = repo.export_person_data(person_id)
    data["snapshots"][-1]["factors"][1]["id"] = "unknown_factor"
    before = counts(repo)
    with pytest.raises(FormatError):
        repo.import_person_data(data)
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
            source.take_snapshot(person.id, a, label)
            source.set_note(person.id, "mission", shared)
            path = Path(tmp) / "pat.json"
            write_json_atomically(path, source.export_person_data(person.id))
            assert json.loads(path.read_text(encoding="utf-8"))["person"] == "Pat"
            import_file(lambda: target, path)
            got = target.person_by_uid(person.uid)
            assert target.load_assessment(got.id).ratings["pay"] == Rating(weight, lean, note=note)
            [snap] = target.snapshots(got.id)
            assert snap.label == label
            assert target.load_snapshot(snap.id).ratings["pay"].note == note
            assert target.notes(got.id)["mission"].text == shared
        finally:
            source.db.close()
            target.db.close()
