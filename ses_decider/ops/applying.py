"""Applying: the story bank, the résumé and interview practice, as operations and readers.

Every write is an operation (flag ``Changes.STORIES``) that returns the one undoing it. A written
record is stamped with the time of the write (``updated_at``), an undone one too: undoing is a new
decision, so a person file exported before the undo does not bring the undone version back.

The readers at the end are for the views, the brief and the mentor's agenda:
``story_evidence`` (what "Am I ready?" takes), ``ecq_grid`` (the coverage grid of the chosen ECQ
set), ``ecqs_without_evidence`` and ``best_story_per_ecq``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from ses_decider.core.practice import PracticeSession, practice_summary
from ses_decider.core.readiness import StoryEvidence
from ses_decider.core.readiness_content import readiness_content
from ses_decider.core.resume import Resume, check_resume
from ses_decider.core.stories import Story, coverage, now_stamp, readiness_evidence, touch
from ses_decider.ops import Changes, OpResult
from ses_decider.storage.repository import Repository


def _name(story: Story) -> str:
    return f"\u201c{story.title.strip()}\u201d" if story.title.strip() else "without a title"


# Stories ------------------------------------------------------------------------------------------
def add_story(repo: Repository, person_id: int, story: Story) -> OpResult:
    """Add a story to the person's bank; ``value`` is the story as stored."""
    if repo.applying.story(person_id, story.id) is not None:
        raise ValueError(f"story {story.id} already exists")
    stored = touch(story)
    repo.applying.put_story(person_id, stored)
    return OpResult(
        Changes.STORIES,
        f"Story {_name(stored)} added.",
        stored,
        undo=partial(remove_story, person_id=person_id, story_id=stored.id),
    )


def edit_story(repo: Repository, person_id: int, story: Story) -> OpResult:
    """Replace a story of the bank by its edited version (same id)."""
    before = repo.applying.story(person_id, story.id)
    if before is None:
        raise KeyError(story.id)
    stored = touch(story)
    repo.applying.put_story(person_id, stored)
    return OpResult(
        Changes.STORIES,
        f"Story {_name(stored)} saved.",
        stored,
        undo=partial(edit_story, person_id=person_id, story=before),
    )


def remove_story(repo: Repository, person_id: int, story_id: str) -> OpResult:
    before = repo.applying.story(person_id, story_id)
    if before is None:
        raise KeyError(story_id)
    repo.applying.delete_story(person_id, story_id)
    return OpResult(
        Changes.STORIES,
        f"Story {_name(before)} removed.",
        None,
        undo=partial(_put_back_story, person_id=person_id, story=before),
    )


def _put_back_story(repo: Repository, person_id: int, story: Story) -> OpResult:
    stored = touch(story)
    repo.applying.put_story(person_id, stored)
    return OpResult(
        Changes.STORIES,
        f"Story {_name(stored)} back.",
        stored,
        undo=partial(remove_story, person_id=person_id, story_id=stored.id),
    )


# The résumé ---------------------------------------------------------------------------------------
def save_resume(repo: Repository, person_id: int, text: str | None) -> OpResult:
    """Store the résumé text; a blank text (or None) forgets it."""
    before = repo.applying.resume(person_id)
    after = Resume(text, now_stamp()) if text and text.strip() else None
    if (before.text if before else None) == (after.text if after else None):
        return OpResult(Changes.NONE, "The résumé is unchanged.")
    repo.applying.set_resume(person_id, after)
    return OpResult(
        Changes.STORIES,
        "Résumé saved." if after else "Résumé cleared.",
        after,
        undo=partial(save_resume, person_id=person_id, text=before.text if before else None),
    )


# Practice -----------------------------------------------------------------------------------------
def record_practice(repo: Repository, person_id: int, session: PracticeSession) -> OpResult:
    """Keep one practised answer (with its ratings, notes and time)."""
    if repo.applying.session(person_id, session.id) is not None:
        raise ValueError(f"practice answer {session.id} already exists")
    stored = replace(session, updated_at=now_stamp())
    repo.applying.put_session(person_id, stored)
    return OpResult(
        Changes.STORIES,
        "Practice answer kept.",
        stored,
        undo=partial(remove_practice, person_id=person_id, session_id=stored.id),
    )


def edit_practice(repo: Repository, person_id: int, session: PracticeSession) -> OpResult:
    """Replace a practised answer by its edited version: notes, the person's or the mentor's
    rating."""
    before = repo.applying.session(person_id, session.id)
    if before is None:
        raise KeyError(session.id)
    stored = replace(session, updated_at=now_stamp())
    repo.applying.put_session(person_id, stored)
    return OpResult(
        Changes.STORIES,
        "Practice answer saved.",
        stored,
        undo=partial(edit_practice, person_id=person_id, session=before),
    )


def rate_practice(
    repo: Repository, person_id: int, session_id: str, who: str, rating: int | None
) -> OpResult:
    """Set (or with None clear) the rating of one answer; ``who`` is "self" or "mentor"."""
    if who not in ("self", "mentor"):
        raise ValueError(f"who must be 'self' or 'mentor', not {who!r}")
    before = repo.applying.session(person_id, session_id)
    if before is None:
        raise KeyError(session_id)
    result = edit_practice(repo, person_id, replace(before, **{f"{who}_rating": rating}))
    whose = "Your" if who == "self" else "The mentor's"
    said = f"{whose} rating saved." if rating is not None else f"{whose} rating cleared."
    return replace(result, message=said)


