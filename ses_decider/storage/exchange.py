"""The interchange format: assessments as versioned JSON, checked against resources/ schemas.

Every problem becomes a `FormatError` with one plain line naming the field, so the CLI and the GUI can
show it as it is. Parsing builds new objects only; nothing is applied until the whole file is valid.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
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
    paths_to_data,
    strip_envelope,
)
from ses_decider.storage.errors import FormatError, check_text

__all__ = ["FormatError", "check_text"]  # re-exported: every file problem is a FormatError

ASSESSMENT_FORMAT = "ses-decider/assessment"
# Version 2 may carry other paths beside the SES; a file without any is written as version 1, the
# two-path case, exactly as before (so an older copy of the app still reads it).
ASSESSMENT_VERSION = 2
# A person file grows with its snapshots: 3,000 of them (years of weekly check-ins) weigh about
# 11.5 MB with notes on a few factors and a readiness roadmap (benchmarks/bench_person_import.py),
# twice that with notes on every factor. 32 MB takes that in and still refuses a runaway file
# before parsing it (parsed, a file takes about 4.5 times its size in memory).
MAX_FILE_BYTES = 32_000_000


def _reject_constant(name: str) -> Any:
    raise FormatError(f"the file contains {name}, which is not a number this app accepts")


def read_json_file(path: str | Path) -> Any:
    """Read a JSON file as data only, with size and nesting limits and NaN/Infinity refused.

    Anything but a regular file (a folder, /dev/zero, a named pipe) is refused at once, and at
    most MAX_FILE_BYTES + 1 bytes are ever read, whatever the file claims to hold.
    """
    path = Path(path)
    try:
        data = _read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise FormatError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise FormatError(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise FormatError(f"{path} cannot be read (permission denied)") from None
    except OSError as exc:
        raise FormatError(f"{path} cannot be read ({exc.strerror or 'an error'})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError(f"{path.name} is not a text file (expected UTF-8 JSON)") from None
    return parse_json_text(text, path.name)


def _read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; FormatError for anything else."""
    import os
    import stat

    if stat.S_ISDIR(os.stat(path).st_mode):
        raise IsADirectoryError(path)
    # O_NONBLOCK: a named pipe put in place after a check must not block the open; the check
    # that counts is fstat on what was opened.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise FormatError(
                f"{path} is not a regular file (a device, pipe or socket); give a .json file"
            )
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FormatError(f"{path.name} is over {limit / 1e6:g} MB, the largest file accepted")
    return data


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


# What one `validate` call has found valid, by place in the schema and value: a person file repeats
# the same factor items, thresholds and readiness in every snapshot, so each distinct one is
# checked once. Errors are never remembered: a bad value is checked, and reported with its own
# path, wherever it appears.
_MEMO: ContextVar[_Memo | None] = ContextVar("_MEMO", default=None)
_JSON_TYPES = (dict, list, str, int, float, bool, type(None))


class _Memo:
    """Valid (place, value) pairs, and per place how often remembering paid off."""

    TRIAL = 32  # a place whose values never repeat (a snapshot, with its own uid) stops being
    # keyed after this many misses with few hits: keying a unique value costs more than checking it

    def __init__(self) -> None:
        self.valid: set[tuple[str, int, str]] = set()
        self.tries: dict[tuple[str, int], list[int]] = {}

    def key(self, what: str, schema: dict, instance: Any) -> tuple[str, int, str] | None:
        """What was checked ("$ref" of this schema, or this schema whole as a property's) and the
        value as its repr (which tells 1, 1.0, True and "1" apart); None: don't remember."""
        if not isinstance(instance, _JSON_TYPES):
            return None
        tries = self.tries.setdefault((what, id(schema)), [0, 0])
        hits, misses = tries
        if misses >= self.TRIAL and hits * 4 < misses:
            return None
        key = (what, id(schema), repr(instance))
        if key in self.valid:
            tries[0] += 1
        else:
            tries[1] += 1
        return key


