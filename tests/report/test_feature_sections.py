"""What the brief adds from the features: other paths, deciding well, the mentoring, the story
bank and "What changed since 2025", each only when there is something to say, all escaped."""

from __future__ import annotations

from datetime import date

import pytest

from ses_decider import ops
from ses_decider.core.content import demo_assessment
from ses_decider.core.deciding_records import Experiment, JournalEntry, OwnReason, PremortemItem
from ses_decider.core.mentoring import AgreedAction, MentoringSession
from ses_decider.core.paths import new_path
from ses_decider.core.stories import Story
from ses_decider.ops import applying, deciding, mentoring
from ses_decider.report.brief import build_brief
from ses_decider.report.export import person_brief
from ses_decider.report.html import render_html
from tests.report.conftest import SCRIPT
from tests.report.test_sections import text_of


@pytest.fixture
def person(repo):
    return repo.create_person("Alex", demo_assessment())


def brief_text(repo, person) -> str:
    html = render_html(person_brief(repo, repo.people.get(person.id)))
    assert SCRIPT not in html  # whatever was typed is escaped
    return text_of(html)


def test_a_plain_person_gets_none_of_the_feature_sections(repo, person):
    text = brief_text(repo, person)
    for heading in ("Other paths", "Deciding well", "Mentoring", "Stories for the ECQs"):
        assert heading not in text
    assert "What changed since 2025" in text  # facts, for everyone


def test_other_paths_show_their_scores_and_the_tip():
    assessment = demo_assessment()
    path = new_path(assessment, "Senior Level", "sl_st")
    path.leans.update({f.id: 1.0 for f, _ in assessment.active()})
    assessment.paths.append(path)
    brief = build_brief("Alex", assessment, day=date(2026, 12, 1), draws=200)
    assert [p.title for p in brief.paths] == ["Senior Level"]
    text = text_of(render_html(brief))
    assert "Other paths" in text
    assert f"Senior Level {brief.paths[0].score} {brief.paths[0].verdict}" in text
    assert brief.higher_path and brief.higher_path in text  # +1 everywhere scores 60, the SES 58
    assert brief.path_tip and brief.path_tip in text


def test_deciding_well_in_the_brief(repo, person):
    for record in (
        OwnReason(f"I want to run things {SCRIPT}", "for"),
        PremortemItem("ses", "Burned out in year two", prevention="Agree a weekly day off"),
        Experiment("Shadow an SES member", ("stress",), "2026-01-15"),
        JournalEntry("Apply in 2027", "2026-11-01", "2027-05-01", reasons="Ready", confidence=70),
    ):
        ops.run(repo, deciding.put_record, person.id, record)
    text = brief_text(repo, person)
    assert "Deciding well" in text
    assert "I want to run things" in text and "(for)" in text
    assert "If the SES went wrong: Burned out in year two Step: Agree a weekly day off" in text
    assert "Shadow an SES member January 15, 2026 overdue" in text
    assert "Decision journal On November 1, 2026, 70% sure: Apply in 2027 Why: Ready" in text
    assert "Review on May 1, 2027." in text


def test_the_mentoring_section_has_open_actions_and_the_next_agenda(repo, person):
    session = MentoringSession("2026-11-20", notes="Talked pay")
    actions = [
        AgreedAction(session.id, f"Read the pay table {SCRIPT}", due="2026-12-10"),
        AgreedAction(session.id, "Done already", done=True),
    ]
    ops.run(repo, mentoring.record_session, person.id, session, actions)
    text = brief_text(repo, person)
    assert "Mentoring Last session: November 20, 2026." in text
    assert "Read the pay table" in text and "(Mentee, by December 10, 2026)" in text
    assert "Done already" not in text
    assert "For the next session" in text


def test_the_story_bank_shows_coverage_and_what_lacks_evidence(repo, person):
    ecqs = applying.chosen_ecqs(repo, person.id)
    story = Story(
        title=f"Turned around the backlog {SCRIPT}",
        challenge="A 9-month backlog",
        context="Claims office",
        action="I reorganised the intake",
        result="Cut it by 60% in a year",
        happened_on="2026-03-01",
        ecqs=(ecqs[0][0],),
    )
    ops.run(repo, applying.add_story, person.id, story)
    text = brief_text(repo, person)
    assert "Stories for the ECQs" in text
    assert f"{ecqs[0][1]} 1 Turned around the backlog" in text
    assert "No story yet for: " + ", ".join(title for _, title in ecqs[1:]) in text


def test_a_fact_past_its_review_date_says_so_in_the_brief(repo, person):
    brief = person_brief(repo, repo.people.get(person.id))
    later = build_brief("Alex", demo_assessment(), day=date(2031, 1, 1), draws=100)
    assert "more than 2 years old" not in text_of(render_html(brief))
    assert "more than 2 years old, so it may have changed" in text_of(render_html(later))
