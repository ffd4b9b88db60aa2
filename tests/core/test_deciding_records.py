"""The records of deciding well: checked when made, plain dicts for the person file, merged by id."""

from __future__ import annotations

import json
import time
from datetime import date, datetime

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.content_check import check, supported
from ses_decider.core.deciding_records import (
    RECORD_TYPES,
    Experiment,
    FriendView,
    JournalEntry,
    OwnReason,
    PremortemItem,
    RejectedPath,
    edited,
    from_dict,
    merge_records,
    new_id,
    to_dict,
)
from ses_decider.resources import load_json

STAMP = "2026-12-01T09:30:00+00:00"


def when(record) -> datetime:
    return datetime.fromisoformat(record.updated_at)


# --- strategies -------------------------------------------------------------------------------

ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=20)
factor_ids = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)
words = st.text(min_size=1, max_size=60).filter(lambda t: t.strip()).map(str.strip)
text = st.text(max_size=60).map(str.strip)
days = st.dates().map(lambda d: d.isoformat())
stamps = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=st.timezones()
).map(lambda d: d.isoformat())
leans = st.floats(-5, 5, allow_nan=False)
record_ids = st.uuids().map(lambda u: u.hex)

own_reasons = st.builds(
    OwnReason,
    text=words,
    side=st.sampled_from(["for", "against"]),
    factor_id=st.none() | factor_ids,
    prompt_id=st.none() | ids,
    id=record_ids,
    updated_at=stamps,
) | st.builds(
    OwnReason,
    text=words,
    side=st.sampled_from(["for", "against"]),
    custom_factor_id=ids,
    id=record_ids,
    updated_at=stamps,
)
premortem_items = st.builds(
    PremortemItem,
    path=st.sampled_from(["ses", "stay"]),
    text=words,
    factor_id=st.none() | factor_ids,
    prevention=text,
    due=st.none() | days,
    done=st.booleans(),
    id=record_ids,
    updated_at=stamps,
)


@st.composite
def friend_views(draw):
    lean_map = draw(st.dictionaries(factor_ids, leans, max_size=5))
    kept = {k: draw(st.sampled_from(["own", "friend"])) for k in lean_map if draw(st.booleans())}
    return FriendView(
        leans=lean_map, taken_on=draw(days), kept=kept, id=draw(record_ids), updated_at=draw(stamps)
    )


experiments = st.builds(
    Experiment,
    title=words,
    factor_ids=st.lists(factor_ids, max_size=4).map(tuple),
    due=days,
    kind=ids,
    status=st.sampled_from(["planned", "done", "dropped"]),
    learned=text,
    finished_on=st.none() | days,
    snapshot_uid=st.none() | ids,
    id=record_ids,
    updated_at=stamps,
)


@st.composite
def journal_entries(draw):
    decided = draw(st.dates(max_value=date(9000, 1, 1)))
    review = draw(st.dates(min_value=decided))
    answered = draw(st.none() | st.dates(min_value=decided))
    return JournalEntry(
        decision=draw(words),
        decided_on=decided.isoformat(),
        review_on=review.isoformat(),
        reasons=draw(text),
        confidence=draw(st.none() | st.integers(0, 100)),
        rejected=tuple(draw(st.lists(st.builds(RejectedPath, path=words, why=text), max_size=3))),
        verdict=draw(st.sampled_from(["", "GO", "CLOSE CALL", "NO-GO"])),
        snapshot_uid=draw(st.none() | ids),
        outcome=draw(text),
        answered_on=None if answered is None else answered.isoformat(),
        id=draw(record_ids),
        updated_at=draw(stamps),
    )


any_record = st.one_of(own_reasons, premortem_items, friend_views(), experiments, journal_entries())


# --- round trips ------------------------------------------------------------------------------


@given(any_record)
def test_every_record_survives_a_round_trip_through_json(record):
    kind = next(k for k, cls in RECORD_TYPES.items() if isinstance(record, cls))
    plain = json.loads(json.dumps(to_dict(record)))
    assert from_dict(kind, plain) == record
    assert from_dict(type(record), plain) == record
    assert to_dict(from_dict(kind, plain)) == to_dict(record)


