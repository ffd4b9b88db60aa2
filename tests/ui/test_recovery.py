"""The GUI keeps data safe: bad files on open, a second instance, restore, delete-all, can't write.

No dialog is ever shown for real: each test patches the choice a user would make.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication, QMessageBox

from ses_decider.storage.assessments import AssessmentStore
from ses_decider.storage.backups import backup_database
from ses_decider.storage.db import DatabaseProblem, open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui import app as app_module
from ses_decider.ui import recovery
from ses_decider.ui import session as session_module
from tests.helpers import neutral_assessment


def make_db(path: Path, names=("Alex",)) -> None:
    db = open_database(path)
    for name in names:
        Repository(db).create_person(name, neutral_assessment())
    db.close()


def damage(path: Path) -> bytes:
    raw = bytearray(path.read_bytes())
    raw[100:4096] = os.urandom(3996)
    path.write_bytes(bytes(raw))
    return bytes(raw)


@pytest.fixture
def quiet_run(monkeypatch, qapp):
    """run() without touching the process's signal handlers, closing its window afterwards."""
    monkeypatch.setattr(app_module.signal, "signal", lambda *a: None)
    before = set(QApplication.topLevelWidgets())
    yield
    for widget in set(QApplication.topLevelWidgets()) - before:
        widget.close()


