"""The story bank: accomplishments told as Challenge, Context, Action, Result, tagged with ECQs.

The rules, implemented once here for the GUI, the CLI and the report (``rules_text()`` says the same
in plain sentences; thresholds come from resources/applying.json):

- **Hints** come from the text alone, each one short sentence with a stable code: a title or a part
  left empty (``empty_<part>``); a result without a number (``result_no_number``: no digit and none
  of the number words in ``NUMBER_WORDS``); an action not told in the first person (``action_no_i``,
  or ``action_we_only`` when it says "we"/"our"/"us" but never "I"/"me"/"my"); no date, a date in the
  future, or one more than ten years before today (``no_date``, ``future_date``, ``too_old``); too
  short or too long to tell as one answer, at 140 words a minute under one minute or over five
  (``too_short`` only once no part is empty); no ECQ tagged (``no_ecq``).
- **Strength** of a story, 0-4: one point each for *recent* (dated, not in the future, at most ten
  years old), *a number* in the result, *first person* in the action, and *complete* (all four
  parts written). Each point is the absence of the matching hint.
- **Coverage** per ECQ: how many stories are tagged with it, the most recent date among them, the
  strength of its best story (0 without stories), and that best story: highest strength, then the
  most recent date, then the most recently edited, then the smallest id.
- **Readiness evidence** per ECQ, 0-4: the best story's strength, but at most 3 while the ECQ has a
  single story (a panel's follow-up questions may call for a second example); 0 without a story.
  Adding a story never lowers it.
- **Plan gaps**: each ECQ without any story gets a plan step.

The day is always passed in, never read from the clock, so every rule is testable.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime

from ses_decider.core.applying_content import applying_content
from ses_decider.core.facts import years_before
from ses_decider.core.readiness import Gap, StoryEvidence
from ses_decider.core.readiness_content import readiness_content

PARTS = ("challenge", "context", "action", "result")
STRENGTH_MAX = 4
SINGLE_STORY_CAP = 3
_ID = re.compile(r"^[0-9a-f]{32}$")
_ECQ_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?|\d+")
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions "
    "billion billions trillion dozen dozens half halved doubled tripled quadrupled twice "
    "threefold tenfold percent".split()
)
_I_WORDS = frozenset({"I", "I'm", "I've", "I'd", "I'll"})
_ME_WORDS = frozenset({"me", "my", "myself", "mine"})
_WE_WORDS = frozenset({"we", "our", "us", "ours", "ourselves", "we're", "we've", "we'd", "we'll"})


class StoryError(ValueError):
    """A story's field is not valid; ``field`` names it."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


def now_stamp() -> str:
    """The current time as stored in ``updated_at`` (UTC, ISO 8601, microseconds)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return uuid.uuid4().hex


def check_iso_date(name: str, value: str | None) -> None:
    """``value`` must be None or a real date written YYYY-MM-DD."""
    if value is None:
        return
    if not isinstance(value, str):
        raise StoryError(name, "must be a date written YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise StoryError(name, f"{value!r} is not a date written YYYY-MM-DD") from None
    if parsed.isoformat() != value:  # fromisoformat also takes 20250101 and week dates
        raise StoryError(name, f"{value!r} is not a date written YYYY-MM-DD")


def check_stamp(name: str, value: str) -> None:
    """``value`` must be an ISO 8601 date and time."""
    if not isinstance(value, str):
        raise StoryError(name, "must be a date and time in ISO 8601")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise StoryError(name, f"{value!r} is not a date and time in ISO 8601") from None


def check_id(name: str, value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise StoryError(name, "must be 32 lowercase hexadecimal digits (a uuid4 hex)")


@dataclass(frozen=True)
class Story:
    """One accomplishment. ``happened_on`` is an ISO date (YYYY-MM-DD) or None while unknown;
    ``ecqs`` are ECQ ids from resources/readiness.json (either set), without repeats."""

    title: str = ""
    challenge: str = ""
    context: str = ""
    action: str = ""
    result: str = ""
    happened_on: str | None = None
    ecqs: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)
    updated_at: str = field(default_factory=now_stamp)

    def __post_init__(self) -> None:
        for name in ("title", *PARTS):
            if not isinstance(getattr(self, name), str):
                raise StoryError(name, "must be text")
        check_iso_date("happened_on", self.happened_on)
        check_id("id", self.id)
        check_stamp("updated_at", self.updated_at)
        if isinstance(self.ecqs, str) or not isinstance(self.ecqs, Iterable):
            raise StoryError("ecqs", "must be a list of ECQ ids")
        ecqs = tuple(self.ecqs)
        for ecq in ecqs:
            if not isinstance(ecq, str) or not _ECQ_ID.match(ecq):
                raise StoryError("ecqs", f"{ecq!r} is not an ECQ id")
        object.__setattr__(self, "ecqs", tuple(dict.fromkeys(ecqs)))

    @property
    def happened(self) -> date | None:
        return date.fromisoformat(self.happened_on) if self.happened_on else None

    def words(self) -> int:
        """Words in the four parts (the title is not told)."""
        return sum(len(_WORD.findall(getattr(self, part))) for part in PARTS)


def touch(story: Story, at: str | None = None) -> Story:
    """The story with ``updated_at`` set to ``at`` (default: now)."""
    return replace(story, updated_at=at or now_stamp())


@dataclass(frozen=True)
class StoryHint:
    """One hint: ``code`` is stable, ``part`` names the field it is about, ``text`` is one sentence."""

    code: str
    part: str  # "title", a CCAR part, "happened_on", "ecqs" or "story"
    text: str


def has_number(text: str) -> bool:
    """A digit, or one of ``NUMBER_WORDS`` ("doubled", "twelve", "percent", ...)."""
    if re.search(r"\d", text):
        return True
    return any(w.lower() in NUMBER_WORDS for w in _WORD.findall(text))


def first_person(text: str) -> str:
    """'i' when the text says I/me/my, 'we' when it says only we/our/us, '' when neither."""
    words = [w.replace("\u2019", "'") for w in _WORD.findall(text)]
    if any(w in _I_WORDS or w.lower() in _ME_WORDS for w in words):
        return "i"
    if any(w.lower() in _WE_WORDS for w in words):
        return "we"
    return ""


def spoken_seconds(story: Story) -> float:
    """How long the four parts take to say at the content's speaking rate."""
    return story.words() * 60.0 / applying_content().story_rules.words_per_minute


