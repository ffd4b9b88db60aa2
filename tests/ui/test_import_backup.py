"""GUI imports (File > Import, a file dropped on the window) back the database up first, as the
command line does: one rule (`ops.imports.backup_before_import`), run before every import."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ses_decider.storage.backups import list_backups, reason_of
from ses_decider.storage.exchange import assessment_to_data, write_json_atomically
from tests.helpers import neutral_assessment
from tests.ui.conftest import db_path, window  # noqa: F401 - the main window fixture


def a_file_for(tmp_path, name: str):
    """An assessment file that replaces the named person's current assessment."""
    path = tmp_path / f"{name}.json"
    data = assessment_to_data(neutral_assessment(lean=2), name)
    data["exported_at"] = (
        "2100-01-01T00:00:00+00:00"  # newer than what is stored, whatever the clock
    )
    write_json_atomically(path, data)
    return path


def names_in(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(name for (name,) in conn.execute("SELECT name FROM people"))
    finally:
        conn.close()


def drop(window, path) -> None:  # noqa: F811
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_file_import_backs_up_the_database_as_it_was(window, tmp_path):  # noqa: F811
    session = window.session
    name = session.person.name
    before = session.repo.assessments.load(session.person.id).ratings["pay"].lean
    assert window.files.import_file(str(a_file_for(tmp_path, name)))
    [backup] = list_backups(session.data_folder())
    assert reason_of(backup) == "before-import"
    conn = sqlite3.connect(backup)
    try:
        stored = conn.execute("SELECT count(*) FROM snapshots").fetchone()[0]
    finally:
        conn.close()
    assert stored == 0  # the copy is from before the import kept a snapshot of the replaced one
    assert session.assessment.ratings["pay"].lean == 2 != before


def test_a_dropped_file_backs_up_first_too(window, tmp_path):  # noqa: F811
    drop(window, a_file_for(tmp_path, "Dropped Person"))
    assert window.session.person.name == "Dropped Person"
    assert [reason_of(p) for p in list_backups(window.session.data_folder())] == ["before-import"]


def test_no_backup_no_import(window, tmp_path, no_modal_dialogs):  # noqa: F811
    folder = window.session.data_folder()
    (folder / "backups").write_text("a file where the backups folder goes", encoding="utf-8")
    before = names_in(window.session.db_path)
    drop(window, a_file_for(tmp_path, "Someone New"))
    assert names_in(window.session.db_path) == before  # nothing was imported
    assert window.session.person.name != "Someone New"
    assert any(
        "No backup could be made" in said and "so nothing was imported" in said
        for said in no_modal_dialogs
    ), no_modal_dialogs