LIST_OF = {
    "own_reason": "own_reasons",
    "premortem": "premortem",
    "friend_view": "friend_views",
    "experiment": "experiments",
    "journal": "journal",
}


def _record_schema(kind: str) -> dict:
    return load_json("deciding_records.schema.json")["properties"][LIST_OF[kind]]["items"]


@given(any_record)
def test_every_record_as_a_dict_fits_the_records_schema(record):
    kind = next(k for k, cls in RECORD_TYPES.items() if isinstance(record, cls))
    schema = _record_schema(kind)
    plain = to_dict(record)
    jsonschema.Draft202012Validator(schema).validate(plain)
    check(plain, schema)  # the fast check agrees


def test_the_records_schema_holds_lists_of_each_kind_and_takes_the_fast_path():
    schema = load_json("deciding_records.schema.json")
    assert supported(schema)
    document = {
        "own_reasons": [to_dict(OwnReason("The pay", "for", factor_id="pay"))],
        "experiments": [to_dict(Experiment("Shadow", ("stress",), "2027-01-15"))],
    }
    jsonschema.Draft202012Validator(schema).validate(document)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate({"own_reasons": [{"text": "x"}]})


def test_an_older_file_missing_optional_fields_gets_the_defaults():
    reason = from_dict("own_reason", {"text": "The pay", "side": "for"})
    assert reason.factor_id is None and reason.prompt_id is None and len(reason.id) == 32
    experiment = from_dict(
        "experiment", {"title": "Shadow", "factor_ids": ["stress"], "due": "2027-01-15"}
    )
    assert experiment.status == "planned" and experiment.kind == "own"


def test_a_newer_file_with_fields_we_do_not_know_still_loads():
    plain = to_dict(OwnReason("The pay", "for"))
    plain["confidence_in_match"] = 0.8
    assert from_dict("own_reason", plain).text == "The pay"


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("own_reason", {"side": "for"}, "missing text"),
        ("own_reason", "a reason", "must be an object"),
        ("experiment", {"title": "x", "factor_ids": "stress", "due": "2027-01-01"}, "list"),
        ("journal", {"decision": "Apply", "decided_on": "2026-12-01"}, "missing review_on"),
        (
            "journal",
            {
                "decision": "x",
                "decided_on": "2026-12-01",
                "review_on": "2027-12-01",
                "rejected": ["stay"],
            },
            "list of objects",
        ),
        ("friend_view", {"leans": {"pay": "high"}, "taken_on": "2026-12-01"}, "a number"),
    ],
)
def test_broken_dicts_raise_plain_value_errors(kind, data, message):
    with pytest.raises(ValueError, match=message):
        from_dict(kind, data)


# --- checks when made -------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2027-02-30", "31/12/2027", "tomorrow", "", 20270101])
def test_a_bad_date_says_what_a_date_looks_like(bad):
    with pytest.raises(ValueError, match="must be a date like 2027-03-31"):
        Experiment("Shadow an executive", ("stress",), due=bad)


def test_dates_are_stored_in_one_form():
    assert PremortemItem("ses", "Moved away", due="20270315").due == "2027-03-15"


def test_updated_at_is_checked_and_kept_in_utc():
    reason = OwnReason("Pay", "for", updated_at="2026-12-01T10:30:00+01:00")
    assert reason.updated_at == "2026-12-01T09:30:00+00:00"
    assert OwnReason("Pay", "for", updated_at="2026-12-01T09:30:00").updated_at == STAMP
    for bad in ("yesterday", "0001-01-01T00:00:00+02:00", None):
        with pytest.raises(ValueError, match="time of the last change"):
            OwnReason("Pay", "for", updated_at=bad)


def test_reason_checks():
    with pytest.raises(ValueError, match="needs some words"):
        OwnReason("   ", "for")
    with pytest.raises(ValueError, match="for, against"):
        OwnReason("Pay", "maybe")
    with pytest.raises(ValueError, match="not both"):
        OwnReason("Pay", "for", factor_id="pay", custom_factor_id="own_1")
    assert OwnReason("  Pay  ", "for").text == "Pay"
    assert OwnReason("x", "for", custom_factor_id="own_1").matched_factor_id == "own_1"