def _duration(seconds: int) -> str:
    if seconds % 60:
        return f"{seconds} seconds"
    minutes = seconds // 60
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _age(story: Story, today: date) -> str:
    """'none', 'future', 'old' or 'recent'."""
    happened = story.happened
    if happened is None:
        return "none"
    if happened > today:
        return "future"
    years = applying_content().story_rules.old_after_years
    return "old" if happened < years_before(today, years) else "recent"


def story_hints(story: Story, today: date) -> list[StoryHint]:
    """What would make the story stronger, read from its text, in a fixed order."""
    c = applying_content()
    rules = c.story_rules
    found: list[StoryHint] = []

    def hint(code: str, part: str, **values: object) -> None:
        found.append(StoryHint(code, part, c.hints[code].format(**values)))

    for part in ("title", *PARTS):
        if not getattr(story, part).strip():
            hint(f"empty_{part}", part)
    if story.result.strip() and not has_number(story.result):
        hint("result_no_number", "result")
    if story.action.strip():
        voice = first_person(story.action)
        if voice == "we":
            hint("action_we_only", "action")
        elif not voice:
            hint("action_no_i", "action")
    age = _age(story, today)
    if age == "none":
        hint("no_date", "happened_on")
    elif age == "future":
        hint("future_date", "happened_on")
    elif age == "old":
        hint("too_old", "happened_on", years=rules.old_after_years)
    seconds = spoken_seconds(story)
    complete = all(getattr(story, part).strip() for part in PARTS)
    if complete and seconds < rules.min_seconds:
        hint("too_short", "story", time=_duration(rules.min_seconds))
    if seconds > rules.max_seconds:
        hint("too_long", "story", time=_duration(rules.max_seconds))
    if not story.ecqs:
        hint("no_ecq", "ecqs")
    return found


def strength_criteria(story: Story, today: date) -> dict[str, bool]:
    """The four points of strength: recent, number, first_person, complete."""
    return {
        "recent": _age(story, today) == "recent",
        "number": has_number(story.result),
        "first_person": first_person(story.action) == "i",
        "complete": all(getattr(story, part).strip() for part in PARTS),
    }


def story_strength(story: Story, today: date) -> int:
    """0-4: how many of the four criteria the story meets."""
    return sum(strength_criteria(story, today).values())


@dataclass(frozen=True)
class EcqCoverage:
    ecq_id: str
    stories: int
    latest: str | None  # the most recent ``happened_on`` among its stories
    strength: int  # the best story's strength; 0 without stories
    best: Story | None


def _rank(story: Story, today: date) -> tuple:
    # Larger is better; the id is negated character-wise so the smallest id wins a full tie.
    return (
        story_strength(story, today),
        story.happened_on or "",
        story.updated_at,
        tuple(-ord(ch) for ch in story.id),
    )


