"""`ses-decider`: the GUI by default, and subcommands that work without a display.

Each command lives in a module of this package, imported only when it runs (the GUI's start-up
imports none of them).

Every failure the user can cause ends in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ses_decider import APP_ID, __version__

if TYPE_CHECKING:
    import argparse

# command -> the module of this package that has its cmd_<command> function
_COMMANDS = {
    "pay": "pay",
    "score": "scoring",
    "weights": "scoring",
    "export": "files",
    "import": "files",
    "report": "files",
    "people": "desk",
    "agenda": "desk",
    "roster": "desk",
}


def _gui_only(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(data folder, exit after start) when ``argv`` only opens the app, the way it is started
    from a desktop or a shortcut; else None, and argparse reads it. Spares the window's start-up
    the command line's parser (argparse and every command's options)."""
    args, data_dir = list(argv), None
    if len(args) >= 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        data_dir, args = args[1], args[2:]
    if args in ([], ["gui"]):
        return data_dir, False
    if args == ["gui", "--exit-after-start"]:
        return data_dir, True
    return None


def _parser() -> argparse.ArgumentParser:
    import argparse

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


def launch() -> None:
    """The `ses-decider` program: `main`, then the process ends.

    After the window has closed everything is saved, the database closed and the lock released:
    tearing down thousands of Qt and Python objects one by one would only keep a closed app busy
    (about a fifth of a second), so a GUI run ends the process at once.
    """
    status = main()
    if _gui_ran:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


_gui_ran = False


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    gui = _gui_only(argv)
    if gui is not None:
        return _open_gui(*gui)
    args = _parser().parse_args(argv)
    command = args.command or "gui"
    if command == "gui":
        return _open_gui(args.data_dir, getattr(args, "exit_after_start", False))
    return _run_command(command, args)


def _open_gui(data_dir: str | None, exit_after_start: bool) -> int:
    global _gui_ran
    # Start-up creates many long-lived objects (modules, Qt wrappers) and the cyclic garbage
    # collector would scan them over and over (~50 ms). Off until the window is shown: run()
    # turns it back on from its event loop, and this finally in any case.
    gc.disable()
    try:
        # The Qt-free layers before Qt: PySide6 reads the source of every module imported
        # after it (~0.3 ms each, kept in memory) to look for its __feature__ switches.
        import ses_decider.ops.views  # noqa: F401
        from ses_decider.ui.app import run

        _gui_ran = True
        return run(data_dir=data_dir, exit_after_start=exit_after_start)
    finally:
        gc.enable()


def _run_command(command: str, args: argparse.Namespace) -> int:
    import sqlite3

    from ses_decider.cli.common import CliError, database_file_or_none, fail
    from ses_decider.storage.db import DatabaseProblem
    from ses_decider.storage.exchange import FormatError
    from ses_decider.storage.problems import StorageProblem, describe_storage_error

    # A console or redirect in a legacy code page (cp1252 on Windows) cannot show every name or
    # note; print a "?" for such a character rather than fail with a traceback.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        from importlib import import_module

        handler = getattr(import_module(f"ses_decider.cli.{_COMMANDS[command]}"), f"cmd_{command}")
        return handler(args)
    except (CliError, FormatError, DatabaseProblem, StorageProblem) as exc:
        return fail(str(exc))
    except sqlite3.Error as exc:  # locked, full, read-only: met while reading or writing
        path = database_file_or_none(args)
        return fail(
            describe_storage_error(exc, path)
            or f"The database {path or ''} could not be used ({exc}); nothing was changed."
        )
    except OSError as exc:
        return fail(describe_storage_error(exc) or f"{exc.strerror or exc}; nothing was changed.")