def test_premortem_checks():
    with pytest.raises(ValueError, match="ses, stay"):
        PremortemItem("later", "Moved away")
    with pytest.raises(ValueError, match="true or false"):
        PremortemItem("ses", "Moved away", done="yes")


def test_friend_view_checks():
    with pytest.raises(ValueError, match="between -5 and \\+5"):
        FriendView({"pay": 7}, "2026-12-01")
    with pytest.raises(ValueError, match="between"):
        FriendView({"pay": float("nan")}, "2026-12-01")
    with pytest.raises(ValueError, match="never rated"):
        FriendView({"pay": 1}, "2026-12-01", kept={"stress": "own"})
    with pytest.raises(ValueError, match="own, friend"):
        FriendView({"pay": 1}, "2026-12-01", kept={"pay": "both"})
    assert FriendView({"pay": 2}, "2026-12-01").leans == {"pay": 2.0}


def test_experiment_checks():
    with pytest.raises(ValueError, match="planned, done, dropped"):
        Experiment("Shadow", ("stress",), "2027-01-01", status="maybe")
    assert Experiment("Shadow", ["stress", "stress", "pay"], "2027-01-01").factor_ids == (
        "stress",
        "pay",
    )


def test_journal_checks():
    ok = dict(decision="Apply in 2027", decided_on="2026-12-01", review_on="2027-12-01")
    with pytest.raises(ValueError, match="on or after the day of the decision"):
        JournalEntry(**{**ok, "review_on": "2026-11-30"})
    for bad in (101, -1, 50.5, True, float("inf"), "high"):
        with pytest.raises(ValueError, match="How sure you are"):
            JournalEntry(**ok, confidence=bad)
    assert JournalEntry(**ok, confidence=80.0).confidence == 80
    with pytest.raises(ValueError, match="before the day of the decision"):
        JournalEntry(**ok, answered_on="2026-01-01")
    with pytest.raises(ValueError, match="rejected path"):
        JournalEntry(**ok, rejected=(RejectedPath("  "),))


# --- edits and merging ------------------------------------------------------------------------


def test_edited_checks_again_and_stamps_the_change():
    reason = OwnReason("Pay", "for", updated_at=STAMP)
    later = edited(reason, factor_id="pay")
    assert later.factor_id == "pay" and later.id == reason.id
    assert when(later) > when(reason)
    with pytest.raises(ValueError):
        edited(reason, side="sideways")


def test_new_ids_are_uuid_hex():
    first, second = new_id(), new_id()
    assert first != second and len(first) == 32 and int(first, 16) >= 0


def test_merge_keeps_the_later_edit_and_adds_what_only_the_other_side_has():
    a = OwnReason("Pay", "for", updated_at="2026-12-01T09:00:00+00:00")
    b = OwnReason("Hours", "against", updated_at="2026-12-01T09:00:00+00:00")
    newer_a = edited(a, text="Pay, and awards", updated_at="2026-12-02T09:00:00+00:00")
    older_b = edited(b, text="Hours?", updated_at="2026-11-30T09:00:00+00:00")
    c = OwnReason("Family", "against")
    merged = merge_records([a, b], [older_b, newer_a, c])
    assert [r.text for r in merged] == ["Pay, and awards", "Hours", "Family"]


unique_reasons = st.lists(own_reasons, max_size=6, unique_by=lambda r: r.id)


@given(unique_reasons, unique_reasons)
def test_merge_holds_each_id_once_with_its_latest_copy(mine, theirs):
    merged = merge_records(mine, theirs)
    copies: dict[str, list[OwnReason]] = {}
    for record in mine + theirs:
        copies.setdefault(record.id, []).append(record)
    assert len(merged) == len({r.id for r in merged}) == len(copies)
    for record in merged:
        assert all(when(record) >= when(other) for other in copies[record.id])
    assert [r.id for r in merged[: len(mine)]] == [r.id for r in mine]


def test_stamps_move_forward():
    first = OwnReason("Pay", "for")
    time.sleep(0.001)
    assert when(edited(first, text="Pay!")) > when(first)
