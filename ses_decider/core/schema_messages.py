"""Plain words for a JSON Schema error, quoting at most a few characters of the offending value.

jsonschema's own messages start with the value's repr: for a list of 20,001 snapshots that is the
snapshots themselves. :func:`schema_error_text` says "at most 20,000 snapshots, the file has
20,001" instead, and never quotes more than ``QUOTE_LIMIT`` characters of anything in the file.
It reads the error's attributes only, so this module imports no jsonschema.
"""

from __future__ import annotations

from typing import Any

QUOTE_LIMIT = 40
TEXT_LIMIT = 160

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}
_ITEM_NOUNS = {"order": "factor ids", "hidden": "factor ids", "plan": "plan items"}


def quote(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """A short, JSON-flavoured mention of ``value``: never more than ``limit`` characters of text,
    and a list or object by its size, not its contents."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= limit else f"a number of {len(text):,} digits"
    if isinstance(value, str):
        text = repr(value)  # escapes control characters; may be longer than the value
        return text if len(text) <= limit else text[: limit - 4] + "...'"
    if isinstance(value, list):
        return f"a list of {len(value):,} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return f"an object with {len(value):,} field{'s' if len(value) != 1 else ''}"
    return type(value).__name__


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {quote(value)}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    return quote(value)


def _expected_type(types: Any) -> str:
    names = [types] if isinstance(types, str) else list(types)
    return " or ".join(_TYPE_WORDS.get(name, name) for name in names)


def _noun(path: Any) -> str:
    """What the items of the list at ``path`` are called ("snapshots", "factors", ...)."""
    parts = list(path)
    last = parts[-1] if parts else None
    if isinstance(last, str):
        return _ITEM_NOUNS.get(last, last if last.endswith("s") else "items")
    return "items"


def _one_line(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def schema_error_text(error: Any) -> str:
    """What is wrong, for a ``jsonschema.ValidationError`` (the caller names the field), in at
    most ``TEXT_LIMIT`` characters on one line."""
    return _one_line(_explain(error))


def _explain(error: Any) -> str:
    kind = error.validator
    limit = error.validator_value
    value = error.instance
    size = len(value) if isinstance(value, list | dict | str) else 0
    if kind == "maxItems":
        return f"at most {limit:,} {_noun(error.absolute_path)}, the file has {size:,}"
    if kind == "minItems":
        return f"at least {limit:,} {_noun(error.absolute_path)}, the file has {size:,}"
    if kind == "maxLength":
        return f"at most {limit:,} characters, the file has {size:,}"
    if kind == "minLength":
        return "must not be empty" if limit == 1 else f"at least {limit:,} characters"
    if kind == "maxProperties":
        return f"at most {limit:,} entries, the file has {size:,}"
    if kind == "minProperties":
        return f"at least {limit:,} entries, the file has {size:,}"
    if kind == "type":
        return f"expected {_expected_type(limit)}, got {_kind(value)}"
    if kind == "const":
        return f"expected {quote(limit)}, got {quote(value)}"
    if kind == "enum":
        options = ", ".join(quote(option) for option in list(limit)[:12])
        return f"expected one of {options}, got {quote(value)}"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{quote(value)} is below the minimum {limit!r}"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{quote(value)} is above the maximum {limit!r}"
    if kind == "pattern":
        return f"{quote(value)} is not in the expected form"
    if kind == "uniqueItems":
        return "holds the same item more than once"
    if kind == "additionalProperties" and isinstance(value, dict):
        known = set((error.schema or {}).get("properties", {}))
        extra = sorted(str(key) for key in value if key not in known)
        shown = ", ".join(quote(key) for key in extra[:5]) + (", ..." if len(extra) > 5 else "")
        return f"unexpected field{'s' if len(extra) != 1 else ''} {shown}"
    message = str(error.message)
    prefix = repr(value)
    if message.startswith(prefix):  # "<the value> is not valid under ...": name it, briefly
        message = quote(value) + message[len(prefix) :]
    return message
