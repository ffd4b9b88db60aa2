"""The content for deciding well, from resources/deciding.json, validated when first loaded.

Content only: the "did you miss?" prompts by category, the premortem questions and examples, the
friend's-view wording, the experiment ideas, the journal's questions, the word lists used to match a
person's own reasons to factors, and the research behind each step with a record of how each claim
was checked. The rules that use them live in core/reasons.py and core/deciding.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ses_decider.core.content import ContentError
from ses_decider.core.facts import Verification
from ses_decider.resources import load_json

NAME = "deciding.json"
STEP_IDS = ("own_reasons", "did_you_miss", "premortem", "friend_view", "experiments", "journal")
PATH_IDS = ("ses", "stay")


@dataclass(frozen=True)
class Work:
    """A published work that a step or an experiment cites."""

    key: str
    author: str
    title: str
    published: str
    year: str
    short: str
    doi: str = ""
    url: str = ""

    def citation(self) -> str:
        """The full reference: authors (year). Title. Where published. doi:..."""
        text = f"{self.author} ({self.year}). {self.title}. {self.published}."
        if self.doi:
            text += f" doi:{self.doi}"
        return text


@dataclass(frozen=True)
class Claim:
    """One research finding shown beside a step, in our words, with how it was checked."""

    text: str
    works: tuple[str, ...]
    verified: Verification


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Category:
    id: str
    title: str


@dataclass(frozen=True)
class MissPrompt:
    """A "did you miss?" question. With no ``factor_ids`` it suggests a factor of one's own."""

    id: str
    category: str
    text: str
    factor_ids: tuple[str, ...]
    own_factor: str = ""  # a title for that factor of one's own
    fact: str = ""  # the facts.json fact the question rests on, if any


@dataclass(frozen=True)
class PremortemExample:
    text: str
    factor_ids: tuple[str, ...]


@dataclass(frozen=True)
class PremortemPath:
    id: str  # "ses" or "stay"
    question: str
    examples: tuple[PremortemExample, ...]


@dataclass(frozen=True)
class PremortemWording:
    intro: str
    prevention_question: str
    paths: tuple[PremortemPath, ...]

    def path(self, path_id: str) -> PremortemPath:
        for path in self.paths:
            if path.id == path_id:
                return path
        raise KeyError(path_id)


@dataclass(frozen=True)
class FriendWording:
    """The friend's-view step, in the third person. ``question`` holds ``{factor}``."""

    intro: str
    question: str
    low: str
    high: str
    compare: str
    max_factors: int

    def ask(self, factor_title: str) -> str:
        return self.question.format(factor=factor_title)


@dataclass(frozen=True)
class ExperimentIdea:
    """A way to find out before deciding; ``work`` is the key of the work behind it."""

    id: str
    title: str
    text: str
    factor_ids: tuple[str, ...]
    duration: str
    typical_days: int
    work: str
    fact: str = ""


@dataclass(frozen=True)
class JournalWording:
    reasons_question: str
    confidence_question: str
    rejected_question: str
    review_question: str
    review_after_days: int


@dataclass(frozen=True)
class MatchingWords:
    """Word lists for matching reasons to factors: the phrases that point to each factor."""

    stop_words: frozenset[str]
    synonyms: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class DecidingContent:
    checked_on: str
    works: dict[str, Work]
    steps: tuple[Step, ...]
    categories: tuple[Category, ...]
    prompts: tuple[MissPrompt, ...]
    premortem: PremortemWording
    friend: FriendWording
    experiments: tuple[ExperimentIdea, ...]
    experiment_claims: dict[str, Claim]  # work key -> what that work says, checked
    journal: JournalWording
    snapshot_label: str  # holds {title}
    matching: MatchingWords

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def experiment(self, idea_id: str) -> ExperimentIdea:
        for idea in self.experiments:
            if idea.id == idea_id:
                return idea
        raise KeyError(idea_id)

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def label_for_snapshot(self, experiment_title: str) -> str:
        """The label of the snapshot taken when re-rating after an experiment."""
        return self.snapshot_label.format(title=experiment_title)


def _fail(message: str) -> None:
    raise ContentError(f"resources/{NAME}: {message}")


def _verification(data: dict, where: str) -> Verification:
    checked = data["status"] != "unverified"
    needed = ("what", "where", "on") if checked else ("reason",)
    missing = [key for key in needed if not data.get(key)]
    if missing:
        _fail(f"{where}: a {data['status']!r} record needs {', '.join(missing)}")
    return Verification(**data)


def _claim(data: dict, where: str) -> Claim:
    return Claim(
        text=data["text"],
        works=tuple(data["works"]),
        verified=_verification(data["verified"], where),
    )


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            _fail(f"{what} id {item_id!r} appears twice")
        seen.add(item_id)


def _known_factors(factor_ids: tuple[str, ...], where: str) -> None:
    from ses_decider.core.content import catalogue

    known = {f.id for f in catalogue().factors}  # the ids come from the catalogue, once
    for factor_id in factor_ids:
        if factor_id not in known:
            _fail(f"{where} names unknown factor {factor_id!r}")


