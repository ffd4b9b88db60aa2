"""`ses-decider weights FILE [--json]`: ranking and pairwise files, good and bad, in real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ses_decider.core.weighting import rank_order_centroid
from tests.cli.test_cli import DATA, assert_clean_failure, run_cli

KEYS = {"method", "weights", "consistency_ratio", "lambda_max", "most_inconsistent"}
RANKING = {"format": "ses-decider/ranking", "version": 1, "order": ["mission", "pay", "stress"]}
CONSISTENT = {  # mission = 3 pay = 6 stress, exactly
    "format": "ses-decider/pairwise",
    "version": 1,
    "factors": ["mission", "pay", "stress"],
    "judgements": [
        {"a": "mission", "b": "pay", "value": 3},
        {"a": "stress", "b": "mission", "value": 1 / 6},
        {"a": "pay", "b": "stress", "value": 2},
    ],
}
INCONSISTENT = {  # mission beats pay, pay beats stress, stress beats mission: a circle
    "format": "ses-decider/pairwise",
    "version": 1,
    "factors": ["mission", "pay", "stress", "influence"],
    "judgements": [
        {"a": "mission", "b": "pay", "value": 3},
        {"a": "mission", "b": "stress", "value": 5},
        {"a": "mission", "b": "influence", "value": 1},
        {"a": "pay", "b": "stress", "value": 2},
        {"a": "pay", "b": "influence", "value": 9},
        {"a": "stress", "b": "influence", "value": 1},
    ],
}


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def weights(tmp_path: Path, data, *extra: str):
    return run_cli("weights", str(write(tmp_path, data)), *extra, data_dir=tmp_path / "data")


def test_a_ranking_as_text(tmp_path):
    result = weights(tmp_path, RANKING)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Weights from your ranking (rank-order centroid):"
    assert [line.split()[-1] for line in lines[1:]] == ["mission", "pay", "stress"]
    assert lines[1].split()[0] == "61.1%"
    assert "Consistency" not in result.stdout
    assert not (tmp_path / "data").exists()  # no database is needed or made


def test_a_ranking_as_the_documented_object(tmp_path):
    result = weights(tmp_path, RANKING, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert isinstance(out, dict) and set(out) == KEYS
    assert out["method"] == "rank"
    assert out["weights"] == pytest.approx(rank_order_centroid(["mission", "pay", "stress"]))
    assert out["consistency_ratio"] is None and out["lambda_max"] is None
    assert out["most_inconsistent"] is None


def test_consistent_pairwise_judgements(tmp_path):
    result = weights(tmp_path, CONSISTENT, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == KEYS and out["method"] == "pairwise"
    assert out["weights"] == pytest.approx({"mission": 2 / 3, "pay": 2 / 9, "stress": 1 / 9})
    assert out["consistency_ratio"] == pytest.approx(0.0, abs=1e-9)
    assert out["lambda_max"] == pytest.approx(3.0)
    assert out["most_inconsistent"] is None
    text = weights(tmp_path, CONSISTENT)
    assert text.returncode == 0, text.stderr
    assert "Consistency ratio 0.000: consistent enough (0.10 or less)." in text.stdout


def test_inconsistent_pairwise_judgements_are_flagged_with_the_fix(tmp_path):
    out = json.loads(weights(tmp_path, INCONSISTENT, "--json").stdout)
    assert out["consistency_ratio"] > 0.10
    hint = out["most_inconsistent"]
    assert set(hint) == {"a", "b", "value", "suggested"}
    text = weights(tmp_path, INCONSISTENT)
    # the weights are still given (exit 0): they are usable, and the warning says how far to trust
    assert text.returncode == 0, text.stderr
    assert "is above 0.10" in text.stdout and "shaky" in text.stdout
    assert f"Most at odds: {hint['a']} vs {hint['b']}" in text.stdout
    assert sum(float(line.split()[0].rstrip("%")) for line in text.stdout.splitlines()[1:5]) == (
        pytest.approx(100, abs=0.3)
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            {**RANKING, "order": ["mission", "telework"]},
            ["order/1", "unknown factor id 'telework'"],
        ),
        ({**RANKING, "order": ["mission", "mission"]}, ["order", "non-unique"]),
        ({**CONSISTENT, "factors": ["mission", "pay", "nope"]}, ["unknown factor id 'nope'"]),
        ({**CONSISTENT, "judgements": CONSISTENT["judgements"][:2]}, ["missing the pair"]),
        ({**RANKING, "format": "ses-decider/other"}, ["format"]),
        ({**RANKING, "version": 2}, ["version", "expected 1"]),
        ([1, 2, 3], ["must be a JSON object"]),
    ],
)
def test_bad_weighting_files(tmp_path, data, words):
    result = weights(tmp_path, data)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "weights.json" in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_an_assessment_file_is_not_a_weighting_file(tmp_path):
    result = run_cli("weights", str(DATA / "good.json"), data_dir=tmp_path / "data")
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "format" in result.stderr


def test_not_json(tmp_path):
    path = tmp_path / "weights.json"
    path.write_text("{order: [mission]}", encoding="utf-8")
    result = run_cli("weights", str(path), data_dir=tmp_path / "data")
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "not valid JSON" in result.stderr
