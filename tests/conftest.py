"""Shared test set-up: headless Qt, and no test ever touches the user's real data folder."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Point the app's data folder at a fresh temporary folder for every test."""
    data = tmp_path / "data"
    monkeypatch.setenv("SES_DECIDER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return data


@pytest.fixture
def repo(tmp_path):
    """A repository on a fresh database, closed after the test."""
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository

    db = open_database(tmp_path / "test.db")
    yield Repository(db)
    db.close()