def _remembering(keyword: str, check):
    """A keyword's check, skipped for a value this schema's keyword already found valid."""

    def remembering(validator, value, instance, schema):
        memo = _MEMO.get()
        key = None if memo is None else memo.key(keyword, schema, instance)
        if key is not None and key in memo.valid:
            return
        failed = False
        for error in check(validator, value, instance, schema):
            failed = True
            yield error
        if key is not None and not failed:
            memo.valid.add(key)

    return remembering


def _descend(validator, memo: _Memo, value: Any, subschema: Any, **where):
    """Check ``value`` against a subschema, unless it was found valid against it before."""
    key = memo.key("schema", subschema, value) if isinstance(subschema, dict) else None
    if key is not None and key in memo.valid:
        return
    failed = False
    for error in validator.descend(value, subschema, **where):
        failed = True
        yield error
    if key is not None and not failed:
        memo.valid.add(key)


def _properties(check):
    """``properties``, with each property's value remembered on its own: a snapshot differs from
    the one before in its uid and a rating or two, not in its thresholds or readiness."""

    def properties(validator, properties, instance, schema):
        memo = _MEMO.get()
        if memo is None or not isinstance(instance, dict):
            yield from check(validator, properties, instance, schema)
            return
        for name, subschema in properties.items():
            if name in instance:
                yield from _descend(
                    validator, memo, instance[name], subschema, path=name, schema_path=name
                )

    return properties


def _items(check):
    """``items`` (without ``prefixItems``), each item remembered: the same factor item recurs in
    snapshot after snapshot."""

    def items(validator, items, instance, schema):
        memo = _MEMO.get()
        if memo is None or not isinstance(instance, list) or "prefixItems" in schema:
            yield from check(validator, items, instance, schema)
            return
        if not isinstance(items, dict):
            yield from check(validator, items, instance, schema)
            return
        for index, item in enumerate(instance):
            yield from _descend(validator, memo, item, items, path=index)

    return items


@cache
def _validator(schema_name: str):
    import jsonschema

    base = jsonschema.Draft202012Validator
    remembering = jsonschema.validators.extend(
        base,
        {
            "$ref": _remembering("$ref", base.VALIDATORS["$ref"]),
            "properties": _properties(base.VALIDATORS["properties"]),
            "items": _items(base.VALIDATORS["items"]),
        },
    )
    return remembering(load_json(schema_name), registry=_registry())


def validate(data: Any, schema_name: str) -> None:
    """Check data against a bundled schema; raise FormatError naming the first bad field."""
    import jsonschema

    if not isinstance(data, dict):
        raise FormatError("the file must hold a JSON object, not a list or a single value")
    validator = _validator(schema_name)
    token = _MEMO.set(_Memo())
    try:
        error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    except RecursionError:  # deep nesting that parsed but is too deep to check or describe
        raise FormatError("the file is nested too deeply to be an SES Decider file") from None
    finally:
        _MEMO.reset(token)
    if error is None:
        return
    where = _field_path(error.absolute_path)
    if error.validator == "const" and where in ("format", "version"):
        raise FormatError(
            f"field {where}: expected {error.validator_value!r}, got {error.instance!r}"
            " (unknown format or version)"
        )
    from ses_decider.core.schema_messages import schema_error_text

    # In words, and never quoting more than a few characters of the file (no data dumps).
    raise FormatError(f"field {where}: {schema_error_text(error)}")


def check_format_header(data: Any, expected: str) -> None:
    """A friendlier message than the schema's when the file is some other kind of file."""
    if isinstance(data, dict) and data.get("format") not in (None, expected):
        raise FormatError(f"field format: expected {expected!r}, got {data.get('format')!r}")


def check_newer_version(data: Any, what: str, newest: int) -> None:
    """A file from a newer app says so in one line, before the schema gets to it."""
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > newest:
        reads = "1 and 2" if newest == 2 else f"1 to {newest}"
        raise FormatError(
            f"this {what} was written by a newer version of SES Decider (file version {version}; "
            f"this app reads versions {reads}): update the app"
        )


