"""The fit questions (resources/fit.json) and the readiness roadmap (resources/readiness.json).

Content only: questions, the six ways, checklist items with their scoring parameters, the ECQ sets and
the four quadrants' texts. The rules that use them live in core/readiness.py. A change by OPM (a new
ECQ set, say) is an edit to readiness.json, not to code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ses_decider.core.content import ContentError
from ses_decider.core.facts import (
    Reference,
    as_of_end,
    check_sources,
    check_unique,
    load_checked,
    references,
)

WAY_IDS = ("performance", "rotations", "location", "ecqs", "outside", "coach")
QUADRANT_IDS = ("go_now", "build_readiness", "reconsider", "not_now")
FIT_MAX = 4
RATING_MAX = 4


@dataclass(frozen=True)
class FitQuestion:
    """One fit question, answered 0 (low end) to 4 (high end); higher always means a better fit."""

    id: str
    kind: str  # "fit" (the article's questions) or "situation" (the survey's deterrents)
    text: str
    low: str
    high: str
    why: str
    source: str
    as_of: str
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Way:
    """One of the six ways in; ``combine`` is how its items make one credit: mean, max or ecq."""

    id: str
    title: str
    text: str
    combine: str
    source: str
    as_of: str


@dataclass(frozen=True)
class ChecklistItem:
    """A fact about the person. kind: 'count' (full credit at ``target``), 'scale' (0..max), 'yesno'."""

    id: str
    way: str
    kind: str
    text: str
    why: str
    next_step: str
    source: str
    as_of: str
    target: float | None = None
    unit: str = ""
    max: int | None = None
    labels: tuple[str, ...] = ()

    def credit(self, value: float | None) -> float:
        """How much of this item the value covers, 0..1 (no value: 0)."""
        if value is None or value <= 0:
            return 0.0
        if self.kind == "count":
            return min(value, self.target) / self.target
        if self.kind == "scale":
            return min(value, self.max) / self.max
        return 1.0 if value >= 1 else 0.0

    def upper(self) -> float:
        """The largest value the format accepts for this item."""
        if self.kind == "scale":
            return float(self.max)
        if self.kind == "yesno":
            return 1.0
        return 100.0


@dataclass(frozen=True)
class Ecq:
    id: str
    title: str
    summary: str
    competencies: tuple[str, ...]
    next_step: str
    source: str
    as_of: str


@dataclass(frozen=True)
class EcqSet:
    id: str
    title: str
    in_effect_from: str
    in_effect_to: str | None
    note: str
    source: str
    as_of: str
    fundamental: tuple[str, ...]
    ecqs: tuple[Ecq, ...]

    def ecq(self, ecq_id: str) -> Ecq:
        for e in self.ecqs:
            if e.id == ecq_id:
                return e
        raise KeyError(ecq_id)


@dataclass(frozen=True)
class QuadrantText:
    id: str
    title: str
    meaning: str
    next_step: str
    source: str
    as_of: str


@dataclass(frozen=True)
class ReadinessContent:
    sources: dict[str, Reference]
    fit_labels: tuple[str, ...]
    fit_questions: tuple[FitQuestion, ...]
    rating_labels: tuple[str, ...]
    rating_gap_below: int
    ways: tuple[Way, ...]
    items: tuple[ChecklistItem, ...]
    ecq_default: str
    ecq_sets: tuple[EcqSet, ...]
    example_step: str  # with "{ecq}" for the ECQ's title
    quadrants: dict[str, QuadrantText]

    def question(self, question_id: str) -> FitQuestion:
        return _find(self.fit_questions, question_id)

    def item(self, item_id: str) -> ChecklistItem:
        return _find(self.items, item_id)

    def way(self, way_id: str) -> Way:
        return _find(self.ways, way_id)

    def ecq_set(self, set_id: str) -> EcqSet:
        return _find(self.ecq_sets, set_id)

    def items_of(self, way_id: str) -> list[ChecklistItem]:
        return [i for i in self.items if i.way == way_id]

    def all_ecq_ids(self) -> set[str]:
        return {e.id for s in self.ecq_sets for e in s.ecqs}


def _find(items, item_id: str):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


@cache
def readiness_content() -> ReadinessContent:
    """Load and cross-check fit.json and readiness.json once per process."""
    fit = load_checked("fit.json", "fit.schema.json")
    data = load_checked("readiness.json", "readiness.schema.json")
    fit_sources = references(fit["sources"])
    sources = references(data["sources"])
    for key, ref in fit_sources.items():
        if key in sources and sources[key] != ref:
            raise ContentError(f"source {key!r} differs between fit.json and readiness.json")
    questions = tuple(
        FitQuestion(**{**q, "see_also": tuple(q.get("see_also", ()))}) for q in fit["questions"]
    )
    ways = tuple(Way(**w) for w in data["ways"])
    items = tuple(
        ChecklistItem(**{**i, "labels": tuple(i.get("labels", ()))}) for i in data["items"]
    )
    ecq_sets = tuple(
        EcqSet(
            **{
                **s,
                "fundamental": tuple(s["fundamental"]),
                "ecqs": tuple(
                    Ecq(**{**e, "competencies": tuple(e["competencies"])}) for e in s["ecqs"]
                ),
            }
        )
        for s in data["ecq_sets"]
    )
    quadrants = {q["id"]: QuadrantText(**q) for q in data["quadrants"]}
    content = ReadinessContent(
        sources=fit_sources | sources,
        fit_labels=tuple(fit["scale"]["labels"]),
        fit_questions=questions,
        rating_labels=tuple(data["rating_scale"]["labels"]),
        rating_gap_below=data["rating_scale"]["gap_below"],
        ways=ways,
        items=items,
        ecq_default=data["ecq_default"],
        ecq_sets=ecq_sets,
        example_step=data["example_step"],
        quadrants=quadrants,
    )
    _cross_check(content, fit_sources, sources)
    return content


def _cross_check(c: ReadinessContent, fit_sources: dict, sources: dict) -> None:
    check_unique("fit.json", [q.id for q in c.fit_questions], "question")
    cited = {q.id: q.source for q in c.fit_questions}
    cited |= {f"{q.id} (see also)": key for q in c.fit_questions for key in q.see_also}
    check_sources("fit.json", cited, fit_sources)
    name = "readiness.json"
    if tuple(w.id for w in c.ways) != WAY_IDS:
        raise ContentError(f"resources/{name} must list the six ways in order: {WAY_IDS}")
    if tuple(sorted(c.quadrants)) != tuple(sorted(QUADRANT_IDS)):
        raise ContentError(f"resources/{name} must describe the four quadrants {QUADRANT_IDS}")
    check_unique(name, [i.id for i in c.items], "item")
    check_unique(name, [s.id for s in c.ecq_sets], "ECQ set")
    check_unique(name, [e.id for s in c.ecq_sets for e in s.ecqs], "ECQ")  # unique across sets
    cited = {w.id: w.source for w in c.ways} | {i.id: i.source for i in c.items}
    cited |= {s.id: s.source for s in c.ecq_sets} | {q.id: q.source for q in c.quadrants.values()}
    cited |= {e.id: e.source for s in c.ecq_sets for e in s.ecqs}
    check_sources(name, cited, sources)
    for item in c.items:
        if item.way not in WAY_IDS or item.way == "ecqs":
            raise ContentError(f"resources/{name}: item {item.id} has bad way {item.way!r}")
        if item.kind == "scale" and len(item.labels) != item.max + 1:
            raise ContentError(f"resources/{name}: item {item.id} needs max + 1 labels")
    for way in c.ways:
        if (way.combine == "ecq") != (way.id == "ecqs"):
            raise ContentError(f"resources/{name}: only the ecqs way is scored by ECQ ratings")
        if way.id != "ecqs" and not c.items_of(way.id):
            raise ContentError(f"resources/{name}: way {way.id} has no checklist items")
    if c.ecq_default not in {s.id for s in c.ecq_sets}:
        raise ContentError(f"resources/{name}: ecq_default {c.ecq_default!r} is not a set")
    dated = [q.as_of for q in c.fit_questions] + [w.as_of for w in c.ways]
    dated += [i.as_of for i in c.items] + [s.as_of for s in c.ecq_sets]
    for value in dated:
        as_of_end(value)
