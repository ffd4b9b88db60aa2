"""Short ways for tests to do what a user does through the operations (ses_decider.ops)."""

from __future__ import annotations

from ses_decider.core.model import Assessment
from ses_decider.ops import OpResult, run
from ses_decider.ops.imports import AssessmentFile, apply_import, import_assessment
from ses_decider.storage.person_file import parse_person_data, person_to_data
from ses_decider.storage.repository import Repository


def export_person(repo: Repository, person_id: int) -> dict:
    """The person file of a stored person, as data."""
    return person_to_data(repo, person_id)


def import_person_data(repo: Repository, data: dict) -> OpResult:
    """Import person-file data as File > Import does (checked first, one transaction)."""
    return run(repo, apply_import, parse_person_data(data))


def import_assessment_as(
    repo: Repository, name: str | None, assessment: Assessment, exported_at: str | None = None
) -> str:
    """Import an assessment under a person's name; returns the sentence the user sees."""
    request = AssessmentFile((name or "").strip() or "Imported assessment", assessment, exported_at)
    return run(repo, import_assessment, request).message


# The eleven default factor ids are part of the file format: pinned here on purpose, not imported.
STABLE_FACTOR_IDS = (
    "elite_corps",
    "lofty_position",
    "influence",
    "stress",
    "pay",
    "community",
    "mission",
    "creativity",
    "authority",
    "work_family",
    "relocation",
)


def catalogue_ids() -> tuple[str, ...]:
    """Every default factor id the app ships today (the stable eleven first)."""
    from ses_decider.core.content import catalogue

    return tuple(f.id for f in catalogue().factors)


def neutral_assessment(weight: float = 5.0, lean: float = 0.0) -> Assessment:
    """A blank assessment with the eleven stable factors rated alike (score 50 at lean 0); any
    newer default factor stays not rated. The usual "some assessment" of these tests."""
    from ses_decider.core.content import blank_assessment
    from ses_decider.core.model import Rating

    assessment = blank_assessment()
    for fid in STABLE_FACTOR_IDS:
        assessment.ratings[fid] = Rating(weight=weight, lean=lean)
    return assessment
