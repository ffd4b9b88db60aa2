"""The interchange format: assessments as versioned JSON, checked against resources/ schemas.

Every problem becomes a `FormatError` with one plain line naming the field, so the CLI and the GUI can
show it as it is. Parsing builds new objects only; nothing is applied until the whole file is valid.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ses_decider.core.model import Assessment
from ses_decider.resources import load_json
from ses_decider.storage.bodies import (
    assessment_fields,
    assessment_from_body,
    factor_item,
    strip_envelope,
)
from ses_decider.storage.errors import FormatError, check_text

__all__ = ["FormatError", "check_text"]  # re-exported: every file problem is a FormatError

ASSESSMENT_FORMAT = "ses-decider/assessment"
MAX_FILE_BYTES = 5_000_000  # a real assessment is a few kB; refuse anything absurd before parsing


def _reject_constant(name: str) -> Any:
    raise FormatError(f"the file contains {name}, which is not a number this app accepts")


def read_json_file(path: str | Path) -> Any:
    """Read a JSON file as data only, with size and nesting limits and NaN/Infinity refused."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FormatError(f"{path.name} is {size:,} bytes; files over 5 MB are not accepted")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise FormatError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise FormatError(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise FormatError(f"{path} cannot be read (permission denied)") from None
    except UnicodeDecodeError:
        raise FormatError(f"{path.name} is not a text file (expected UTF-8 JSON)") from None
    return parse_json_text(text, path.name)


def parse_json_text(text: str, name: str = "the file") -> Any:
    """Parse JSON text with NaN/Infinity refused and deep nesting reported plainly."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise FormatError(f"{name} is nested too deeply to be an SES Decider file") from None
    except FormatError:
        raise
    except ValueError:  # an integer literal longer than Python's 4,300-digit limit
        raise FormatError(f"{name} holds a number too long to be read") from None


def _field_path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the top level"


def _registry():
    """Bundled schemas a schema may refer to by $id (the person file reuses the assessment's)."""
    from referencing import Registry, Resource

    schema = load_json("assessment.schema.json")
    return Registry().with_resource(schema["$id"], Resource.from_contents(schema))


@cache
def _validator(schema_name: str):
    import jsonschema

    return jsonschema.Draft202012Validator(load_json(schema_name), registry=_registry())


def validate(data: Any, schema_name: str) -> None:
    """Check data against a bundled schema; raise FormatError naming the first bad field."""
    import jsonschema

    if not isinstance(data, dict):
        raise FormatError("the file must hold a JSON object, not a list or a single value")
    validator = _validator(schema_name)
    try:
        error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    except RecursionError:  # deep nesting that parsed but is too deep to check or describe
        raise FormatError("the file is nested too deeply to be an SES Decider file") from None
    if error is None:
        return
    where = _field_path(error.absolute_path)
    if error.validator == "const" and where in ("format", "version"):
        raise FormatError(
            f"field {where}: expected {error.validator_value!r}, got {error.instance!r}"
            " (unknown format or version)"
        )
    message = error.message
    if len(message) > 160:
        message = message[:157] + "..."
    raise FormatError(f"field {where}: {message}")


def check_format_header(data: Any, expected: str) -> None:
    """A friendlier message than the schema's when the file is some other kind of file."""
    if isinstance(data, dict) and data.get("format") not in (None, expected):
        raise FormatError(f"field format: expected {expected!r}, got {data.get('format')!r}")


def assessment_from_data(data: Any) -> tuple[str | None, Assessment]:
    """Turn parsed JSON into (person name or None, Assessment); raise FormatError if invalid.

    Factors absent from the file take no part: default ones come back as not rated.
    """
    check_format_header(data, ASSESSMENT_FORMAT)
    validate(data, "assessment.schema.json")
    check_text(data.get("person"), "person")
    return data.get("person"), assessment_from_body(strip_envelope(data))


def load_assessment_file(path: str | Path) -> tuple[str | None, Assessment]:
    """Read and validate an assessment file."""
    return assessment_from_data(read_json_file(path))


def assessment_to_data(assessment: Assessment, person: str | None = None) -> dict[str, Any]:
    """The assessment as an assessment file: only the factors taking part (shown and rated)."""
    data: dict[str, Any] = {"format": ASSESSMENT_FORMAT, "version": 1}
    if person:
        data["person"] = person
    data["exported_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    data.update(assessment_fields(assessment))
    data["factors"] = [factor_item(f, r) for f, r in assessment.active()]
    return data


def write_json_atomically(path: str | Path, data: Any) -> None:
    """Write JSON to a temporary file beside the target, then rename: never a half-written file."""
    import os
    import tempfile

    path = Path(path)
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
