"""`ses-decider pay` in a real process: the figures in plain text and JSON; bad input in one line."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import assert_clean_failure, run_cli

ISSUE_EXAMPLE = ["pay", "--grade", "15", "--step", "6", "--locality", "Washington-Baltimore"]


def test_plain_text_shows_pay_now_the_cap_the_ses_and_the_lean(tmp_path):
    run = run_cli(
        *ISSUE_EXAMPLE,
        *["--ses-salary", "190000", "--hours-now", "45", "--hours-ses", "55", "--years", "18"],
        data_dir=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Washington-Baltimore-Arlington, DC-MD-VA-WV-PA (DCB), locality 33.94%" in out
    assert "base $147,449, with locality $197,200, capped (the cap removes $293)" in out
    assert "SES: salary $190,000" in out
    assert "Difference a year: -$7,200" in out
    assert "now $84.27 at 45 h/week, SES $66.43 at 55 h/week" in out
    assert "Leave a year: now 208 h (carry over 240), SES 208 h (carry over 720)" in out
    assert "Suggested Pay lean: -4." in out
    assert run.stderr == ""
    assert not (tmp_path / "ses-decider.db").exists()  # a calculation opens no database


def test_json_output_carries_the_issue_keys_and_the_annuity(tmp_path):
    run = run_cli(
        *ISSUE_EXAMPLE,
        *["--ses-salary", "200000", "--years", "18", "--years-to-retirement", "6"],
        *["--age-at-retirement", "62", "--award-pct", "5", "--json"],
        data_dir=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["gs_base_pay"] == 147449 and data["locality_percent"] == 33.94
    assert data["gs_adjusted_pay"] == 197200 and data["capped"] is True
    assert data["ses_pay"] == 210000 and data["annual_difference"] == 12800
    assert data["leave_hours_now"] == 208 and data["leave_hours_ses"] == 208
    assert data["as_of"] == "2026-01"
    assert -5 <= data["suggested_pay_lean"] <= 5
    annuity = data["annuity"]
    assert annuity["percent_per_year"] == 1.1 and annuity["years_at_retirement"] == 24
    assert annuity["annuity_ses"] == round(200000 * 24 * 1.1 / 100)  # the award is not in it


def test_uncertified_lowers_the_maximum_and_rest_of_us_has_no_cap(tmp_path):
    run = run_cli(
        "pay", "--grade", "14", "--step", "1", "--locality", "rest of us",
        "--uncertified", "--ses-salary", "209600", "--json",
        data_dir=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["locality_code"] == "RUS" and data["capped"] is False
    assert data["ses_maximum"] == 209600 and data["ses_salary"] == 209600
    assert data["leave_hours_now"] is None  # no --years: not guessed


def test_list_localities_shows_every_area_with_its_code(tmp_path):
    run = run_cli("pay", "--list-localities", data_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 58
    assert any(line.startswith("DCB") and "33.94%" in line for line in lines)
    assert any(line.startswith("RUS") and "Rest of U.S." in line for line in lines)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--grade", "16", "--step", "1", "--locality", "DCB"], "grade 16"),
        (["--grade", "15", "--step", "0", "--locality", "DCB"], "step 0"),
        (["--grade", "15", "--step", "1", "--locality", "Atlantis"], "unknown locality"),
        (["--grade", "15", "--step", "1", "--locality", "San"], "matches 3 areas"),
        (["--grade", "15", "--step", "1", "--locality", "DCB", "--hours-now", "-5"], "hours"),
        (["--grade", "15", "--step", "1", "--locality", "DCB", "--hours-ses", "-1"], "hours"),
        (
            ["--grade", "15", "--step", "1", "--locality", "DCB", "--ses-salary", "300000"],
            "outside the 2026 range",
        ),
        (
            ["--grade", "15", "--step", "1", "--locality", "DCB", "--uncertified"]
            + ["--ses-salary", "220000"],
            "$209,600",
        ),
        (["--grade", "fifteen", "--step", "1", "--locality", "DCB"], "--grade must be"),
        (["--grade", "15", "--step", "1", "--locality", "DCB", "--award-pct", "30"], "award"),
        (["--grade", "15", "--step", "1"], "needs --grade, --step and --locality"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, named):
    run = run_cli("pay", *args, data_dir=tmp_path)
    assert_clean_failure(run.stdout, run.stderr, run.returncode)
    assert named in run.stderr
