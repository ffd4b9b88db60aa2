"""Pay in dollars: a GS grade and step in a locality against an SES salary, per year and per hour.

One function, ``compare_pay``, serves the CLI and the Pay row's calculator. It takes the official
figures from ``pay_tables()`` (resources/pay_2026.json) and the person's own numbers (``PayInputs``)
and returns a ``PayComparison``: pay now (base, locality, the cap and what it removes), pay in the
SES (salary kept inside the range, plus the expected award), the yearly and per-hour differences,
leave, the effect on a FERS basic annuity, and a suggested lean for the Pay factor by the rule the
resources file states. Money is rounded to the dollar the way OPM rounds (halves up), pay per hour
to the cent. Every assumption the figures rest on comes back in ``notes``, in plain words.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ses_decider.core.pay_tables import (
    GRADES,
    STEPS,
    Locality,
    LocalityError,
    PayInputError,
    PayTables,
    find_locality,
    pay_tables,
)

__all__ = [
    "AnnuityEffect",
    "LocalityError",
    "PayComparison",
    "PayInputError",
    "PayInputs",
    "compare_pay",
    "find_locality",
    "gs_pay",
    "pay_text",
    "suggested_lean",
]

MAX_HOURS_PER_WEEK = 168.0
MAX_YEARS = 60.0


@dataclass(frozen=True)
class PayInputs:
    """What the person tells the calculator. None means "not given" (see each field)."""

    grade: int
    step: int
    locality: str  # an OPM area name or code, or a unique prefix of either
    ses_salary: float | None = None  # None: the range's minimum (the file's stated default)
    certified: bool = True  # the agency's SES appraisal system is certified (higher maximum)
    hours_now: float | None = None  # a week's hours now, averaged over the year; None: 40
    hours_ses: float | None = None  # the same in the SES; None: the same as now
    award_percent: float = 0.0  # expected SES performance award, % of basic pay a year
    years_of_service: float | None = None  # for GS leave and the annuity
    years_to_retirement: float | None = None  # for the annuity
    age_at_retirement: float | None = None  # for the 1.1% rule; None: 1% is used


@dataclass(frozen=True)
class AnnuityEffect:
    """FERS basic annuity a year, retiring from the GS path or the SES path, today's pay flat."""

    years_at_retirement: float
    percent_per_year: float
    high3_gs: int
    high3_ses: int
    annuity_gs: int
    annuity_ses: int
    difference: int


@dataclass(frozen=True)
class PayComparison:
    locality: Locality
    grade: int
    step: int
    gs_base_pay: int
    gs_uncapped_pay: int
    gs_adjusted_pay: int
    capped: bool
    cap_reduction: int
    certified: bool
    ses_minimum: int
    ses_maximum: int
    ses_salary: int
    ses_award: int
    ses_pay: int  # salary plus the expected award
    annual_difference: int
    hours_now: float
    hours_ses: float
    hourly_now: float
    hourly_ses: float
    hourly_difference: float
    hourly_difference_percent: float
    leave_hours_now: float | None
    leave_hours_ses: float
    carry_over_hours_now: float
    carry_over_hours_ses: float
    annuity: AnnuityEffect | None
    suggested_pay_lean: int
    lean_rule: str
    notes: tuple[str, ...]
    as_of: str

    def to_json(self) -> dict[str, Any]:
        """The result as plain JSON values (the CLI's --json output)."""
        data = asdict(self)
        data["locality_code"] = self.locality.code
        data["locality_name"] = self.locality.name
        data["locality_percent"] = self.locality.percent
        del data["locality"]
        data["notes"] = list(self.notes)
        return data


