"""Regenerate the sample brief in docs/: the demo person's brief as PDF, page 1 as a PNG.

Run from the repository root: `.venv/bin/python docs/make_brief_sample.py`. Needs poppler's
`pdftoppm` for the PNG (the PDF is written either way). Works headless.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ses_decider.core.content import demo_assessment  # noqa: E402
from ses_decider.report.brief import build_brief  # noqa: E402
from ses_decider.report.export import export_brief  # noqa: E402

DAY = date(2026, 11, 23)  # fixed, so the sample only changes when the brief does
OUT = ROOT / "docs" / "brief-page1.png"


def main() -> int:
    brief = build_brief("Sample person (demo)", demo_assessment(), day=DAY)
    with tempfile.TemporaryDirectory() as folder:
        pdf = export_brief(brief, Path(folder) / "brief.pdf")
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found (install poppler-utils); no PNG written", file=sys.stderr)
            return 1
        stem = Path(folder) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        shutil.copyfile(stem.with_suffix(".png"), OUT)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
