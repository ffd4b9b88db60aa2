"""The person file's ``applying`` part: the story bank, the résumé and interview practice.

``{"stories": [story...], "resume": {"text", "updated_at"}, "practice": [session...]}``, each record
as core/stories.py and core/practice.py write it, checked against resources/story_bank.schema.json
and then by the records themselves. Left out of the file when the person has none of it.

Merging (in the import's transaction): by record id within the person, a record the database lacks
is added, one it has is replaced only by a newer ``updated_at`` with different content, so the same
file twice changes nothing and files in any order end with the newest of each record. The résumé is
one record per person, merged the same way. Nothing is deleted by an import: a story removed here
but still in an older file comes back, as snapshots do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ses_decider.core.practice import PracticeSession, session_from_dict, session_to_dict
from ses_decider.core.resume import Resume
from ses_decider.core.stories import Story, StoryError, story_from_dict, story_to_dict
from ses_decider.storage.errors import FormatError, check_text
from ses_decider.storage.person_sections import PersonSection, register
from ses_decider.storage.repository import Repository

KEY = "applying"
SCHEMA = "story_bank.schema.json"


@dataclass(frozen=True)
class ApplyingPart:
    """The part as read from a file: checked records, nothing written yet."""

    stories: tuple[Story, ...] = ()
    resume: Resume | None = None
    practice: tuple[PracticeSession, ...] = ()


def export_applying(repo: Repository, person_id: int) -> dict[str, Any] | None:
    stories = repo.applying.stories(person_id)
    resume = repo.applying.resume(person_id)
    practice = repo.applying.sessions(person_id)
    if not stories and resume is None and not practice:
        return None
    data: dict[str, Any] = {
        "stories": [story_to_dict(s) for s in stories],
        "practice": [session_to_dict(s) for s in practice],
    }
    if resume is not None:
        data["resume"] = {"text": resume.text, "updated_at": resume.updated_at}
    return data


def parse_applying(data: Any) -> ApplyingPart:
    """Check the part; FormatError names the field from the file's top ("applying.stories[2].id")."""
    from ses_decider.storage.exchange import validate

    try:
        validate(data, SCHEMA)
    except FormatError as exc:
        text = str(exc)
        if text.startswith("field the top level"):
            raise FormatError(f"field {KEY}{text[len('field the top level') :]}") from None
        if text.startswith("field "):
            raise FormatError(f"field {KEY}.{text[len('field ') :]}") from None
        raise FormatError(f"field {KEY}: {text}") from None
    stories = _records(data.get("stories", []), "stories", story_from_dict)
    practice = _records(data.get("practice", []), "practice", session_from_dict)
    resume = None
    if "resume" in data:
        check_text(data["resume"]["text"], f"{KEY}.resume.text")
        try:
            resume = Resume(**data["resume"])
        except StoryError as exc:
            raise FormatError(f"field {KEY}.resume.{exc.field}: {_reason(exc)}") from None
    return ApplyingPart(tuple(stories), resume, tuple(practice))


def _reason(exc: StoryError) -> str:
    return str(exc).split(": ", 1)[-1]


def _records(items: list, name: str, build) -> list:
    out, seen = [], set()
    for index, item in enumerate(items):
        where = f"{KEY}.{name}[{index}]"
        for key, value in item.items():
            check_text(value, f"{where}.{key}")
        try:
            record = build(item)
        except StoryError as exc:
            raise FormatError(f"field {where}.{exc.field}: {_reason(exc)}") from None
        if record.id in seen:
            raise FormatError(f"field {where}.id: {record.id!r} appears more than once")
        seen.add(record.id)
        out.append(record)
    return out


def _moment(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def newer(theirs: str, mine: str) -> bool:
    """Whether ``theirs`` is a later moment than ``mine`` (time zones taken into account)."""
    return _moment(theirs) > _moment(mine)


def _differs(mine, theirs) -> bool:
    """Whether two versions of a record say different things (their stamps aside)."""
    return replace(mine, updated_at=theirs.updated_at) != theirs


def _wins(mine, theirs) -> bool:
    """Whether the file's version replaces ours: we lack it, or it differs and is newer."""
    return mine is None or (_differs(mine, theirs) and newer(theirs.updated_at, mine.updated_at))


def merge_applying(repo: Repository, person_id: int, part: ApplyingPart, _file_older: bool):
    """Bring the part in (see the module docstring); a few words for the import's sentence."""
    store = repo.applying
    said = []
    stories = 0
    for story in part.stories:
        if _wins(store.story(person_id, story.id), story):
            store.put_story(person_id, story)
            stories += 1
    if stories:
        said.append(f"{stories} stor{'y' if stories == 1 else 'ies'}")
    if part.resume is not None:
        if _wins(store.resume(person_id), part.resume):
            store.set_resume(person_id, part.resume)
            said.append("the résumé")
    answers = 0
    for session in part.practice:
        if _wins(store.session(person_id, session.id), session):
            store.put_session(person_id, session)
            answers += 1
    if answers:
        said.append(f"{answers} practice answer{'' if answers == 1 else 's'}")
    return ", ".join(said) or None


SECTION = register(
    PersonSection(
        key=KEY,
        export=export_applying,
        parse=parse_applying,
        merge=merge_applying,
        changes="STORIES",
    )
)
