"""The error every file problem becomes: one plain line naming the field, shown as it is."""

from __future__ import annotations

from typing import Any


class FormatError(ValueError):
    """A file the app cannot use; the message is one line meant for the user."""


def check_text(value: Any, where: str) -> None:
    """Refuse text that cannot be stored or printed: a lone surrogate escape such as \\ud800."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise FormatError(
                f"field {where}: contains an invalid character (a lone surrogate escape)"
            ) from None
