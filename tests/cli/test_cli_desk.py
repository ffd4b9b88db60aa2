"""The desk on the command line: `people --json` with the desk's keys, `agenda` (text, PDF, HTML) and
`roster`, in a fresh process each, with good and bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ses_decider.core.content import demo_assessment
from ses_decider.core.mentoring import AgreedAction, MentoringSession
from ses_decider.core.model import Rating
from ses_decider.ops import run
from ses_decider.ops.mentoring import record_session
from ses_decider.storage.db import database_path, open_database
from ses_decider.storage.repository import Repository
from tests.cli.test_cli import assert_clean_failure, run_cli
from tests.report.conftest import needs_poppler, pdf_pages, pdf_text

OLD_KEYS = {"name", "shown_as", "uid", "score", "verdict", "rated", "factors", "snapshots"}
DESK_KEYS = {"quadrant", "change_since_last_session", "top_difference", "next_due", "last_session"}


@pytest.fixture
def mentor_dir(tmp_path):
    """A mentor's data: Dana with a mentor view, a snapshot, a session and an action; Eli with
    nothing yet."""
    folder = tmp_path / "mentor"
    db = open_database(database_path(folder))
    repo = Repository(db)
    dana = repo.create_person("Dana <Cho>", demo_assessment())
    repo.snapshots.take(dana.id, demo_assessment(), "first", taken_at="2026-01-02T09:00:00+00:00")
    mentor = demo_assessment()
    mentor.ratings["pay"] = Rating(weight=9, lean=-5)
    repo.assessments.save(dana.id, mentor, "mentor")
    session = MentoringSession("2026-01-05", notes="Talked about the detail")
    run(
        repo,
        record_session,
        dana.id,
        session,
        [AgreedAction(session.id, "Ask HR about a detail", due="2026-02-01")],
    )
    repo.create_person("Eli", demo_assessment())
    db.close()
    return folder


def test_people_json_keeps_its_keys_and_gains_the_desks(mentor_dir):
    result = run_cli("people", "--json", data_dir=mentor_dir)
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    for row in rows.values():
        assert set(row) == OLD_KEYS | DESK_KEYS
    dana, eli = rows["Dana <Cho>"], rows["Eli"]
    assert dana["snapshots"] == 1
    assert dana["last_session"] == "2026-01-05"
    assert dana["change_since_last_session"] == pytest.approx(0.0)
    assert dana["top_difference"]["factor"] == "pay"
    assert dana["top_difference"]["points"] < 0
    assert dana["next_due"] == {"date": "2026-02-01", "what": "Ask HR about a detail"}
    assert dana["quadrant"] is None
    assert [eli[k] for k in sorted(DESK_KEYS)] == [None] * 5


def test_people_as_text_names_the_desk_columns(mentor_dir):
    result = run_cli("people", data_dir=mentor_dir)
    assert result.returncode == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("Dana"))
    assert "last session 2026-01-05" in line and "top difference Pay (" in line
    eli = next(line for line in result.stdout.splitlines() if line.startswith("Eli"))
    assert eli.endswith("0 snapshot(s)")  # nothing on the desk yet: the line as it always was


def test_agenda_prints_text_without_out(mentor_dir):
    result = run_cli("agenda", "--person", "dana <cho>", data_dir=mentor_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Agenda for a session with Dana <Cho> \u2014 {date.today().isoformat()}"
    text = result.stdout
    assert "[Since the last session] Since the session on 2026-01-05" in text
    assert "Ask HR about a detail (Mentee; overdue since 2026-02-01" in text
    assert "[Where we differ] Pay:" in text


def test_agenda_by_uid_prefix(mentor_dir):
    people = json.loads(run_cli("people", "--json", data_dir=mentor_dir).stdout)
    uid = next(p["uid"] for p in people if p["name"] == "Eli")
    result = run_cli("agenda", "--person", uid[:8], data_dir=mentor_dir)
    assert result.returncode == 0
    assert "session with Eli" in result.stdout
    assert "No earlier session recorded" in result.stdout


@needs_poppler
def test_agenda_as_a_one_page_pdf_and_as_html(mentor_dir, tmp_path):
    pdf, html = tmp_path / "agenda.pdf", tmp_path / "agenda.html"
    result = run_cli("agenda", "--person", "Dana <Cho>", "--out", str(pdf), data_dir=mentor_dir)
    assert result.returncode == 0, result.stderr
    assert f"to {pdf}" in result.stdout
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    assert "Session agenda" in text and "Ask HR about a detail" in text
    assert (
        run_cli(
            "agenda", "--person", "Dana <Cho>", "--out", str(html), data_dir=mentor_dir
        ).returncode
        == 0
    )
    page = html.read_text(encoding="utf-8")
    assert "Dana &lt;Cho&gt;" in page and "<Cho>" not in page


@needs_poppler
def test_roster_is_one_page_with_everyone(mentor_dir, tmp_path):
    out = tmp_path / "roster.pdf"
    result = run_cli("roster", "--out", str(out), data_dir=mentor_dir)
    assert result.returncode == 0, result.stderr
    assert "2 mentee(s)" in result.stdout
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    for words in ("Dana <Cho>", "Eli", "CLOSE CALL", "2026-02-01 Ask HR about a detail"):
        assert words in text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("agenda", "--person", "Nobody"), "no person called 'Nobody'"),
        (("agenda",), None),
        (("agenda", "--person", "Eli", "--out", "agenda.txt"), '".txt"'),
        (("agenda", "--person", "Eli", "--out", "missing/agenda.pdf"), "does not exist"),
        (("roster",), None),
        (("roster", "--out", "roster.docx"), '".docx"'),
        (("roster", "--out", "."), "it is a folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(mentor_dir, tmp_path, args, says):
    args = tuple(
        str(tmp_path / a) if a.startswith(("agenda.", "roster.", "missing/")) else a for a in args
    )
    args = tuple(str(tmp_path) if a == "." else a for a in args)
    result = run_cli(*args, data_dir=mentor_dir)
    if says is None:  # argparse's own usage message: exit 2 as well
        assert result.returncode == 2 and "Traceback" not in result.stderr
        return
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert says in result.stderr
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_two_namesakes_are_never_guessed_between(mentor_dir):
    db = open_database(database_path(mentor_dir))
    Repository(db).create_person("Eli", demo_assessment())
    db.close()
    result = run_cli("agenda", "--person", "Eli", data_dir=mentor_dir)
    assert_clean_failure(result.stdout, result.stderr, result.returncode)
    assert "2 people are called 'Eli'" in result.stderr
