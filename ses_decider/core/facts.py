"""Facts for the "About the SES" view, from resources/facts.json.

Every fact carries a source, the date it applies to (``as_of``: "2014", "2026-01" or "2025-09-16") and
a record of how it was checked. A fact whose as-of date is more than two years before a given day is
"stale" and says so; the day is always passed in, so the rule is testable and never reads the clock.
A period counts from its last day: "2014" is as of 31 December 2014, "2026-01" as of 31 January 2026.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from ses_decider.core.content import ContentError
from ses_decider.resources import load_json

STALE_AFTER_YEARS = 2


@dataclass(frozen=True)
class Reference:
    """A source that content items cite by key."""

    key: str
    title: str
    author: str
    short: str
    as_of: str
    url: str = ""
    note: str = ""

    def citation(self) -> str:
        return f"{self.author}, \u201c{self.title}\u201d ({self.as_of})"


@dataclass(frozen=True)
class Verification:
    """How a fact was checked: status 'verified', 'partly verified' or 'unverified'."""

    status: str
    what: str = ""
    where: str = ""
    on: str = ""
    reason: str = ""

    @property
    def checked(self) -> bool:
        return self.status != "unverified"

    def summary(self) -> str:
        """One line for a tooltip or a footnote."""
        if not self.checked:
            return f"Not verified: {self.reason}"
        return f"{self.status.capitalize()} on {self.on} ({self.where}): {self.what}"


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    title: str
    text: str
    source: str
    as_of: str
    verified: Verification
    figure: str = ""


@dataclass(frozen=True)
class SurveyBar:
    id: str
    label: str
    percent: float


@dataclass(frozen=True)
class SurveyChart:
    """The survey's answer chart (interested / noncommittal / not interested)."""

    title: str
    bars: tuple[SurveyBar, ...]
    note: str
    source: str
    as_of: str
    verified: Verification


@dataclass(frozen=True)
class FactSheet:
    checked_on: str
    sources: dict[str, Reference]
    topics: tuple[tuple[str, str], ...]  # (id, title) in display order
    survey: SurveyChart
    facts: tuple[Fact, ...]

    def by_topic(self, topic: str) -> list[Fact]:
        return [f for f in self.facts if f.topic == topic]

    def fact(self, fact_id: str) -> Fact:
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def source(self, key: str) -> Reference:
        return self.sources[key]


def load_checked(name: str, schema_name: str) -> dict:
    """Load a bundled content file and check it against its schema; ContentError names the place."""
    import jsonschema  # deferred: only needed when the content is first used

    data = load_json(name)
    try:
        jsonschema.Draft202012Validator(load_json(schema_name)).validate(data)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        raise ContentError(f"resources/{name} is invalid at {where}: {exc.message}") from None
    return data


def references(data: dict[str, Any]) -> dict[str, Reference]:
    return {key: Reference(key=key, **value) for key, value in data.items()}


def check_sources(name: str, cited: dict[str, str], sources: dict[str, Reference]) -> None:
    """Every cited source key (item id -> key) must exist in the file's sources."""
    for item_id, key in cited.items():
        if key not in sources:
            raise ContentError(f"resources/{name}: {item_id} cites unknown source {key!r}")


def check_unique(name: str, ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ContentError(f"resources/{name}: {what} id {item_id!r} appears twice")
        seen.add(item_id)


def _verification(data: dict[str, str]) -> Verification:
    return Verification(**data)


@cache
def fact_sheet() -> FactSheet:
    """Load and validate the facts once per process."""
    name = "facts.json"
    data = load_checked(name, "facts.schema.json")
    sources = references(data["sources"])
    topics = tuple((t["id"], t["title"]) for t in data["topics"])
    facts = tuple(
        Fact(
            id=f["id"],
            topic=f["topic"],
            title=f["title"],
            text=f["text"],
            source=f["source"],
            as_of=f["as_of"],
            verified=_verification(f["verified"]),
            figure=f.get("figure", ""),
        )
        for f in data["facts"]
    )
    chart = data["survey_chart"]
    survey = SurveyChart(
        title=chart["title"],
        bars=tuple(SurveyBar(b["id"], b["label"], float(b["percent"])) for b in chart["bars"]),
        note=chart["note"],
        source=chart["source"],
        as_of=chart["as_of"],
        verified=_verification(chart["verified"]),
    )
    check_unique(name, [f.id for f in facts], "fact")
    check_unique(name, [t[0] for t in topics], "topic")
    check_sources(name, {f.id: f.source for f in facts} | {"survey_chart": survey.source}, sources)
    topic_ids = {t[0] for t in topics}
    for f in facts:
        if f.topic not in topic_ids:
            raise ContentError(f"resources/{name}: fact {f.id} has unknown topic {f.topic!r}")
    for value in [f.as_of for f in facts] + [survey.as_of]:
        as_of_end(value)  # a bad date is a content error now, not a crash in the view later
    if abs(sum(b.percent for b in survey.bars) - 100.0) > 1.0:
        raise ContentError(f"resources/{name}: the survey chart's bars must add up to about 100%")
    return FactSheet(
        checked_on=data["checked_on"], sources=sources, topics=topics, survey=survey, facts=facts
    )


def as_of_end(as_of: str) -> date:
    """The last day of the period an as-of value names: '2014' -> 2014-12-31."""
    parts = [int(p) for p in as_of.split("-")]
    try:
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ContentError(f"as-of date {as_of!r} is not a real date") from None


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def is_stale(as_of: str, today: date) -> bool:
    """True when the as-of date is more than two years before ``today``."""
    return as_of_end(as_of) < years_before(today, STALE_AFTER_YEARS)


def age_note(as_of: str, today: date) -> str | None:
    """The note a stale fact shows, or None for a fact that is recent enough."""
    if not is_stale(as_of, today):
        return None
    return f"As of {as_of}: more than {STALE_AFTER_YEARS} years old, so it may have changed."
