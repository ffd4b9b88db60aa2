"""On a small screen at 200% (1400x900: 700x450 of room) the window opens inside the screen and the
factor rows keep room to work in. A process of its own: the screen's size and scale are fixed when
Qt starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui.app import open_main_window
session, window = open_main_window(Repository(open_database(Path(sys.argv[1]) / "s.db")))
window.show()
for _ in range(5):
    app.processEvents()
area = window.screen().availableGeometry()
print(json.dumps({
    "area": [area.width(), area.height()],
    "window": [window.frameGeometry().right(), window.frameGeometry().bottom()],
    "rows_room": window.factor_scroll.viewport().height(),
    "row_height": min(r.height() for r in window.factor_list.rows.values()),
    "add_path": window.paths_panel.add_button.isVisible(),
}))
"""


def test_at_200_percent_on_1400_by_900_the_window_fits_and_the_rows_have_room(tmp_path):
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1400, "height": 900}]})
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens}", QT_SCALE_FACTOR="2")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    width, height = seen["area"]
    assert (width, height) == (700, 450)
    right, bottom = seen["window"]
    assert right < width and bottom < height  # nothing beyond the screen's edge
    # The rows are not squeezed out by what sits above them: more than half a row shows.
    assert seen["rows_room"] > seen["row_height"] / 2
    assert seen["add_path"]
