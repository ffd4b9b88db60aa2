"""`ses-decider report`: a brief from the command line, headless; clean failures leave no file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ses_decider.core.content import demo_assessment
from ses_decider.core.records import Choice, Decision
from ses_decider.storage.db import database_path, open_database
from ses_decider.storage.repository import MENTOR, Repository
from tests.report.conftest import mentor_assessment, needs_poppler, pdf_text

NAME = "Sample person (demo)"


def run_report(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The real program in a fresh process with no display at all (and no QT_QPA_PLATFORM)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "ses_decider", "--data-dir", str(data_dir), "report", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    db = open_database(database_path(folder))
    repo = Repository(db)
    person = repo.create_person(NAME, demo_assessment(), is_demo=True)
    repo.assessments.save(person.id, mentor_assessment(), MENTOR)
    repo.notes.set(person.id, "relocation", "Ask about the 2027 rotation")
    repo.decisions.set(person.id, Decision(Choice.APPLIED, "2027-01-05", "", None))
    repo.people.set_review_on(person.id, "2027-05-01")
    db.close()
    return folder


def assert_one_line_failure(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ses-decider:")
    assert "Traceback" not in result.stderr and result.stdout == ""
    for word in words:
        assert word in lines[0]


@needs_poppler
def test_pdf_headless_with_the_mentors_view(data_dir, tmp_path):
    out = tmp_path / "out" / "brief.pdf"
    out.parent.mkdir()
    result = run_report(data_dir, "--person", NAME, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote the brief for {NAME}")
    text = pdf_text(out)
    assert NAME in text and "CLOSE CALL" in text and "The mentor's view" in text
    flat = " ".join(text.split())
    assert "Ask about the 2027 rotation" in flat
    assert "Final decision: Applied, on January 5, 2027." in flat
    assert "Next review: May 1, 2027." in flat
    assert [p.name for p in out.parent.iterdir()] == ["brief.pdf"]


def test_html(data_dir, tmp_path):
    out = tmp_path / "brief.html"
    result = run_report(data_dir, "--person", NAME, "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Sample person (demo)" in html


def test_unknown_person(data_dir, tmp_path):
    out = tmp_path / "brief.pdf"
    assert_one_line_failure(run_report(data_dir, "--person", "Nobody", "--out", str(out)), "Nobody")
    assert list(tmp_path.glob("brief*")) == [] and not list(tmp_path.glob(".brief*"))


def test_unknown_extension(data_dir, tmp_path):
    out = tmp_path / "brief.docx"
    assert_one_line_failure(run_report(data_dir, "--person", NAME, "--out", str(out)), ".docx")
    assert not any(p.name.startswith((".brief", "brief")) for p in tmp_path.iterdir())


@pytest.mark.parametrize("where", ["missing/brief.pdf", "a_file.txt/brief.pdf", "a_folder.pdf"])
def test_unwritable_path(data_dir, tmp_path, where):
    (tmp_path / "a_file.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "a_folder.pdf").mkdir()

    def files() -> list[str]:
        return sorted(p.name for p in tmp_path.rglob("*") if data_dir not in (p, *p.parents))

    before = files()
    result = run_report(data_dir, "--person", NAME, "--out", str(tmp_path / where))
    assert_one_line_failure(result, "cannot write")
    assert files() == before  # no brief, no temporary file