def coverage(
    stories: Iterable[Story], ecq_ids: Sequence[str], today: date
) -> dict[str, EcqCoverage]:
    """Per ECQ, in the order of ``ecq_ids``: count, latest date, strength and best story."""
    stories = list(stories)
    result: dict[str, EcqCoverage] = {}
    for ecq in ecq_ids:
        tagged = [s for s in stories if ecq in s.ecqs]
        if not tagged:
            result[ecq] = EcqCoverage(ecq, 0, None, 0, None)
            continue
        best = max(tagged, key=lambda s: _rank(s, today))
        dates = [s.happened_on for s in tagged if s.happened_on]
        result[ecq] = EcqCoverage(
            ecq_id=ecq,
            stories=len(tagged),
            latest=max(dates) if dates else None,
            strength=story_strength(best, today),
            best=best,
        )
    return result


def readiness_evidence(cover: Mapping[str, EcqCoverage]) -> dict[str, int]:
    """0-4 per ECQ: the best story's strength, at most 3 with a single story, 0 without."""
    evidence = {}
    for ecq, entry in cover.items():
        if entry.stories == 0:
            evidence[ecq] = 0
        elif entry.stories == 1:
            evidence[ecq] = min(entry.strength, SINGLE_STORY_CAP)
        else:
            evidence[ecq] = entry.strength
    return evidence


def plan_gaps(cover: Mapping[str, EcqCoverage]) -> list[Gap]:
    """A plan step for each ECQ without a story; key "story:<ECQ id>"."""
    content = readiness_content()
    titles = {e.id: e.title for s in content.ecq_sets for e in s.ecqs}
    step = applying_content().plan_step
    gaps = []
    for ecq, entry in cover.items():
        if entry.stories == 0:
            title = titles.get(ecq, ecq)
            gaps.append(Gap(f"story:{ecq}", title, step.replace("{ecq}", title)))
    return gaps


def story_evidence(stories: Iterable[Story], today: date) -> StoryEvidence:
    """The story bank as ``core/readiness.py`` uses it: evidence and plan gaps for every ECQ of
    both sets (readiness picks the set the person chose)."""
    cover = coverage(stories, sorted(readiness_content().all_ecq_ids()), today)
    return StoryEvidence(strength=readiness_evidence(cover), gaps=tuple(plan_gaps(cover)))


# -- plain dicts, for the person file ------------------------------------------------------------

_FIELDS = tuple(f.name for f in fields(Story))


def story_to_dict(story: Story) -> dict:
    """A JSON-ready dict; ``story_from_dict`` reads it back to an equal story."""
    data = {name: getattr(story, name) for name in _FIELDS}
    data["ecqs"] = list(story.ecqs)
    return data


def story_from_dict(data: Mapping) -> Story:
    """A story from a dict; StoryError names the first field that is missing, unknown or wrong.

    ``id`` and ``updated_at`` are required; the texts default to "", the date to None, ECQs to none.
    """
    if not isinstance(data, Mapping):
        raise StoryError("story", "must be an object")
    for key in data:
        if key not in _FIELDS:
            raise StoryError(str(key), "is not a story field")
    for key in ("id", "updated_at"):
        if key not in data:
            raise StoryError(key, "is missing")
    ecqs = data.get("ecqs", [])
    if not isinstance(ecqs, list):
        raise StoryError("ecqs", "must be a list of ECQ ids")
    return Story(**{**data, "ecqs": tuple(ecqs)})


def rules_text() -> list[str]:
    """The story rules in plain sentences, for the in-app explanation."""
    r = applying_content().story_rules
    return [
        "Hints come from what you wrote: an empty part, a result without a number, an action "
        'without "I", a missing or future date, a story more than '
        f"{r.old_after_years} years old, and a story too short or too long to tell in one "
        f"answer (under {_duration(r.min_seconds)} or over {_duration(r.max_seconds)} at about "
        f"{r.words_per_minute} words a minute).",
        f"A story's strength is 0 to {STRENGTH_MAX}: one point each for being recent (within "
        f"{r.old_after_years} years), having a number in the result, telling the action in the "
        "first person, and having all four parts written.",
        "For each ECQ the coverage grid shows how many stories you tagged with it, the most "
        "recent one's date, and the strength of the best one.",
        "The evidence for an ECQ is its best story's strength, but at most "
        f"{SINGLE_STORY_CAP} while you have only one story for it: a panel may ask for a second "
        "example. An ECQ without a story has no evidence and gets a step in your plan.",
        "These are this app's rules of thumb, not OPM's scoring.",
    ]
