"""A fast check of bundled content against its JSON Schema, for the content read at start-up.

Importing and running ``jsonschema`` costs about 100 ms, a fifth of the app's start-up budget, to
check files that only change when someone edits the app. The simple content schemas use a handful of
keywords; this module checks exactly those, reading them from the schema file (which stays the one
definition of the format). A schema that uses any other keyword ($ref, anyOf, if/then, ...) is handed
to ``jsonschema`` unchanged, so nothing is ever checked less. Tests hold this checker to jsonschema's
answer for every single-field breakage of the bundled files, and the installer build validates all
of resources/ with jsonschema itself.
"""

from __future__ import annotations

import re
from typing import Any

# Keywords this checker implements; "annotation" keywords carry no rule.
_RULES = {
    "type",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "minLength",
    "maxLength",
    "pattern",
    "items",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
}
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default"}

_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (
        isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and v.is_integer()
    ),
}


class SchemaViolation(ValueError):
    """``path`` is the JSON path of the offending value ("factors/3"), ``message`` says what is wrong."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path or 'top level'}: {message}")
        self.path = path
        self.message = message


def supported(schema: Any) -> bool:
    """True if every keyword in ``schema`` (at any depth) is one this module checks."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict) or not set(schema) <= _RULES | _ANNOTATIONS:
        return False
    subschemas = list(schema.get("properties", {}).values())
    for key in ("items", "additionalProperties"):
        if key in schema:
            subschemas.append(schema[key])
    return all(supported(sub) for sub in subschemas)


def check(data: Any, schema: dict) -> None:
    """Raise SchemaViolation for the first place where ``data`` breaks ``schema``.

    Uses this module's checker when the schema allows it, else the full jsonschema validator.
    """
    if supported(schema):
        _check(data, schema, ())
        return
    import jsonschema  # deferred: costly, and only needed for the richer schemas

    try:
        jsonschema.Draft202012Validator(schema).validate(data)
    except jsonschema.ValidationError as exc:
        raise SchemaViolation(_join(exc.absolute_path), exc.message) from None


def _join(path) -> str:
    return "/".join(str(p) for p in path)


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if _TYPES["number"](a) and _TYPES["number"](b):
        return a == b
    return type(a) is type(b) and a == b


def _check(value: Any, schema: dict | bool, path: tuple) -> None:
    def fail(message: str) -> None:
        raise SchemaViolation(_join(path), message)

    if schema is True:
        return
    if schema is False:
        fail(f"{value!r} should not be valid under False")
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(_TYPES[k](value) for k in kinds):
            fail(f"{value!r} is not of type {', '.join(repr(k) for k in kinds)}")
    if "const" in schema and not _same(value, schema["const"]):
        fail(f"{schema['const']!r} was expected")
    if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
        fail(f"{value!r} is not one of {schema['enum']!r}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            fail(f"{value!r} is too short")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            fail(f"{value!r} is too long")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            fail(f"{value!r} does not match {schema['pattern']!r}")
    if _TYPES["number"](value):
        if "minimum" in schema and value < schema["minimum"]:
            fail(f"{value!r} is less than the minimum of {schema['minimum']!r}")
        if "maximum" in schema and value > schema["maximum"]:
            fail(f"{value!r} is greater than the maximum of {schema['maximum']!r}")
    if isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                fail(f"{name!r} is a required property")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        unexpected = [k for k in value if k not in properties]
        if extra is False and unexpected:
            fail(f"Additional properties are not allowed ({unexpected[0]!r} was unexpected)")
        for key, item in value.items():
            _check(item, properties.get(key, extra), (*path, key))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            fail(f"{value!r} should have at least {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            fail(f"{value!r} should have at most {schema['maxItems']} items")
        if "items" in schema:
            for index, item in enumerate(value):
                _check(item, schema["items"], (*path, index))
