"""File names built from what a person typed (their name), safe on Windows, macOS and Linux.

The GUI suggests "Alex Rivera.json" or "Alex Rivera brief.pdf"; a name like ``../../etc/x``,
``CON`` or one holding a newline must never become a path outside the chosen folder, a device,
or a name that some system refuses.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT_STEM = "person"
MAX_STEM_BYTES = 120  # well inside the 255-byte name limit, leaving room for " brief.html"

# Characters Windows forbids in a file name, plus both path separators.
_FORBIDDEN = set('<>:"/\\|?*')
# Control, format (bidi overrides, zero-width), surrogate and line/paragraph separator characters.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{device}{n}"
    for device in ("COM", "LPT")
    for n in (*"0123456789", "\u00b9", "\u00b2", "\u00b3")
}


def _is_reserved(stem: str) -> bool:
    """Windows reserves device names, also before an extension ("nul.tar") and before spaces."""
    return stem.split(".")[0].rstrip(" ").upper() in _RESERVED


def _trim(text: str) -> str:
    return text.strip(" .")


def safe_file_stem(name: str, default: str = DEFAULT_STEM) -> str:
    """A file name stem (no extension) made from ``name``: the same name where it is already safe.

    Path separators, characters Windows forbids, control and other invisible characters become
    spaces; runs of spaces and of dots shrink to one (so ``..`` never survives); leading and
    trailing spaces and dots go; the result is at most ``MAX_STEM_BYTES`` in UTF-8, never empty
    (``default`` instead) and never a reserved Windows device name (``CON`` becomes ``CON_``).
    """
    text = unicodedata.normalize("NFC", str(name))
    kept = []
    for char in text:
        invisible = unicodedata.category(char) in _INVISIBLE_CATEGORIES
        if char in _FORBIDDEN or invisible or char.isspace():
            kept.append(" ")
        else:
            kept.append(char)
    text = re.sub(r" {2,}", " ", "".join(kept))
    text = re.sub(r"\.{2,}", ".", text)
    text = _trim(text)
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        text = _trim(encoded[:MAX_STEM_BYTES].decode("utf-8", errors="ignore"))
    if not text:  # the default passes through the same rules (and "person" is safe as it is)
        text = DEFAULT_STEM if default == DEFAULT_STEM else safe_file_stem(default)
    if _is_reserved(text):
        first, dot, rest = text.partition(".")
        text = f"{first.rstrip(' ')}_{dot}{rest}"
    return text
