"""Other paths beside the SES, each scored against staying where I am.

"Stay where I am" is the zero of every lean, so it scores 50 by definition. "Aim for the SES" is the
assessment's own leans and dealbreakers: the verdict is about it, as it always was. Every other path
(`CareerPath`, kept in ``Assessment.paths``) has its own lean per factor and its own dealbreakers,
and shares the weights. A path is scored by `core.scoring.evaluate` on the assessment with that
path's leans and dealbreakers in place of the SES's (`path_assessment`): one formula, one
implementation. An assessment with no other paths scores exactly as before.

Suggested paths (SES at another agency, SL/ST, leaving for the private sector) are content, in
resources/paths.json with a short description and a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ses_decider.core.content import ContentError
from ses_decider.core.model import OWN_PATH, Assessment, CareerPath, Rating, Verdict
from ses_decider.core.scoring import Evaluation, evaluate
from ses_decider.resources import load_json

if TYPE_CHECKING:
    from ses_decider.core.facts import Reference, Verification

STAY_ID, SES_ID = "stay", "ses"  # the two paths every assessment has; no added path takes them
STAY_SCORE = 50.0
MAX_PATHS = 12  # added paths per assessment: a table that still fits beside the factor rows
MAX_TITLE = 60
PATH_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

PATHS_FILE, PATHS_SCHEMA = "paths.json", "paths.schema.json"


@dataclass(frozen=True)
class SuggestedPath:
    """A path offered when adding one: its kind (also the id it starts from), title, description."""

    kind: str
    title: str
    description: str
    source: Reference
    verified: Verification | None = None


@dataclass(frozen=True)
class PathsContent:
    stay_title: str
    stay_description: str
    ses_title: str
    ses_description: str
    suggested: tuple[SuggestedPath, ...]

    def suggestion(self, kind: str) -> SuggestedPath | None:
        return next((s for s in self.suggested if s.kind == kind), None)


@cache
def paths_content() -> PathsContent:
    """resources/paths.json, checked against its schema once per process."""
    from ses_decider.core.content_check import SchemaViolation, check
    from ses_decider.core.facts import Verification, check_sources, references

    data = load_json(PATHS_FILE)
    try:
        check(data, load_json(PATHS_SCHEMA))
    except SchemaViolation as exc:
        where = exc.path or "top level"
        raise ContentError(f"resources/{PATHS_FILE} is invalid at {where}: {exc.message}") from None
    sources = references(data["sources"])
    check_sources(PATHS_FILE, {s["kind"]: s["source"] for s in data["suggested"]}, sources)
    kinds = [s["kind"] for s in data["suggested"]]
    if len(set(kinds)) != len(kinds) or {STAY_ID, SES_ID, OWN_PATH} & set(kinds):
        raise ContentError(
            f"resources/{PATHS_FILE}: suggested kinds must be unique and not reserved"
        )
    suggested = tuple(
        SuggestedPath(
            kind=s["kind"],
            title=s["title"],
            description=s["description"],
            source=sources[s["source"]],
            verified=Verification(**s["verified"]) if "verified" in s else None,
        )
        for s in data["suggested"]
    )
    return PathsContent(
        stay_title=data["stay"]["title"],
        stay_description=data["stay"]["description"],
        ses_title=data["ses"]["title"],
        ses_description=data["ses"]["description"],
        suggested=suggested,
    )


def check_title(title: str, others: list[str] | None = None) -> str:
    """A path's title, stripped; ValueError with one sentence when it cannot be used."""
    text = " ".join(str(title).split())
    if not text:
        raise ValueError("Give the path a name.")
    if len(text) > MAX_TITLE:
        raise ValueError(f"A path's name has at most {MAX_TITLE} characters.")
    taken = {t.casefold() for t in (others or [])}
    content = paths_content()
    taken |= {content.stay_title.casefold(), content.ses_title.casefold()}
    if text.casefold() in taken:
        raise ValueError(f"There is already a path called \u201c{text}\u201d.")
    return text


