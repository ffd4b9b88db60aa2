"""The brief's sections, in the order they are printed: one list that a feature extends with one
entry.

A `BriefSection` writes its part of the HTML brief (the PDF is laid out from the same HTML), names
the charts it draws (the PDF rasterises them), and may gather data of its own from storage when a
brief is made for a stored person: what ``gather(repo, person)`` returns is in ``brief.extra[key]``.
A feature (deciding well, a mentoring agenda, story coverage) adds its section where it belongs,
e.g. ``BriefSection("agenda", agenda_html, gather=agenda_for_brief)`` after "mentor". The heading
comes first and the sources last: keep them there (report/pages.py keeps the sources off a page
of their own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ses_decider.report import changes_section, deciding_section, mentoring_section, paths_section
from ses_decider.report import conversation_sections as conversation
from ses_decider.report import readiness_section as readiness
from ses_decider.report import stories_section as stories
from ses_decider.report import verdict_sections as verdict
from ses_decider.report.brief import Brief
from ses_decider.report.charts import Chart
from ses_decider.report.markup import ChartSrc

if TYPE_CHECKING:
    from ses_decider.core.records import Person
    from ses_decider.storage.repository import Repository


def _no_charts(brief: Brief) -> list[Chart]:
    return []


@dataclass(frozen=True)
class BriefSection:
    """One part of the brief.

    - ``render(brief, chart_src)``: its HTML, as a list of strings ([] leaves it out). Escape
      everything typed (``markup.e``); place a chart with ``markup.chart_tag``.
    - ``charts(brief)``: the charts it places, so the PDF can attach them as images.
    - ``gather(repo, person)``: optional; data from storage the section needs, for
      ``brief.extra[key]`` (absent when a brief is built from an assessment alone).
    """

    key: str
    render: Callable[[Brief, ChartSrc], list[str]]
    charts: Callable[[Brief], list[Chart]] = _no_charts
    gather: Callable[[Repository, Person], Any] | None = None


SECTIONS: list[BriefSection] = [
    BriefSection("heading", verdict.heading),
    BriefSection("factors", verdict.factor_table),
    BriefSection("paths", paths_section.paths),
    BriefSection("why", verdict.why, verdict.why_charts),
    BriefSection("solidity", verdict.solidity, verdict.solidity_charts),
    BriefSection("gut", verdict.gut),
    BriefSection(deciding_section.KEY, deciding_section.deciding, gather=deciding_section.gather),
    BriefSection("mentor", conversation.mentor),
    BriefSection("shared_notes", conversation.shared_notes),
    BriefSection(
        mentoring_section.KEY, mentoring_section.mentoring, gather=mentoring_section.gather
    ),
    BriefSection("readiness", readiness.readiness, readiness.readiness_charts),
    BriefSection(stories.KEY, stories.stories, gather=stories.gather),
    BriefSection("plan", readiness.plan),
    BriefSection("notes", conversation.notes),
    BriefSection("changes", changes_section.changes),
    BriefSection("formula", verdict.formula),
    BriefSection("sources", verdict.sources),
]


def charts_of(brief: Brief) -> list[Chart]:
    """Every chart the brief's sections place, in order."""
    return [chart for section in SECTIONS for chart in section.charts(brief)]


def gather(repo: Repository, person: Person) -> dict[str, Any]:
    """What each section with a ``gather`` reads from storage for this person, by section key."""
    return {s.key: s.gather(repo, person) for s in SECTIONS if s.gather is not None}
