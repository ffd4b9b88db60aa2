"""The interchange format: assessments as versioned JSON, checked against resources/ schemas.

Every problem becomes a `FormatError` with one plain line naming the field, so the CLI and the GUI can
show it as it is. Parsing builds new objects only; nothing is applied until the whole file is valid.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ses_decider.core.content import catalogue
from ses_decider.core.model import (
    DEFAULT_FACTOR_IDS,
    Assessment,
    Certainty,
    EcqRating,
    Factor,
    PlanItem,
    Rating,
    ReadinessState,
    Thresholds,
    Verdict,
)
from ses_decider.resources import load_json

ASSESSMENT_FORMAT = "ses-decider/assessment"
MAX_FILE_BYTES = 5_000_000  # a real assessment is a few kB; refuse anything absurd before parsing


class FormatError(ValueError):
    """A file the app cannot use; the message is one line meant for the user."""


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


def validate(data: Any, schema_name: str) -> None:
    """Check data against a bundled schema; raise FormatError naming the first bad field."""
    import jsonschema

    if not isinstance(data, dict):
        raise FormatError("the file must hold a JSON object, not a list or a single value")
    validator = jsonschema.Draft202012Validator(load_json(schema_name), registry=_registry())
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
    """Turn parsed JSON into (person name or None, Assessment); raise FormatError if invalid."""
    check_format_header(data, ASSESSMENT_FORMAT)
    validate(data, "assessment.schema.json")
    _check_text(data.get("person"), "person")
    defaults = {f.id: f for f in catalogue().factors}
    factors: list[Factor] = []
    ratings: dict[str, Rating] = {}
    for index, item in enumerate(data["factors"]):
        fid = item["id"]
        for key in ("note", "title", "pro", "con"):
            _check_text(item.get(key), f"factors[{index}].{key}")
        if fid in ratings:
            raise FormatError(f"field factors[{index}].id: {fid!r} appears more than once")
        if item.get("custom"):
            if fid in defaults:
                raise FormatError(
                    f"field factors[{index}].id: {fid!r} is a default factor and cannot be custom"
                )
            factor = Factor(fid, item["title"], item["pro"], item["con"], source="", custom=True)
        elif fid in defaults:
            factor = defaults[fid]
        else:
            raise FormatError(
                f"field factors[{index}].id: unknown factor id {fid!r}"
                ' (a factor of your own needs "custom": true with title, pro and con)'
            )
        factors.append(factor)
        ratings[fid] = Rating(
            weight=float(item["weight"]),
            lean=float(item["lean"]),
            dealbreaker=bool(item.get("dealbreaker", False)),
            note=item.get("note", ""),
            certainty=Certainty(item.get("certainty", "unsure")),
        )
    # Default factors absent from the file take no part: keep them, hidden, so the table stays whole.
    present = set(ratings)
    hidden = set()
    for fid in DEFAULT_FACTOR_IDS:
        if fid not in present:
            factors.append(defaults[fid])
            ratings[fid] = Rating()
            hidden.add(fid)
    thresholds_data = data.get("thresholds", {})
    go = float(thresholds_data.get("go", 60.0))
    no_go = float(thresholds_data.get("no_go", 40.0))
    if no_go > go:
        raise FormatError("field thresholds: no_go must not be above go")
    assessment = Assessment(
        factors=factors,
        ratings=ratings,
        hidden=hidden,
        thresholds=Thresholds(go=go, no_go=no_go),
        gut_before=_verdict_or_none(data.get("gut_before")),
        gut_after=_verdict_or_none(data.get("gut_after")),
        method=data.get("method", "direct"),
        fit=_fit_from_data(data.get("fit", {})),
        readiness=_readiness_from_data(data.get("readiness")),
    )
    return data.get("person"), assessment


def _fit_from_data(section: dict[str, Any]) -> dict[str, float]:
    from ses_decider.core.readiness_content import readiness_content

    if not section:
        return {}
    known = {q.id for q in readiness_content().fit_questions}
    for question_id in section:
        if question_id not in known:
            raise FormatError(f"field fit.{question_id}: unknown fit question {question_id!r}")
    return {question_id: float(answer) for question_id, answer in section.items()}


def _readiness_from_data(section: dict[str, Any] | None) -> ReadinessState | None:
    """The optional readiness section; absent means the roadmap was not started."""
    from ses_decider.core.readiness_content import readiness_content

    if section is None:
        return None
    content = readiness_content()
    facts: dict[str, float] = {}
    for item_id, raw in section.get("facts", {}).items():
        where = f"field readiness.facts.{item_id}"
        try:
            item = content.item(item_id)
        except KeyError:
            raise FormatError(f"{where}: unknown checklist item {item_id!r}") from None
        value = float(raw)
        if item.kind == "yesno" and value not in (0.0, 1.0):
            raise FormatError(f"{where}: expected true or false, got {raw!r}")
        if value > item.upper():
            raise FormatError(f"{where}: {raw!r} is above the maximum {item.upper():g}")
        facts[item_id] = value
    ecq_set = section.get("ecq_set", content.ecq_default)
    if ecq_set not in {s.id for s in content.ecq_sets}:
        raise FormatError(f"field readiness.ecq_set: unknown ECQ set {ecq_set!r}")
    ecq: dict[str, EcqRating] = {}
    for ecq_id, entry in section.get("ecq", {}).items():
        if ecq_id not in content.all_ecq_ids():
            raise FormatError(f"field readiness.ecq.{ecq_id}: unknown ECQ {ecq_id!r}")
        _check_text(entry.get("example"), f"readiness.ecq.{ecq_id}.example")
        rating = entry.get("rating")
        ecq[ecq_id] = EcqRating(None if rating is None else int(rating), entry.get("example", ""))
    plan: list[PlanItem] = []
    for index, entry in enumerate(section.get("plan", [])):
        where = f"readiness.plan[{index}]"
        _check_text(entry.get("text"), f"{where}.text")
        if any(p.id == entry["id"] for p in plan):
            raise FormatError(f"field {where}.id: {entry['id']!r} appears more than once")
        target = entry.get("target_date")
        if target is not None:
            try:
                datetime.strptime(target, "%Y-%m-%d")
            except ValueError:
                raise FormatError(f"field {where}.target_date: {target!r} is not a date") from None
        plan.append(
            PlanItem(entry["id"], entry["text"], entry.get("gap"), target, entry.get("done", False))
        )
    return ReadinessState(facts=facts, ecq_set=ecq_set, ecq=ecq, plan=plan)


def _check_text(value: Any, where: str) -> None:
    """Refuse text that cannot be stored or printed: a lone surrogate escape such as \\ud800."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise FormatError(
                f"field {where}: contains an invalid character (a lone surrogate escape)"
            ) from None


