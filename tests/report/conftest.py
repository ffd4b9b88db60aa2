"""Assessments for the brief's tests: the demo person, and one with everything a brief can show."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from ses_decider.core.content import demo_assessment
from ses_decider.core.model import (
    EcqRating,
    Factor,
    PlanItem,
    Rating,
    ReadinessState,
    Verdict,
)

DAY = date(2026, 11, 23)
SCRIPT = "<script>alert(1)</script>"


def rich_assessment():
    """The demo person plus a factor of their own, hostile text, fit answers, readiness and a plan."""
    a = demo_assessment()
    own = Factor(
        "own_commute", "Commute & <b>parking</b>", "Closer office", "Longer drive", custom=True
    )
    a.factors.append(own)
    a.ratings[own.id] = Rating(weight=4, lean=-1, note="Ask HR about telework")
    a.ratings["pay"].note = SCRIPT
    a.ratings["relocation"].dealbreaker = True
    a.gut_after = Verdict.GO
    a.hidden.add("community")
    a.fit = {"management_track": 3, "people_centric": 4, "meeting_tolerance": 1}
    a.readiness = ReadinessState(
        facts={
            "performance_record": 4,
            "years_gs14_15": 2,
            "positions_held": 3,
            "coach_or_mentor": 1,
        },
        ecq_set="opm_2025",
        ecq={
            "leading_people": EcqRating(3, "Led a 40-person reorganisation"),
            "rule_of_law": EcqRating(2),
        },
        plan=[
            PlanItem(
                "own:1", "Ask for a detail to HQ & <em>budget</em> office", target_date="2027-06-30"
            )
        ],
    )
    return a


def mentor_assessment():
    """A mentor who sees relocation and family as far less of a problem."""
    m = demo_assessment()
    m.ratings["work_family"] = Rating(weight=4, lean=1)
    m.ratings["relocation"] = Rating(weight=3, lean=2)
    m.ratings["pay"] = Rating(weight=5, lean=1)  # the same as the mentee: no difference
    return m


@pytest.fixture
def demo():
    return demo_assessment()


@pytest.fixture
def rich():
    return rich_assessment()


@pytest.fixture
def mentor():
    return mentor_assessment()


def pdf_text(path) -> str:
    """The text of a PDF in the order it was drawn (poppler's pdftotext -raw)."""
    import subprocess

    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def pdf_words(path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every word of the PDF's text layer with its box (x0, y0, x1, y1, text), page by page."""
    import html
    import re
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append(
            [
                (float(a), float(b), float(c), float(d), html.unescape(w))
                for a, b, c, d, w in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                    r"(.*?)</word>",
                    page,
                )
            ]
        )
    return pages


def pdf_pages(path) -> int:
    import subprocess

    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) is not installed",
)