def remove_practice(repo: Repository, person_id: int, session_id: str) -> OpResult:
    before = repo.applying.session(person_id, session_id)
    if before is None:
        raise KeyError(session_id)
    repo.applying.delete_session(person_id, session_id)
    return OpResult(
        Changes.STORIES,
        "Practice answer removed.",
        None,
        undo=partial(_put_back_practice, person_id=person_id, session=before),
    )


def _put_back_practice(repo: Repository, person_id: int, session: PracticeSession) -> OpResult:
    stored = replace(session, updated_at=now_stamp())
    repo.applying.put_session(person_id, stored)
    return OpResult(
        Changes.STORIES,
        "Practice answer back.",
        stored,
        undo=partial(remove_practice, person_id=person_id, session_id=stored.id),
    )


# Readers ------------------------------------------------------------------------------------------
def stories_of(repo: Repository, person_id: int) -> list[Story]:
    """The person's stories, the most recent first."""
    return repo.applying.stories(person_id)


def resume_of(repo: Repository, person_id: int) -> Resume | None:
    return repo.applying.resume(person_id)


def practice_of(repo: Repository, person_id: int) -> list[PracticeSession]:
    """The person's practised answers, oldest first."""
    return repo.applying.sessions(person_id)


def story_evidence(repo: Repository, person_id: int, today: date | None = None) -> StoryEvidence:
    """The story bank as "Am I ready?" takes it (``core.readiness.axes(..., evidence)``)."""
    return repo.applying.evidence(person_id, today)


def chosen_ecqs(repo: Repository, person_id: int) -> list[tuple[str, str]]:
    """(id, title) of the ECQs of the set the person chose on "Am I ready?" (the current set
    before they chose)."""
    content = readiness_content()
    wanted = repo.applying.ecq_set(person_id) or content.ecq_default
    try:
        chosen = content.ecq_set(wanted)
    except KeyError:
        chosen = content.ecq_set(content.ecq_default)
    return [(e.id, e.title) for e in chosen.ecqs]


@dataclass(frozen=True)
class EcqEvidence:
    """One row of the coverage grid: an ECQ of the chosen set and what shows it."""

    ecq_id: str
    title: str
    stories: int  # stories tagged with it
    latest: str | None  # the most recent story's date
    strength: int  # the best story's strength, 0-4
    evidence: int  # what "Am I ready?" takes, 0-4 (core.stories.readiness_evidence)
    best: Story | None
    in_resume: bool | None  # a story of it is used in the résumé; None without a résumé
    answers: int  # practised answers
    average_self: float | None
    average_mentor: float | None

    @property
    def without_evidence(self) -> bool:
        """No story in the bank shows it."""
        return self.stories == 0


def ecq_grid(
    repo: Repository,
    person_id: int,
    today: date | None = None,
    ecqs: list[tuple[str, str]] | None = None,
) -> list[EcqEvidence]:
    """The coverage grid: every ECQ of the chosen set (or of ``ecqs``, (id, title) pairs: the set
    on screen), in order, with its stories, the résumé check and practice."""
    today = today or date.today()
    ecqs = ecqs if ecqs is not None else chosen_ecqs(repo, person_id)
    ids = [e for e, _ in ecqs]
    stories = repo.applying.stories(person_id)
    cover = coverage(stories, ids, today)
    evidence = readiness_evidence(cover)
    resume = repo.applying.resume(person_id)
    missing = set(check_resume(resume.text, stories, ids).ecqs_without_evidence) if resume else None
    practice = practice_summary(repo.applying.sessions(person_id), ids)
    return [
        EcqEvidence(
            ecq_id=ecq,
            title=title,
            stories=cover[ecq].stories,
            latest=cover[ecq].latest,
            strength=cover[ecq].strength,
            evidence=evidence[ecq],
            best=cover[ecq].best,
            in_resume=None if missing is None else ecq not in missing,
            answers=practice[ecq].sessions,
            average_self=practice[ecq].average_self,
            average_mentor=practice[ecq].average_mentor,
        )
        for ecq, title in ecqs
    ]


def ecqs_without_evidence(
    repo: Repository, person_id: int, today: date | None = None
) -> list[EcqEvidence]:
    """The ECQs of the chosen set that no story shows yet, in order (for the mentor's agenda)."""
    return [row for row in ecq_grid(repo, person_id, today) if row.without_evidence]


def best_story_per_ecq(
    repo: Repository, person_id: int, today: date | None = None
) -> dict[str, Story | None]:
    """The best story for each ECQ of the chosen set (None: no story), in order (for the brief).

    Best: highest strength, then the most recent date (core.stories.coverage)."""
    return {row.ecq_id: row.best for row in ecq_grid(repo, person_id, today)}


__all__ = [
    "EcqEvidence",
    "add_story",
    "best_story_per_ecq",
    "chosen_ecqs",
    "ecq_grid",
    "ecqs_without_evidence",
    "edit_practice",
    "edit_story",
    "practice_of",
    "rate_practice",
    "record_practice",
    "remove_practice",
    "remove_story",
    "resume_of",
    "save_resume",
    "stories_of",
    "story_evidence",
]
