from __future__ import annotations

import pytest

from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui.app import open_main_window


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A message box nobody answers would hang the run: answer it, and keep what it said.

    Tests about a dialog patch it themselves and look at what it said.
    """
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []

    def answer(default):
        def show(_parent, _title, text, *args, **kwargs):
            said.append(text)
            return default

        return show

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, answer(QMessageBox.StandardButton.Ok))
    return said


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ui" / "ses-decider.db"


@pytest.fixture
def window(qtbot, db_path):
    """The main window on a fresh database, opened on the demo person as on a first start."""
    db = open_database(db_path)
    repo = Repository(db)
    session, win = open_main_window(repo)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    session.flush()
    db.close()
