"""The PDF brief: real text, every factor findable, page numbers, two to four pages for the demo."""

from __future__ import annotations

import re

import pytest

from ses_decider.report.brief import build_brief
from ses_decider.report.export import ReportError, export_brief
from tests.report.conftest import DAY, needs_poppler, pdf_pages, pdf_text


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory):
    from ses_decider.core.content import demo_assessment

    path = tmp_path_factory.mktemp("brief") / "demo.pdf"
    export_brief(build_brief("Sample person (demo)", demo_assessment(), day=DAY), path)
    return path


@needs_poppler
def test_text_is_real_and_names_the_person_verdict_and_every_factor(demo_pdf, demo):
    text = pdf_text(demo_pdf)
    flat = re.sub(r"\s+", " ", text)
    assert "Sample person (demo)" in flat
    assert "CLOSE CALL" in flat and "Score 57.9 of 100" in flat
    for factor, _ in demo.active():
        assert factor.title in flat, factor.title
    assert "GO if your Work-family balance lean rises to -1.25 (now -3)" in flat
    assert "Two children in high school until 2028." in flat
    assert "As of 2014" in flat


@needs_poppler
def test_four_pages_each_numbered(demo_pdf):
    pages = pdf_pages(demo_pdf)
    assert pages == 4  # README says so: update it with this
    text = pdf_text(demo_pdf)
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text
    assert len(text.split("\f")) - 1 == pages


@needs_poppler
def test_everything_a_brief_can_hold_still_lays_out(tmp_path, rich, mentor):
    path = tmp_path / "rich.pdf"
    export_brief(build_brief("Dana <O'Neil>", rich, mentor=mentor, day=DAY), path)
    flat = re.sub(r"\s+", " ", pdf_text(path))
    for expected in (
        "Dana <O'Neil>",
        "<script>alert(1)</script>",  # shown as typed, never interpreted
        "Commute & <b>parking</b>",
        "The mentor's view",
        "Want it, build readiness first",
        "Development plan",
    ):
        assert expected in flat, expected
    assert pdf_pages(path) <= 6  # README: "two to six pages"


def test_written_whole_or_not_at_all(tmp_path, demo):
    brief = build_brief("Sample", demo, day=DAY)
    path = export_brief(brief, tmp_path / "brief.PDF")
    assert path.read_bytes().startswith(b"%PDF-")
    with pytest.raises(ReportError, match="does not exist"):
        export_brief(brief, tmp_path / "missing" / "brief.pdf")
    with pytest.raises(ReportError, match=r"\.docx"):
        export_brief(brief, tmp_path / "brief.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.PDF"]


def test_pages_never_cut_a_table_row(tmp_path, demo):
    """Every band (a table row, a line, a chart) lies whole on one page."""
    from ses_decider.report import pages, pdf

    document = pdf.build_document(build_brief("Sample", demo, day=DAY))
    laid, body = pdf.lay_out(document, pdf.pdf_writer(tmp_path / "unused.pdf"))
    found = pages.bands(document, body.height())
    assert 2 <= len(laid) <= 4
    assert all(p.bottom - p.top <= body.height() + 0.5 for p in laid)
    for band in found:
        assert any(p.top - 0.5 <= band.top and band.bottom <= p.bottom + 0.5 for p in laid), band
    assert laid[1].header is not None  # the factor table goes on, its header row repeated


def test_paginate_keeps_headings_with_what_follows():
    from ses_decider.report.pages import Band, paginate

    bands = [Band(0, 40), Band(40, 80), Band(80, 90, keep_with_next=True), Band(90, 130)]
    laid = paginate(bands, 100)
    assert [(p.top, p.bottom) for p in laid] == [(0, 80), (80, 130)]