def _parse(data: dict) -> DecidingContent:
    works = {key: Work(key=key, **value) for key, value in data["works"].items()}
    steps = tuple(
        Step(
            id=s["id"],
            title=s["title"],
            text=s["text"],
            claims=tuple(_claim(c, f"step {s['id']}") for c in s["claims"]),
        )
        for s in data["steps"]
    )
    categories = tuple(Category(**c) for c in data["categories"])
    prompts = tuple(
        MissPrompt(
            id=p["id"],
            category=p["category"],
            text=p["text"],
            factor_ids=tuple(p["factor_ids"]),
            own_factor=p.get("own_factor", ""),
            fact=p.get("fact", ""),
        )
        for p in data["prompts"]
    )
    pm = data["premortem"]
    premortem = PremortemWording(
        intro=pm["intro"],
        prevention_question=pm["prevention_question"],
        paths=tuple(
            PremortemPath(
                id=p["id"],
                question=p["question"],
                examples=tuple(
                    PremortemExample(e["text"], tuple(e["factor_ids"])) for e in p["examples"]
                ),
            )
            for p in pm["paths"]
        ),
    )
    experiments = tuple(
        ExperimentIdea(
            id=e["id"],
            title=e["title"],
            text=e["text"],
            factor_ids=tuple(e["factor_ids"]),
            duration=e["duration"],
            typical_days=int(e["typical_days"]),
            work=e["work"],
            fact=e.get("fact", ""),
        )
        for e in data["experiments"]
    )
    experiment_claims = {
        c["work"]: _claim({**c, "works": [c["work"]]}, f"experiment claim {c['work']}")
        for c in data["experiment_claims"]
    }
    matching = data["matching"]
    return DecidingContent(
        checked_on=data["checked_on"],
        works=works,
        steps=steps,
        categories=categories,
        prompts=prompts,
        premortem=premortem,
        friend=FriendWording(**data["friend"]),
        experiments=experiments,
        experiment_claims=experiment_claims,
        journal=JournalWording(**data["journal"]),
        snapshot_label=data["snapshot_label"],
        matching=MatchingWords(
            stop_words=frozenset(w.casefold() for w in matching["stop_words"]),
            synonyms={k: tuple(v) for k, v in matching["synonyms"].items()},
        ),
    )


def _check_references(content: DecidingContent) -> None:
    """What the schema cannot say: ids unique, every reference resolves, templates well formed."""
    if tuple(s.id for s in content.steps) != STEP_IDS:
        _fail(f"steps must be, in order: {', '.join(STEP_IDS)}")
    if tuple(p.id for p in content.premortem.paths) != PATH_IDS:
        _fail("the premortem needs the 'ses' path and then the 'stay' path")
    _unique([c.id for c in content.categories], "category")
    _unique([p.id for p in content.prompts], "prompt")
    _unique([e.id for e in content.experiments], "experiment")
    categories = {c.id for c in content.categories}
    cited = [(f"step {s.id}", w) for s in content.steps for c in s.claims for w in c.works]
    cited += [(f"experiment {e.id}", e.work) for e in content.experiments]
    cited += [("experiment_claims", key) for key in content.experiment_claims]
    for where, key in cited:
        if key not in content.works:
            _fail(f"{where} cites unknown work {key!r}")
    for e in content.experiments:
        if e.work not in content.experiment_claims and not any(
            e.work in c.works for s in content.steps for c in s.claims
        ):
            _fail(f"experiment {e.id}: nothing says what {e.work!r} supports")
        _known_factors(e.factor_ids, f"experiment {e.id}")
    for p in content.prompts:
        if p.category not in categories:
            _fail(f"prompt {p.id} has unknown category {p.category!r}")
        _known_factors(p.factor_ids, f"prompt {p.id}")
        if not p.factor_ids and not p.own_factor:
            _fail(f"prompt {p.id} names no factor, so it needs an own_factor title")
    for category in content.categories:
        if not any(p.category == category.id for p in content.prompts):
            _fail(f"category {category.id} has no prompts")
    for path in content.premortem.paths:
        for example in path.examples:
            _known_factors(example.factor_ids, f"premortem example on {path.id}")
    for factor_id in content.matching.synonyms:
        _known_factors((factor_id,), "the word lists")
    _check_template(content.friend.question, "factor", "friend.question")
    _check_template(content.snapshot_label, "title", "snapshot_label")


def _check_template(template: str, field: str, where: str) -> None:
    if "{" + field + "}" not in template:
        _fail(f"{where} must contain {{{field}}}")
    try:
        template.format(**{field: "x"})
    except (KeyError, IndexError, ValueError):
        _fail(f"{where} may hold only {{{field}}}")


def parse_content(data: dict) -> DecidingContent:
    """Check a deciding.json document against its schema and its references, and read it.

    Raises ContentError naming the place for anything wrong.
    """
    # The schema keeps to the keywords content_check implements, so this needs no jsonschema.
    from ses_decider.core.content_check import SchemaViolation, check

    try:
        check(data, load_json("deciding.schema.json"))
    except SchemaViolation as exc:
        where = exc.path or "top level"
        raise ContentError(f"resources/{NAME} is invalid at {where}: {exc.message}") from None
    content = _parse(data)
    _check_references(content)
    return content


@cache
def deciding_content() -> DecidingContent:
    """Load and validate resources/deciding.json once per process."""
    return parse_content(load_json(NAME))
