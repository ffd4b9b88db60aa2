"""Content for applying in 2026, from resources/applying.json: interview practice questions per ECQ,
the story hints' texts and thresholds, the résumé rules and page layouts, and how QRB interviews work.

Checked against applying.schema.json on content_check's fast path (no jsonschema at start-up), then
cross-checked here: the practice ECQs are exactly the ECQs of resources/readiness.json (both sets), the
hint codes are exactly the ones core/stories.py emits, each hint is one short sentence, every cited
source exists, and every ``verified`` record is complete for its status. A change by OPM (a new ECQ,
another page limit) is an edit to applying.json, not to code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ses_decider.core.content import ContentError
from ses_decider.core.facts import (
    Reference,
    Verification,
    as_of_end,
    check_sources,
    check_unique,
    references,
)
from ses_decider.core.readiness_content import readiness_content
from ses_decider.resources import load_json

NAME = "resources/applying.json"

# The codes core/stories.py can emit, with the placeholders each text may use.
HINT_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "empty_title": frozenset(),
    "empty_challenge": frozenset(),
    "empty_context": frozenset(),
    "empty_action": frozenset(),
    "empty_result": frozenset(),
    "result_no_number": frozenset(),
    "action_we_only": frozenset(),
    "action_no_i": frozenset(),
    "no_date": frozenset(),
    "too_old": frozenset({"years"}),
    "future_date": frozenset(),
    "too_short": frozenset({"time"}),
    "too_long": frozenset({"time"}),
    "no_ecq": frozenset(),
}
RATING_MAX = 4


@dataclass(frozen=True)
class InterviewQuestion:
    id: str
    ecq: str
    text: str


@dataclass(frozen=True)
class EcqPractice:
    """Practice material for one ECQ: questions, the target answer length, what a strong answer shows."""

    ecq: str
    target_seconds: int
    strong_answer: tuple[str, ...]
    questions: tuple[InterviewQuestion, ...]
    source: str


@dataclass(frozen=True)
class AnswerLength:
    target_seconds: int
    min_seconds: int
    max_seconds: int
    text: str
    source: str
    as_of: str
    verified: Verification


@dataclass(frozen=True)
class AnswerRating:
    """The 0-4 scale for rating a practice answer, one label per level."""

    labels: tuple[str, ...]
    text: str
    source: str
    as_of: str


@dataclass(frozen=True)
class StoryRules:
    """Thresholds for the story hints: age in years, speaking rate, shortest and longest telling."""

    old_after_years: int
    words_per_minute: int
    min_seconds: int
    max_seconds: int
    text: str
    source: str
    as_of: str
    verified: Verification


@dataclass(frozen=True)
class ResumeRule:
    id: str
    title: str
    text: str
    source: str
    as_of: str
    verified: Verification
    figure: str = ""


@dataclass(frozen=True)
class ResumeLayout:
    """A page layout to count résumé pages in: US Letter, equal margins, one font size."""

    id: str
    title: str
    margin_in: float
    font_pt: float
    families: tuple[str, ...]  # tried in order; the first one installed is used
    note: str


@dataclass(frozen=True)
class QrbFact:
    """How QRB interviews work; ``basis`` says who says so: official, press or vendor."""

    id: str
    title: str
    text: str
    basis: str
    source: str
    as_of: str
    verified: Verification


@dataclass(frozen=True)
class ApplyingContent:
    checked_on: str
    sources: dict[str, Reference]
    answer_length: AnswerLength
    answer_rating: AnswerRating
    practice: tuple[EcqPractice, ...]
    story_rules: StoryRules
    hints: dict[str, str]  # code -> text with {placeholders}
    plan_step: str  # with "{ecq}" for the ECQ's title
    resume_rules: tuple[ResumeRule, ...]
    layouts: tuple[ResumeLayout, ...]
    default_layout: str
    qrb: tuple[QrbFact, ...]

    def for_ecq(self, ecq_id: str) -> EcqPractice:
        for entry in self.practice:
            if entry.ecq == ecq_id:
                return entry
        raise KeyError(ecq_id)

    def question(self, question_id: str) -> InterviewQuestion:
        for entry in self.practice:
            for q in entry.questions:
                if q.id == question_id:
                    return q
        raise KeyError(question_id)

    def layout(self, layout_id: str | None = None) -> ResumeLayout:
        wanted = layout_id or self.default_layout
        for layout in self.layouts:
            if layout.id == wanted:
                return layout
        raise KeyError(wanted)

    def resume_rule(self, rule_id: str) -> ResumeRule:
        for rule in self.resume_rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @property
    def max_pages(self) -> int:
        """The résumé page limit, read from the "two_pages" rule's figure ("2 pages")."""
        return int(self.resume_rule("two_pages").figure.split()[0])


def _verification(data: dict, where: str) -> Verification:
    status = data["status"]
    if status == "unverified":
        if not data.get("reason") or set(data) - {"status", "reason"}:
            raise ContentError(f"{NAME}: {where}: an unverified record has only a reason")
    elif not all(data.get(k) for k in ("what", "where", "on")) or "reason" in data:
        raise ContentError(f"{NAME}: {where}: a {status} record needs what, where and on")
    return Verification(**data)


