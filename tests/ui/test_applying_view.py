"""The Applying page, driven like a user: write a story and watch the hints and the grid, check a
résumé, practise an answer against the timer and rate it with a mentor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from ses_decider.ops import applying as ops
from tests.core.test_resume import para, write_docx

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 12, 1)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def open_applying(window, tab: int = 0):
    view = window.show_page("applying")
    view.tabs.setCurrentIndex(tab)
    view.stories.today = lambda: TODAY
    return view


def stored_stories(window):
    return window.session.read(ops.stories_of, window.session.person.id)


def type_story(qtbot, bank, **parts):
    if "title" in parts:
        bank.title.setFocus()
        qtbot.keyClicks(bank.title, parts.pop("title"))
    for part, text in parts.items():
        bank.parts[part].setFocus()
        qtbot.keyClicks(bank.parts[part], text)


def test_the_page_has_a_mnemonic_no_other_tab_or_menu_uses(window):
    titles = [window.pages.tabText(i) for i in range(window.pages.count())]
    assert "A&pplying" in titles
    menus = [a.text() for a in window.menuBar().actions()]
    keys = []
    for text in titles + menus:
        plain = text.replace("&&", "")
        if "&" in plain:
            keys.append(plain[plain.index("&") + 1].lower())
    assert len(keys) == len(set(keys)), keys


def test_writing_a_story_updates_the_hints_as_one_types_and_saves_after_a_pause(window, qtbot):
    view = open_applying(window)
    bank = view.stories
    qtbot.mouseClick(bank.new_button, Qt.MouseButton.LeftButton)
    assert len(stored_stories(window)) == 1 and bank.editor.isEnabled()
    assert "Give the story a title" in bank.hints.text() or "title" in bank.hints.text().lower()
    type_story(
        qtbot,
        bank,
        title="Claims backlog recovery",
        challenge="The claims backlog had grown to 410,000 cases.",
        context="Twelve regional offices, 1,150 staff, a hiring freeze.",
        action="We redesigned intake.",
    )
    assert "we" in bank.hints.text().lower()  # told as "we": a hint says so at once
    bank.parts["action"].selectAll()
    qtbot.keyClicks(bank.parts["action"], "I redesigned intake and moved 640 staff.")
    assert "we" not in bank.hints.text().lower().split()
    type_story(qtbot, bank, result="The backlog fell sharply.")
    assert "number" in bank.hints.text()
    qtbot.keyClicks(bank.parts["result"], " It fell 38% in 18 months.")
    assert "number" not in bank.hints.text()
    assert bank.pending
    qtbot.waitUntil(lambda: not bank.pending, timeout=3000)
    story = stored_stories(window)[0]
    assert story.title == "Claims backlog recovery"
    assert story.result.endswith("38% in 18 months.")
    assert "Claims backlog recovery" in bank.list.item(0).text()


def test_tagging_a_story_fills_the_grid_and_raises_am_i_ready(window, qtbot):
    readiness = window.show_page("readiness")
    readiness.fact_inputs["positions_held"].setValue(2)  # start "Am I ready?"
    window.session.flush()
    ready_before = readiness.quadrant.point[1]
    view = open_applying(window)
    bank = view.stories
    bank.new_story()
    type_story(
        qtbot,
        bank,
        title="Claims backlog recovery",
        challenge="The backlog had grown to 410,000 cases.",
        context="I directed 12 offices.",
        action="I redesigned intake.",
        result="The backlog fell 38%.",
    )
    bank.happened.setDate(bank.happened.date().fromString("2024-03-15", "yyyy-MM-dd"))
    bank.tags["leading_people"].setChecked(True)
    bank.save_now()
    grid = {bank.grid.item(r, 0).text(): r for r in range(bank.grid.rowCount())}
    row = grid["Leading People"]
    assert bank.grid.item(row, 1).text() == "1"
    assert bank.grid.item(row, 2).text() == "2024-03-15"
    assert bank.grid.item(row, 4).text() == "Claims backlog recovery"
    assert bank.grid.item(grid["Driving Efficiency"], 3).text() == "no story"
    readiness = window.show_page("readiness")
    assert readiness.quadrant.point[1] > ready_before
    assert "evidence 3 of 4" in readiness.ecq_evidence["leading_people"].text()
    assert "none in your story bank" in readiness.ecq_evidence["rule_of_law"].text()
    window.session.undo_stack.undo()  # the last edit (the tag) is undone
    assert stored_stories(window)[0].ecqs == ()
    assert window.show_page("readiness").quadrant.point[1] == pytest.approx(ready_before)


def test_removing_a_story_is_undoable_and_the_list_follows(window, qtbot):
    view = open_applying(window)
    bank = view.stories
    bank.new_story()
    type_story(qtbot, bank, title="First")
    bank.new_story()  # saves "First" first
    type_story(qtbot, bank, title="Second")
    bank.save_now()
    assert sorted(s.title for s in stored_stories(window)) == ["First", "Second"]
    first_row = next(r for r in range(bank.list.count()) if "First" in bank.list.item(r).text())
    bank.list.setCurrentRow(first_row)
    qtbot.waitUntil(lambda: bank.title.text() == "First", timeout=2000)
    qtbot.mouseClick(bank.remove_button, Qt.MouseButton.LeftButton)
    assert [s.title for s in stored_stories(window)] == ["Second"]
    assert bank.list.count() == 1 and bank.title.text() == "Second"
    window.session.undo_stack.undo()
    assert sorted(s.title for s in stored_stories(window)) == ["First", "Second"]
    assert bank.list.count() == 2


def test_the_resume_shows_its_pages_the_stories_it_uses_and_the_ecqs_it_leaves_bare(window, qtbot):
    view = open_applying(window, 1)
    person = window.session.person.id
    window.session.run(ops.add_story, person, _story("Claims backlog", ("leading_people",)))
    panel = view.resume
    assert "No résumé yet" in panel.pages.text() and "limit is 2 pages" in panel.pages.text()
    panel.text.setPlainText((DATA / "resume_one_page.txt").read_text(encoding="utf-8"))
    qtbot.waitUntil(lambda: not panel.pending, timeout=3000)
    assert "1 page</b>, within the limit of 2" in panel.pages.text()
    assert "US Letter, 1-inch margins, 11-point" in panel.pages.text()
    from ses_decider.report.resume_pages import layout_font_family

    assert layout_font_family() in panel.pages.text()
    assert panel.used.text() == "Uses these stories: Claims backlog"
    assert "Leaves without evidence: " in panel.missing.text()
    assert "Leading People" not in panel.missing.text()
    assert "Driving Efficiency" in panel.missing.text()
    assert window.session.read(ops.resume_of, person).text.startswith("JORDAN A. RIVERA")
    panel.text.setPlainText((DATA / "resume_three_pages.txt").read_text(encoding="utf-8"))
    panel.save_now()
    assert "3 pages</b>, over the limit of 2" in panel.pages.text()
    window.session.undo_stack.undo()
    assert panel.text.toPlainText().startswith("JORDAN A. RIVERA")
    assert "1 page</b>" in panel.pages.text()


def test_a_docx_resume_opens_from_the_documents_folder_and_exports_as_pdf(
    window, qtbot, tmp_path, monkeypatch
):
    view = open_applying(window, 1)
    panel = view.resume
    docx = write_docx(tmp_path / "resume.docx", para("Jordan Lee") + para("Cut waits 38%."))
    asked = {}

    def open_name(parent, caption, folder, filters):
        asked["folder"], asked["filters"] = folder, filters
        return str(docx), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    assert panel.open_file()
    from ses_decider.ui.file_commands import documents_folder

    assert asked["folder"] == str(documents_folder()) and "*.docx" in asked["filters"]
    assert panel.text.toPlainText() == "Jordan Lee\nCut waits 38%."
    assert window.session.read(ops.resume_of, window.session.person.id) is not None
    target = tmp_path / "out" / "résumé.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert panel.export_pdf()
    assert target.read_bytes().startswith(b"%PDF")
    assert "1 page" in window.statusBar().currentMessage()


def test_a_file_that_cannot_be_read_says_why_and_changes_nothing(
    window, tmp_path, monkeypatch, no_modal_dialogs
):
    panel = open_applying(window, 1).resume
    bad = tmp_path / "resume.pdf"
    bad.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    assert not panel.open_file()
    assert "only .txt, .md and .docx" in no_modal_dialogs[-1]
    assert panel.text.toPlainText() == ""


def test_practising_an_answer_against_the_timer_and_rating_it_with_the_mentor(window, qtbot):
    view = open_applying(window, 2)
    panel = view.practice
    clock = FakeClock()
    panel.timer.clock = clock
    panel.ecq_choice.setCurrentIndex(panel.ecq_choice.findData("leading_people"))
    first_question = panel.question
    assert "not practised yet" in panel.question_text.text()
    assert panel.timer.display.text() == "3:00 left"
    qtbot.mouseClick(panel.timer.button, Qt.MouseButton.LeftButton)
    assert panel.timer.running and not panel.ecq_choice.isEnabled()
    clock.now += 61.2
    qtbot.waitUntil(lambda: panel.timer.display.text() == "1:59 left", timeout=2000)
    panel.notes.setPlainText("Too much context.")
    with qtbot.waitSignal(panel.timer.target_reached, timeout=2000) as reached:
        clock.now += 125
    assert "reached" in reached.args[0]
    assert panel.timer.status.accessibleName() == reached.args[0]  # what a screen reader hears
    assert panel.timer.display.text() == "0:06 over"
    qtbot.mouseClick(panel.timer.button, Qt.MouseButton.LeftButton)
    (answer,) = window.session.read(ops.practice_of, window.session.person.id)
    assert answer.question_id == first_question.id and answer.ecq_id == "leading_people"
    assert answer.duration_seconds == pytest.approx(186.2)
    assert (answer.target_seconds, answer.notes) == (180, "Too much context.")
    assert panel.history.rowCount() == 1 and panel.selected_id == answer.id
    panel.self_rating.setCurrentIndex(panel.self_rating.findData(3))
    panel.mentor_rating.setCurrentIndex(panel.mentor_rating.findData(2))
    (answer,) = window.session.read(ops.practice_of, window.session.person.id)
    assert (answer.self_rating, answer.mentor_rating) == (3, 2)
    row = [panel.history.item(0, c).text() for c in range(panel.history.columnCount())]
    assert row[4:6] == ["3", "2"]  # both ratings side by side
    assert "3:06 of 3:00, on target" in row[3]
    assert "your average 3.0, your mentor's 2.0" in panel.summary.text()
    assert panel.question.id != first_question.id  # the next least practised one
    window.session.undo_stack.undo()
    assert window.session.read(ops.practice_of, window.session.person.id)[0].mentor_rating is None
    assert panel.history.item(0, 5).text() == "Not rated"


def test_a_short_target_is_reached_on_the_real_clock(window, qtbot):
    panel = open_applying(window, 2).practice
    panel.timer.set_target(1)
    with qtbot.waitSignal(panel.timer.target_reached, timeout=3000):
        panel.timer.start()
    seconds = panel.timer.stop()
    assert seconds >= 1.0


def test_every_control_of_the_page_has_an_accessible_name(window):
    view = open_applying(window)
    view.stories.new_story()
    missing = []
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        for widget in view.findChildren(QWidget):
            kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTabBar)
            inner = isinstance(widget.parent(), QAbstractSpinBox)  # named on the spin box
            if isinstance(widget, kinds) and widget.isVisibleTo(view) and not inner:
                if not widget.accessibleName().strip():
                    missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == []


def test_another_person_sees_their_own_stories_and_an_answer_under_way_is_dropped(window, qtbot):
    view = open_applying(window)
    view.stories.new_story()
    type_story(qtbot, view.stories, title="Alex's story")
    view.tabs.setCurrentIndex(2)  # leaving the story bank saves what was typed
    view.practice.timer.start()
    first = window.session.person.id
    from tests.helpers import neutral_assessment

    window.session.create_person("Sam", neutral_assessment())
    assert not view.practice.timer.running
    view.tabs.setCurrentIndex(0)
    assert view.stories.list.count() == 0
    assert [s.title for s in window.session.read(ops.stories_of, first)] == ["Alex's story"]


def _story(title, ecqs):
    from ses_decider.core.stories import Story

    return Story(
        title=title,
        action="I led it.",
        result="The backlog fell 38% in 18 months.",
        happened_on="2024-01-01",
        ecqs=ecqs,
    )
