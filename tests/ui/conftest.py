from __future__ import annotations

import pytest

from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui.app import ensure_someone
from ses_decider.ui.main_window import MainWindow
from ses_decider.ui.session import Session


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ui" / "ses-decider.db"


@pytest.fixture
def window(qtbot, db_path):
    """The main window on a fresh database, opened on the demo person as on a first start."""
    db = open_database(db_path)
    repo = Repository(db)
    first = ensure_someone(repo)
    session = Session(repo)
    win = MainWindow(session)
    qtbot.addWidget(win)
    session.open_person(first)
    win.show()
    qtbot.waitExposed(win)
    yield win
    session.flush()
    db.close()
