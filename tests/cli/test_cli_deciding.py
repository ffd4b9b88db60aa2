"""`score` on a person file: the verdict of its current assessment, and what deciding well adds to it
(factors from own reasons, open preventive steps, experiments due); an assessment file adds nothing."""

from __future__ import annotations

import json

from ses_decider.core.deciding import Experiment, OwnReason, PremortemItem, to_dict
from tests.cli.test_cli import DATA, assert_clean_failure, run_cli
from tests.helpers import STABLE_FACTOR_IDS

PAST, FUTURE = "2001-02-03", "2999-01-01"


def person_file(tmp_path, deciding=None, name="Dana Cole"):
    factors = [{"id": fid, "weight": 5, "lean": 1} for fid in STABLE_FACTOR_IDS]
    data = {
        "format": "ses-decider/person",
        "version": 2,
        "person": name,
        "uid": "dana-cole-0001",
        "current": {"factors": factors},
    }
    if deciding is not None:
        data["deciding"] = deciding
    path = tmp_path / "dana.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def records():
    return {
        "own_reasons": [
            to_dict(OwnReason("I could change how we work", "for", factor_id="influence")),
            to_dict(OwnReason("Long hours", "against", factor_id="stress")),
            to_dict(OwnReason("Not yet matched", "for")),
        ],
        "premortem": [
            to_dict(PremortemItem("ses", "Moved away", "relocation", "Ask HR about moves", PAST)),
            to_dict(PremortemItem("stay", "Bored", "creativity", "Done already", done=True)),
            to_dict(PremortemItem("stay", "No step written", "creativity")),
        ],
        "experiments": [
            to_dict(Experiment("Shadow an executive", ("stress", "authority"), PAST)),
            to_dict(Experiment("Talk at home", ("work_family",), FUTURE)),
        ],
    }


def test_score_json_of_a_person_file_adds_what_touches_the_score(tmp_path):
    path = person_file(tmp_path, records())
    result = run_cli("score", str(path), "--json", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["verdict"], out["score"]) == ("GO", 60.0)  # the current assessment's verdict
    assert out["own_reason_factors"] == ["influence", "stress"]  # table order, matched only
    assert out["open_premortem_actions"] == [
        {
            "path": "ses",
            "text": "Moved away",
            "factor_id": "relocation",
            "prevention": "Ask HR about moves",
            "due": PAST,
        }
    ]
    [due] = out["experiments_due"]
    assert due["title"] == "Shadow an executive" and due["due"] == PAST
    assert due["factor_ids"] == ["stress", "authority"] and due["days_overdue"] > 0
    assert not (tmp_path / "data").exists()  # scoring never creates a database


def test_score_text_of_a_person_file_says_it_in_lines(tmp_path):
    result = run_cli("score", str(person_file(tmp_path, records())), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Dana Cole: ")
    assert "From your own reasons: influence, stress" in lines
    assert f"Preventive step (by {PAST}): Ask HR about moves" in lines
    assert f"Experiment due {PAST}: Shadow an executive" in lines
    assert not any("Talk at home" in line for line in lines)


def test_a_person_file_without_records_and_an_assessment_file_add_empty_lists(tmp_path):
    for path in (person_file(tmp_path), DATA / "good.json"):
        result = run_cli("score", str(path), "--json", data_dir=tmp_path / "data")
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        assert out["own_reason_factors"] == []
        assert out["open_premortem_actions"] == []
        assert out["experiments_due"] == []


def test_a_bad_record_in_a_person_file_is_one_line_naming_the_field(tmp_path):
    bad = records()
    bad["experiments"][0]["due"] = "2027-02-31"
    result = run_cli("score", str(person_file(tmp_path, bad)), "--json", data_dir=tmp_path / "d")
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "deciding.experiments[0]" in result.stderr


def test_a_wrong_type_in_the_part_is_refused_by_its_schema(tmp_path):
    bad = records()
    bad["own_reasons"][0]["side"] = 3
    result = run_cli("score", str(person_file(tmp_path, bad)), data_dir=tmp_path / "d")
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "deciding.own_reasons[0].side" in result.stderr
