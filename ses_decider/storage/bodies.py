"""An assessment as plain data and back: the body that snapshots, person files and assessment files
share.

A body lists every factor (rated or not, hidden or not) with ``"hidden"`` naming the hidden ones, so a
round trip is exact; ``weight``/``lean`` are null for a factor not rated yet. The shapes are checked
by a JSON Schema before a file's body gets here (`exchange.validate`); this module checks what a
schema cannot (known factor ids, no duplicates, real dates) and raises `FormatError` naming the field.
A default factor the body does not mention is added, not rated: it takes no part in the score.
Other paths beside the SES travel as ``"paths"`` (written only when there are some, so a body of the
two-path case is exactly what it always was).
"""

from __future__ import annotations

import math
from typing import Any

from ses_decider.core.content import catalogue
from ses_decider.core.model import (
    DEFAULT_GO,
    DEFAULT_NO_GO,
    Assessment,
    CareerPath,
    Certainty,
    EcqRating,
    Factor,
    PlanItem,
    Rating,
    ReadinessState,
    Thresholds,
    Verdict,
    check_iso_date,
)
from ses_decider.core.paths import SES_ID, STAY_ID
from ses_decider.storage.errors import FormatError, check_text

# Keys of a body beside the assessment itself (envelope, timestamps, a snapshot's own fields).
_NOT_ASSESSMENT = ("format", "version", "person", "exported_at", "uid", "taken_at", "label")


def plain_number(value: float | None) -> float | int | None:
    """Write 7 rather than 7.0, but keep fractions exactly (and None as null)."""
    if value is None:
        return None
    if math.isfinite(value) and float(value).is_integer():
        return int(value)
    return value


def factor_item(factor: Factor, rating: Rating) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": factor.id,
        "weight": plain_number(rating.weight),
        "lean": plain_number(rating.lean),
        "dealbreaker": rating.dealbreaker,
        "note": rating.note,
        "certainty": rating.certainty.value,
    }
    if factor.custom:
        item.update(custom=True, title=factor.title, pro=factor.pro, con=factor.con)
    return item


