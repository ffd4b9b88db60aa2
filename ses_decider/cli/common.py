"""What every command shares: one-line failures, finding the database, a person and an output file."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from ses_decider import APP_ID

EXIT_BAD_INPUT = 2
MAX_MESSAGE = 400  # characters: room for two long paths, never a page of someone's data


class CliError(Exception):
    """A problem to report in one line, exit status 2."""


def fail(message: str) -> int:
    """Print one line (never a dump of data: at most MAX_MESSAGE characters) and return 2."""
    line = " ".join(str(message).split())
    if len(line) > MAX_MESSAGE:
        line = line[: MAX_MESSAGE - 3] + "..."
    print(f"{APP_ID}: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT


# The database ----------------------------------------------------------------------------------
def database_file(args: argparse.Namespace) -> Path:
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


def database_file_or_none(args: argparse.Namespace) -> Path | None:
    try:
        return database_file(args)
    except CliError:
        return None


def open_repository(args: argparse.Namespace, *, write: bool = False):
    """The repository: opened read-only when the command only reads and the file cannot be
    written. A command that reads makes the daily backup, as the GUI does on start (skipped
    quietly when it cannot be made); one that writes makes its own backup first."""
    from ses_decider.storage.db import open_database, open_database_for_reading
    from ses_decider.storage.repository import Repository

    path = database_file(args)
    if write:
        return Repository(open_database(path))
    db = open_database_for_reading(path)
    if holds_anyone(db):
        daily_backup(db, path.parent)
    return Repository(db)


def holds_anyone(db) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM people)").fetchone()[0] == 1


def daily_backup(db, folder: Path) -> None:
    """At most one backup a day, as the GUI makes on start; failing to make one stops nothing."""
    from ses_decider.storage.safety import daily_backup

    try:
        daily_backup(db, folder)
    except (OSError, sqlite3.Error):
        pass


# Files written -----------------------------------------------------------------------------------
def check_output(out: str, suffixes: Sequence[str], what: str, stem: str) -> Path:
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


def find_person(repo, text: str):
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