def _check_two_path_case(data: Any) -> None:
    """Version 1 is the two-path case; say so in words (the schema alone would say it poorly)."""
    if not isinstance(data, dict) or type(data.get("version")) is not int or data["version"] != 1:
        return
    if "paths" in data:
        raise FormatError(
            "field paths: other paths need version 2 of the assessment file (this one says 1)"
        )
    factors = data.get("factors")
    for index, item in enumerate(factors if isinstance(factors, list) else []):
        if isinstance(item, dict) and "lean" in item and item["lean"] is None:
            raise FormatError(
                f"field factors[{index}].lean: not rated (null) needs version 2 of the "
                "assessment file (this one says 1)"
            )


def assessment_from_data(data: Any) -> tuple[str | None, Assessment]:
    """Turn parsed JSON into (person name or None, Assessment); raise FormatError if invalid.

    Factors absent from the file take no part: default ones come back as not rated.
    """
    check_format_header(data, ASSESSMENT_FORMAT)
    check_newer_version(data, "assessment file", ASSESSMENT_VERSION)
    _check_two_path_case(data)
    validate(data, "assessment.schema.json")
    check_text(data.get("person"), "person")
    return data.get("person"), assessment_from_body(strip_envelope(data))


def load_assessment_file(path: str | Path) -> tuple[str | None, Assessment]:
    """Read and validate an assessment file."""
    return assessment_from_data(read_json_file(path))


def assessment_to_data(assessment: Assessment, person: str | None = None) -> dict[str, Any]:
    """The assessment as an assessment file: only the factors taking part (shown and rated).

    With other paths it is version 2, and a factor taking part in any path's score is written
    (with ``"lean": null`` where the SES itself has no lean for it); without, version 1.
    """
    version = ASSESSMENT_VERSION if assessment.paths else 1
    data: dict[str, Any] = {"format": ASSESSMENT_FORMAT, "version": version}
    if person:
        data["person"] = person
    data["exported_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    data.update(assessment_fields(assessment))
    taking_part = [
        (f, r)
        for f, r in assessment.shown()
        if r.weight is not None
        and (r.lean is not None or any(f.id in p.leans for p in assessment.paths))
    ]
    data["factors"] = [factor_item(f, r) for f, r in taking_part]
    if assessment.paths:
        data["paths"] = paths_to_data(assessment, {f.id for f, _ in taking_part})
    return data


def write_json_atomically(path: str | Path, data: Any) -> None:
    """Write JSON to a temporary file beside the target, then rename: never a half-written file.

    Raises StorageProblem with one sentence naming ``path`` (never the temporary file) when the
    target is a folder or not a regular file, its folder is missing, or the disk refuses the
    write; the target is then exactly as it was.
    """
    import os
    import stat
    import tempfile

    from ses_decider.storage.problems import (
        IS_A_FOLDER,
        MISSING,
        NOT_A_FILE,
        NOT_A_FOLDER,
        OTHER,
        StorageProblem,
        as_storage_problem,
    )

    path = Path(path)
    folder = path.parent
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if path.is_dir():
        raise StorageProblem(f"Cannot write {path}: it is a folder, not a file.", IS_A_FOLDER, path)
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise StorageProblem(
            f"Cannot write {path}: it is not a regular file (a device, pipe or socket).",
            NOT_A_FILE,
            path,
        )
    if not folder.exists():
        raise StorageProblem(
            f"Cannot write {path}: the folder {folder} does not exist.", MISSING, path
        )
    if not folder.is_dir():
        raise StorageProblem(f"Cannot write {path}: {folder} is not a folder.", NOT_A_FOLDER, path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        problem = as_storage_problem(exc, path, what="The file")
        if problem is None:
            raise StorageProblem(
                f"Cannot write {path} ({exc.strerror or 'an error'}); nothing was changed.",
                OTHER,
                path,
            ) from None
        raise problem from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
