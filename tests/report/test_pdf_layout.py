"""The PDF's layout as a reader meets it: the text layer holds only what is printed, and no page
holds just the end of a table or only the sources."""

from __future__ import annotations

import re

import pytest

from ses_decider.core.records import Choice, Decision, DiscussionNote
from ses_decider.report.brief import build_brief
from ses_decider.report.export import export_brief
from ses_decider.report.pages import TABLE_TAIL, Band, bands, paginate
from tests.report.conftest import DAY, needs_poppler, pdf_pages, pdf_text, pdf_words


def _long_brief(rich, mentor):
    notes = [
        DiscussionNote(fid, f"We talked about {fid} on the call; follow up in spring.", "")
        for fid in ("pay", "relocation", "mission", "work_family")
    ]
    return build_brief(
        "Dana",
        rich,
        mentor=mentor,
        day=DAY,
        shared_notes=notes,
        decision=Decision(Choice.APPLIED, "2027-01-05", "Interview in March", None),
        review_on="2027-05-01",
    )


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    from tests.report.conftest import demo_assessment, mentor_assessment, rich_assessment

    folder = tmp_path_factory.mktemp("layout")
    demo = folder / "demo.pdf"
    export_brief(build_brief("Sample person (demo)", demo_assessment(), day=DAY), demo)
    long = folder / "long.pdf"
    export_brief(_long_brief(rich_assessment(), mentor_assessment()), long)
    return {"demo": demo, "long": long}


def _overlapping(words):
    """Pairs of words whose boxes overlap by more than a third of the smaller one."""
    found = []
    for i, (a0, b0, a1, b1, t) in enumerate(words):
        for c0, d0, c1, d1, u in words[i + 1 :]:
            w, h = min(a1, c1) - max(a0, c0), min(b1, d1) - max(b0, d0)
            if w > 0 and h > 0:
                smaller = min((a1 - a0) * (b1 - b0), (c1 - c0) * (d1 - d0))
                if w * h > smaller / 3:
                    found.append((t, u))
    return found


@needs_poppler
@pytest.mark.parametrize("which", ["demo", "long"])
def test_the_text_layer_holds_only_what_is_printed(briefs, which):
    """No word drawn over another (clipped out of sight, but still there to copy and search):
    a table row that only touched a page's edge was drawn again, invisibly, on that page."""
    pages = pdf_words(briefs[which])
    assert len(pages) >= 4
    for number, words in enumerate(pages, start=1):
        assert words, f"page {number} has no text"
        assert _overlapping(words) == [], f"page {number}"
        assert all(0 <= w[1] and w[3] <= 792 for w in words)  # nothing outside the sheet


@needs_poppler
def test_each_table_row_is_in_the_text_once(briefs):
    text = " ".join(pdf_text(briefs["demo"]).split())
    for title in ("Elite corps", "Creativity and innovation", "Responsibility and authority"):
        rows = re.findall(rf"{title}\d? (?:You|More|Real)", text)  # the title, then its pro
        assert len(rows) == 1, title


@needs_poppler
def test_the_long_brief_says_everything_and_each_page_is_numbered(briefs):
    path = briefs["long"]
    flat = " ".join(pdf_text(path).split())
    for expected in (
        "Notes from the mentoring conversations",
        "We talked about relocation on the call",
        "Final decision: Applied, on January 5, 2027.",
        "Next review: May 1, 2027.",
        "The mentor rated 10 of the 14 factors on the table",
    ):
        assert expected in flat, expected
    pages = pdf_pages(path)
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in flat


@needs_poppler
@pytest.mark.parametrize("which", ["demo", "long"])
def test_no_page_holds_only_the_sources_or_a_tables_last_row(briefs, which):
    pages = pdf_text(briefs[which]).split("\f")[:-1]
    last = " ".join(pages[-1].split())
    assert "Sources" in last and "How the score is computed" in last
    total_page = next(" ".join(p.split()) for p in pages if re.search(r"^Total\b", p, re.M))
    rows = re.findall(r"(?:\+|-)\d+\.\d\b", total_page.split("Total")[0])  # points of rows
    assert len(rows) + total_page.split("Total")[0].count("not rated") >= 2


@pytest.fixture(scope="module")
def demo_document(tmp_path_factory):
    from ses_decider.core.content import demo_assessment
    from ses_decider.report import pdf

    document = pdf.build_document(build_brief("Sample", demo_assessment(), day=DAY))
    _, body = pdf.lay_out(document, pdf.pdf_writer(tmp_path_factory.mktemp("d") / "unused.pdf"))
    return document, body.height()


@pytest.mark.parametrize("share", [x / 20 for x in range(8, 21)])
def test_page_breaks_at_any_paper_height(demo_document, share):
    """Whatever the page height: a continued table's last page holds at least two of its rows
    and the total, and the last page never holds only the sources."""
    from PySide6.QtGui import QTextTable

    document, full = demo_document
    height = full * share
    found = bands(document, height)
    laid = paginate(found, height)
    table = [b for b in found if b.header is not None and b.header == found_header(found)]
    for page in laid:
        on = [b for b in table if page.top - 0.5 <= b.top and b.bottom <= page.bottom + 0.5]
        if table[-1] in on:
            assert len(on) >= TABLE_TAIL, share
    it, last_table = document.rootFrame().begin(), None
    while not it.atEnd():
        if isinstance(it.currentFrame(), QTextTable):
            last_table = it.currentFrame()
        it += 1
    sources_top = document.documentLayout().frameBoundingRect(last_table).top()
    assert laid[-1].top < sources_top - 1, share


def found_header(found: list[Band]):
    return next(b.header for b in found if b.header is not None)
