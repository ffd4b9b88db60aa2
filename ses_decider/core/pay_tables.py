"""The year's official pay figures from resources/pay_2026.json, checked when loaded.

The file is checked against resources/pay.schema.json and then for sense: steps rise within each
grade, the range's minimum is below its maxima, percentages are plausible, the SES maxima are the
Executive Schedule levels the law ties them to. A broken file is a ContentError naming the place,
never a wrong figure on screen. Locality areas are looked up by OPM name or code (see
``find_locality``); a failed lookup is a LocalityError whose one-line message lists close matches.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ses_decider.core.content import ContentError
from ses_decider.core.facts import Reference, Verification, as_of_end, check_sources, references
from ses_decider.resources import load_json

PAY_FILE = "pay_2026.json"
PAY_SCHEMA = "pay.schema.json"
GRADES = range(1, 16)
STEPS = range(1, 11)
# Plausible locality percentages: every area has had between 5% and 60% since locality pay began.
LOCALITY_PERCENT_RANGE = (5.0, 60.0)


class PayInputError(ValueError):
    """An input the calculator cannot use (grade 16, negative hours...); the message is one line."""


class LocalityError(PayInputError):
    """A locality that names no area, or several; the message is one line with close matches."""


@dataclass(frozen=True)
class Locality:
    code: str
    name: str
    percent: float

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True)
class Figures:
    """One group of figures with where it comes from and how it was checked."""

    title: str
    source: str
    as_of: str
    verified: Verification
    data: dict[str, Any]


@dataclass(frozen=True)
class PayTables:
    year: int
    checked_on: str
    sources: dict[str, Reference]
    gs_base: dict[int, tuple[int, ...]]  # grade -> rates for steps 1..10
    localities: tuple[Locality, ...]
    default_locality: str
    cap: int
    executive_schedule: dict[str, int]
    ses_minimum: int
    ses_maximum_certified: int
    ses_maximum_uncertified: int
    award_min_percent: float
    award_max_percent: float
    leave_tiers: tuple[tuple[float, float], ...]  # (from years of service, hours a year), ascending
    ses_leave_hours: float
    gs_carry_over: float
    ses_carry_over: float
    fers_percent: float
    fers_enhanced_percent: float
    fers_enhanced_age: float
    fers_enhanced_years: float
    high3_years: int
    weeks_per_year: float
    default_hours: float
    default_ses_salary: str
    lean_percent_per_point: float
    lean_min: int
    lean_max: int
    groups: dict[str, Figures]  # every sourced group by its key in the file, for display
    texts: dict[str, str]  # the stated assumptions and rules, for display

    def base_rate(self, grade: int, step: int) -> int:
        return self.gs_base[grade][step - 1]

    def ses_maximum(self, certified: bool) -> int:
        return self.ses_maximum_certified if certified else self.ses_maximum_uncertified

    def gs_leave_hours(self, years_of_service: float) -> float:
        """Annual leave a full-time GS employee earns in a year at this length of service."""
        hours = self.leave_tiers[0][1]
        for from_years, tier_hours in self.leave_tiers:
            if years_of_service >= from_years:
                hours = tier_hours
        return hours

    def locality(self, code: str) -> Locality:
        for area in self.localities:
            if area.code == code:
                return area
        raise KeyError(code)


def _fail(where: str, message: str) -> None:
    raise ContentError(f"resources/{PAY_FILE} is invalid at {where}: {message}")


@cache
def pay_tables() -> PayTables:
    """Load and check the pay figures once per process."""
    from ses_decider.core.content_check import SchemaViolation, check

    data = load_json(PAY_FILE)
    try:
        check(data, load_json(PAY_SCHEMA))
    except SchemaViolation as exc:
        _fail(exc.path or "top level", exc.message)
    tables = _build(data)
    _check_sense(tables)
    return tables


def _figures(section: dict[str, Any]) -> Figures:
    return Figures(
        title=section["title"],
        source=section["source"],
        as_of=section["as_of"],
        verified=Verification(**section["verified"]),
        data=section,
    )


def _build(data: dict[str, Any]) -> PayTables:
    sources = references(data["sources"])
    grouped = [
        "gs_base",
        "localities",
        "gs_cap",
        "executive_schedule",
        "ses_range",
        "ses_awards",
        "ses_premium_pay",
        "leave",
        "fers",
    ]
    groups = {key: _figures(data[key]) for key in grouped}
    cited = {key: group.source for key, group in groups.items()}
    cited["lean_rule"] = data["lean_rule"]["source"]
    check_sources(PAY_FILE, cited, sources)
    for key, group in groups.items():
        try:
            as_of_end(group.as_of)
        except ContentError:
            _fail(f"{key}/as_of", f"{group.as_of!r} is not a real date")
    leave, fers, ses, assume, lean = (
        data["leave"],
        data["fers"],
        data["ses_range"],
        data["assumptions"],
        data["lean_rule"],
    )
    texts = {
        "hours": assume["hours_text"],
        "salary": assume["salary_text"],
        "annuity": assume["annuity_text"],
        "lean": lean["text"],
        "cap": data["gs_cap"]["rule"],
        "ses_range": ses["rule"],
        "awards": data["ses_awards"]["who"],
        "first_year_awards": data["ses_awards"]["first_year"],
        "premium_pay": data["ses_premium_pay"]["text"],
        "leave": leave["text"],
        "fers": fers["text"],
        "rounding": data["localities"]["rounding"],
    }
    return PayTables(
        year=data["year"],
        checked_on=data["checked_on"],
        sources=sources,
        gs_base={int(g): tuple(rates) for g, rates in data["gs_base"]["rates"].items()},
        localities=tuple(
            Locality(a["code"], a["name"], float(a["percent"])) for a in data["localities"]["areas"]
        ),
        default_locality=data["localities"]["default_code"],
        cap=data["gs_cap"]["amount"],
        executive_schedule=dict(data["executive_schedule"]["levels"]),
        ses_minimum=ses["minimum"],
        ses_maximum_certified=ses["maximum_certified"],
        ses_maximum_uncertified=ses["maximum_uncertified"],
        award_min_percent=float(data["ses_awards"]["min_percent"]),
        award_max_percent=float(data["ses_awards"]["max_percent"]),
        leave_tiers=tuple(
            (float(t["min_years"]), float(t["hours_per_year"])) for t in leave["gs_tiers"]
        ),
        ses_leave_hours=float(leave["ses_hours_per_year"]),
        gs_carry_over=float(leave["gs_carry_over_hours"]),
        ses_carry_over=float(leave["ses_carry_over_hours"]),
        fers_percent=float(fers["percent_per_year"]),
        fers_enhanced_percent=float(fers["enhanced_percent_per_year"]),
        fers_enhanced_age=float(fers["enhanced_min_age"]),
        fers_enhanced_years=float(fers["enhanced_min_years"]),
        high3_years=int(fers["high3_years"]),
        weeks_per_year=float(assume["weeks_per_year"]),
        default_hours=float(assume["default_hours_per_week"]),
        default_ses_salary=assume["default_ses_salary"],
        lean_percent_per_point=float(lean["percent_per_point"]),
        lean_min=int(lean["min"]),
        lean_max=int(lean["max"]),
        groups=groups,
        texts=texts,
    )


def _check_sense(t: PayTables) -> None:
    """Checks a schema cannot express; each failure names the place in the file."""
    previous_step1 = 0
    for grade in GRADES:
        rates = t.gs_base[grade]
        for step in range(1, len(rates)):
            if rates[step] <= rates[step - 1]:
                _fail(
                    f"gs_base/rates/{grade}/{step}",
                    f"step {step + 1} does not pay more than step {step}",
                )
        if rates[0] <= previous_step1:
            _fail(
                f"gs_base/rates/{grade}/0",
                f"GS-{grade} step 1 does not pay more than GS-{grade - 1}",
            )
        previous_step1 = rates[0]
    codes = [a.code for a in t.localities]
    names = [_normal(a.name) for a in t.localities]
    low, high = LOCALITY_PERCENT_RANGE
    for index, area in enumerate(t.localities):
        where = f"localities/areas/{index}"
        if codes.count(area.code) > 1 or names.count(_normal(area.name)) > 1:
            _fail(where, f"{area.label} appears twice")
        if not low <= area.percent <= high:
            _fail(f"{where}/percent", f"{area.percent}% is not a plausible locality rate")
    if t.default_locality not in codes:
        _fail("localities/default_code", f"{t.default_locality!r} is not one of the areas")
    ex = t.executive_schedule
    if not ex["I"] > ex["II"] > ex["III"] > ex["IV"] > ex["V"]:
        _fail("executive_schedule/levels", "levels I to V must fall in that order")
    if t.cap != ex["IV"]:
        _fail("gs_cap/amount", "the cap on GS pay must equal Executive Schedule level IV")
    if not t.ses_minimum < t.ses_maximum_uncertified < t.ses_maximum_certified:
        _fail("ses_range", "minimum < maximum without certification < maximum with it is required")
    if (t.ses_maximum_certified, t.ses_maximum_uncertified) != (ex["II"], ex["III"]):
        _fail("ses_range", "the SES maximums must equal Executive Schedule levels II and III")
    if abs(t.ses_minimum - 1.2 * t.gs_base[15][0]) > 1:
        _fail("ses_range/minimum", "the SES minimum must be 120% of GS-15 step 1")
    if not 0 < t.award_min_percent < t.award_max_percent:
        _fail("ses_awards", "min_percent must be above 0 and below max_percent")
    years = [y for y, _ in t.leave_tiers]
    hours = [h for _, h in t.leave_tiers]
    if years[0] != 0 or years != sorted(set(years)) or hours != sorted(hours):
        _fail("leave/gs_tiers", "tiers must start at 0 years and rise in years and hours")
    if t.ses_carry_over < t.gs_carry_over:
        _fail("leave", "the SES carry-over must not be below the GS carry-over")
    if not 0 < t.fers_percent < t.fers_enhanced_percent:
        _fail("fers", "percent_per_year must be above 0 and below enhanced_percent_per_year")
    if not t.lean_min < 0 < t.lean_max:
        _fail("lean_rule", "min must be below 0 and max above it")


# Locality lookup -----------------------------------------------------------------------------
def _normal(text: str) -> str:
    """Case-folded, without full stops and with single spaces: 'Rest of U.S.' -> 'rest of us'."""
    return re.sub(r"\s+", " ", text.replace(".", "")).strip().casefold()


def _segments(name: str) -> list[str]:
    """The parts of an OPM name and their words: 'State of Alaska' -> state of alaska, alaska...

    'Washington-Baltimore-Arlington, DC-MD' gives washington, baltimore, arlington, dc, md.
    """
    parts = [part for part in re.split(r"\s*(?:-+|,)\s*", _normal(name)) if part]
    words = [word for part in parts if " " in part for word in part.split(" ")]
    return parts + words


def find_locality(query: str, areas: tuple[Locality, ...] | None = None) -> Locality:
    """The area a person means by ``query``: an OPM code, a full name, or a unique prefix.

    Case does not matter, nor do full stops ("Rest of US"). Tried in order: the exact code or
    name; a prefix of exactly one code or name ("Washington-Baltimore"); a prefix of a part of
    exactly one name ("Baltimore", "San Francisco"). Otherwise LocalityError, whose message is
    one line naming the areas that match or come close.
    """
    if areas is None:
        areas = pay_tables().localities
    wanted = _normal(query)
    if not wanted:
        raise LocalityError("no locality given; use an OPM area name or code, e.g. DCB or RUS")
    exact = [a for a in areas if wanted in (_normal(a.code), _normal(a.name))]
    if len(exact) == 1:
        return exact[0]
    by_prefix = [
        a for a in areas if _normal(a.code).startswith(wanted) or _normal(a.name).startswith(wanted)
    ]
    if len(by_prefix) == 1:
        return by_prefix[0]
    if not by_prefix:
        by_part = [a for a in areas if any(p.startswith(wanted) for p in _segments(a.name))]
        if len(by_part) == 1:
            return by_part[0]
        by_prefix = by_part
    if by_prefix:
        shown = "; ".join(a.label for a in by_prefix[:6])
        more = f" and {len(by_prefix) - 6} more" if len(by_prefix) > 6 else ""
        raise LocalityError(
            f"locality {query!r} matches {len(by_prefix)} areas: {shown}{more}; "
            "type more of the name or use the code"
        )
    raise LocalityError(f"unknown locality {query!r}; {_close_matches(wanted, areas)}")


def _close_matches(wanted: str, areas: tuple[Locality, ...]) -> str:
    keys: dict[str, Locality] = {}
    for area in areas:
        keys[_normal(area.code)] = area
        keys[_normal(area.name)] = area
        for part in _segments(area.name):
            keys.setdefault(part, area)
    close = difflib.get_close_matches(wanted, list(keys), n=8, cutoff=0.6)
    found: list[Locality] = []
    for key in close:
        if keys[key] not in found:
            found.append(keys[key])
    if not found:
        return "see `ses-decider pay --list-localities` for the OPM names and codes"
    return "close matches: " + "; ".join(a.label for a in found[:4])