def new_path(assessment: Assessment, title: str, kind: str = OWN_PATH) -> CareerPath:
    """A path to add: a fresh id (its kind, numbered if taken), the title checked, nothing rated.

    Nothing is copied from the SES's leans or dealbreakers: not rated is not an opinion.
    """
    if len(assessment.paths) >= MAX_PATHS:
        raise ValueError(f"An assessment holds at most {MAX_PATHS} other paths.")
    title = check_title(title, [p.title for p in assessment.paths])
    taken = {p.id for p in assessment.paths} | {STAY_ID, SES_ID}
    stem = kind if PATH_ID.match(kind) and len(kind) <= 30 else OWN_PATH
    path_id, n = stem, 1
    while path_id in taken:
        n += 1
        path_id = f"{stem}_{n}"
    return CareerPath(id=path_id, title=title, kind=kind)


def path_assessment(assessment: Assessment, path: CareerPath) -> Assessment:
    """The assessment as this path would have it: its leans and dealbreakers, the shared weights.

    A factor the path has not rated is not rated here: it takes no part in the path's score.
    """
    leans, musts = path.leans, path.dealbreakers
    ratings = {
        fid: Rating(r.weight, leans.get(fid), fid in musts, r.note, r.certainty)
        for fid, r in assessment.ratings.items()
    }
    return replace(
        assessment,
        factors=list(assessment.factors),
        ratings=ratings,
        hidden=set(assessment.hidden),
        paths=[],
    )


def evaluate_path(assessment: Assessment, path: CareerPath) -> Evaluation:
    """A path's score, verdict and contributions: `evaluate` on `path_assessment`."""
    return evaluate(path_assessment(assessment, path))


@dataclass(frozen=True)
class PathScore:
    """One row of the paths table."""

    id: str
    title: str
    kind: str  # "stay", "ses", a suggested kind, or "own"
    evaluation: Evaluation | None  # None for staying: the baseline, 50 by definition

    @property
    def score(self) -> float | None:
        return STAY_SCORE if self.evaluation is None else self.evaluation.score

    @property
    def verdict(self) -> Verdict | None:
        return None if self.evaluation is None else self.evaluation.verdict

    @property
    def ruled_out(self) -> bool:
        """A dealbreaker of this path decides it (NO-GO whatever its score)."""
        return self.evaluation is not None and bool(self.evaluation.dealbreakers)


def other_scores(assessment: Assessment) -> list[PathScore]:
    """Each added path with its evaluation, in the assessment's order."""
    return [
        PathScore(p.id, p.title, p.kind, evaluate_path(assessment, p)) for p in assessment.paths
    ]


def path_table(assessment: Assessment, evaluation: Evaluation | None = None) -> list[PathScore]:
    """Every row of the paths table: staying (50), the SES, then each added path."""
    content = paths_content()
    return [
        PathScore(STAY_ID, content.stay_title, STAY_ID, None),
        PathScore(SES_ID, content.ses_title, SES_ID, evaluation or evaluate(assessment)),
        *other_scores(assessment),
    ]


def best_other(assessment: Assessment, scores: list[PathScore] | None = None) -> PathScore | None:
    """The added path with the highest score, leaving out those a dealbreaker rules out and those
    with no score; the first in the table wins a tie. None when there is none."""
    candidates = [
        s
        for s in (other_scores(assessment) if scores is None else scores)
        if s.kind not in (STAY_ID, SES_ID) and s.score is not None and not s.ruled_out
    ]
    best: PathScore | None = None
    for s in candidates:
        if best is None or s.score > best.score:
            best = s
    return best


def score_text(score: float | None) -> str:
    """A path's score as the table and the sentences show it: a whole number."""
    return "\u2013" if score is None else f"{score:.0f}"


def higher_path_sentence(
    assessment: Assessment, evaluation: Evaluation | None = None
) -> str | None:
    """ "Senior Level scores 66, the SES 61." when the best other path scores higher than the SES
    (as the table rounds them, so the sentence never says 61 against 61); else None."""
    best = best_other(assessment)
    if best is None:
        return None
    ses = (evaluation or evaluate(assessment)).score
    if ses is not None and round(best.score) <= round(ses):
        return None
    ses_words = "has no score yet" if ses is None else score_text(ses)
    return f"{best.title} scores {score_text(best.score)}, the SES {ses_words}."
