"""A person's own reasons, in their words: which factor each one is about, and what they may have missed.

Matching is by words, not meaning: the reason and each factor's phrases (the word lists in
resources/deciding.json, plus the factor's own title) are cut into lower-case terms, common words are
dropped and endings trimmed ("moving", "moved" and "move" are one term). A factor scores by the
phrases of its list found in the reason, longer phrases counting more; a reason that is exactly a
factor's title scores 1. The person always confirms or changes the match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ses_decider.core.content import ContentError, catalogue
from ses_decider.core.deciding_content import Category, MissPrompt, deciding_content
from ses_decider.core.model import Factor

TITLE_WEIGHT = 2.0  # a phrase from the factor's own title counts double a listed phrase
HALF_SCORE = 2.0  # raw points at which the score reaches 0.5 (score = raw / (raw + HALF_SCORE))
NEAR_CERTAIN = 0.99  # the highest score short of the reason being the factor's title
OWN_TITLE_MAX = 60  # a factor title's longest length (resources/assessment.schema.json)

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": ""})


@dataclass(frozen=True)
class Candidate:
    """A factor the reason may be about; ``matched`` lists the phrases found, as written in the lists."""

    factor_id: str
    title: str
    score: float  # in (0, 1]: 1 when the reason is the factor's title
    matched: tuple[str, ...]


@dataclass(frozen=True)
class ReasonMatch:
    """Ranked candidates (best first), or none: then the reason becomes a factor of its own."""

    text: str
    candidates: tuple[Candidate, ...]
    own_title: str  # a title for a factor of one's own made from this reason

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def make_own(self) -> bool:
        """True when no factor matched: suggest making the reason a factor of its own."""
        return not self.candidates


@dataclass(frozen=True)
class PromptGroup:
    """The "did you miss?" prompts of one category that are not yet covered."""

    category: Category
    prompts: tuple[MissPrompt, ...]


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, apostrophes dropped ("I'd" -> "id", "kids'" -> "kids")."""
    return _WORD.findall(text.casefold().translate(_APOSTROPHES))


def stem(word: str) -> str:
    """Trim common English endings so that a word's forms meet: 'moves', 'moving', 'moved' -> 'mov'."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("es") and not word.endswith(("ses", "ees")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def terms(text: str, stop_words: frozenset[str] | None = None) -> tuple[str, ...]:
    """The text's meaningful words, stemmed, in order; common words (the content's list) dropped."""
    stop = deciding_content().matching.stop_words if stop_words is None else stop_words
    return tuple(stem(w) for w in words(text) if w not in stop)


@cache
def _listed_phrases() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Factor id -> (phrase as written, its terms) from the word lists, checked once."""
    matching = deciding_content().matching
    result = {}
    for factor_id, phrases in matching.synonyms.items():
        entries = []
        for phrase in phrases:
            phrase_terms = terms(phrase, matching.stop_words)
            if not phrase_terms:
                raise ContentError(
                    f"resources/deciding.json: the phrase {phrase!r} for {factor_id} is made "
                    "only of common words, so it can never match"
                )
            entries.append((phrase, phrase_terms))
        result[factor_id] = tuple(entries)
    return result


def _contains(haystack: tuple[str, ...], present: frozenset[str], needle: tuple[str, ...]) -> bool:
    """True if ``needle`` occurs in ``haystack`` as a run of terms (``present``: its set)."""
    if not present.issuperset(needle):
        return False  # the usual case, decided without scanning
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _score(reason_terms: tuple[str, ...], factor: Factor) -> tuple[float, tuple[str, ...]]:
    """Raw points for one factor and the phrases that earned them."""
    raw = 0.0
    matched: list[str] = []
    present = frozenset(reason_terms)
    title_terms = terms(factor.title)
    if title_terms and _contains(reason_terms, present, title_terms):
        raw += TITLE_WEIGHT * len(title_terms)
        matched.append(factor.title)
    seen = {title_terms}
    for phrase, phrase_terms in _listed_phrases().get(factor.id, ()):
        # Forms of one phrase ("meeting", "meetings") share their terms: count them once.
        if phrase_terms not in seen and _contains(reason_terms, present, phrase_terms):
            raw += len(phrase_terms)
            matched.append(phrase)
            seen.add(phrase_terms)
    return raw, tuple(matched)


def own_title(text: str) -> str:
    """A short title for a factor of one's own: the reason's first clause with words in it,
    capitalised, <= 60 chars ("" only when the text has no word at all)."""
    clause = ""
    for part in re.split(r"[.;:!?\n]", text.strip()):  # "-" alone is no title: try the next
        clause = " ".join(part.split()).strip(" ,-\u2013\u2014\"'")
        if clause:
            break
    if not clause:
        return ""
    if len(clause) > OWN_TITLE_MAX:
        cut = clause[: OWN_TITLE_MAX - 1].rsplit(" ", 1)[0] or clause[: OWN_TITLE_MAX - 1]
        clause = cut.rstrip(" ,") + "\u2026"
    return clause[0].upper() + clause[1:]


def match_reason(text: str, factors: Iterable[Factor] | None = None, limit: int = 3) -> ReasonMatch:
    """Rank the factors a reason may be about, best first, at most ``limit`` of them.

    ``factors`` are the person's factors (default and custom; the default catalogue if None). A
    factor takes part only if the reason shares a phrase with its word list or its title. Ties go
    to the title in alphabetical order. No candidate at all means: make it a factor of your own.
    """
    pool = list(catalogue().factors if factors is None else factors)
    reason_words = words(text)
    reason_terms = terms(text)
    found: list[Candidate] = []
    for factor in pool:
        title_words = words(factor.title)
        if title_words and title_words == reason_words:
            found.append(Candidate(factor.id, factor.title, 1.0, (factor.title,)))
            continue
        raw, matched = _score(reason_terms, factor)
        if raw > 0:
            score = min(NEAR_CERTAIN, raw / (raw + HALF_SCORE))
            found.append(Candidate(factor.id, factor.title, score, matched))
    found.sort(key=lambda c: (-c.score, c.title.casefold(), c.factor_id))
    return ReasonMatch(
        text=text, candidates=tuple(found[: max(0, limit)]), own_title=own_title(text)
    )


def missed_prompts(
    covered_factor_ids: Iterable[str], answered_prompt_ids: Iterable[str] = ()
) -> tuple[PromptGroup, ...]:
    """The "did you miss?" prompts not yet covered, grouped by category in the content's order.

    A prompt is covered once it has been answered, or once any factor it relates to is covered (by
    one of the person's reasons, say). A prompt that relates to no factor (it suggests a factor of
    one's own) is covered only by answering it. Categories with nothing left are left out.
    """
    covered = set(covered_factor_ids)
    answered = set(answered_prompt_ids)
    content = deciding_content()
    groups = []
    for category in content.categories:
        left = tuple(
            p
            for p in content.prompts
            if p.category == category.id
            and p.id not in answered
            and not covered.intersection(p.factor_ids)
        )
        if left:
            groups.append(PromptGroup(category=category, prompts=left))
    return tuple(groups)