@cache
def applying_content() -> ApplyingContent:
    """Load, validate and cross-check applying.json once per process."""
    from ses_decider.core.content_check import SchemaViolation, check

    data = load_json("applying.json")
    try:
        check(data, load_json("applying.schema.json"))
    except SchemaViolation as exc:
        raise ContentError(
            f"{NAME} is invalid at {exc.path or 'top level'}: {exc.message}"
        ) from None
    content = _build(data)
    _cross_check(content)
    return content


def _build(data: dict) -> ApplyingContent:
    length = data["answer_length"]
    rules = data["story_rules"]
    practice = tuple(
        EcqPractice(
            ecq=p["ecq"],
            target_seconds=p["target_seconds"],
            strong_answer=tuple(p["strong_answer"]),
            questions=tuple(
                InterviewQuestion(q["id"], p["ecq"], q["text"]) for q in p["questions"]
            ),
            source=p["source"],
        )
        for p in data["practice"]
    )
    return ApplyingContent(
        checked_on=data["checked_on"],
        sources=references(data["sources"]),
        answer_length=AnswerLength(
            **{**length, "verified": _verification(length["verified"], "answer_length")}
        ),
        answer_rating=AnswerRating(
            **{**data["answer_rating"], "labels": tuple(data["answer_rating"]["labels"])}
        ),
        practice=practice,
        story_rules=StoryRules(
            **{**rules, "verified": _verification(rules["verified"], "story_rules")}
        ),
        hints={h["code"]: h["text"] for h in data["story_hints"]},
        plan_step=data["plan_step"],
        resume_rules=tuple(
            ResumeRule(**{**r, "verified": _verification(r["verified"], r["id"])})
            for r in data["resume_rules"]
        ),
        layouts=tuple(
            ResumeLayout(**{**lay, "families": tuple(lay["families"])})
            for lay in data["resume_layouts"]
        ),
        default_layout=data["resume_default_layout"],
        qrb=tuple(
            QrbFact(**{**q, "verified": _verification(q["verified"], q["id"])}) for q in data["qrb"]
        ),
    )


_PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")


def _cross_check(c: ApplyingContent) -> None:
    name = "applying.json"
    ecq_ids = [p.ecq for p in c.practice]
    check_unique(name, ecq_ids, "practice ECQ")
    known = readiness_content().all_ecq_ids()
    if set(ecq_ids) != known:
        missing, extra = sorted(known - set(ecq_ids)), sorted(set(ecq_ids) - known)
        raise ContentError(
            f"{NAME}: practice must cover exactly the ECQs of readiness.json "
            f"(missing {missing}, unknown {extra})"
        )
    check_unique(name, [q.id for p in c.practice for q in p.questions], "question")
    for p in c.practice:
        if not c.answer_length.min_seconds <= p.target_seconds <= c.answer_length.max_seconds:
            raise ContentError(f"{NAME}: {p.ecq}'s target length is outside the answer range")
    a = c.answer_length
    if not a.min_seconds <= a.target_seconds <= a.max_seconds:
        raise ContentError(f"{NAME}: answer_length needs min <= target <= max")
    if c.story_rules.min_seconds >= c.story_rules.max_seconds:
        raise ContentError(f"{NAME}: story_rules needs min_seconds < max_seconds")
    if set(c.hints) != set(HINT_PLACEHOLDERS):
        raise ContentError(
            f"{NAME}: story_hints must give exactly the codes {sorted(HINT_PLACEHOLDERS)}"
        )
    for code, text in c.hints.items():
        used = set(_PLACEHOLDER.findall(text))
        if used != HINT_PLACEHOLDERS[code]:
            raise ContentError(
                f"{NAME}: hint {code} must use the placeholders {sorted(HINT_PLACEHOLDERS[code])}"
            )
        if not text.endswith((".", "?")) or re.search(r"[.?!] [A-Z]", text):
            raise ContentError(f"{NAME}: hint {code} must be one sentence")
    if set(_PLACEHOLDER.findall(c.plan_step)) != {"ecq"}:
        raise ContentError(f"{NAME}: plan_step must use the placeholder {{ecq}}")
    if len(c.answer_rating.labels) != RATING_MAX + 1:
        raise ContentError(f"{NAME}: the answer rating needs {RATING_MAX + 1} labels")
    check_unique(name, [r.id for r in c.resume_rules], "résumé rule")
    check_unique(name, [lay.id for lay in c.layouts], "layout")
    check_unique(name, [q.id for q in c.qrb], "QRB fact")
    try:
        c.layout()
        if c.max_pages < 1:
            raise ValueError
    except (KeyError, ValueError, IndexError):
        raise ContentError(
            f"{NAME}: needs the default layout and a 'two_pages' rule whose figure starts with "
            "the page limit"
        ) from None
    cited = {f"practice {p.ecq}": p.source for p in c.practice}
    cited |= {"answer_length": a.source, "story_rules": c.story_rules.source}
    cited["answer_rating"] = c.answer_rating.source
    cited |= {r.id: r.source for r in c.resume_rules} | {q.id: q.source for q in c.qrb}
    check_sources(name, cited, c.sources)
    dated = [a.as_of, c.story_rules.as_of, c.answer_rating.as_of]
    dated += [r.as_of for r in c.resume_rules]
    dated += [q.as_of for q in c.qrb] + [s.as_of for s in c.sources.values()]
    for value in dated:
        as_of_end(value)
