"""Regenerate the README screenshots (offscreen, on the built-in demo person): `make screenshots`.

Each view is shot at 1280x820; the main view also at 1024x768 and at 200% scaling on a 1920x1080
screen (a subprocess with QT_SCALE_FACTOR=2), so the images show what people at those sizes see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"


def shoot(shots: list[tuple[str, int, int, str]]) -> None:
    """Shots are (file name, width, height, view); views are names of `VIEWS` below."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository
    from ses_decider.ui.app import open_main_window

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "shots.db")
        repo = Repository(db)
        session, window = open_main_window(repo)
        window.show()
        for name, width, height, view in shots:
            window.resize(width, height)
            VIEWS[view](window)
            for _ in range(10):
                app.processEvents()
                # Widgets replaced on the way (the mentor's rows) go, as the event loop would do.
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            OUT.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(OUT / name))
            print(f"wrote docs/screenshots/{name}")
        session.flush()
        window.close()
        db.close()


def _tab(index: int):
    def show(window) -> None:
        window.side_tabs.setCurrentIndex(index)
        window.solidity.update_robustness()

    return show


def _page(title: str, prepare=None):
    def show(window) -> None:
        window.side_tabs.setCurrentIndex(0)
        for index in range(window.pages.count()):
            if (
                window.pages.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")
                == title
            ):
                window.pages.setCurrentIndex(index)
        if prepare:
            prepare(window)

    return show


def _fill_readiness(window) -> None:
    view = window.page("readiness")
    for item, value in (("positions_held", 3), ("details_done", 1), ("years_gs14_15", 4)):
        view.fact_inputs[item].setValue(value)
    view.fact_inputs["coach_or_mentor"].setChecked(True)
    for combo in list(view.fit_inputs.values())[:4]:
        combo.setCurrentIndex(4)


def _history(window) -> None:
    repo, person = window.session.repo, window.session.person
    if not repo.snapshots.list(person.id):
        for label, lean in (("first look", -4), ("after a detail to OMB", -3), ("family talk", -1)):
            window.session.set_lean("work_family", lean)
            window.session.flush()
            repo.snapshots.take(person.id, window.session.assessment, label)
    window.page("history").refresh()


def _reveal(window) -> None:
    view = window.page("mentor")
    for fid, weight, lean in (("work_family", 8, 2), ("mission", 6, 1), ("pay", 5, -2)):
        view.table.cellWidget(view.order.index(fid), 1).setValue(weight)
        view.table.cellWidget(view.order.index(fid), 2).setValue(lean)
    if not view.revealed:
        view.toggle_reveal()
    view.table.selectRow(0)


VIEWS = {
    "decide": _tab(0),
    "solid": _tab(1),
    "gut": _tab(2),
    "readiness": _page("Fit & readiness", _fill_readiness),
    "history": _page("History", _history),
    "mentor": _page("Mentor", _reveal),
    "about": _page("About the SES"),
}


def main() -> None:
    if os.environ.get("SES_SHOTS_SCALED"):
        # A 1920x1080 laptop at 200%: 960x540 of room, less the window frame.
        shoot([("decide-200pct.png", 944, 500, "decide")])
        return
    shoot(
        [
            ("decide.png", 1280, 820, "decide"),
            ("decide-1024.png", 1024, 768, "decide"),
            ("solid.png", 1280, 820, "solid"),
            ("gut.png", 1280, 820, "gut"),
            ("readiness.png", 1280, 820, "readiness"),
            ("history.png", 1280, 820, "history"),
            ("mentor.png", 1280, 820, "mentor"),
            ("about.png", 1280, 820, "about"),
            ("readiness-1024.png", 1024, 768, "readiness"),
        ]
    )
    env = dict(os.environ, QT_SCALE_FACTOR="2", SES_SHOTS_SCALED="1")
    subprocess.run([sys.executable, __file__], env=env, check=True)


if __name__ == "__main__":
    main()
