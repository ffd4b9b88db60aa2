"""The one way to find a file in resources/, wherever the app runs from.

Three layouts: a source checkout or editable install (resources/ beside the package), an installed wheel
(mapped to ses_decider/_resources at build time) and the frozen app (PyInstaller puts it under
sys._MEIPASS/resources).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir() -> Path:
    """Return the folder that holds factors.json, the JSON Schemas and icons/.

    Looked for in this order: the wheel's ``ses_decider/_resources``, the frozen app's
    ``<sys._MEIPASS>/resources``, then ``resources/`` beside the package (a source checkout or an
    editable install). The first that holds factors.json wins.
    """
    candidates = [_PACKAGE_DIR / "_resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")
    for candidate in candidates:
        if (candidate / "factors.json").is_file():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(
        f"The app's content files (resources/) are missing; reinstall SES Decider. Looked in: {looked}"
    )


def resource_path(name: str) -> Path:
    """Return the path of one resource file by name, e.g. ``"factors.json"``."""
    return resource_dir() / name


@cache
def load_json(name: str) -> dict:
    """Parse a bundled JSON resource once per process (content is read-only)."""
    with resource_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)