def _dollars(value: Decimal | float | int) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _cents(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def gs_pay(grade: int, step: int, locality: Locality, tables: PayTables) -> tuple[int, int, int]:
    """(base, with locality before the cap, with locality after the cap) for a grade and step."""
    base = tables.base_rate(grade, step)
    uncapped = _dollars(Decimal(base) * (1 + Decimal(str(locality.percent)) / 100))
    return base, uncapped, min(uncapped, tables.cap)


def suggested_lean(hourly_difference_percent: float, tables: PayTables | None = None) -> int:
    """The Pay lean the file's rule suggests: one point per full step, toward zero, clamped."""
    tables = tables or pay_tables()
    points = math.trunc(round(hourly_difference_percent, 4) / tables.lean_percent_per_point)
    return max(tables.lean_min, min(tables.lean_max, points))


def _check_number(value: float | None, what: str, low: float, high: float, low_open=False) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PayInputError(f"{what} must be a number (got {value!r})")
    too_low = value <= low if low_open else value < low
    if too_low or value > high:
        bound = f"more than {low:g}" if low_open else f"at least {low:g}"
        raise PayInputError(f"{what} must be {bound} and at most {high:g} (got {value:g})")


def _check_inputs(inputs: PayInputs, tables: PayTables) -> None:
    if isinstance(inputs.grade, bool) or inputs.grade not in GRADES:
        raise PayInputError(f"grade {inputs.grade!r} is not a GS grade (1 to 15)")
    if isinstance(inputs.step, bool) or inputs.step not in STEPS:
        raise PayInputError(f"step {inputs.step!r} is not a GS step (1 to 10)")
    _check_number(inputs.hours_now, "hours a week now", 0, MAX_HOURS_PER_WEEK, low_open=True)
    _check_number(inputs.hours_ses, "hours a week in the SES", 0, MAX_HOURS_PER_WEEK, low_open=True)
    _check_number(
        inputs.award_percent, "the expected award (% of basic pay)", 0, tables.award_max_percent
    )
    _check_number(inputs.years_of_service, "years of service", 0, MAX_YEARS)
    _check_number(inputs.years_to_retirement, "years to retirement", 0, MAX_YEARS)
    _check_number(inputs.age_at_retirement, "age at retirement", 18, 100)
    _check_number(inputs.ses_salary, "the SES salary", 0, 10_000_000, low_open=True)


def _ses_salary(inputs: PayInputs, tables: PayTables, strict: bool, notes: list[str]) -> int:
    low, high = tables.ses_minimum, tables.ses_maximum(inputs.certified)
    kind = "with" if inputs.certified else "without"
    if inputs.ses_salary is None:
        default = low if tables.default_ses_salary == "minimum" else (low + high) / 2
        notes.append(f"No SES salary given: ${_dollars(default):,} used. {tables.texts['salary']}")
        return _dollars(default)
    asked = _dollars(inputs.ses_salary)
    if low <= asked <= high:
        return asked
    if strict:
        raise PayInputError(
            f"SES salary ${asked:,} is outside the 2026 range for agencies {kind} a certified "
            f"appraisal system, ${low:,} to ${high:,}"
        )
    kept = min(max(asked, low), high)
    notes.append(
        f"SES salary ${asked:,} is outside the range for agencies {kind} a certified appraisal "
        f"system (${low:,} to ${high:,}); ${kept:,} used."
    )
    return kept


def _annuity(
    inputs: PayInputs, tables: PayTables, gs_adjusted: int, ses_salary: int, notes: list[str]
) -> AnnuityEffect | None:
    if inputs.years_of_service is None or inputs.years_to_retirement is None:
        notes.append(
            "Give years of service and years to retirement to see the effect on a pension."
        )
        return None
    years = inputs.years_of_service + inputs.years_to_retirement
    age = inputs.age_at_retirement
    enhanced = age is not None and age >= tables.fers_enhanced_age
    enhanced = enhanced and years >= tables.fers_enhanced_years
    percent = tables.fers_enhanced_percent if enhanced else tables.fers_percent
    if age is None:
        notes.append(
            f"Annuity at {tables.fers_percent:g}% a year: give your age at retirement; at "
            f"{tables.fers_enhanced_age:g} or older with {tables.fers_enhanced_years:g}+ years "
            f"it is {tables.fers_enhanced_percent:g}%."
        )
    ses_years = min(inputs.years_to_retirement, tables.high3_years)
    span = tables.high3_years
    high3_ses = (ses_years * ses_salary + (span - ses_years) * gs_adjusted) / span
    annuity_gs = _dollars(gs_adjusted * years * percent / 100)
    annuity_ses = _dollars(high3_ses * years * percent / 100)
    notes.append(tables.texts["annuity"])
    return AnnuityEffect(
        years_at_retirement=years,
        percent_per_year=percent,
        high3_gs=gs_adjusted,
        high3_ses=_dollars(high3_ses),
        annuity_gs=annuity_gs,
        annuity_ses=annuity_ses,
        difference=annuity_ses - annuity_gs,
    )


def compare_pay(
    inputs: PayInputs, tables: PayTables | None = None, *, strict: bool = False
) -> PayComparison:
    """Compare pay now with pay in the SES. Raise PayInputError (or LocalityError) for bad input.

    With ``strict`` an SES salary outside the applicable range is an error (the CLI); without it
    the salary is kept inside the range and a note says so (the calculator on screen).
    """
    tables = tables or pay_tables()
    _check_inputs(inputs, tables)
    locality = find_locality(inputs.locality, tables.localities)
    notes: list[str] = []
    base, uncapped, adjusted = gs_pay(inputs.grade, inputs.step, locality, tables)
    if uncapped > adjusted:
        notes.append(
            f"GS pay with locality is capped at ${tables.cap:,} (Executive Schedule level IV); "
            f"the cap removes ${uncapped - adjusted:,} a year."
        )
    salary = _ses_salary(inputs, tables, strict, notes)
    award = _dollars(Decimal(salary) * Decimal(str(inputs.award_percent)) / 100)
    if inputs.award_percent:
        notes.append(
            f"The award (${award:,}) is a lump sum, not basic pay: it is not in the high-3. "
            f"{tables.texts['first_year_awards']}"
        )
    ses_pay = salary + award
    hours_now = inputs.hours_now if inputs.hours_now is not None else tables.default_hours
    hours_ses = inputs.hours_ses if inputs.hours_ses is not None else hours_now
    notes.append(tables.texts["hours"])
    notes.append(tables.texts["premium_pay"])
    if hours_now > 40:
        notes.append(
            "GS hours above 40 can earn overtime pay or compensatory time when ordered or "
            "approved; none is counted here."
        )
    hourly_now = adjusted / (tables.weeks_per_year * hours_now)
    hourly_ses = ses_pay / (tables.weeks_per_year * hours_ses)
    percent = (hourly_ses / hourly_now - 1) * 100
    leave_now = None
    if inputs.years_of_service is not None:
        leave_now = tables.gs_leave_hours(inputs.years_of_service)
    else:
        notes.append("Give years of service to compare leave: GS leave depends on it.")
    annuity = _annuity(inputs, tables, adjusted, salary, notes)
    return PayComparison(
        locality=locality,
        grade=inputs.grade,
        step=inputs.step,
        gs_base_pay=base,
        gs_uncapped_pay=uncapped,
        gs_adjusted_pay=adjusted,
        capped=uncapped > adjusted,
        cap_reduction=uncapped - adjusted,
        certified=inputs.certified,
        ses_minimum=tables.ses_minimum,
        ses_maximum=tables.ses_maximum(inputs.certified),
        ses_salary=salary,
        ses_award=award,
        ses_pay=ses_pay,
        annual_difference=ses_pay - adjusted,
        hours_now=float(hours_now),
        hours_ses=float(hours_ses),
        hourly_now=_cents(hourly_now),
        hourly_ses=_cents(hourly_ses),
        hourly_difference=_cents(_cents(hourly_ses) - _cents(hourly_now)),  # adds up on screen
        hourly_difference_percent=round(percent, 2),
        leave_hours_now=leave_now,
        leave_hours_ses=tables.ses_leave_hours,
        carry_over_hours_now=tables.gs_carry_over,
        carry_over_hours_ses=tables.ses_carry_over,
        annuity=annuity,
        suggested_pay_lean=suggested_lean(percent, tables),
        lean_rule=tables.texts["lean"],
        notes=tuple(notes),
        as_of=tables.groups["gs_base"].as_of,
    )


def _signed(amount: float, cents: bool = False) -> str:
    text = f"${abs(amount):,.2f}" if cents else f"${abs(amount):,.0f}"
    return ("-" if amount < 0 else "+") + text


def pay_text(result: PayComparison) -> str:
    """The comparison as a few plain lines (the CLI's default output)."""
    r = result
    cap = f", capped (the cap removes ${r.cap_reduction:,})" if r.capped else ""
    award = f" + award ${r.ses_award:,} = ${r.ses_pay:,}" if r.ses_award else ""
    lines = [
        f"Now: GS-{r.grade} step {r.step}, {r.locality.label}, locality {r.locality.percent:g}%",
        f"  base ${r.gs_base_pay:,}, with locality ${r.gs_adjusted_pay:,}{cap}",
        f"SES: salary ${r.ses_salary:,}{award} "
        f"(range ${r.ses_minimum:,} to ${r.ses_maximum:,}, "
        f"{'certified' if r.certified else 'not certified'})",
        f"Difference a year: {_signed(r.annual_difference)}",
        f"Per hour worked: now ${r.hourly_now:,.2f} at {r.hours_now:g} h/week, SES "
        f"${r.hourly_ses:,.2f} at {r.hours_ses:g} h/week: {_signed(r.hourly_difference, True)} "
        f"({r.hourly_difference_percent:+.1f}%)",
    ]
    leave_now = "?" if r.leave_hours_now is None else f"{r.leave_hours_now:g}"
    lines.append(
        f"Leave a year: now {leave_now} h (carry over {r.carry_over_hours_now:g}), "
        f"SES {r.leave_hours_ses:g} h (carry over {r.carry_over_hours_ses:g})"
    )
    if r.annuity:
        a = r.annuity
        lines.append(
            f"FERS annuity a year ({a.years_at_retirement:g} years at {a.percent_per_year:g}%): "
            f"GS ${a.annuity_gs:,}, SES ${a.annuity_ses:,} ({_signed(a.difference)})"
        )
    lines.append(f"Suggested Pay lean: {r.suggested_pay_lean:+d}. Rule: {r.lean_rule}")
    lines.extend(f"Note: {note}" for note in r.notes)
    lines.append(f"Figures as of {r.as_of} (OPM 2026 tables).")
    return "\n".join(lines)
