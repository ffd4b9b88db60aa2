"""The HTML brief: complete, self-contained, and everything typed by the user shown as text."""

from __future__ import annotations

from html.parser import HTMLParser

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
    brief = build_brief("Dana", rich, mentor=mentor, day=DAY)
    html = render_html(brief)
    page = parse(html)
    text = " ".join(page.text)
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "src=" not in html and "href=" not in html  # nothing outside the file
    assert page.tags.count("svg") == 3  # contribution, tornado, the 2x2
    for heading in (
        "The pros and cons, as weighed",
        "Why this verdict",
        "How solid it is",
        "Gut check",
        "The mentor's view",
        "Fit and readiness",
        "Development plan",
        "Notes",
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
