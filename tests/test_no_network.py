"""The app never touches the network: any attempt to resolve a name or open an internet socket fails
this test. It exercises start-up on the demo, editing and scoring, export/import and the report."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from ses_decider import cli

DATA = Path(__file__).resolve().parent / "data"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[str] = []

    def refuse(what):
        def _refuse(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkUsed(f"network use: {what}")

        return _refuse

    real_connect = socket.socket.connect

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            return refuse("socket.connect")(self, address)
        return real_connect(self, address)  # local (AF_UNIX) sockets are not the network

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield attempts
    assert attempts == [], attempts


def test_the_guard_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))
    no_network.clear()


def test_start_up_scoring_export_import_and_report_stay_offline(
    no_network, qtbot, tmp_path, capsys
):
    from ses_decider.storage.db import open_database
    from ses_decider.storage.repository import Repository
    from ses_decider.ui.main_window import MainWindow
    from ses_decider.ui.session import Session

    data_dir = tmp_path / "data"
    db = open_database(data_dir / "ses-decider.db")
    repo = Repository(db)
    session = Session(repo)
    window = MainWindow(session)
    qtbot.addWidget(window)
    session.open_someone()
    window.show()
    qtbot.waitExposed(window)
    fid = next(iter(session.assessment.ratings))
    session.set_weight(fid, 9)
    session.set_lean(fid, -3)
    assert session.flush()
    demo = session.person.name
    window.close()
    db.close()

    base = ["--data-dir", str(data_dir)]
    assert cli.main(["score", str(DATA / "good.json"), "--json"]) == 0
    assert cli.main([*base, "import", str(DATA / "good.json")]) == 0
    out = tmp_path / "alex.json"
    assert cli.main([*base, "export", "--person", "Alex Rivera", "--out", str(out)]) == 0
    assert cli.main([*base, "people"]) == 0
    if "report" in cli._COMMANDS:
        for name in ("brief.html", "brief.pdf"):
            assert cli.main([*base, "report", "--person", demo, "--out", str(tmp_path / name)]) == 0
    capsys.readouterr()
    assert "PySide6.QtNetwork" not in sys.modules  # Qt's own sockets would bypass the guard
