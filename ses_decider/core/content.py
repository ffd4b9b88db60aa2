"""The factor catalogue from resources/factors.json, validated against its schema when loaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ses_decider.core.model import (
    DEFAULT_FACTOR_IDS,
    Assessment,
    Certainty,
    Factor,
    Rating,
    Verdict,
)
from ses_decider.resources import load_json


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    author: str
    short: str
    as_of: str
    note: str = ""

    def citation(self) -> str:
        return f"{self.author}, \u201c{self.title}\u201d ({self.as_of})"


@dataclass(frozen=True)
class Catalogue:
    factors: tuple[Factor, ...]
    sources: dict[str, Source]
    overlap_notes: dict[str, str]

    def by_id(self, factor_id: str) -> Factor:
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

    def source_for(self, factor: Factor) -> Source | None:
        return self.sources.get(factor.source)


class ContentError(ValueError):
    """The bundled content is broken: a packaging or editing mistake, not a user error."""


@cache
def catalogue() -> Catalogue:
    """Load and validate the default factors once per process."""
    # Checked against factors.schema.json by content_check, not jsonschema: the first window needs
    # the catalogue, and jsonschema would add ~100 ms to start-up (see content_check's docstring).
    from ses_decider.core.content_check import SchemaViolation, check

    data = load_json("factors.json")
    try:
        check(data, load_json("factors.schema.json"))
    except SchemaViolation as exc:
        where = exc.path or "top level"
        raise ContentError(f"resources/factors.json is invalid at {where}: {exc.message}") from None
    sources = {key: Source(key=key, **value) for key, value in data["sources"].items()}
    factors = tuple(
        Factor(
            id=item["id"],
            title=item["title"],
            pro=item["pro"],
            con=item["con"],
            source=item["source"],
            overlap=item.get("overlap"),
            prompts=tuple(item.get("prompts", ())),
            short=item["short"],
        )
        for item in data["factors"]
    )
    ids = tuple(f.id for f in factors)
    # The eleven stable ids come first, in order (part of the interchange format); factors added
    # since (job_security, appraisal, getting_in, ...) follow them.
    if ids[: len(DEFAULT_FACTOR_IDS)] != DEFAULT_FACTOR_IDS:
        raise ContentError(
            "resources/factors.json must list the eleven stable default factor ids first, in order"
        )
    if len(set(ids)) != len(ids):
        raise ContentError("resources/factors.json lists one of its factor ids twice")
    for factor in factors:
        if factor.source not in sources:
            raise ContentError(f"factor {factor.id} cites unknown source {factor.source!r}")
    return Catalogue(
        factors=factors, sources=sources, overlap_notes=dict(data.get("overlap_notes", {}))
    )


def blank_assessment() -> Assessment:
    """A new person's starting point: every default factor, weight 5, lean 0."""
    factors = list(catalogue().factors)
    return Assessment(factors=factors, ratings={f.id: Rating() for f in factors})


# A plausible GS-15 who likes the mission and authority but worries about family and moving.
_DEMO = {
    "elite_corps": (4, 2),
    "lofty_position": (5, 2),
    "influence": (6, 1),
    "stress": (7, -2),
    "pay": (5, 1),
    "community": (3, 1),
    "mission": (9, 4),
    "creativity": (6, 3),
    "authority": (6, 3),
    "work_family": (8, -3),
    "relocation": (7, -2),
}


def demo_assessment() -> Assessment:
    """The built-in demo profile shown when there is no data yet."""
    assessment = blank_assessment()
    for factor_id, (weight, lean) in _DEMO.items():
        assessment.ratings[factor_id] = Rating(
            weight=float(weight), lean=float(lean), certainty=Certainty.UNSURE
        )
    assessment.ratings["relocation"].note = "Two children in high school until 2028."
    assessment.gut_before = Verdict.CLOSE_CALL
    return assessment
