"""The HTML brief: complete, self-contained, and everything typed by the user shown as text."""

from __future__ import annotations

from html.parser import HTMLParser

from ses_decider.core.model import Rating
from ses_decider.core.records import Choice, Decision, DiscussionNote
from ses_decider.report import charts
from ses_decider.report.brief import build_brief
from ses_decider.report.html import render_html
from tests.report.conftest import DAY, SCRIPT


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_user_text_is_escaped_everywhere(rich, mentor):
    html = render_html(build_brief("<img src=x onerror=alert(2)>", rich, mentor=mentor, day=DAY))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "Commute &amp; &lt;b&gt;parking&lt;/b&gt;" in html  # an own factor's title
    assert "&lt;em&gt;budget&lt;/em&gt;" in html  # a plan step
    page = parse(html)
    assert "script" not in page.tags and "em" not in page.tags
    assert SCRIPT in "".join(page.text)  # shown as text, exactly as typed


def test_self_contained_with_every_section(rich, mentor):
    brief = build_brief(
        "Dana",
        rich,
        mentor=mentor,
        day=DAY,
        shared_notes=[DiscussionNote("pay", "Check the 2026 pay table", "2026-11-02T09:00:00")],
        decision=Decision(Choice.APPLIED, "2027-01-05", "Interview in March", "2027-02-01"),
        review_on="2027-05-01",
    )
    html = render_html(brief)
    page = parse(html)
    text = " ".join(page.text)
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "src=" not in html and "href=" not in html  # nothing outside the file
    assert page.tags.count("svg") == 3  # contribution, tornado, the 2x2
    text = " ".join(" ".join(page.text).split())
    for heading in (
        "The pros and cons, as weighed",
        "Why this verdict",
        "How solid it is",
        "Gut check",
        "The mentor's view",
        "Fit and readiness",
        "Development plan",
        "Notes from the mentoring conversations",
        "Check the 2026 pay table",
        "Notes",
        "Final decision: Applied, on January 5, 2027.",
        "How it went (February 1, 2027): Interview in March",
        "Next review: May 1, 2027.",
        "How the score is computed",
        "Sources",
    ):
        assert heading in text, heading
    for line in brief.factors:
        assert line.title in text
    assert brief.verdict.label in text and f"{brief.score:.1f}" in text
    assert "As of 2014" in text and "page-break-inside: avoid" in html


def test_charts_become_images_when_the_pdf_supplies_them(demo):
    html = render_html(
        build_brief("Sample", demo, day=DAY),
        {"contribution": "chart://contribution", "tornado": "chart://tornado"},
    )
    assert '<img src="chart://contribution"' in html and "<svg" not in html
    assert "@media" not in html  # Qt's rich text would apply it to the PDF


def test_the_content_builder_and_html_need_no_qt():
    import subprocess
    import sys

    code = (
        "import sys; import ses_decider.report.brief, ses_decider.report.html, "
        "ses_decider.report.charts, ses_decider.report.export; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_not_rated_is_written_as_not_rated_never_as_zero(demo, mentor):
    import re

    demo.ratings["pay"] = Rating()  # the mentee has not rated pay
    mentor.ratings["pay"] = Rating(weight=5, lean=1)
    mentor.ratings["mission"] = Rating()  # the mentor has not rated the mission
    text = " ".join(
        " ".join(parse(render_html(build_brief("S", demo, mentor=mentor))).text).split()
    )
    assert re.search(r"Pay 1 not rated ?: no part in the score yet", text)  # 1: its source
    assert "Pay not rated 5 / +1" in text  # the mentor's difference: the mentee's side
    assert "not rated, so no view to compare: Contribution to the mission" in text
    assert "Contribution to the mission 9 / +4" not in text  # no difference the mentor never made
    assert "0 / " not in text


def test_the_2x2_has_the_apps_axes():
    """As ui/views/quadrant_chart.py: "Do I want it?" across, "Am I ready?" up."""
    import re

    titles = {
        "go_now": "GO NOW",
        "build_readiness": "BUILD",
        "reconsider": "RECON",
        "not_now": "NOT",
    }
    svg = charts.quadrant_chart(90, 10, titles).svg
    across = re.search(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>Do I want it\?', svg)
    up = re.search(r'<text[^>]*transform="rotate\(-90[^>]*>Am I ready\?', svg)
    assert across and up and "rotate" not in across.group(0)

    def at(title):
        m = re.search(rf'<text x="([\d.]+)" y="([\d.]+)"[^>]*>{title}<', svg)
        return float(m.group(1)), float(m.group(2))

    # want high (right), ready low (bottom): "build readiness" is bottom right, as in the app
    assert at("GO NOW")[0] > at("RECON")[0] and at("GO NOW")[1] == at("RECON")[1]
    assert at("BUILD")[0] == at("GO NOW")[0] and at("BUILD")[1] > at("GO NOW")[1]
    assert at("NOT")[0] == at("RECON")[0] and at("NOT")[1] == at("BUILD")[1]
    dot = re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    x, y = float(dot.group(1)), float(dot.group(2))
    assert x > at("BUILD")[0] - 40 and y > at("GO NOW")[1] + 100  # right and low


def test_chart_labels_are_the_whole_titles_wrapped():
    long = "Commute & <b>parking</b> and the second office downtown on Fridays"
    svg = charts.contribution_chart([("Contribution to the mission", 5.5), (long, -1.0)]).svg
    assert ">Contribution to the mission<" in svg
    assert "Commute &amp; &lt;b&gt;parking&lt;/b&gt; and" in svg  # escaped, wrapped, not cut
    assert ">the second office downtown on<" in svg or "second office" in svg
