"""Write a brief to a file, as PDF or HTML by the file's extension, never leaving a partial file.

No Qt at import: the PDF writer (``report/pdf.py``) is imported only when a PDF is asked for.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ses_decider.core.model import Assessment
from ses_decider.report.brief import Brief, build_brief

if TYPE_CHECKING:
    from ses_decider.core.records import Person
    from ses_decider.storage.repository import Repository

KINDS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


class ReportError(ValueError):
    """The brief cannot be written; the message is one line for the user."""


def brief_kind(path: str | Path) -> str:
    """ "pdf" or "html" from the file name; ReportError for any other extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in KINDS:
        shown = f'"{suffix}"' if suffix else "no extension"
        raise ReportError(f"{Path(path).name} has {shown}; a brief is written as .pdf or .html")
    return KINDS[suffix]


def person_brief(
    repo: Repository,
    person: Person,
    assessment: Assessment | None = None,
    mentor: Assessment | None = None,
) -> Brief:
    """The brief for a stored person: their assessment, the mentor's view when the mentor rated
    something, the shared notes, the final decision, the review date, and what each section with a
    ``gather`` reads (``report/sections.py``).

    ``assessment`` and ``mentor`` replace the stored ones (the GUI passes what is on screen).
    """
    from ses_decider.core.records import MENTOR
    from ses_decider.report.sections import gather

    if mentor is None and repo.assessments.has(person.id, MENTOR):
        mentor = repo.assessments.load(person.id, MENTOR)
    from ses_decider.ops.applying import story_evidence

    current = assessment if assessment is not None else repo.assessments.load(person.id)
    return build_brief(
        person.name,
        current,
        mentor=mentor,  # left out by build_brief when the mentor rated nothing
        evidence=story_evidence(repo, person.id),
        shared_notes=repo.notes.of(person.id).values(),
        decision=repo.decisions.get(person.id),
        review_on=person.review_on,
        extra=gather(repo, person),
    )


def export_brief(brief: Brief, path: str | Path) -> Path:
    """Write the brief to ``path`` (its extension picks the format) through a temporary file.

    The temporary file sits beside the target and replaces it only once complete, so a failure
    leaves neither a half-written brief nor a stray temporary file.
    """
    path = Path(path)
    kind = brief_kind(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise ReportError(f"cannot write {path}: the folder {folder} does not exist") from None
    except NotADirectoryError:
        raise ReportError(f"cannot write {path}: {folder} is not a folder") from None
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        if kind == "html":
            from ses_decider.report.html import render_html

            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(render_html(brief))
                handle.flush()
                os.fsync(handle.fileno())
        else:
            os.close(fd)
            from ses_decider.report.pdf import write_pdf

            write_pdf(brief, tmp)
            if tmp.stat().st_size == 0:
                raise ReportError(f"cannot write {path}: the PDF came out empty")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
