"""The interchange format: lossless round trips, and one plain line for every kind of bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.content import catalogue
from ses_decider.core.model import (
    Assessment,
    Certainty,
    Factor,
    Rating,
    Thresholds,
    Verdict,
)
from ses_decider.core.scoring import evaluate
from ses_decider.storage.exchange import (
    MAX_FILE_BYTES,
    FormatError,
    assessment_from_data,
    assessment_to_data,
    load_assessment_file,
    parse_json_text,
    validate,
    write_json_atomically,
)
from tests.helpers import STABLE_FACTOR_IDS as DEFAULT_FACTOR_IDS
from tests.helpers import catalogue_ids, neutral_assessment

DATA = Path(__file__).resolve().parent.parent / "data"
BAD_FILES = json.loads((DATA / "bad_files.json").read_text(encoding="utf-8"))["files"]

TRICKY_NOTES = [
    "<script>alert('hi')</script><b>bold</b> &amp; <i>",
    'She said "don\'t" \u2014 and \u2018meant it\u2019',
    "'); DROP TABLE people;--",
    "Robert'); DELETE FROM ratings WHERE 1=1; --",
    "\U0001f680 rocket, \U0001f468\u200d\U0001f469\u200d\U0001f467 family, caf\u00e9, \u6f22\u5b57",
    "line one\nline two\r\nline three\ttabbed",
    "back\\slash \\n not a newline, {braces} %s %(name)s",
    "",
    " " * 3,
    "x" * 20000,
]


def round_trip(assessment: Assessment, person: str | None = None):
    """Export, write as text, read back: what another machine would import."""
    text = json.dumps(assessment_to_data(assessment, person), ensure_ascii=False, allow_nan=False)
    return assessment_from_data(parse_json_text(text))


def rich_assessment() -> Assessment:
    assessment = neutral_assessment()
    values = [(7.25, -3.5), (0.0, 5.0), (10.0, -5.0), (3.333, 0.125), (0.5, -0.5)]
    for (weight, lean), fid in zip(values, DEFAULT_FACTOR_IDS, strict=False):
        assessment.ratings[fid] = Rating(weight=weight, lean=lean)
    assessment.ratings["relocation"] = Rating(
        weight=2.0, lean=-4.0, dealbreaker=True, note="Cannot move", certainty=Certainty.SURE
    )
    assessment.ratings["pay"].certainty = Certainty.NO_IDEA
    teaching = Factor(
        "teaching",
        "Time to teach",
        "Executives teach <often>.",
        "No evenings \u2014 \U0001f622",
        custom=True,
    )
    assessment.factors.insert(2, teaching)
    assessment.ratings["teaching"] = Rating(weight=4.5, lean=2.75, note=TRICKY_NOTES[2])
    for note, fid in zip(TRICKY_NOTES, DEFAULT_FACTOR_IDS, strict=False):
        if not assessment.ratings[fid].note:
            assessment.ratings[fid].note = note
    assessment.thresholds = Thresholds(go=65.5, no_go=35)
    assessment.gut_before = Verdict.NO_GO
    assessment.gut_after = Verdict.CLOSE_CALL
    assessment.method = "swing"
    return assessment


def assert_same_active(before: Assessment, after: Assessment) -> None:
    assert [f.id for f, _ in after.active()] == [f.id for f, _ in before.active()]
    for factor, rating in before.active():
        got = after.ratings[factor.id]
        assert got.weight == rating.weight, factor.id
        assert got.lean == rating.lean, factor.id
        assert got.dealbreaker == rating.dealbreaker, factor.id
        assert got.certainty is rating.certainty, factor.id
        assert got.note == rating.note, factor.id
        other = after.factor(factor.id)
        assert (other.custom, other.title, other.pro, other.con) == (
            factor.custom,
            factor.title,
            factor.pro,
            factor.con,
        )
    assert after.thresholds == before.thresholds
    assert after.gut_before is before.gut_before
    assert after.gut_after is before.gut_after
    assert after.method == before.method


# Round trips -------------------------------------------------------------------------------------
def test_round_trip_keeps_everything():
    before = rich_assessment()
    person, after = round_trip(before, "Dana O'Neil \U0001f642")
    assert person == "Dana O'Neil \U0001f642"
    assert_same_active(before, after)
    assert evaluate(after) == evaluate(before)


@pytest.mark.parametrize("note", TRICKY_NOTES)
def test_round_trip_keeps_any_note(note, tmp_path):
    before = neutral_assessment()
    before.ratings["stress"].note = note
    path = tmp_path / "note.json"
    write_json_atomically(path, assessment_to_data(before, "Note Taker"))
    _, after = load_assessment_file(path)
    assert after.ratings["stress"].note == note


def test_round_trip_through_a_file_keeps_fractions_exactly(tmp_path):
    before = neutral_assessment()
    before.ratings["pay"] = Rating(weight=7.25, lean=-3.5)
    before.ratings["mission"] = Rating(weight=0.1, lean=4.999)
    before.ratings["stress"] = Rating(weight=1 / 3, lean=-1 / 7)
    path = tmp_path / "fractions.json"
    write_json_atomically(path, assessment_to_data(before))
    text = path.read_text(encoding="utf-8")
    assert '"weight": 7.25' in text and '"lean": -3.5' in text
    assert '"weight": 5,' in text  # whole numbers are written as people write them
    _, after = load_assessment_file(path)
    assert_same_active(before, after)
    assert evaluate(after).score == evaluate(before).score


note_text = st.text(max_size=200)
factor_ratings = st.builds(
    Rating,
    weight=st.floats(0, 10, allow_nan=False),
    lean=st.floats(-5, 5, allow_nan=False),
    dealbreaker=st.booleans(),
    note=note_text,
    certainty=st.sampled_from(Certainty),
)
custom_factors = st.builds(
    Factor,
    id=st.from_regex(r"\Amy_[a-z0-9_]{1,20}\Z"),
    title=st.text(min_size=1, max_size=60),
    pro=st.text(min_size=1, max_size=300),
    con=st.text(min_size=1, max_size=300),
    custom=st.just(True),
)


@st.composite
def assessments(draw) -> Assessment:
    defaults = {f.id: f for f in catalogue().factors}
    chosen = draw(st.lists(st.sampled_from(DEFAULT_FACTOR_IDS), unique=True))
    customs = draw(st.lists(custom_factors, max_size=4, unique_by=lambda f: f.id))
    factors = draw(st.permutations([defaults[fid] for fid in chosen] + customs))
    ratings = {f.id: draw(factor_ratings) for f in factors}
    no_go = draw(st.floats(0, 100))
    go = draw(st.floats(no_go, 100))
    return Assessment(
        factors=list(factors),
        ratings=ratings,
        thresholds=Thresholds(go=go, no_go=no_go),
        gut_before=draw(st.sampled_from([None, Verdict.GO, Verdict.CLOSE_CALL, Verdict.NO_GO])),
        gut_after=draw(st.sampled_from([None, Verdict.GO, Verdict.CLOSE_CALL, Verdict.NO_GO])),
        method=draw(st.sampled_from(["direct", "rank", "swing", "pairwise"])),
    )


@given(assessments(), st.one_of(st.none(), st.text(min_size=1, max_size=200)))
def test_round_trip_property(before, person):
    got_person, after = round_trip(before, person)
    assert got_person == (person or None)
    assert_same_active(before, after)
    # Default factors the file leaves out come back not rated: they take no part in the score.
    left_out = {f.id for f in after.factors} - {f.id for f, _ in before.active()}
    assert all(not after.ratings[fid].rated for fid in left_out)
    assert after.hidden == set()
    assert evaluate(after) == evaluate(before)


def test_export_leaves_hidden_factors_out_and_validates():
    assessment = rich_assessment()
    assessment.hidden.add("pay")
    data = assessment_to_data(assessment, "Dana")
    validate(data, "assessment.schema.json")
    assert data["format"] == "ses-decider/assessment" and data["version"] == 1
    assert "pay" not in [item["id"] for item in data["factors"]]
    _, after = assessment_from_data(data)
    assert not after.ratings["pay"].rated  # left out of the file: not rated, no part
    assert evaluate(after).score == evaluate(assessment).score


def test_factors_absent_from_a_file_take_no_part(tmp_path):
    path = tmp_path / "pay_only.json"
    path.write_text(
        json.dumps(
            {
                "format": "ses-decider/assessment",
                "version": 1,
                "factors": [{"id": "pay", "weight": 2.5, "lean": 3}],
            }
        ),
        encoding="utf-8",
    )
    person, assessment = load_assessment_file(path)
    assert person is None
    result = evaluate(assessment)
    assert result.score == 80.0
    assert list(result.contributions) == ["pay"]
    assert [f.id for f in assessment.factors][0] == "pay"
    assert len(assessment.factors) == len(catalogue_ids())  # the table stays whole


def test_a_file_with_a_byte_order_mark_is_accepted(tmp_path):
    # Windows Notepad saves UTF-8 with a BOM.
    path = tmp_path / "notepad.json"
    text = json.dumps(
        {
            "format": "ses-decider/assessment",
            "version": 1,
            "person": "Jos\u00e9",
            "factors": [{"id": "mission", "weight": 8, "lean": 4}],
        }
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    person, assessment = load_assessment_file(path)
    assert person == "Jos\u00e9"
    assert evaluate(assessment).verdict is Verdict.GO


@pytest.mark.parametrize("name", ["good.json", "custom.json", "zero.json", "dealbreaker.json"])
def test_sample_files_are_valid(name):
    person, assessment = load_assessment_file(DATA / name)
    assert person


def test_sample_custom_factor_is_read_with_its_texts():
    _, assessment = load_assessment_file(DATA / "custom.json")
    teaching = assessment.factor("teaching")
    assert teaching.custom and teaching.title == "Time to teach"
    assert assessment.ratings["teaching"].lean == -2.0
    assert "teaching" not in assessment.hidden


# Atomic writes -----------------------------------------------------------------------------------
def test_a_failed_write_leaves_the_old_file_and_no_debris(tmp_path):
    path = tmp_path / "export.json"
    write_json_atomically(path, {"kept": True})
    with pytest.raises(ValueError):
        write_json_atomically(path, {"broken": float("nan")})
    assert json.loads(path.read_text(encoding="utf-8")) == {"kept": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


# Bad input ---------------------------------------------------------------------------------------
def assert_one_line(message: str) -> None:
    assert message.strip()
    assert "\n" not in message and "\r" not in message
    assert len(message) < 400
    assert "Traceback" not in message


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_line_naming_the_field(name):
    with pytest.raises(FormatError) as info:
        load_assessment_file(DATA / "bad" / name)
    message = str(info.value)
    assert_one_line(message)
    expected = BAD_FILES[name]
    alternatives = [expected] if isinstance(expected, str) else expected
    assert any(text in message for text in alternatives), message


def test_every_bad_file_is_listed():
    on_disk = {p.name for p in (DATA / "bad").iterdir()}
    assert on_disk == set(BAD_FILES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"a":' * 100_000, "nested too deeply"),
        (
            '{"format": "ses-decider/assessment", "version": 1, "factors": ' + "[" * 100_000,
            "nested",
        ),
        ("{" + '"x": 1, ' * 10 + "}", "not valid JSON"),
        ("\x00\x01\x02", "not valid JSON"),
    ],
)
def test_hostile_text_gives_one_line(tmp_path, text, expected):
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=expected) as info:
        load_assessment_file(path)
    assert_one_line(str(info.value))


def test_a_missing_file(tmp_path):
    with pytest.raises(FormatError, match="does not exist") as info:
        load_assessment_file(tmp_path / "nowhere.json")
    assert_one_line(str(info.value))


def test_a_folder(tmp_path):
    folder = tmp_path / "looks_like.json"
    folder.mkdir()
    with pytest.raises(FormatError, match="folder") as info:
        load_assessment_file(folder)
    assert_one_line(str(info.value))


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.json"
    body = '{"format": "ses-decider/assessment", "version": 1, "factors": []}'
    path.write_text(body + " " * (MAX_FILE_BYTES + 1 - len(body)), encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES + 1
    with pytest.raises(FormatError, match="over 32 MB") as info:
        load_assessment_file(path)
    assert_one_line(str(info.value))


def test_a_file_at_exactly_the_limit_is_read(tmp_path):
    path = tmp_path / "padded.json"
    body = '{"format": "ses-decider/assessment", "version": 1, "factors": []}'
    path.write_text(body + " " * (MAX_FILE_BYTES - len(body)), encoding="utf-8")
    _, assessment = load_assessment_file(path)
    assert evaluate(assessment).verdict is Verdict.NOT_ENOUGH_INPUT


def test_an_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    if os.name != "posix" or os.geteuid() == 0:
        # Root (as in CI) reads any file: refuse the open as the system would for anyone else.
        real_open = os.open

        def refuse(file, *args, **kwargs):
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    try:
        with pytest.raises(FormatError, match="permission denied") as info:
            load_assessment_file(path)
        assert_one_line(str(info.value))
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "ses-decider/assessment",
        {"format": "ses-decider/assessment", "version": 1, "factors": [None]},
        {"format": "ses-decider/assessment", "version": 1, "factors": [{"id": 7}]},
        {"format": "ses-decider/assessment", "version": 1.5, "factors": []},
        {"format": "ses-decider/assessment", "version": 1, "factors": [], "person": ""},
        {"format": "ses-decider/assessment", "version": 1, "factors": [], "method": "gut"},
        {"format": "ses-decider/assessment", "version": 1, "factors": [], "extra": 1},
    ],
)
def test_wrong_shapes_give_format_error(data):
    with pytest.raises(FormatError) as info:
        assessment_from_data(data)
    assert_one_line(str(info.value))


def test_a_long_bad_value_is_cut_short_in_the_message():
    data = {
        "format": "ses-decider/assessment",
        "version": 1,
        "factors": [{"id": "pay", "weight": "9" * 5000, "lean": 0}],
    }
    with pytest.raises(FormatError, match=r"factors\[0\]\.weight") as info:
        assessment_from_data(data)
    assert_one_line(str(info.value))


def test_a_note_with_a_newline_in_a_bad_file_stays_one_line():
    data = {
        "format": "ses-decider/assessment",
        "version": 1,
        "factors": [{"id": "pay", "weight": 1, "lean": 0, "note": ["a\nb"]}],
    }
    with pytest.raises(FormatError, match=r"factors\[0\]\.note") as info:
        assessment_from_data(data)
    assert_one_line(str(info.value))
