"""Parts of a person's data beyond their assessments that travel in the person file, each with its
own top-level key: how to write it, how to check it, and how to bring it into the database.

A feature adds its part with one `PersonSection` in `SECTIONS`; `person_file` writes and reads
every registered part, and `ops.imports` merges each into the database in the import's transaction.
Merging is by record id, newer ``updated_at`` wins, nothing is doubled (like snapshots).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ses_decider.storage.repository import Repository


@dataclass(frozen=True)
class PersonSection:
    """One part of the person file.

    - ``export(repo, person_id)``: the part as plain JSON data, or None to leave it out.
    - ``parse(data)``: check the part (its own schema and rules) and return what ``merge`` takes;
      raise FormatError naming the field (from the file's top: ``"{key}.items[3].date"``).
    - ``merge(repo, person_id, parsed, file_older)``: bring it in; returns a few words for the
      import's sentence ("2 agreed actions") or None when nothing changed.
    - ``changes``: the name of the `ops.Changes` flag views watch for this part.
    """

    key: str
    export: Callable[[Repository, int], Any]
    parse: Callable[[Any], Any]
    merge: Callable[[Repository, int, Any, bool], str | None]
    changes: str


SECTIONS: list[PersonSection] = []


def register(section: PersonSection) -> PersonSection:
    """Add a part (once per key); returns it so modules can keep a name for it."""
    if any(s.key == section.key for s in SECTIONS):
        raise ValueError(f"a person-file section {section.key!r} is already registered")
    SECTIONS.append(section)
    return section


def sections() -> list[PersonSection]:
    """Every registered part, importing the modules that register them (once)."""
    import importlib

    for module in _MODULES:
        importlib.import_module(module)
    return list(SECTIONS)


# The storage modules that register a section; a feature adds its module here (one line).
_MODULES: tuple[str, ...] = (
    "ses_decider.storage.deciding",
    "ses_decider.storage.applying_file",
    "ses_decider.storage.mentoring",
)
