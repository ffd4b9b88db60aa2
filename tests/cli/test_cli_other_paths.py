"""`ses-decider score` with other paths beside the SES, and version 2 files through the CLI."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import DATA, assert_clean_failure, run_cli

TWO_PATHS = {
    "format": "ses-decider/assessment",
    "version": 2,
    "person": "Dana",
    "factors": [
        {"id": "pay", "weight": 5, "lean": 1},
        {"id": "mission", "weight": 5, "lean": 1.2},
        {"id": "stress", "weight": 4, "lean": None},
    ],
    "paths": [
        {
            "id": "sl_st",
            "title": "Senior Level",
            "kind": "sl_st",
            "leans": {"pay": 2, "mission": 4.4, "stress": 1},
        },
        {"id": "own", "title": "Teach", "leans": {"pay": -3}, "dealbreakers": ["pay"]},
    ],
}


def write(tmp_path, data, name="paths.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_score_json_lists_each_path_and_where_the_ses_would_overtake(tmp_path, isolated_data_dir):
    result = run_cli("score", str(write(tmp_path, TWO_PATHS)), "--json", data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["score"] == 61 and data["verdict"] == "GO"  # the SES, as always
    assert [p["id"] for p in data["paths"]] == ["sl_st", "own"]
    senior = data["paths"][0]
    assert {"id", "title", "score", "verdict", "contributions"} <= set(senior)
    assert senior["title"] == "Senior Level" and senior["verdict"] == "GO"
    assert round(senior["score"]) == 76
    assert sum(senior["contributions"].values()) == pytest.approx(senior["score"] - 50)
    assert data["paths"][1]["score"] == 20 and data["paths"][1]["verdict"] == "NO-GO"
    assert data["paths"][1]["dealbreakers"] == ["pay"]
    assert data["best_other_path"] == "sl_st"
    assert data["higher_path_sentence"] == "Senior Level scores 76, the SES 61."
    tip = data["path_tipping_point"]
    assert tip["overtakes"] == "ses" and tip["path"] == "sl_st" and tip["direction"] == 1
    assert data["path_tipping_sentence"].startswith("The SES would overtake Senior Level if ")


def test_score_text_names_the_best_other_path(tmp_path, isolated_data_dir):
    result = run_cli("score", str(write(tmp_path, TWO_PATHS)), data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Dana: GO (score 61.0 of 100)"
    assert (
        "Other paths (staying where you are scores 50): Senior Level 76 (GO), Teach 20 (NO-GO)"
        in lines
    )
    assert "Best other path: Senior Level scores 76, the SES 61." in lines
    assert any(line.startswith("The SES would overtake Senior Level if ") for line in lines)


@pytest.mark.parametrize("name", ["good.json", "custom.json", "zero.json", "dealbreaker.json"])
def test_a_version_1_file_scores_as_before_with_no_paths(name, isolated_data_dir):
    result = run_cli("score", str(DATA / name), "--json", data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["paths"] == [] and data["best_other_path"] is None
    assert data["path_tipping_point"] is None and data["path_tipping_sentence"] is None
    text = run_cli("score", str(DATA / name), data_dir=isolated_data_dir).stdout
    assert "Other paths" not in text and "Best other path" not in text


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(version=3), "newer version of SES Decider"),
        (lambda d: d.update(version=1), "field paths: other paths need version 2"),
        (
            lambda d: (d.update(version=1), d.pop("paths")),
            "field factors[2].lean: not rated (null) needs version 2",
        ),
        (lambda d: d["paths"][0].update(id="ses"), "paths[0].id: 'ses' is one of the two paths"),
        (lambda d: d["paths"][1].update(id="sl_st"), "paths[1].id"),
        (lambda d: d["paths"][0]["leans"].update(salary=2), "paths[0].leans.salary"),
        (lambda d: d["paths"][0]["leans"].update(pay=6), "paths[0].leans.pay"),
        (lambda d: d["paths"][1].update(dealbreakers=["nope"]), "paths[1].dealbreakers[0]"),
        (lambda d: d["paths"][0].update(title=""), "paths[0].title"),
        (lambda d: d["paths"][0].pop("title"), "paths[0]"),
        (lambda d: d.update(paths=[d["paths"][0]] * 13), "paths"),
    ],
)
def test_bad_paths_get_one_line_and_exit_2(tmp_path, isolated_data_dir, change, words):
    data = json.loads(json.dumps(TWO_PATHS))
    change(data)
    result = run_cli("score", str(write(tmp_path, data)), data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert words in result.stderr


def test_export_and_import_carry_the_paths(tmp_path, isolated_data_dir):
    source = write(tmp_path, TWO_PATHS)
    assert run_cli("import", str(source), data_dir=isolated_data_dir).returncode == 0
    out = tmp_path / "back.json"
    result = run_cli(
        "export", "--person", "Dana", "--out", str(out), "--assessment-only",
        data_dir=isolated_data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    back = json.loads(out.read_text(encoding="utf-8"))
    assert back["version"] == 2
    assert back["paths"] == [
        {
            "id": "sl_st",
            "title": "Senior Level",
            "kind": "sl_st",
            "leans": {"pay": 2, "stress": 1, "mission": 4.4},
            "dealbreakers": [],
        },
        {
            "id": "own",
            "title": "Teach",
            "kind": "own",
            "leans": {"pay": -3},
            "dealbreakers": ["pay"],
        },
    ]
    person = tmp_path / "dana.json"
    assert (
        run_cli(
            "export", "--person", "Dana", "--out", str(person), data_dir=isolated_data_dir
        ).returncode
        == 0
    )
    data = json.loads(person.read_text(encoding="utf-8"))
    assert data["current"]["paths"][0]["title"] == "Senior Level"
