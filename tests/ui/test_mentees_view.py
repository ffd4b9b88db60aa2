"""The Mentees page, driven as a mentor would: sort, filter, open a mentee, prepare a session (edit
the agenda, print, save) and record it, tick what was agreed, see what is due."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from ses_decider.core.content import demo_assessment
from ses_decider.core.mentoring import AgreedAction, MentoringSession
from ses_decider.core.model import Rating
from ses_decider.ops import run
from ses_decider.ops.mentoring import record_session
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui.app import open_main_window
from ses_decider.ui.views.desk_table import CHANGE, NAME, SCORE
from tests.report.conftest import needs_poppler, pdf_pages, pdf_text
from tests.ui.test_people_views import open_page

TODAY = date(2026, 5, 1)
LEANS = {"Alex": -4, "Bo": 4, "Cy": 0, "Dee": 2}  # pay leans: four different scores


@pytest.fixture
def desk(qtbot, tmp_path):
    """The main window on four mentees (Alex with a session, an action due and a mentor's view),
    showing the Mentees page."""
    db = open_database(tmp_path / "desk.db")
    repo = Repository(db)
    for name, lean in LEANS.items():
        a = demo_assessment()
        a.ratings["pay"] = Rating(weight=8, lean=lean)
        person = repo.create_person(name, a)
        repo.snapshots.take(person.id, a, "first", taken_at="2026-03-01T10:00:00+00:00")
    alex = repo.people.by_name("Alex")
    mentor = demo_assessment()
    mentor.ratings["pay"] = Rating(weight=8, lean=3)
    repo.assessments.save(alex.id, mentor, "mentor")
    session = MentoringSession("2026-03-05", notes="First talk")
    run(
        repo,
        record_session,
        alex.id,
        session,
        [AgreedAction(session.id, "Ask HR about a detail", due="2026-04-15")],
    )
    session_obj, window = open_main_window(repo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    session_obj.open_person(alex.id)
    open_page(window, "Mentees")
    view = window.page("mentees")
    view.today = lambda: TODAY
    view.refresh()
    yield window, view
    session_obj.flush()
    db.close()


def click_header(qtbot, view, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_every_mentee_has_a_row_with_the_desk_columns(desk):
    _, view = desk
    assert view.visible_names() == ["Alex", "Bo", "Cy", "Dee"]
    model = view.proxy
    row = view.visible_names().index("Alex")
    cells = [model.index(row, c).data() for c in range(model.columnCount())]
    assert cells[5].startswith("Pay (+")  # the mentor sees pay far better
    assert cells[6] == "2026-04-15 Ask HR about a detail (overdue)"
    assert cells[7] == "2026-03-05"
    assert model.index(view.visible_names().index("Bo"), 7).data() == "\u2013"


def test_sorting_by_a_column_and_back(desk, qtbot):
    _, view = desk
    click_header(qtbot, view, SCORE)
    assert view.visible_names() == ["Alex", "Cy", "Dee", "Bo"]  # lowest score first
    click_header(qtbot, view, SCORE)
    assert view.visible_names() == ["Bo", "Dee", "Cy", "Alex"]
    click_header(qtbot, view, NAME)
    assert view.visible_names() == ["Alex", "Bo", "Cy", "Dee"]


def test_empty_cells_sort_last_both_ways(desk, qtbot):
    _, view = desk
    click_header(qtbot, view, CHANGE)  # only Alex has had a session: the others show a dash
    assert view.visible_names()[0] == "Alex"
    click_header(qtbot, view, CHANGE)
    assert view.visible_names()[0] == "Alex"


def test_typing_filters_the_table(desk, qtbot):
    _, view = desk
    qtbot.keyClicks(view.filter, "ee")
    assert view.visible_names() == ["Dee"]
    view.filter.clear()
    qtbot.keyClicks(view.filter, "overdue")  # any column: Alex's action is overdue
    assert view.visible_names() == ["Alex"]
    view.filter.clear()
    view.table.setFocus()
    qtbot.keyClicks(view.table, "c")  # typing in the table starts the filter
    assert view.filter.hasFocus() and view.filter.text() == "c"
    qtbot.keyClicks(view.filter, "y")
    assert view.visible_names() == ["Cy"]


def test_enter_opens_the_mentee_on_the_decide_page(desk, qtbot):
    window, view = desk
    row = view.visible_names().index("Cy")
    view.table.setCurrentIndex(view.proxy.index(row, NAME))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.session.person.name == "Cy"
    assert window.pages.currentIndex() == 0
    assert window.windowTitle().startswith("Cy")


def test_a_double_click_opens_the_mentee(desk, qtbot):
    window, view = desk
    row = view.visible_names().index("Dee")
    rect = view.table.visualRect(view.proxy.index(row, NAME))
    # As a real double click arrives: a press and release, then the double-click event.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.person.name == "Dee"
    assert window.pages.currentIndex() == 0


def test_the_chart_draws_and_names_a_line_for_each_mentee(desk):
    window, view = desk
    names = view.chart.line_names()
    assert sorted(names.values()) == sorted(LEANS)
    alex = window.session.person.id
    assert len(view.chart.line_scores(alex)) == 2  # the snapshot and now
    drawn = [y for y in view.chart.current.getData()[1]]
    assert drawn == view.chart.line_scores(alex)  # the current person's line on top
    labels = {text for _, _, text, _ in view.chart.labels.entries}
    assert labels == set(LEANS)


def test_an_agreed_action_due_shows_under_the_verdict(desk):
    window, _ = desk
    assert "Ask HR about a detail" in window.review_bar.text()
    assert not window.review_bar.isHidden()


def test_preparing_a_session_the_mentor_reorders_removes_and_adds(desk, qtbot, tmp_path):
    _, view = desk
    dialog = view.agenda_dialog()
    qtbot.addWidget(dialog)
    texts = dialog.texts()
    assert texts[0].startswith("Since the session on 2026-03-05")
    assert any(t.startswith("Ask HR about a detail") for t in texts)
    assert any(t.startswith("Pay:") for t in texts)

    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.up, Qt.MouseButton.LeftButton)
    assert dialog.texts()[0] == texts[1]
    qtbot.mouseClick(dialog.down, Qt.MouseButton.LeftButton)
    assert dialog.texts()[:2] == texts[:2]
    dialog.list.setCurrentRow(len(texts) - 1)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert dialog.texts() == texts[:-1]
    dialog.list.setCurrentRow(0)
    dialog.add_own("Her questions about the QRB")
    assert dialog.texts()[1] == "Her questions about the QRB"
    assert dialog.items()[1].kind == "own"
    dialog.list.item(0).setText("Opening: how was the detail?")  # as editing in place does
    assert dialog.items()[0].text == "Opening: how was the detail?"
    assert dialog.items()[0].kind == "change"


@needs_poppler
def test_the_agenda_prints_and_saves_on_one_page(desk, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    _, view = desk
    dialog = view.agenda_dialog()
    qtbot.addWidget(dialog)
    dialog.add_own("Her questions about the QRB")
    assert dialog.save_agenda(str(tmp_path / "agenda.pdf"))
    assert pdf_pages(tmp_path / "agenda.pdf") == 1
    assert "Her questions about the QRB" in pdf_text(tmp_path / "agenda.pdf")
    assert dialog.save_agenda(str(tmp_path / "agenda.html"))
    assert "Her questions about the QRB" in (tmp_path / "agenda.html").read_text(encoding="utf-8")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_agenda(printer)
    assert pdf_pages(tmp_path / "printed.pdf") == 1


def test_recording_a_session_from_the_agenda(desk, qtbot):
    window, view = desk
    agenda = view.agenda_dialog()
    qtbot.addWidget(agenda)
    agenda.add_own("Her questions about the QRB")
    used = agenda.items()
    dialog = view.session_dialog(agenda=used)
    qtbot.addWidget(dialog)
    assert dialog.day.date().toString("yyyy-MM-dd") == "2026-05-01"
    dialog.agenda_list.setCurrentRow(0)
    dialog.drop_agenda_item()  # not discussed
    dialog.notes.setPlainText("She will ask for the detail in June.")
    row = dialog.add_action()
    dialog.set_action(row, "Draft the detail request", "Mentee", "2026-06-01")
    row = dialog.add_action()
    dialog.set_action(row, "Introduce her to an SES", "Mentor", "")
    QTimer.singleShot(0, dialog.accept)
    assert view.record_session(dialog=dialog)

    top = view.log.topLevelItem(0)  # newest first
    assert top.text(0).startswith("2026-05-01")
    assert "She will ask for the detail" in top.text(0)
    assert [top.child(i).text(0) for i in range(top.childCount())] == [
        "Draft the detail request",
        "Introduce her to an SES",
    ]
    sessions = window.session.repo.mentoring.sessions(window.session.person.id)
    recorded = next(s for s in sessions if s.held_on == "2026-05-01")
    assert [i.text for i in recorded.agenda] == [i.text for i in used[1:]]
    assert "Record a session" in window.session.undo_stack.undoText()
    window.session.undo_stack.undo()
    assert view.log.topLevelItem(0).text(0).startswith("2026-03-05")


def test_a_bad_date_keeps_the_dialog_open_and_says_why(desk, qtbot):
    _, view = desk
    dialog = view.session_dialog()
    qtbot.addWidget(dialog)
    row = dialog.add_action()
    dialog.set_action(row, "Read the guide", "Mentee", "2026-02-31")
    dialog.accept()
    assert dialog.result() == 0 and not dialog.problem.isHidden()
    assert "Action 1" in dialog.problem.text() and "2027-03-31" in dialog.problem.text()


def test_ticking_an_action_done_is_stored_and_undoable(desk, qtbot):
    window, view = desk
    item = view.log.action_items()[0]
    assert item.text(0) == "Ask HR about a detail"
    item.setCheckState(0, Qt.CheckState.Checked)
    person = window.session.person.id
    qtbot.waitUntil(lambda: window.session.repo.mentoring.actions(person)[0].done)
    assert "Ask HR" not in window.review_bar.text()  # no longer due
    window.session.undo_stack.undo()
    assert window.session.repo.mentoring.actions(person)[0].done is False
    assert view.log.action_items()[0].checkState(0) == Qt.CheckState.Unchecked


def test_editing_and_removing_from_the_log(desk, qtbot):
    window, view = desk
    view.log.setCurrentItem(view.log.topLevelItem(0))
    chosen = view.log.selected_session()
    assert chosen.held_on == "2026-03-05"
    dialog = view.session_dialog(
        session=chosen, actions=window.session.repo.mentoring.actions(window.session.person.id)
    )
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("First talk, edited")
    QTimer.singleShot(0, dialog.accept)
    assert view.edit_session(chosen.id, dialog=dialog)
    assert "First talk, edited" in view.log.topLevelItem(0).text(0)
    view.log.setCurrentItem(view.log.action_items()[0])
    view.remove_selected()
    assert view.log.action_items() == []
    view.log.setCurrentItem(view.log.topLevelItem(0))
    view.remove_selected()  # asks first; the test answers yes
    assert view.log.topLevelItemCount() == 0
    window.session.undo_stack.undo()
    assert view.log.topLevelItemCount() == 1


def test_every_control_of_the_desk_and_its_dialogs_has_a_name(desk, qtbot):
    from tests.ui.test_accessibility import unnamed_controls

    _, view = desk
    assert unnamed_controls(view) == []
    for dialog in (view.agenda_dialog(), view.session_dialog()):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == []
        dialog.close()
