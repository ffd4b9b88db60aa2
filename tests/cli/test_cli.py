"""`ses-decider` on the command line: verdicts, JSON for scripts, export/import, and clean errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ses_decider import __version__
from ses_decider.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
BAD_FILES = json.loads((DATA / "bad_files.json").read_text(encoding="utf-8"))["files"]
VERDICTS = {"GO", "CLOSE CALL", "NO-GO", "NOT ENOUGH INPUT"}


def run_cli(*args: str, data_dir: Path, **env_extra: str) -> subprocess.CompletedProcess:
    """Run the real program in a fresh process, as a script or a mentor would."""
    env = dict(os.environ)
    env.update(SES_DECIDER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen", **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "ses_decider", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=120,
    )


def assert_clean_failure(stdout: str, stderr: str, returncode: int) -> None:
    """Exit status 2, one line on stderr starting with the program name, never a traceback."""
    assert returncode == 2, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("ses-decider:")
    assert "Traceback" not in stdout + stderr
    assert stdout == ""


def people_rows(data_dir: Path) -> list[tuple]:
    conn = sqlite3.connect(data_dir / "ses-decider.db")
    try:
        return conn.execute("SELECT name FROM people ORDER BY name").fetchall()
    finally:
        conn.close()


# score -------------------------------------------------------------------------------------------
def test_version(isolated_data_dir):
    result = run_cli("--version", data_dir=isolated_data_dir)
    assert result.returncode == 0
    assert result.stdout.strip() == f"ses-decider {__version__}"
    assert __version__ == "0.1.0"


def test_score_prints_the_verdict_and_reasons(isolated_data_dir):
    result = run_cli("score", str(DATA / "good.json"), data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Alex Rivera: GO (score 70.5 of 100)"
    assert any(line.split() == ["+7.0", "mission"] for line in lines)
    assert any(line.startswith("Robustness:") for line in lines)
    assert result.stderr == ""
    assert not isolated_data_dir.exists()  # scoring a file never creates a database


def test_score_json_for_scripts(isolated_data_dir):
    result = run_cli("score", str(DATA / "good.json"), "--json", data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["verdict"] == "GO"
    assert out["score"] == pytest.approx(50 + 10 * 119.5 / 58.25)
    contributions = out["contributions"]
    assert list(contributions) == [
        "elite_corps",
        "lofty_position",
        "influence",
        "stress",
        "pay",
        "community",
        "mission",
        "creativity",
        "authority",
        "work_family",
        "relocation",
    ]
    assert abs(sum(contributions.values()) - (out["score"] - 50)) < 1e-6
    assert contributions["mission"] == pytest.approx(10 * 9 * 4.5 / 58.25)
    assert out["dealbreakers"] == []  # work_family is a dealbreaker, but its lean is only -1
    # Produced by the sensitivity module: present, and shaped for scripts.
    assert set(out["tipping_points"]) <= set(contributions)
    assert 0.0 <= out["robustness"]["p_go"] <= 1.0
    assert out["robustness"]["seed"] == 0
    assert out["gut"] == {"before": "GO", "after": None}


def test_score_json_no_weight_is_not_enough_input(isolated_data_dir):
    result = run_cli("score", str(DATA / "zero.json"), "--json", data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["verdict"] == "NOT ENOUGH INPUT"
    assert out["score"] is None
    assert all(points == 0 for points in out["contributions"].values())


def test_score_json_dealbreaker_is_no_go(isolated_data_dir):
    result = run_cli("score", str(DATA / "dealbreaker.json"), "--json", data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["verdict"] == "NO-GO"
    assert out["dealbreakers"] == ["relocation"]
    assert out["score"] > 90  # the score is still shown
    assert abs(sum(out["contributions"].values()) - (out["score"] - 50)) < 1e-6


@pytest.mark.parametrize(
    ("name", "verdict"),
    [
        ("good.json", "GO"),
        ("custom.json", "CLOSE CALL"),
        ("zero.json", "NOT ENOUGH INPUT"),
        ("dealbreaker.json", "NO-GO"),
    ],
)
def test_score_in_process(capsys, name, verdict):
    assert main(["score", str(DATA / name), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    out = json.loads(captured.out)
    assert out["verdict"] == verdict and out["verdict"] in VERDICTS
    if out["score"] is not None:
        assert abs(sum(out["contributions"].values()) - (out["score"] - 50)) < 1e-6
    assert main(["score", str(DATA / name)]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert f": {verdict}" in first_line


def test_score_text_names_the_dealbreaker(capsys):
    assert main(["score", str(DATA / "dealbreaker.json")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pat Lee: NO-GO (score")
    assert "Decided by dealbreaker: relocation" in out


def test_custom_factor_is_scored(capsys):
    assert main(["score", str(DATA / "custom.json"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["contributions"]["teaching"] == pytest.approx(10 * 5 * -2 / 19)
    assert set(out["contributions"]) == {"mission", "stress", "teaching"}


def test_the_robustness_seed_makes_output_repeatable(capsys):
    main(["score", str(DATA / "custom.json"), "--json", "--seed", "7"])
    first = capsys.readouterr().out
    main(["score", str(DATA / "custom.json"), "--json", "--seed", "7"])
    assert capsys.readouterr().out == first
    assert json.loads(first)["robustness"]["seed"] == 7


# Bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_in_process(capsys, name):
    code = main(["score", str(DATA / "bad" / name)])
    captured = capsys.readouterr()
    assert_clean_failure(captured.out, captured.err, code)
    expected = BAD_FILES[name]
    alternatives = [expected] if isinstance(expected, str) else expected
    assert any(text in captured.err for text in alternatives), captured.err


@pytest.mark.parametrize(
    "name",
    [
        "not_json.json",
        "weight_nan.json",
        "lean_minus_infinity.json",
        "weight_huge_integer.json",
        "person_lone_surrogate.json",
        "nested_deep.json",
        "not_utf8.json",
    ],
)
def test_bad_file_in_a_real_process(isolated_data_dir, name):
    result = run_cli("score", str(DATA / "bad" / name), "--json", data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)


def test_deeply_nested_file_in_a_real_process(isolated_data_dir, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    result = run_cli("score", str(path), data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "nested too deeply" in result.stderr


def test_missing_file_in_a_real_process(isolated_data_dir, tmp_path):
    result = run_cli("score", str(tmp_path / "nowhere.json"), data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "does not exist" in result.stderr


@pytest.mark.parametrize("kind", ["folder", "missing", "too big"])
def test_unusable_paths_in_process(capsys, tmp_path, kind):
    path = tmp_path / "input.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "too big":
        path.write_text(" " * 5_000_001, encoding="utf-8")
    code = main(["score", str(path)])
    captured = capsys.readouterr()
    assert_clean_failure(captured.out, captured.err, code)


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["score"])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_text_the_console_cannot_show_is_no_crash(isolated_data_dir, tmp_path):
    # A Windows console or redirect in cp1252 cannot encode emoji in a name or a custom title.
    path = tmp_path / "emoji.json"
    path.write_text(
        json.dumps(
            {
                "format": "ses-decider/assessment",
                "version": 1,
                "person": "Jos\u00e9 \U0001f600",
                "factors": [
                    {"id": "pay", "weight": 7, "lean": 3},
                    {
                        "id": "garden",
                        "custom": True,
                        "title": "My garden \U0001f33b",
                        "pro": "p",
                        "con": "c",
                        "weight": 3,
                        "lean": -4,
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    for extra in ([], ["--json"]):
        result = run_cli(
            "score", str(path), *extra, data_dir=isolated_data_dir, PYTHONIOENCODING="cp1252"
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


# export / import / people ------------------------------------------------------------------------
def test_export_import_round_trip(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    imported = run_cli(
        "--data-dir", str(first), "import", str(DATA / "custom.json"), data_dir=tmp_path / "unused"
    )
    assert imported.returncode == 0, imported.stderr
    assert "Sam Okafor" in imported.stdout
    assert not (tmp_path / "unused").exists()  # --data-dir wins over the environment

    out = tmp_path / "sam.json"
    exported = run_cli(
        "--data-dir",
        str(first),
        "export",
        "--person",
        "sam okafor",
        "--out",
        str(out),
        "--assessment-only",
        data_dir=tmp_path / "unused",
    )
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    original = json.loads((DATA / "custom.json").read_text(encoding="utf-8"))
    assert data["person"] == "Sam Okafor"
    got = {item["id"]: item for item in data["factors"]}
    for item in original["factors"]:
        for key, value in item.items():
            assert got[item["id"]][key] == value, (item["id"], key)
    assert set(got) == {item["id"] for item in original["factors"]}

    again = run_cli("--data-dir", str(second), "import", str(out), data_dir=tmp_path / "unused")
    assert again.returncode == 0, again.stderr
    listed = run_cli("--data-dir", str(second), "people", "--json", data_dir=tmp_path / "unused")
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert row["name"] == "Sam Okafor"
    assert row["verdict"] == "CLOSE CALL"
    assert row["snapshots"] == 0
    scored = json.loads(run_cli("score", str(out), "--json", data_dir=tmp_path).stdout)
    original_score = json.loads(
        run_cli("score", str(DATA / "custom.json"), "--json", data_dir=tmp_path).stdout
    )
    assert scored["score"] == original_score["score"]
    assert scored["contributions"] == original_score["contributions"]


def test_import_twice_then_a_change(isolated_data_dir, tmp_path):
    good = str(DATA / "good.json")
    assert run_cli("import", good, data_dir=isolated_data_dir).returncode == 0
    twice = run_cli("import", good, data_dir=isolated_data_dir)
    assert "nothing changed" in twice.stdout
    changed = json.loads((DATA / "good.json").read_text(encoding="utf-8"))
    changed["factors"][0]["lean"] = -5
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    third = run_cli("import", str(path), data_dir=isolated_data_dir)
    assert third.returncode == 0, third.stderr
    listed = run_cli("people", "--json", data_dir=isolated_data_dir)
    [row] = json.loads(listed.stdout)
    assert {k: row[k] for k in ("name", "score", "verdict", "snapshots", "rated")} == {
        "name": "Alex Rivera",
        "score": pytest.approx(50 + 10 * (119.5 - 28) / 58.25),
        "verdict": "GO",
        "snapshots": 1,
        "rated": 11,
    }
    assert len(row["uid"]) == 32
    text = run_cli("people", data_dir=isolated_data_dir)
    assert text.stdout.strip() == (
        f"Alex Rivera: GO (65.7), 11 of {row['factors']} factors rated, 1 snapshot(s)"
    )


@pytest.mark.parametrize(
    "name", ["weight_string.json", "duplicate_id.json", "person_lone_surrogate.json"]
)
def test_import_of_a_bad_file_changes_nothing(isolated_data_dir, name):
    assert (
        run_cli("import", str(DATA / "dealbreaker.json"), data_dir=isolated_data_dir).returncode
        == 0
    )
    db_file = isolated_data_dir / "ses-decider.db"
    before = people_rows(isolated_data_dir)
    result = run_cli("import", str(DATA / "bad" / name), data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert people_rows(isolated_data_dir) == before == [("Pat Lee",)]
    assert db_file.exists()


def test_import_of_a_bad_file_creates_no_database(isolated_data_dir):
    result = run_cli("import", str(DATA / "bad" / "lean_5_5.json"), data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "factors[0].lean" in result.stderr
    assert not (isolated_data_dir / "ses-decider.db").exists()


def test_export_of_an_unknown_person(isolated_data_dir, tmp_path):
    out = tmp_path / "x.json"
    result = run_cli("export", "--person", "Nobody", "--out", str(out), data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "Nobody" in result.stderr
    assert not out.exists()


def test_export_into_a_missing_folder(isolated_data_dir, tmp_path):
    assert run_cli("import", str(DATA / "good.json"), data_dir=isolated_data_dir).returncode == 0
    out = tmp_path / "no" / "such" / "folder" / "x.json"
    result = run_cli(
        "export", "--person", "Alex Rivera", "--out", str(out), data_dir=isolated_data_dir
    )
    assert_clean_failure(result.stdout, result.stderr, result.returncode)


def test_a_damaged_database_is_reported_and_kept(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True)
    db_file = isolated_data_dir / "ses-decider.db"
    db_file.write_bytes(b"\x00garbage\xff" * 500)
    before = db_file.read_bytes()
    for args in (["people", "--json"], ["import", str(DATA / "good.json")]):
        result = run_cli(*args, data_dir=isolated_data_dir)
        assert_clean_failure(result.stdout, result.stderr, result.returncode)
        assert "not an SES Decider database" in result.stderr
    assert db_file.read_bytes() == before


def test_people_on_a_new_database(isolated_data_dir):
    result = run_cli("people", "--json", data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_opening_the_app_is_read_without_the_parser_and_anything_else_with_it():
    from ses_decider.cli import _gui_only

    assert _gui_only([]) == (None, False)
    assert _gui_only(["gui"]) == (None, False)
    assert _gui_only(["--data-dir", "/d", "gui", "--exit-after-start"]) == ("/d", True)
    # Anything else is argparse's: help, version, errors, other commands, odd spellings.
    for argv in (
        ["--help"],
        ["--version"],
        ["--data-dir"],
        ["--data-dir", "--version"],
        ["gui", "--help"],
        ["gui", "--exit-after-start", "extra"],
        ["score", "file.json"],
    ):
        assert _gui_only(argv) is None, argv
