"""The session agenda and the roster on paper: one page whatever their length, text findable, what the
mentor typed escaped."""

from __future__ import annotations

from datetime import date

import pytest

from ses_decider.core.content import demo_assessment
from ses_decider.core.mentoring import AgendaItem, desk_row
from ses_decider.core.model import Verdict
from ses_decider.report.agenda import (
    Agenda,
    AgendaError,
    agenda_html,
    roster_html,
    write_agenda,
    write_roster,
)
from tests.report.conftest import SCRIPT, needs_poppler, pdf_pages, pdf_text

DAY = date(2026, 5, 1)


@pytest.fixture(autouse=True)
def app(qapp):
    """A QApplication first (as the GUI has), so the Qt tests after these find the right kind."""
    return qapp


def agenda(n: int = 5) -> Agenda:
    items = [AgendaItem("change", "Since the session on 2026-04-01: score 50 \u2192 61.")]
    items += [
        AgendaItem("own", f"Item number {i}: talk about the detail {SCRIPT}") for i in range(n)
    ]
    return Agenda("Dana & <b>Cho</b>", DAY, tuple(items), Verdict.GO, 61.0, "2026-04-01")


def test_the_html_escapes_what_the_mentor_typed():
    page = agenda_html(agenda())
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert "Dana &amp; &lt;b&gt;Cho&lt;/b&gt;" in page
    assert "Since the last session" in page
    assert "now GO (score 61)" in page and "last session 2026-04-01" in page


@needs_poppler
@pytest.mark.parametrize("n", [3, 60])
def test_the_agenda_is_one_page_short_or_long(tmp_path, n):
    out = write_agenda(agenda(n), tmp_path / "agenda.pdf")
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    assert "Session agenda" in text and "Item number 0" in text
    if n == 60:
        assert "Item number 59" in text  # scaled down, not cut off


@needs_poppler
def test_the_roster_of_fifty_is_one_page(tmp_path):
    rows = [
        desk_row(person_id=i, name=f"Mentee {i:02d}", uid=f"{i:032d}", mentee=demo_assessment())
        for i in range(50)
    ]
    out = write_roster(rows, tmp_path / "roster.pdf", DAY)
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    assert "Mentee 00" in text and "Mentee 49" in text
    assert "Mentees at a glance" in roster_html(rows, DAY)


def test_a_wrong_extension_or_folder_is_refused_and_leaves_nothing(tmp_path):
    with pytest.raises(AgendaError, match='".txt"'):
        write_agenda(agenda(), tmp_path / "agenda.txt")
    with pytest.raises(AgendaError, match="does not exist"):
        write_agenda(agenda(), tmp_path / "missing" / "agenda.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_html_file_stands_alone(tmp_path):
    out = write_agenda(agenda(), tmp_path / "agenda.html")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@page" in page