def assessment_fields(
    assessment: Assessment, readiness: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything but the factors: thresholds, gut answers, method, fit and readiness
    (``readiness``: the readiness section already written, when the caller has it; used as it
    is)."""
    data: dict[str, Any] = {
        "thresholds": {
            "go": plain_number(assessment.thresholds.go),
            "no_go": plain_number(assessment.thresholds.no_go),
        },
        "gut_before": assessment.gut_before.value if assessment.gut_before else None,
        "gut_after": assessment.gut_after.value if assessment.gut_after else None,
        "method": assessment.method,
    }
    if assessment.fit:
        data["fit"] = {qid: plain_number(answer) for qid, answer in assessment.fit.items()}
    if assessment.readiness is not None:
        data["readiness"] = (
            readiness_to_data(assessment.readiness) if readiness is None else readiness
        )
    return data


def paths_to_data(assessment: Assessment, factor_ids: set[str] | None = None) -> list[dict]:
    """The other paths as plain data; leans and dealbreakers only for ``factor_ids`` (default:
    every factor of the assessment), so a file never names a factor it does not hold."""
    known = set(assessment.ratings) if factor_ids is None else factor_ids
    order = [f.id for f in assessment.factors if f.id in known]
    return [
        {
            "id": p.id,
            "title": p.title,
            "kind": p.kind,
            "leans": {fid: plain_number(p.leans[fid]) for fid in order if fid in p.leans},
            "dealbreakers": [fid for fid in order if fid in p.dealbreakers],
        }
        for p in assessment.paths
    ]


def paths_from_data(
    items: list[dict[str, Any]], factor_ids: set[str], prefix: str = ""
) -> list[CareerPath]:
    """Other paths from a body; FormatError naming the field for what a schema cannot check."""
    from ses_decider.core.model import OWN_PATH

    paths: list[CareerPath] = []
    for index, item in enumerate(items):
        at = f"{prefix}paths[{index}]"
        check_text(item.get("title"), f"{at}.title")
        if item["id"] in (STAY_ID, SES_ID):
            raise FormatError(
                f"field {at}.id: {item['id']!r} is one of the two paths every assessment has"
                " (staying, the SES); give this path another id"
            )
        if any(p.id == item["id"] for p in paths):
            raise FormatError(f"field {at}.id: {item['id']!r} appears more than once")
        leans: dict[str, float] = {}
        for fid, lean in item.get("leans", {}).items():
            if fid not in factor_ids:
                raise FormatError(f"field {at}.leans.{fid}: unknown factor id {fid!r}")
            if lean is not None:
                leans[fid] = float(lean)
        dealbreakers = set()
        for n, fid in enumerate(item.get("dealbreakers", [])):
            if fid not in factor_ids:
                raise FormatError(f"field {at}.dealbreakers[{n}]: unknown factor id {fid!r}")
            dealbreakers.add(fid)
        paths.append(
            CareerPath(
                id=item["id"],
                title=" ".join(item["title"].split()),
                leans=leans,
                dealbreakers=dealbreakers,
                kind=item.get("kind", OWN_PATH),
            )
        )
    return paths


def assessment_body(assessment: Assessment) -> dict[str, Any]:
    """The whole assessment: every factor in order, with ``hidden`` listing some."""
    body = assessment_fields(assessment)
    body["factors"] = [factor_item(f, assessment.ratings[f.id]) for f in assessment.factors]
    body["hidden"] = sorted(assessment.hidden)
    if assessment.paths:
        body["paths"] = paths_to_data(assessment)
    return body


def same_content(a: Assessment, b: Assessment) -> bool:
    """Whether two assessments hold the same ratings, factors and answers (order included)."""
    return assessment_body(a) == assessment_body(b)


def assessment_from_body(body: dict[str, Any], where: str = "") -> Assessment:
    """Build an assessment from a body; ``where`` prefixes field names in errors ("current")."""
    return BodyReader().read(body, where)[0]


class BodyReader:
    """Reads the bodies of one file: each assessment, and its body as `assessment_body` would
    write it back, built together.

    A person file repeats the same factor items, fit answers and readiness in snapshot after
    snapshot, so each distinct one is checked and built once per reader (keyed by its repr, which
    tells 1, 1.0 and true apart); every assessment still gets Rating and ReadinessState objects of
    its own. Nothing that fails is remembered: an error names the field where it occurs. The
    bodies it returns share their repeated parts (a factor item, the readiness section): read
    them, compare them, write them out, but never change one in place.
    """

    def __init__(self) -> None:
        self._defaults = {f.id: f for f in catalogue().factors}
        self._items: dict[str, tuple[Factor, tuple, dict[str, Any]]] = {}
        self._fit: dict[str, dict[str, float]] = {}
        self._readiness: dict[str, tuple[ReadinessState, dict[str, Any]]] = {}

    def read(self, body: dict[str, Any], where: str = "") -> tuple[Assessment, dict[str, Any]]:
        prefix = f"{where}." if where else ""
        factors: list[Factor] = []
        ratings: dict[str, Rating] = {}
        items: list[dict[str, Any]] = []
        for index, item in enumerate(body["factors"]):
            if item["id"] in ratings:
                raise FormatError(
                    f"field {prefix}factors[{index}].id: {item['id']!r} appears more than once"
                )
            factor, args, written = self._item(item, f"{prefix}factors[{index}]")
            factors.append(factor)
            ratings[factor.id] = Rating(*args)
            items.append(written)
        for fid, factor in self._defaults.items():  # not in the body: on the table, not rated
            if fid not in ratings:
                factors.append(factor)
                ratings[fid] = Rating()
                items.append(factor_item(factor, ratings[fid]))
        hidden = set()
        for index, factor_id in enumerate(body.get("hidden", [])):
            if factor_id not in ratings:
                raise FormatError(f"field {prefix}hidden[{index}]: unknown factor id {factor_id!r}")
            hidden.add(factor_id)
        thresholds = body.get("thresholds", {})
        go = float(thresholds.get("go", DEFAULT_GO))
        no_go = float(thresholds.get("no_go", DEFAULT_NO_GO))
        if no_go > go:
            raise FormatError(f"field {prefix}thresholds: no_go must not be above go")
        readiness, readiness_written = self._read_readiness(body.get("readiness"), prefix)
        paths = paths_from_data(body.get("paths", []), set(ratings), prefix)
        assessment = Assessment(
            factors=factors,
            ratings=ratings,
            hidden=hidden,
            thresholds=Thresholds(go=go, no_go=no_go),
            gut_before=_verdict_or_none(body.get("gut_before")),
            gut_after=_verdict_or_none(body.get("gut_after")),
            method=body.get("method", "direct"),
            fit=self._read_fit(body.get("fit", {}), prefix),
            readiness=readiness,
            paths=paths,
        )
        written = assessment_fields(assessment, readiness_written)
        written["factors"] = items
        written["hidden"] = sorted(hidden)
        if paths:
            written["paths"] = paths_to_data(assessment)
        return assessment, written

    def _item(self, item: dict[str, Any], at: str) -> tuple[Factor, tuple, dict[str, Any]]:
        """(factor, the Rating's arguments, the item as written back) for one factor item."""
        key = repr(item)
        found = self._items.get(key)
        if found is not None:
            return found
        fid = item["id"]
        for name in ("note", "title", "pro", "con"):
            check_text(item.get(name), f"{at}.{name}")
        if item.get("custom"):
            if fid in self._defaults:
                raise FormatError(
                    f"field {at}.id: {fid!r} is a default factor and cannot be custom"
                )
            factor = Factor(fid, item["title"], item["pro"], item["con"], source="", custom=True)
        elif fid in self._defaults:
            factor = self._defaults[fid]
        else:
            raise FormatError(
                f"field {at}.id: unknown factor id {fid!r}"
                ' (a factor of your own needs "custom": true with title, pro and con)'
            )
        args = (
            _number_or_none(item.get("weight")),
            _number_or_none(item.get("lean")),
            bool(item.get("dealbreaker", False)),
            item.get("note", ""),
            Certainty(item.get("certainty", "unsure")),
        )
        found = (factor, args, factor_item(factor, Rating(*args)))
        self._items[key] = found
        return found

    def _read_fit(self, section: dict[str, Any], prefix: str) -> dict[str, float]:
        key = repr(section)  # only what was read without error is kept
        if key not in self._fit:
            self._fit[key] = fit_from_data(section, prefix)
        return dict(self._fit[key])

    def _read_readiness(
        self, section: dict[str, Any] | None, prefix: str
    ) -> tuple[ReadinessState | None, dict[str, Any] | None]:
        if section is None:
            return None, None
        key = repr(section)
        if key not in self._readiness:
            state = readiness_from_data(section, prefix)
            self._readiness[key] = (state, readiness_to_data(state))
        state, written = self._readiness[key]
        return state.copy(), written


def strip_envelope(data: dict[str, Any]) -> dict[str, Any]:
    """A body without a file's envelope and a snapshot's own fields."""
    return {k: v for k, v in data.items() if k not in _NOT_ASSESSMENT}


def _number_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def _verdict_or_none(value: str | None) -> Verdict | None:
    return Verdict(value) if value else None


def fit_from_data(section: dict[str, Any], prefix: str = "") -> dict[str, float]:
    from ses_decider.core.readiness_content import readiness_content

    if not section:
        return {}
    known = {q.id for q in readiness_content().fit_questions}
    for question_id in section:
        if question_id not in known:
            raise FormatError(
                f"field {prefix}fit.{question_id}: unknown fit question {question_id!r}"
            )
    return {question_id: float(answer) for question_id, answer in section.items()}


def readiness_from_data(section: dict[str, Any] | None, prefix: str = "") -> ReadinessState | None:
    """The optional readiness section; absent means the roadmap was not started."""
    from ses_decider.core.readiness_content import readiness_content

    if section is None:
        return None
    content = readiness_content()
    facts: dict[str, float] = {}
    for item_id, raw in section.get("facts", {}).items():
        where = f"field {prefix}readiness.facts.{item_id}"
        try:
            item = content.item(item_id)
        except KeyError:
            raise FormatError(f"{where}: unknown checklist item {item_id!r}") from None
        value = float(raw)
        if item.kind == "yesno" and value not in (0.0, 1.0):
            raise FormatError(f"{where}: expected true or false, got {raw!r}")
        if value > item.upper():
            raise FormatError(f"{where}: {raw!r} is above the maximum {item.upper():g}")
        facts[item_id] = value
    ecq_set = section.get("ecq_set", content.ecq_default)
    if ecq_set not in {s.id for s in content.ecq_sets}:
        raise FormatError(f"field {prefix}readiness.ecq_set: unknown ECQ set {ecq_set!r}")
    ecq: dict[str, EcqRating] = {}
    for ecq_id, entry in section.get("ecq", {}).items():
        if ecq_id not in content.all_ecq_ids():
            raise FormatError(f"field {prefix}readiness.ecq.{ecq_id}: unknown ECQ {ecq_id!r}")
        check_text(entry.get("example"), f"{prefix}readiness.ecq.{ecq_id}.example")
        rating = entry.get("rating")
        ecq[ecq_id] = EcqRating(None if rating is None else int(rating), entry.get("example", ""))
    plan: list[PlanItem] = []
    for index, entry in enumerate(section.get("plan", [])):
        where = f"{prefix}readiness.plan[{index}]"
        check_text(entry.get("text"), f"{where}.text")
        if any(p.id == entry["id"] for p in plan):
            raise FormatError(f"field {where}.id: {entry['id']!r} appears more than once")
        target = entry.get("target_date")
        try:
            check_iso_date(target)
        except ValueError:
            raise FormatError(f"field {where}.target_date: {target!r} is not a date") from None
        plan.append(
            PlanItem(entry["id"], entry["text"], entry.get("gap"), target, entry.get("done", False))
        )
    return ReadinessState(facts=facts, ecq_set=ecq_set, ecq=ecq, plan=plan)


def readiness_to_data(state: ReadinessState) -> dict[str, Any]:
    from ses_decider.core.readiness_content import readiness_content

    content = readiness_content()

    def fact(item_id: str, value: float) -> bool | float | int | None:
        try:
            if content.item(item_id).kind == "yesno":
                return value >= 1
        except KeyError:
            pass
        return plain_number(value)

    return {
        "ecq_set": state.ecq_set,
        "facts": {item_id: fact(item_id, value) for item_id, value in state.facts.items()},
        "ecq": {eid: {"rating": r.rating, "example": r.example} for eid, r in state.ecq.items()},
        "plan": [
            {
                "id": p.id,
                "text": p.text,
                "gap": p.gap,
                "target_date": p.target_date,
                "done": p.done,
            }
            for p in state.plan
        ],
    }