def _verdict_or_none(value: str | None) -> Verdict | None:
    return Verdict(value) if value else None


def load_assessment_file(path: str | Path) -> tuple[str | None, Assessment]:
    """Read and validate an assessment file."""
    return assessment_from_data(read_json_file(path))


def assessment_to_data(assessment: Assessment, person: str | None = None) -> dict[str, Any]:
    """The assessment as interchange JSON (hidden factors are left out: they take no part)."""
    factors = []
    for factor, rating in assessment.active():
        item: dict[str, Any] = {
            "id": factor.id,
            "weight": _plain_number(rating.weight),
            "lean": _plain_number(rating.lean),
            "dealbreaker": rating.dealbreaker,
            "note": rating.note,
            "certainty": rating.certainty.value,
        }
        if factor.custom:
            item.update(custom=True, title=factor.title, pro=factor.pro, con=factor.con)
        factors.append(item)
    data: dict[str, Any] = {"format": ASSESSMENT_FORMAT, "version": 1}
    if person:
        data["person"] = person
    data.update(
        exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        thresholds={
            "go": _plain_number(assessment.thresholds.go),
            "no_go": _plain_number(assessment.thresholds.no_go),
        },
        gut_before=assessment.gut_before.value if assessment.gut_before else None,
        gut_after=assessment.gut_after.value if assessment.gut_after else None,
        method=assessment.method,
        factors=factors,
    )
    if assessment.fit:
        data["fit"] = {qid: _plain_number(answer) for qid, answer in assessment.fit.items()}
    if assessment.readiness is not None:
        data["readiness"] = _readiness_to_data(assessment.readiness)
    return data


def _readiness_to_data(state: ReadinessState) -> dict[str, Any]:
    from ses_decider.core.readiness_content import readiness_content

    content = readiness_content()

    def fact(item_id: str, value: float) -> bool | float | int:
        try:
            if content.item(item_id).kind == "yesno":
                return value >= 1
        except KeyError:
            pass
        return _plain_number(value)

    return {
        "ecq_set": state.ecq_set,
        "facts": {item_id: fact(item_id, value) for item_id, value in state.facts.items()},
        "ecq": {eid: {"rating": r.rating, "example": r.example} for eid, r in state.ecq.items()},
        "plan": [
            {
                "id": p.id,
                "text": p.text,
                "gap": p.gap,
                "target_date": p.target_date,
                "done": p.done,
            }
            for p in state.plan
        ],
    }


def _plain_number(value: float) -> float | int:
    """Write 7 rather than 7.0, but keep fractions exactly."""
    if math.isfinite(value) and float(value).is_integer():
        return int(value)
    return value


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
