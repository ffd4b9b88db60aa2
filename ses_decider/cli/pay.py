"""`pay`: GS pay with locality against an SES salary, from the official tables."""

from __future__ import annotations

import argparse
import json

from ses_decider.cli.common import (
    CliError,
)


def _number(text: str | None, option: str, integer: bool = False) -> float | int | None:
    """A command-line number, or CliError naming the option."""
    if text is None:
        return None
    try:
        return int(text) if integer else float(text)
    except ValueError:
        kind = "a whole number" if integer else "a number"
        raise CliError(f"{option} must be {kind} (got {text!r})") from None


def cmd_pay(args: argparse.Namespace) -> int:
    from ses_decider.core.pay import PayInputError, PayInputs, compare_pay, pay_text
    from ses_decider.core.pay_tables import pay_tables

    if args.list_localities:
        for area in pay_tables().localities:
            print(f"{area.code:4}  {area.percent:6.2f}%  {area.name}")
        return 0
    if args.grade is None or args.step is None or not args.locality:
        raise CliError("pay needs --grade, --step and --locality (see --list-localities)")
    inputs = PayInputs(
        grade=_number(args.grade, "--grade", integer=True),
        step=_number(args.step, "--step", integer=True),
        locality=args.locality,
        ses_salary=_number(args.ses_salary, "--ses-salary"),
        certified=not args.uncertified,
        hours_now=_number(args.hours_now, "--hours-now"),
        hours_ses=_number(args.hours_ses, "--hours-ses"),
        award_percent=_number(args.award_pct, "--award-pct") or 0.0,
        years_of_service=_number(args.years, "--years"),
        years_to_retirement=_number(args.years_to_retirement, "--years-to-retirement"),
        age_at_retirement=_number(args.age_at_retirement, "--age-at-retirement"),
    )
    try:
        result = compare_pay(inputs, strict=True)
    except PayInputError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(pay_text(result))
    return 0
