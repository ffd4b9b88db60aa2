"""`ses-decider score --json` with fit and readiness sections: want, ready and the quadrant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ses_decider.cli import main
from ses_decider.core.readiness import fit_score, quadrant_for, ready_score, want_score
from ses_decider.storage.exchange import load_assessment_file
from tests.cli.test_cli import assert_clean_failure, run_cli

DATA = Path(__file__).resolve().parent.parent / "data"
AXES_KEYS = {"want", "ready", "quadrant", "quadrant_title", "fit_score", "readiness_ways"}


def with_sections(tmp_path: Path, fit=None, readiness=None, name="roadmap.json") -> Path:
    data = json.loads((DATA / "good.json").read_text(encoding="utf-8"))
    if fit is not None:
        data["fit"] = fit
    if readiness is not None:
        data["readiness"] = readiness
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


READINESS = {
    "ecq_set": "opm_2025",
    "facts": {
        "performance_record": 3,
        "years_gs14_15": 4,
        "positions_held": 3,
        "details_done": 0,
        "washington_tour": False,
        "willing_to_relocate": True,
        "coach_or_mentor": False,
    },
    "ecq": {
        "leading_people": {"rating": 3, "example": "Led 40 staff through a merger."},
        "driving_efficiency": {"rating": 1, "example": ""},
    },
    "plan": [{"id": "own:a1", "text": "Ask for a detail", "target_date": "2027-01-15"}],
}
FIT = {"management_track": 4, "people_centric": 3, "more_time": 1, "family_situation": 2}


def score_json(capsys, path: Path) -> dict:
    assert main(["score", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


def test_old_files_print_no_axes(capsys):
    for name in ("good.json", "custom.json", "zero.json", "dealbreaker.json"):
        out = score_json(capsys, DATA / name)
        assert not AXES_KEYS & set(out), name


def test_both_sections_give_want_ready_and_the_quadrant(capsys, tmp_path):
    out = score_json(capsys, with_sections(tmp_path, FIT, READINESS))
    assert AXES_KEYS <= set(out)
    _, assessment = load_assessment_file(tmp_path / "roadmap.json")
    fit = fit_score(FIT)
    assert out["fit_score"] == pytest.approx(fit) == pytest.approx(100 * 10 / 16)
    assert out["want"] == pytest.approx(want_score(out["score"], fit))
    assert out["want"] == pytest.approx(0.7 * out["score"] + 0.3 * fit)
    assert out["ready"] == pytest.approx(ready_score(assessment.readiness))
    assert out["quadrant"] == quadrant_for(out["want"], out["ready"]).value
    assert out["quadrant"] == "build_readiness"  # GO on the pros and cons, ready below 50
    assert out["quadrant_title"] == "Want it, build readiness first"
    assert out["readiness_ways"]["location"] == 1.0
    assert out["readiness_ways"]["ecqs"] == pytest.approx((3 + 1) / 4 / 5)
    assert out["want_capped_by_dealbreaker"] is False
    assert out["verdict"] == "GO"  # the rest of the output is unchanged


def test_fit_alone_gives_want_but_no_quadrant(capsys, tmp_path):
    out = score_json(capsys, with_sections(tmp_path, fit=FIT))
    assert out["want"] == pytest.approx(0.7 * out["score"] + 0.3 * fit_score(FIT))
    assert out["ready"] is None and out["quadrant"] is None and out["quadrant_title"] is None
    assert out["readiness_ways"] == {}


def test_readiness_alone_uses_the_decision_score_as_want(capsys, tmp_path):
    out = score_json(capsys, with_sections(tmp_path, readiness={}))
    assert out["want"] == pytest.approx(out["score"])
    assert out["ready"] == 0.0 and out["fit_score"] is None
    assert out["quadrant"] == "build_readiness"


def test_the_text_output_still_works(capsys, tmp_path):
    assert main(["score", str(with_sections(tmp_path, FIT, READINESS))]) == 0
    assert capsys.readouterr().out.startswith("Alex Rivera: GO")


@pytest.mark.parametrize(
    ("fit", "readiness", "field"),
    [
        ({"charisma": 2}, None, "fit.charisma"),
        ({"more_time": 4.5}, None, "fit.more_time"),
        (None, {"facts": {"details_done": "two"}}, "readiness.facts.details_done"),
        (None, {"ecq_set": "ecq_2031"}, "readiness.ecq_set"),
        (None, {"ecq": {"leading_people": {"rating": 9}}}, "readiness.ecq.leading_people.rating"),
        (None, {"plan": [{"id": "own:x", "text": "t", "done": 1}]}, "readiness.plan[0].done"),
    ],
)
def test_bad_sections_exit_2_with_one_line(capsys, tmp_path, fit, readiness, field):
    code = main(["score", str(with_sections(tmp_path, fit, readiness)), "--json"])
    captured = capsys.readouterr()
    assert_clean_failure(captured.out, captured.err, code)
    assert field in captured.err


def test_in_a_real_process(isolated_data_dir, tmp_path):
    good = with_sections(tmp_path, FIT, READINESS)
    result = run_cli("score", str(good), "--json", data_dir=isolated_data_dir)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["quadrant"] == "build_readiness"
    nan = tmp_path / "nan.json"
    nan.write_text(good.read_text(encoding="utf-8").replace('"more_time": 1', '"more_time": NaN'))
    result = run_cli("score", str(nan), "--json", data_dir=isolated_data_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert not isolated_data_dir.exists()


def test_export_and_import_keep_the_roadmap(capsys, tmp_path):
    source = with_sections(tmp_path, FIT, READINESS)
    data_dir = str(tmp_path / "db")
    assert main(["--data-dir", data_dir, "import", str(source)]) == 0
    out = tmp_path / "out.json"
    exported_ok = main(
        ["--data-dir", data_dir, "export", "--person", "Alex Rivera", "--out", str(out)]
        + ["--assessment-only"]
    )
    assert exported_ok == 0
    capsys.readouterr()
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["fit"] == FIT
    assert exported["readiness"]["facts"]["willing_to_relocate"] is True
    assert exported["readiness"]["plan"][0]["target_date"] == "2027-01-15"
    assert score_json(capsys, out)["ready"] == score_json(capsys, source)["ready"]


def test_score_text_names_the_quadrant(tmp_path, capsys):
    from ses_decider.cli import main
    from ses_decider.core.content import demo_assessment
    from ses_decider.core.readiness import blank_readiness
    from ses_decider.storage.exchange import assessment_to_data, write_json_atomically

    assessment = demo_assessment()
    assessment.readiness = blank_readiness()
    path = tmp_path / "with_readiness.json"
    write_json_atomically(path, assessment_to_data(assessment, "Quinn"))
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Am I ready? 0" in out and "Want it, build readiness first" in out