def test_a_second_instance_is_told_and_opens_nothing(isolated_data_dir, quiet_run, monkeypatch):
    isolated_data_dir.mkdir(parents=True)
    held = QLockFile(str(isolated_data_dir / "ses-decider.lock"))
    assert held.tryLock(0)
    told = []
    monkeypatch.setattr(app_module.QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(
        "ses_decider.ui.main_window.MainWindow", lambda *a: pytest.fail("opened a window")
    )
    try:
        assert app_module.run(str(isolated_data_dir), exit_after_start=True) == 1
    finally:
        held.unlock()
    assert len(told) == 1 and "already open" in told[0]
    assert not (isolated_data_dir / "ses-decider.db").exists()


def test_a_damaged_file_and_quit_leaves_it_alone(isolated_data_dir, quiet_run, monkeypatch):
    path = isolated_data_dir / "ses-decider.db"
    make_db(path)
    raw = damage(path)
    asked = []
    monkeypatch.setattr(recovery, "ask_what_to_do", lambda p, b: asked.append(p) or "quit")
    assert app_module.run(str(isolated_data_dir), exit_after_start=True) == 2
    assert asked[0].kind == "damaged" and len(str(asked[0]).splitlines()) == 1
    assert path.read_bytes() == raw
    assert sorted(p.name for p in isolated_data_dir.glob("*.db*")) == ["ses-decider.db"]


def test_a_damaged_file_start_new_keeps_it_renamed(isolated_data_dir, quiet_run, monkeypatch):
    path = isolated_data_dir / "ses-decider.db"
    make_db(path)
    raw = damage(path)
    monkeypatch.setattr(recovery, "ask_what_to_do", lambda p, b: "new")
    assert app_module.run(str(isolated_data_dir), exit_after_start=True) == 0
    kept = list(isolated_data_dir.glob("ses-decider-*-damaged.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    db = open_database(path)
    assert [p.is_demo for p in Repository(db).people.all()] == [True]  # a fresh start on the demo
    db.close()


def test_a_newer_file_restore_latest_backup(tmp_path, monkeypatch):
    path = tmp_path / "ses-decider.db"
    make_db(path, ("Alex", "Sam"))
    db = open_database(path)
    backup_database(db, tmp_path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ses_decider', 'm999_future', '2030-01-01')"
    )
    db.close()
    newer = path.read_bytes()
    with pytest.raises(DatabaseProblem) as problem:
        open_database(path)
    offered = []
    monkeypatch.setattr(recovery, "ask_what_to_do", lambda p, b: offered.append(b) or "restore")
    restored = recovery.recover_on_open(problem.value, path)
    assert offered == [True]
    assert sorted(p.name for p in Repository(restored).people.all()) == ["Alex", "Sam"]
    restored.close()
    kept = list(tmp_path.glob("ses-decider-*-before-restore.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == newer


def test_restore_from_backup_menu(window, db_path, monkeypatch):
    session = window.session
    backup_database(session.repo.db, db_path.parent)
    session.create_person("Added later", neutral_assessment())
    assert len(session.repo.people.all()) == 2
    menu_texts = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
    assert "&Restore from backup\u2026" in menu_texts
    shown = []

    def fake_exec(dialog):
        shown.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        return True

    monkeypatch.setattr(recovery.RestoreDialog, "exec", fake_exec)
    window.files.restore_from_backup()
    assert len(shown[0]) == 1 and "1 person" in shown[0][0]
    assert [p.name for p in session.repo.people.all()] == ["Sample person (demo)"]
    assert session.person.is_demo and window.person_combo.count() == 1
    aside = list(db_path.parent.glob("ses-decider-*-before-restore.db"))
    assert len(aside) == 1  # the data replaced is kept
    session.set_weight(next(iter(session.assessment.ratings)), 3)
    assert session.flush()  # the restored database is live and writable


def test_delete_all_my_data_asks_first(window, db_path, monkeypatch):
    session = window.session
    backup_database(session.repo.db, db_path.parent)
    session.create_person("Private", neutral_assessment())
    monkeypatch.setattr(
        recovery.QMessageBox, "warning", lambda *a: QMessageBox.StandardButton.Cancel
    )
    window.files.delete_all_data()
    assert session.repo.people.by_name("Private") is not None
    monkeypatch.setattr(recovery.QMessageBox, "warning", lambda *a: QMessageBox.StandardButton.Yes)
    window.files.delete_all_data()
    assert not (db_path.parent / "backups").exists()
    assert [p.is_demo for p in session.repo.people.all()] == [True]
    conn = sqlite3.connect(db_path)  # the old rows are gone from the file itself
    assert conn.execute("SELECT count(*) FROM people WHERE name = 'Private'").fetchone()[0] == 0
    conn.close()


# Can't write ---------------------------------------------------------------------------------------
def _break(kind: str, db, monkeypatch):
    """Make writes fail the way a read-only folder or a full disk does; returns an undo."""
    if kind == "read-only":  # works as root too, where chmod would not stop anything
        db.execute("PRAGMA query_only = ON")
        return lambda: db.execute("PRAGMA query_only = OFF")
    if kind == "disk-full":
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return lambda: db.execute("PRAGMA max_page_count = 1000000")
    repo_cls = AssessmentStore
    original = repo_cls.save

    def failing(*a, **k):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(repo_cls, "save", failing)
    return lambda: monkeypatch.setattr(repo_cls, "save", original)


@pytest.mark.parametrize("kind", ["read-only", "disk-full", "io-error"])
def test_cannot_write_tells_once_keeps_edits_and_saves_later(qtbot, tmp_path, monkeypatch, kind):
    from ses_decider.ui.main_window import MainWindow

    monkeypatch.setattr(session_module, "AUTOSAVE_MS", 20)  # retry after 200 ms, not 4 s
    db = open_database(tmp_path / "ses-decider.db")
    repo = Repository(db)
    person = repo.create_person("Alex", neutral_assessment())
    session = session_module.Session(repo)
    window = MainWindow(session)
    qtbot.addWidget(window)
    session.open_person(person.id)
    warned = []
    monkeypatch.setattr(
        "ses_decider.ui.main_window.QMessageBox.warning", lambda *a: warned.append(a[2])
    )
    before = repo.assessments.load(person.id).ratings
    if kind == "disk-full":  # a big note so the save needs new pages
        first = next(iter(session.assessment.ratings))
        undo_fault = _break(kind, db, monkeypatch)
        session.set_note(first, "x" * 20000)
    else:
        undo_fault = _break(kind, db, monkeypatch)
    fids = list(session.assessment.ratings)
    for n, fid in enumerate(fids[:3]):
        session.set_weight(fid, n + 2)
    expected = session.assessment.copy()
    assert not session.flush()
    assert not session.flush()  # a second failure does not tell again
    assert len(warned) == 1 and "stay on screen" in warned[0]
    assert {"read-only": "read-only", "disk-full": "full", "io-error": "error"}[kind] in warned[0]
    assert session.dirty and session.assessment.ratings == expected.ratings
    assert repo.assessments.load(person.id).ratings == before  # nothing half-written
    undo_fault()
    qtbot.waitUntil(lambda: not session.dirty, timeout=3000)  # the retry timer saves it
    assert repo.assessments.load(person.id).ratings == expected.ratings
    assert len(warned) == 1
    assert window.save_state.text() == "All changes saved"
    db.close()
