"""`export`, `import` and `report`: the person file and the brief, from and to the database."""

from __future__ import annotations

import argparse

from ses_decider import APP_ID
from ses_decider.cli.common import (
    CliError,
    check_output,
    find_person,
    open_repository,
)


def cmd_export(args: argparse.Namespace) -> int:
    from ses_decider.storage.exchange import assessment_to_data, write_json_atomically
    from ses_decider.storage.person_file import person_to_data

    out = check_output(
        args.out,
        (".json",),
        f"a person file is written as .json (for a brief, use `{APP_ID} report`)",
        args.person,
    )
    repo = open_repository(args)
    person = find_person(repo, args.person)
    if args.assessment_only:
        data = assessment_to_data(repo.assessments.load(person.id), person.name)
    else:
        data = person_to_data(repo, person.id)
    write_json_atomically(out, data)
    print(f"Exported {person.name} to {out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ses_decider.ops.imports import import_file

    def open_for_import():
        # Called once the file has been read and checked whole, just before the write (which
        # backs the database up first: ops.imports.backup_before_import, as in the GUI).
        return open_repository(args, write=True)

    print(import_file(open_for_import, args.file).message)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ses_decider.report.export import KINDS, ReportError, export_brief, person_brief

    out = check_output(
        args.out, tuple(KINDS), "a brief is written as .pdf or .html", f"{args.person} brief"
    )
    try:
        repo = open_repository(args)
        person = find_person(repo, args.person)
        export_brief(person_brief(repo, person), out)
    except ReportError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote the brief for {person.name} to {out}")
    return 0
