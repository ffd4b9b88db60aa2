"""The mentor's desk on the command line: `people`, `agenda` and `roster`."""

from __future__ import annotations

import argparse
import json

from ses_decider.cli.common import (
    CliError,
    check_output,
    find_person,
    open_repository,
)


def cmd_people(args: argparse.Namespace) -> int:
    from ses_decider.core.mentoring import NONE_TEXT, desk_cells
    from ses_decider.ops.mentoring import desk

    repo = open_repository(args)
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


def cmd_agenda(args: argparse.Namespace) -> int:
    from ses_decider.core.agenda import agenda_text
    from ses_decider.report.agenda import AgendaError, write_agenda

    out = None
    if args.out is not None:
        out = check_output(
            args.out,
            (".pdf", ".html", ".htm"),
            "an agenda is written as .pdf or .html",
            f"{args.person} agenda",
        )
    repo = open_repository(args)
    person = find_person(repo, args.person)
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


def cmd_roster(args: argparse.Namespace) -> int:
    from ses_decider.ops.mentoring import desk
    from ses_decider.report.agenda import AgendaError, write_roster

    out = check_output(
        args.out, (".pdf", ".html", ".htm"), "a roster is written as .pdf or .html", "roster"
    )
    repo = open_repository(args)
    rows = desk(repo)
    try:
        write_roster(rows, out)
    except AgendaError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote the roster of {len(rows)} mentee(s) to {out}")
    return 0
