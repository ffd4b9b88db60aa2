"""`ses-decider`: the GUI by default, and subcommands that work without a display.

Every failure the user can cause ends in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from ses_decider import APP_ID, __version__

EXIT_BAD_INPUT = 2
MAX_MESSAGE = 400  # characters: room for two long paths, never a page of someone's data


class CliError(Exception):
    """A problem to report in one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description="Decide whether to aim for the Senior Executive Service. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the database (default: your user data folder, or $SES_DECIDER_DATA_DIR)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the app (the default)")
    gui.add_argument(
        "--exit-after-start",
        action="store_true",
        help="open the main window, wait until it is painted and idle, then exit 0",
    )

    score = sub.add_parser("score", help="score an assessment file and print the verdict")
    score.add_argument("file", help="an assessment file (ses-decider/assessment) or a person file")
    score.add_argument("--json", action="store_true", help="print the result as JSON")
    score.add_argument(
        "--seed", type=int, default=0, help="random seed for the robustness check (default 0)"
    )

    weights = sub.add_parser("weights", help="weights from a ranking or pairwise file")
    weights.add_argument("file", help="a ses-decider/ranking or ses-decider/pairwise file")
    weights.add_argument("--json", action="store_true", help="print the result as JSON")

    export = sub.add_parser(
        "export", help="write a person file (current assessment, snapshots, notes, decision)"
    )
    export.add_argument("--person", required=True, help="the person's name")
    export.add_argument("--out", required=True, help="the file to write (.json)")
    export.add_argument(
        "--assessment-only",
        action="store_true",
        help="write just the current assessment (an assessment file) instead",
    )

    imp = sub.add_parser("import", help="import an assessment file or a person file")
    imp.add_argument("file", help="a ses-decider/assessment or ses-decider/person file")

    report = sub.add_parser("report", help="write a person's decision brief (PDF or HTML)")
    report.add_argument("--person", required=True, help="the person's name")
    report.add_argument("--out", required=True, help="the file to write: FILE.pdf or FILE.html")

    people = sub.add_parser("people", help="list the people in the database (the mentor's desk)")
    people.add_argument("--json", action="store_true")

    agenda = sub.add_parser("agenda", help="the agenda for a person's next mentoring session")
    agenda.add_argument("--person", required=True, help="the person's name (or uid prefix)")
    agenda.add_argument("--out", help="write it to FILE.pdf (one page) or FILE.html; else print it")

    roster = sub.add_parser("roster", help="all mentees on one page, for a program manager")
    roster.add_argument("--out", required=True, help="the file to write: FILE.pdf or FILE.html")
    _add_pay_parser(sub)
    return parser


