"""`ses-decider export` / `import` with person files, and `people`, honouring --data-dir."""

from __future__ import annotations

import json
from pathlib import Path

from ses_decider.cli import main
from ses_decider.core.content import demo_assessment
from ses_decider.core.records import Choice, Decision
from ses_decider.storage.db import database_path, open_database
from ses_decider.storage.repository import Repository
from tests.cli.test_cli import DATA, assert_clean_failure, run_cli

NOTE = '<b>\'); DROP TABLE people;--</b> "q" \U0001f680\nline 2'


def seed(data_dir: Path) -> None:
    db = open_database(database_path(data_dir))
    repo = Repository(db)
    a = demo_assessment()
    a.ratings["pay"].note = NOTE
    person = repo.create_person("Dana Cho", a)
    repo.snapshots.take(person.id, demo_assessment(), "before the detail")
    repo.snapshots.take(person.id, a, "after the detail")
    repo.notes.set(person.id, "pay", NOTE)
    repo.decisions.set(person.id, Decision(Choice.NOT_NOW, "2026-02-01"))
    db.close()


def counts(data_dir: Path) -> dict[str, int]:
    db = open_database(database_path(data_dir))
    try:
        return {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("people", "snapshots", "discussion_notes", "decisions", "ratings")
        }
    finally:
        db.close()


def test_export_writes_a_person_file_and_import_is_idempotent(tmp_path, capsys):
    first, second = tmp_path / "mentee", tmp_path / "mentor"
    seed(first)
    out = tmp_path / "dana.json"
    assert (
        main(["--data-dir", str(first), "export", "--person", "dana cho", "--out", str(out)]) == 0
    )
    assert "Exported Dana Cho" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "ses-decider/person"
    assert [s["label"] for s in data["snapshots"]] == ["before the detail", "after the detail"]
    assert data["notes"][0]["text"] == NOTE

    assert main(["--data-dir", str(second), "import", str(out)]) == 0
    assert "new person" in capsys.readouterr().out
    once = counts(second)
    assert once == counts(first)
    assert main(["--data-dir", str(second), "import", str(out)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert counts(second) == once

    assert main(["--data-dir", str(second), "people", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["name"] == "Dana Cho" and row["snapshots"] == 2


def test_assessment_only_export_still_writes_an_assessment_file(tmp_path, capsys):
    seed(tmp_path / "d")
    out = tmp_path / "a.json"
    args = ["--data-dir", str(tmp_path / "d"), "export", "--person", "Dana Cho", "--out", str(out)]
    assert main([*args, "--assessment-only"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "ses-decider/assessment"
    assert data["person"] == "Dana Cho"
    assert main(["--data-dir", str(tmp_path / "e"), "import", str(out)]) == 0
    assert "Dana Cho" in capsys.readouterr().out


def test_import_still_accepts_an_assessment_file(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "import", str(DATA / "good.json")]) == 0
    assert "Alex Rivera" in capsys.readouterr().out


def test_a_bad_person_file_fails_in_one_line_and_creates_no_database(tmp_path, capsys):
    seed(tmp_path / "src")
    out = tmp_path / "dana.json"
    main(["--data-dir", str(tmp_path / "src"), "export", "--person", "Dana Cho", "--out", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["snapshots"][1]["factors"][0]["weight"] = 12
    out.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    target = tmp_path / "target"
    assert main(["--data-dir", str(target), "import", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "snapshots[1].factors[0].weight" in captured.err
    assert not (target / "ses-decider.db").exists()


def test_person_files_through_the_real_program(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    seed(source)
    out = tmp_path / "dana.json"
    exported = run_cli(
        "--data-dir", str(source), "export", "--person", "Dana Cho", "--out", str(out),
        data_dir=tmp_path / "unused",
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    for expected in ("new person", "nothing changed"):
        imported = run_cli("--data-dir", str(target), "import", str(out), data_dir=tmp_path / "x")
        assert imported.returncode == 0, imported.stderr
        assert expected in imported.stdout
    assert not (tmp_path / "unused").exists() and not (tmp_path / "x").exists()
    listed = run_cli("--data-dir", str(target), "people", "--json", data_dir=tmp_path / "x")
    assert json.loads(listed.stdout)[0]["snapshots"] == 2

    data = json.loads(out.read_text(encoding="utf-8"))
    data["decision"]["choice"] = "maybe"
    out.write_text(json.dumps(data), encoding="utf-8")
    bad = run_cli("--data-dir", str(target), "import", str(out), data_dir=tmp_path / "x")
    assert_clean_failure(bad.stdout, bad.stderr, bad.returncode)
    assert "decision.choice" in bad.stderr
