"""The brief of a stored person, and the section list a feature extends with one entry."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ses_decider.core.content import blank_assessment, demo_assessment
from ses_decider.core.records import MENTOR, Choice, Decision
from ses_decider.report import sections
from ses_decider.report.export import person_brief
from ses_decider.report.html import render_html
from ses_decider.report.markup import e, keep
from tests.report.conftest import mentor_assessment


def text_of(html: str) -> str:
    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append
    parser.feed(html)
    return " ".join(" ".join(parts).split())


@pytest.fixture
def stored(repo):
    person = repo.create_person("Alex", demo_assessment())
    repo.notes.set(person.id, "pay", "Bring the 2026 pay table", updated_at="2026-11-02T10:00:00")
    repo.decisions.set(person.id, Decision(Choice.NOT_NOW, "2026-12-01", "", None))
    repo.people.set_review_on(person.id, "2027-05-01")
    return repo, repo.people.get(person.id)


def test_a_stored_persons_brief_has_their_notes_decision_and_review_date(stored):
    repo, person = stored
    text = text_of(render_html(person_brief(repo, person)))
    assert "Notes from the mentoring conversations" in text
    assert "Pay: Bring the 2026 pay table (November 2, 2026)" in text
    assert "Final decision: Not now, on December 1, 2026." in text
    assert "Next review: May 1, 2027." in text


def test_the_mentor_section_only_when_the_mentor_rated_something(stored):
    repo, person = stored
    repo.assessments.save(person.id, blank_assessment(), MENTOR)  # opened, nothing rated
    assert person_brief(repo, person).mentor is None
    assert "The mentor's view" not in text_of(render_html(person_brief(repo, person)))
    repo.assessments.save(person.id, mentor_assessment(), MENTOR)
    assert "The mentor's view" in text_of(render_html(person_brief(repo, person)))


def test_a_feature_adds_its_section_with_one_entry(stored, monkeypatch):
    """What a later feature does: one BriefSection, placed where it belongs, with its own data."""
    repo, person = stored

    def agenda_html(brief, chart_src):
        items = brief.extra.get("agenda") or []
        return [keep("Mentoring agenda", "".join(f"<p>{e(i)}</p>" for i in items))] if items else []

    entry = sections.BriefSection(
        "agenda", agenda_html, gather=lambda repo, p: [f"Talk with {p.name} about <pay>"]
    )
    at = [s.key for s in sections.SECTIONS].index("mentor") + 1
    monkeypatch.setattr(
        sections, "SECTIONS", [*sections.SECTIONS[:at], entry, *sections.SECTIONS[at:]]
    )
    html = render_html(person_brief(repo, person))
    text = text_of(html)
    assert "Mentoring agenda Talk with Alex about <pay>" in text
    assert "&lt;pay&gt;" in html  # escaped like everything typed
    assert text.index("Gut check") < text.index("Mentoring agenda") < text.index("Sources")


def test_every_chart_a_section_places_is_attached_to_the_pdf(stored):
    from ses_decider.report.pdf import chart_images

    repo, person = stored
    brief = person_brief(repo, person)
    names = [c.name for c in sections.charts_of(brief)]
    assert names == ["contribution", "tornado"]
    assert sorted(chart_images(brief)) == sorted(names)