def _add_pay_parser(sub) -> None:
    pay = sub.add_parser(
        "pay", help="GS pay now against SES pay, per year and per hour worked (2026 tables)"
    )
    pay.add_argument("--grade", help="your GS grade, 1 to 15")
    pay.add_argument("--step", help="your step, 1 to 10")
    pay.add_argument("--locality", help='OPM locality area name or code, e.g. "Washington" or DCB')
    pay.add_argument("--ses-salary", help="expected SES salary (default: the range's minimum)")
    pay.add_argument(
        "--uncertified",
        action="store_true",
        help="the agency's SES appraisal system is not certified (lower maximum)",
    )
    pay.add_argument("--hours-now", help="hours you work in an average week now (default 40)")
    pay.add_argument("--hours-ses", help="hours you expect in the SES (default: as now)")
    pay.add_argument("--years", help="years of federal service (for leave and the pension)")
    pay.add_argument("--years-to-retirement", help="years until you would retire")
    pay.add_argument("--age-at-retirement", help="your age when you would retire (1.1%% rule)")
    pay.add_argument("--award-pct", help="expected SES award, %% of salary a year (default 0)")
    pay.add_argument("--json", action="store_true", help="print the result as JSON")
    pay.add_argument(
        "--list-localities", action="store_true", help="list the OPM locality areas and codes"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "gui"
    if command == "gui":
        # Start-up creates many long-lived objects (modules, Qt wrappers) and the cyclic garbage
        # collector would scan them over and over (~50 ms). Off until the window is shown: run()
        # turns it back on from its event loop, and this finally in any case.
        gc.disable()
        try:
            from ses_decider.ui.app import run

            return run(
                data_dir=args.data_dir, exit_after_start=getattr(args, "exit_after_start", False)
            )
        finally:
            gc.enable()
    from ses_decider.storage.db import DatabaseProblem
    from ses_decider.storage.exchange import FormatError
    from ses_decider.storage.problems import StorageProblem, describe_storage_error

    # A console or redirect in a legacy code page (cp1252 on Windows) cannot show every name or
    # note; print a "?" for such a character rather than fail with a traceback.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        return _COMMANDS[command](args)
    except (CliError, FormatError, DatabaseProblem, StorageProblem) as exc:
        return _fail(str(exc))
    except sqlite3.Error as exc:  # locked, full, read-only: met while reading or writing
        path = _database_file_or_none(args)
        return _fail(
            describe_storage_error(exc, path)
            or f"The database {path or ''} could not be used ({exc}); nothing was changed."
        )
    except OSError as exc:
        return _fail(describe_storage_error(exc) or f"{exc.strerror or exc}; nothing was changed.")


def _fail(message: str) -> int:
    """Print one line (never a dump of data: at most MAX_MESSAGE characters) and return 2."""
    line = " ".join(str(message).split())
    if len(line) > MAX_MESSAGE:
        line = line[: MAX_MESSAGE - 3] + "..."
    print(f"{APP_ID}: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _cmd_score(args: argparse.Namespace) -> int:
    from datetime import date

    from ses_decider.core.deciding_summary import DecidingRecords, no_score_extras, score_extras
    from ses_decider.core.explain import explain_result
    from ses_decider.storage.exchange import assessment_from_data, read_json_file
    from ses_decider.storage.person_file import PERSON_FORMAT, parse_person_data

    data = read_json_file(args.file)
    if isinstance(data, dict) and data.get("format") == PERSON_FORMAT:
        # A person file: its current assessment, and what of deciding well touches the score.
        parsed = parse_person_data(data)
        person, assessment = parsed.name, parsed.current
        records = parsed.parts.get("deciding", DecidingRecords())
        extras = score_extras(records, assessment, date.today())
    else:
        person, assessment = assessment_from_data(data)
        extras = no_score_extras()
    result = explain_result(assessment, seed=args.seed) | extras
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(_score_text(person, result))
    return 0


def _score_text(person: str | None, result: dict) -> str:
    score = result["score"]
    lines = [
        f"{person or 'Assessment'}: {result['verdict']}"
        + (f" (score {score:.1f} of 100)" if score is not None else "")
    ]
    if result.get("dealbreakers"):
        lines.append("Decided by dealbreaker: " + ", ".join(result["dealbreakers"]))
    contributions = sorted(result["contributions"].items(), key=lambda kv: -abs(kv[1]))
    for factor_id, points in contributions:
        lines.append(f"  {points:+6.1f}  {factor_id}")
    for sentence in result.get("tipping_sentences", []):
        lines.append(sentence)
    robustness = result.get("robustness")
    if robustness:
        lines.append(
            f"Robustness: {robustness['label']} (P(GO) {robustness['p_go']:.0%}, "
            f"P(CLOSE CALL) {robustness['p_close_call']:.0%}, P(NO-GO) {robustness['p_no_go']:.0%})"
        )
    lines.extend(_paths_text(result))
    if result.get("quadrant_title"):
        lines.append(
            f"Do I want it? {result['want']:.0f}  Am I ready? {result['ready']:.0f}  "
            f"\u2192 {result['quadrant_title']}"
        )
    lines.extend(_deciding_text(result))
    return "\n".join(lines)


def _paths_text(result: dict) -> list[str]:
    """The other paths beside the SES: each scored against staying, and the best one named."""
    paths = result.get("paths") or []
    if not paths:
        return []
    from ses_decider.core.paths import score_text

    shown = ", ".join(f"{p['title']} {score_text(p['score'])} ({p['verdict']})" for p in paths)
    lines = [f"Other paths (staying where you are scores 50): {shown}"]
    best = next((p for p in paths if p["id"] == result.get("best_other_path")), None)
    if result.get("higher_path_sentence"):
        lines.append("Best other path: " + result["higher_path_sentence"])
    elif best is not None:
        lines.append(f"Best other path: {best['title']}; the SES scores at least as high.")
    else:
        lines.append("Best other path: none has a score yet (or a dealbreaker rules it out).")
    if result.get("path_tipping_sentence"):
        lines.append(result["path_tipping_sentence"])
    return lines


def _deciding_text(result: dict) -> list[str]:
    """What deciding well adds (from a person file): only the lines that have something."""
    lines = []
    if result.get("own_reason_factors"):
        lines.append("From your own reasons: " + ", ".join(result["own_reason_factors"]))
    for action in result.get("open_premortem_actions", []):
        when = f" (by {action['due']})" if action["due"] else ""
        lines.append(f"Preventive step{when}: {action['prevention']}")
    for trial in result.get("experiments_due", []):
        lines.append(f"Experiment due {trial['due']}: {trial['title']}")
    return lines


def _cmd_weights(args: argparse.Namespace) -> int:
    from ses_decider.core.content import catalogue
    from ses_decider.core.weighting import WeightingError, parse_weighting_file
    from ses_decider.storage.exchange import read_json_file

    data = read_json_file(args.file)
    try:
        _method, result = parse_weighting_file(data, {f.id for f in catalogue().factors})
    except WeightingError as exc:
        raise CliError(f"{Path(args.file).name}: {exc}") from None
    # The documented object, with every key whatever the method (None where it has no meaning).
    out = {
        "method": result["method"],
        "weights": result["weights"],
        "consistency_ratio": result.get("consistency_ratio"),
        "lambda_max": result.get("lambda_max"),
        "most_inconsistent": result.get("most_inconsistent"),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(_weights_text(out))
    return 0


def _weights_text(result: dict) -> str:
    from ses_decider.core.weighting import CR_LIMIT

    how = {"rank": "your ranking (rank-order centroid)", "pairwise": "your pairwise comparisons"}
    lines = [f"Weights from {how[result['method']]}:"]
    for factor_id, share in sorted(result["weights"].items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {share:6.1%}  {factor_id}")
    cr = result["consistency_ratio"]
    if cr is not None:
        if cr <= CR_LIMIT:
            lines.append(f"Consistency ratio {cr:.3f}: consistent enough ({CR_LIMIT:.2f} or less).")
        else:
            lines.append(
                f"Consistency ratio {cr:.3f} is above {CR_LIMIT:.2f}: some judgements "
                "contradict others, so these weights are shaky."
            )
            hint = result["most_inconsistent"]
            if hint is not None:
                lines.append(
                    f"Most at odds: {hint['a']} vs {hint['b']}, now {_saaty(hint['value'])}; "
                    f"{_saaty(hint['suggested'])} would fit the rest best."
                )
    return "\n".join(lines)


def _saaty(value: float) -> str:
    """A judgement as written on Saaty's scale: 3, or 1/3 for its reciprocal."""
    if value < 1:
        return f"1/{1 / value:g}" if abs(1 / value - round(1 / value)) < 1e-9 else f"{value:.3g}"
    return f"{value:g}"


# The database ----------------------------------------------------------------------------------
def _database_file(args: argparse.Namespace) -> Path:
    """The database's path; CliError when the data folder (or a folder above it) is a file."""
    from ses_decider.storage.db import DB_FILENAME, ENV_DATA_DIR, data_dir

    folder = data_dir(args.data_dir)
    if args.data_dir:
        where = "--data-dir"
    elif os.environ.get(ENV_DATA_DIR):
        where = f"${ENV_DATA_DIR}"
    else:
        where = "The data folder"
    for above in (folder, *folder.parents):  # the nearest part of the path that exists
        if above.exists():
            if not above.is_dir():
                what = "a file" if above == folder else f"inside a file ({above})"
                raise CliError(f"{where} {folder} is {what}, not a folder; give a folder.")
            break
    return folder / DB_FILENAME


def _database_file_or_none(args: argparse.Namespace) -> Path | None:
    try:
        return _database_file(args)
    except CliError:
        return None


def _open_repository(args: argparse.Namespace, *, write: bool = False):
    """The repository: opened read-only when the command only reads and the file cannot be
    written. A command that reads makes the daily backup, as the GUI does on start (skipped
    quietly when it cannot be made); one that writes makes its own backup first."""
    from ses_decider.storage.db import open_database, open_database_for_reading
    from ses_decider.storage.repository import Repository

    path = _database_file(args)
    if write:
        return Repository(open_database(path))
    db = open_database_for_reading(path)
    if _holds_anyone(db):
        _daily_backup(db, path.parent)
    return Repository(db)


def _holds_anyone(db) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM people)").fetchone()[0] == 1


def _daily_backup(db, folder: Path) -> None:
    """At most one backup a day, as the GUI makes on start; failing to make one stops nothing."""
    from ses_decider.storage.safety import daily_backup

    try:
        daily_backup(db, folder)
    except (OSError, sqlite3.Error):
        pass


# Files written -----------------------------------------------------------------------------------
def _check_output(out: str, suffixes: Sequence[str], what: str, stem: str) -> Path:
    """``--out`` before anything is opened: a file (not a folder, not a device) with one of
    ``suffixes``, in a folder that exists. ``stem`` suggests a name when ``out`` is a folder."""
    from ses_decider.core.filenames import safe_file_stem

    path = Path(out)
    if path.is_dir():
        example = path / f"{safe_file_stem(stem)}{suffixes[0]}"
        raise CliError(f"cannot write {path}: it is a folder; give a file name, such as {example}.")
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        shown = f'"{path.suffix}"' if path.suffix else "no extension"
        raise CliError(f"--out {path.name} has {shown}; {what}.")
    folder = path.parent
    if not folder.exists():
        raise CliError(f"cannot write {path}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise CliError(f"cannot write {path}: {folder} is not a folder.")
    if path.exists() and not path.is_file():
        raise CliError(f"cannot write {path}: it is not a regular file (a device, pipe or socket).")
    return path


def _find_person(repo, text: str):
    """The person a --person value names: a uid (or its first 6+ characters), else a name. Two
    people with one name are never guessed between."""
    text = text.strip()
    people = repo.people.all()
    if len(text) >= 6:
        by_uid = [p for p in people if p.uid.startswith(text)]
        if len(by_uid) == 1:
            return by_uid[0]
    named = repo.people.named(text)
    if len(named) == 1:
        return named[0]
    if named:
        choices = ", ".join(f"{p.uid[:8]} (added {p.created_at[:10]})" for p in named)
        raise CliError(
            f"{len(named)} people are called {text!r}; say which with --person UID: {choices}"
        )
    raise CliError(f"no person called {text!r} in the database (see `{APP_ID} people`)")


def _cmd_export(args: argparse.Namespace) -> int:
    from ses_decider.storage.exchange import assessment_to_data, write_json_atomically
    from ses_decider.storage.person_file import person_to_data

    out = _check_output(
        args.out,
        (".json",),
        f"a person file is written as .json (for a brief, use `{APP_ID} report`)",
        args.person,
    )
    repo = _open_repository(args)
    person = _find_person(repo, args.person)
    if args.assessment_only:
        data = assessment_to_data(repo.assessments.load(person.id), person.name)
    else:
        data = person_to_data(repo, person.id)
    write_json_atomically(out, data)
    print(f"Exported {person.name} to {out}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from ses_decider.ops.imports import import_file

    def open_for_import():
        # Called once the file has been read and checked whole, just before the write (which
        # backs the database up first: ops.imports.backup_before_import, as in the GUI).
        return _open_repository(args, write=True)

    print(import_file(open_for_import, args.file).message)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from ses_decider.report.export import KINDS, ReportError, export_brief, person_brief

    out = _check_output(
        args.out, tuple(KINDS), "a brief is written as .pdf or .html", f"{args.person} brief"
    )
    try:
        repo = _open_repository(args)
        person = _find_person(repo, args.person)
        export_brief(person_brief(repo, person), out)
    except ReportError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote the brief for {person.name} to {out}")
    return 0


def _cmd_people(args: argparse.Namespace) -> int:
    from ses_decider.core.mentoring import NONE_TEXT, desk_cells
    from ses_decider.ops.mentoring import desk

    repo = _open_repository(args)
    rows = []
    people = {p.id: p for p in repo.people.all()}
    counts = dict(repo.db.execute("SELECT person_id, count(*) FROM snapshots GROUP BY person_id"))
    desk_rows = desk(repo)
    for row in desk_rows:
        rated, total = repo.assessments.load(row.person_id).rated_count()
        due, top = row.next_due, row.top_difference
        rows.append(
            {
                "name": people[row.person_id].name,
                "shown_as": row.name,
                "uid": row.uid,
                "score": row.score,
                "verdict": row.verdict.value,
                "rated": rated,
                "factors": total,
                "snapshots": counts.get(row.person_id, 0),
                "quadrant": row.quadrant.value if row.quadrant else None,
                "change_since_last_session": row.change,
                "top_difference": {"factor": top.factor_id, "points": top.points} if top else None,
                "next_due": {"date": due.date, "what": due.what} if due else None,
                "last_session": row.last_session,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row, desk_row in zip(rows, desk_rows, strict=True):
            score = "" if row["score"] is None else f" ({row['score']:.1f})"
            _, _, _, change, quadrant, top, due, last = desk_cells(desk_row)
            known = [  # the desk's columns that hold something for this person
                f"{what} {text}"
                for what, text in (
                    ("since last session", change),
                    ("quadrant", quadrant),
                    ("top difference", top),
                    ("next due", due),
                    ("last session", last),
                )
                if text != NONE_TEXT
            ]
            print(
                f"{row['shown_as']}: {row['verdict']}{score}, {row['rated']} of {row['factors']}"
                f" factors rated, {row['snapshots']} snapshot(s)"
                + ("; " + ", ".join(known) if known else "")
            )
    return 0


def _agenda_for(repo, person):
    from datetime import date

    from ses_decider.core.scoring import evaluate
    from ses_decider.ops.mentoring import person_agenda, session_log
    from ses_decider.report.agenda import Agenda

    today = date.today()
    sessions, _ = session_log(repo, person.id)
    evaluation = evaluate(repo.assessments.load(person.id))
    return Agenda(
        person.name,
        today,
        tuple(person_agenda(repo, person.id, today)),
        evaluation.verdict,
        evaluation.score,
        max((s.held_on for s in sessions), default=None),
    )


def _cmd_agenda(args: argparse.Namespace) -> int:
    from ses_decider.core.agenda import agenda_text
    from ses_decider.report.agenda import AgendaError, write_agenda

    out = None
    if args.out is not None:
        out = _check_output(
            args.out,
            (".pdf", ".html", ".htm"),
            "an agenda is written as .pdf or .html",
            f"{args.person} agenda",
        )
    repo = _open_repository(args)
    person = _find_person(repo, args.person)
    agenda = _agenda_for(repo, person)
    if out is None:
        print(agenda_text(person.name, agenda.items, agenda.day))
        return 0
    try:
        write_agenda(agenda, out)
    except AgendaError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote the agenda for {person.name} to {out}")
    return 0


def _cmd_roster(args: argparse.Namespace) -> int:
    from ses_decider.ops.mentoring import desk
    from ses_decider.report.agenda import AgendaError, write_roster

    out = _check_output(
        args.out, (".pdf", ".html", ".htm"), "a roster is written as .pdf or .html", "roster"
    )
    repo = _open_repository(args)
    rows = desk(repo)
    try:
        write_roster(rows, out)
    except AgendaError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote the roster of {len(rows)} mentee(s) to {out}")
    return 0


def _number(text: str | None, option: str, integer: bool = False) -> float | int | None:
    """A command-line number, or CliError naming the option."""
    if text is None:
        return None
    try:
        return int(text) if integer else float(text)
    except ValueError:
        kind = "a whole number" if integer else "a number"
        raise CliError(f"{option} must be {kind} (got {text!r})") from None


def _cmd_pay(args: argparse.Namespace) -> int:
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


_COMMANDS = {
    "pay": _cmd_pay,
    "score": _cmd_score,
    "weights": _cmd_weights,
    "export": _cmd_export,
    "import": _cmd_import,
    "report": _cmd_report,
    "people": _cmd_people,
    "agenda": _cmd_agenda,
    "roster": _cmd_roster,
}
