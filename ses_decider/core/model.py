"""The decision's data: factors, a person's ratings of them, and the assessment that holds both."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date

WEIGHT_MIN, WEIGHT_MAX = 0.0, 10.0
LEAN_MIN, LEAN_MAX = -5.0, 5.0
DEALBREAKER_LEAN = -3.0  # a dealbreaker decides the verdict once its lean is at or below this
DEFAULT_GO, DEFAULT_NO_GO = (
    60.0,
    40.0,
)  # the verdict's default thresholds (a person may change them)


def check_iso_date(value: str | None, what: str = "date") -> str | None:
    """Return ``value`` if it is None or a real calendar date written YYYY-MM-DD; else ValueError.

    ``date.fromisoformat`` alone accepts 20260101 too; the files and the database use the dashed form.
    """
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError(f"{what} {value!r} is not a date written YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a date in the calendar") from None
    return value


class Verdict(enum.Enum):
    GO = "GO"
    CLOSE_CALL = "CLOSE CALL"
    NO_GO = "NO-GO"
    NOT_ENOUGH_INPUT = "NOT ENOUGH INPUT"

    @property
    def label(self) -> str:
        return self.value


class Certainty(enum.Enum):
    """How sure the person is of a rating; sets the spread used by the robustness check."""

    SURE = "sure"
    UNSURE = "unsure"
    NO_IDEA = "no idea"


@dataclass(frozen=True)
class Factor:
    """One row of the pros-and-cons table."""

    id: str
    title: str
    pro: str
    con: str
    source: str = ""
    custom: bool = False
    overlap: str | None = None
    prompts: tuple[str, ...] = ()
    short: str = ""  # a label for chart axes; falls back to a shortened title

    @property
    def label(self) -> str:
        if self.short:
            return self.short
        return self.title if len(self.title) <= 16 else self.title[:15] + "\u2026"


def dealbreaker_decides(marked: bool, lean: float | None) -> bool:
    """The dealbreaker rule, once: a marked must decides (NO-GO) once its lean is -3 or lower."""
    return marked and lean is not None and lean <= DEALBREAKER_LEAN


@dataclass
class Rating:
    """How one person weighs one factor.

    ``weight`` and ``lean`` are None until the person sets them: "not rated" is not an opinion, so a
    factor takes part in the score only once both are set (see `Assessment.active`).
    """

    weight: float | None = None
    lean: float | None = None
    dealbreaker: bool = False
    note: str = ""
    certainty: Certainty = Certainty.UNSURE

    @property
    def rated(self) -> bool:
        return self.weight is not None and self.lean is not None

    @property
    def dealbreaker_hit(self) -> bool:
        """A marked dealbreaker decides once its lean is -3 or lower (a lean must be set)."""
        return dealbreaker_decides(self.dealbreaker, self.lean)


OWN_PATH = "own"  # the kind of a path the person named themselves


@dataclass
class CareerPath:
    """A path beside the SES (SL/ST, another agency, leaving), scored against staying.

    ``leans`` holds this path's lean per factor id (absent: not rated for this path), on the same
    -5..+5 scale as the SES's own, read against staying where I am; ``dealbreakers`` the factors
    that are musts for this path. The weights are the assessment's (what matters to me does not
    change with the option). ``kind`` is a suggested path's id from resources/paths.json, or "own".
    """

    id: str
    title: str
    leans: dict[str, float] = field(default_factory=dict)
    dealbreakers: set[str] = field(default_factory=set)
    kind: str = OWN_PATH

    def copy(self) -> CareerPath:
        return replace(self, leans=dict(self.leans), dealbreakers=set(self.dealbreakers))


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs: GO at or above ``go``, NO-GO below ``no_go``, CLOSE CALL between."""

    go: float = DEFAULT_GO
    no_go: float = DEFAULT_NO_GO

    def __post_init__(self) -> None:
        if not (0.0 <= self.no_go <= self.go <= 100.0):
            raise ValueError("thresholds need 0 <= no_go <= go <= 100")


@dataclass
class EcqRating:
    """A self-rating on one Executive Core Qualification: 0-4 (None: not rated yet) and one example."""

    rating: int | None = None
    example: str = ""


@dataclass
class PlanItem:
    """One step of the development plan.

    ``gap`` names what it closes ("item:<checklist id>", "ecq:<ECQ id>", "example:<ECQ id>"), or is
    None for a step of the person's own. ``target_date`` is an ISO date (YYYY-MM-DD) or None.
    """

    id: str
    text: str
    gap: str | None = None
    target_date: str | None = None
    done: bool = False

    def __post_init__(self) -> None:
        check_iso_date(self.target_date, "target date")


@dataclass
class ReadinessState:
    """A person's readiness facts, ECQ self-ratings (all sets, keyed by ECQ id) and plan."""

    facts: dict[str, float] = field(default_factory=dict)  # checklist item id -> value
    ecq_set: str = "opm_2025"
    ecq: dict[str, EcqRating] = field(default_factory=dict)
    plan: list[PlanItem] = field(default_factory=list)

    def copy(self) -> ReadinessState:
        return ReadinessState(
            facts=dict(self.facts),
            ecq_set=self.ecq_set,
            ecq={k: replace(v) for k, v in self.ecq.items()},
            plan=[replace(item) for item in self.plan],
        )


@dataclass
class Assessment:
    """A person's current view: the factors taking part, in display order, and their ratings.

    Hidden default factors stay in ``factors`` (so their ratings survive) but take no part in the score.
    """

    factors: list[Factor]
    ratings: dict[str, Rating]
    hidden: set[str] = field(default_factory=set)
    thresholds: Thresholds = field(default_factory=Thresholds)
    gut_before: Verdict | None = None
    gut_after: Verdict | None = None
    method: str = "direct"
    # Fit answers (question id -> 0..4) and the readiness roadmap; see core/readiness.py.
    fit: dict[str, float] = field(default_factory=dict)
    readiness: ReadinessState | None = None
    # Other paths beside the SES, each scored against staying (core/paths.py); none by default.
    paths: list[CareerPath] = field(default_factory=list)

    def shown(self) -> list[tuple[Factor, Rating]]:
        """The factors on the table (not hidden), rated or not, with their ratings, in order."""
        return [(f, self.ratings[f.id]) for f in self.factors if f.id not in self.hidden]

    def active(self) -> list[tuple[Factor, Rating]]:
        """The factors that take part in the score: shown and rated, in display order."""
        return [(f, r) for f, r in self.shown() if r.rated]

    def rated_count(self) -> tuple[int, int]:
        """(rated, shown): how many of the factors on the table the person has rated."""
        shown = self.shown()
        return sum(1 for _, r in shown if r.rated), len(shown)

    def factor(self, factor_id: str) -> Factor:
        for f in self.factors:
            if f.id == factor_id:
                return f
        raise KeyError(factor_id)

    def copy(self) -> Assessment:
        return replace(
            self,
            factors=list(self.factors),
            ratings={k: replace(r) for k, r in self.ratings.items()},
            hidden=set(self.hidden),
            fit=dict(self.fit),
            readiness=self.readiness.copy() if self.readiness is not None else None,
            paths=[p.copy() for p in self.paths],
        )

    def path(self, path_id: str) -> CareerPath:
        for path in self.paths:
            if path.id == path_id:
                return path
        raise KeyError(path_id)
