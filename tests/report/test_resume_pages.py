"""The résumé's page count in the standard layout, and the PDF written in that same layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ses_decider.report.pdf import PdfError
from ses_decider.report.resume_pages import (
    layout_font_family,
    page_count,
    resume_layout,
    resume_pdf,
)
from tests.report.conftest import needs_poppler, pdf_pages, pdf_text

DATA = Path(__file__).parent.parent / "data"
ONE_PAGE = (DATA / "resume_one_page.txt").read_text(encoding="utf-8")
THREE_PAGES = (DATA / "resume_three_pages.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def app(qapp):
    """A QApplication (offscreen, see tests/conftest.py) before any font is looked up."""
    return qapp


def pages_in_pdf(path: Path) -> int:
    """Page objects in a PDF file, counted from its bytes (Qt writes them uncompressed)."""
    data = path.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    assert counts == [pages], "the page tree's /Count must agree with the page objects"
    return pages


def test_the_one_page_sample_is_one_page():
    assert page_count(ONE_PAGE) == 1


def test_the_three_page_sample_is_three_pages():
    assert page_count(THREE_PAGES) == 3


def test_the_pdf_has_the_pages_counted(tmp_path):
    for text, expected in ((ONE_PAGE, 1), (THREE_PAGES, 3)):
        path = tmp_path / f"resume-{expected}.pdf"
        assert resume_pdf(text, path) == expected
        assert path.read_bytes().startswith(b"%PDF-")
        assert pages_in_pdf(path) == expected


@needs_poppler
def test_the_pdf_holds_the_text_as_text(tmp_path):
    path = tmp_path / "resume.pdf"
    resume_pdf(THREE_PAGES, path)
    assert pdf_pages(path) == 3
    flat = re.sub(r"\s+", " ", pdf_text(path))
    assert "JORDAN A. RIVERA" in flat and "Driving Efficiency:" in flat
    assert "REFERENCES Available on request." in flat  # the last line made it to page 3


def test_more_text_never_means_fewer_pages():
    lines = THREE_PAGES.split("\n")
    counts = [page_count("\n".join(lines[:n])) for n in range(10, len(lines) + 1, 10)]
    assert counts == sorted(counts)
    assert counts[0] == 1 and counts[-1] == 3


def test_what_fits_in_the_standard_layout_fits_in_the_usajobs_layout():
    lines = THREE_PAGES.split("\n")
    usajobs = resume_layout("usajobs")
    for n in range(20, len(lines) + 1, 20):
        text = "\n".join(lines[:n])
        assert page_count(text, usajobs) <= page_count(text)


def test_long_lines_wrap_onto_more_pages():
    paragraph = " ".join(["Led 1,150 staff in 12 regional offices and cut the backlog 38%."] * 8)
    text = "\n".join([paragraph] * 12)
    assert page_count(text) > page_count("\n".join(["x"] * 12))


def test_a_blank_resume_has_no_pages_and_nothing_to_export(tmp_path):
    assert page_count("") == 0 and page_count(" \n\n\t") == 0
    with pytest.raises(ValueError, match="empty"):
        resume_pdf("\n", tmp_path / "blank.pdf")
    assert not (tmp_path / "blank.pdf").exists()


def test_an_unwritable_path_is_a_pdf_error_and_leaves_no_file(tmp_path):
    with pytest.raises(PdfError, match="does not exist"):
        resume_pdf(ONE_PAGE, tmp_path / "no such folder" / "resume.pdf")
    (tmp_path / "a file").write_text("x")
    with pytest.raises(PdfError, match="is not a folder"):
        resume_pdf(ONE_PAGE, tmp_path / "a file" / "resume.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


def test_an_existing_pdf_is_replaced_whole(tmp_path):
    path = tmp_path / "resume.pdf"
    resume_pdf(THREE_PAGES, path)
    resume_pdf(ONE_PAGE, path)
    assert pages_in_pdf(path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["resume.pdf"]


def test_the_font_used_is_named():
    from PySide6.QtGui import QFontDatabase

    family = layout_font_family()
    wanted = [f for f in resume_layout().families if f in QFontDatabase.families()]
    if wanted:
        assert family == wanted[0]
    else:  # none of Arial and its twins installed (this CI image): Qt's default sans-serif
        assert family in QFontDatabase.families()
