"""File names built from what people type (a person's name), safe on every platform."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = (
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def safe_file_stem(name: str, fallback: str = "person") -> str:
    """``name`` without path separators, ``..``, control characters or characters Windows
    forbids; trimmed of dots and spaces; never empty and never a reserved Windows device name."""
    text = _FORBIDDEN.sub(" ", name or "")
    text = text.replace("..", " ")
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text or text.split(".")[0].lower() in _RESERVED:
        text = f"{fallback} {text}".strip() if text else fallback
    return text[:120].rstrip(" .") or fallback
