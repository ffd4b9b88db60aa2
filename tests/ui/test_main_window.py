"""The decision workspace driven like a user would: sliders, checkboxes, menus, quit and reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from ses_decider.core.model import Factor
from ses_decider.ops.people import DEMO_NAME
from ses_decider.storage.db import open_database
from ses_decider.storage.repository import Repository
from ses_decider.ui.main_window import MainWindow
from ses_decider.ui.session import Session
from tests.helpers import catalogue_ids, neutral_assessment


def bar_widths(win) -> dict[str, float]:
    opts = win.chart.bars.opts
    return {
        fid: (x0 + w if x0 >= 0 else x0)
        for fid, x0, w in zip(win.chart.ids, opts["x0"], opts["width"], strict=True)
    }


def test_first_start_opens_the_demo_person_with_every_default_factor(window):
    assert window.session.person.name == DEMO_NAME
    assert window.demo_bar.isVisible()
    assert list(window.factor_list.rows) == list(catalogue_ids())
    assert window.banner.word.text() == "CLOSE CALL"
    # The demo rates the eleven; the factors added since are not rated and change nothing.
    assert "57.9" in window.banner.score.text()
    assert f"11 of {len(catalogue_ids())} factors rated" in window.banner.score.text()
    assert window.person_combo.currentText() == DEMO_NAME


def test_moving_a_lean_slider_updates_banner_chart_and_saved_row(window, qtbot):
    row = window.factor_list.rows["work_family"]
    before = bar_widths(window)["work_family"]
    row.lean.setValue(10)  # +5: the pro side is strongly true
    assert window.session.assessment.ratings["work_family"].lean == 5
    assert window.banner.word.text() == "GO"
    assert "+5" in row.lean_value.text()
    after = bar_widths(window)["work_family"]
    assert before < 0 < after
    assert after == pytest.approx(window.session.evaluation.contributions["work_family"])
    # Autosave lands in the database without any explicit save.
    repo = window.session.repo
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=3000)
    stored = repo.db.execute("SELECT lean FROM ratings WHERE factor_id = 'work_family'").fetchone()[
        0
    ]
    assert stored == 5


def test_keyboard_arrows_move_the_weight_slider(window, qtbot):
    row = window.factor_list.rows["pay"]
    row.weight.setFocus()
    qtbot.keyClick(row.weight, Qt.Key.Key_Right)
    assert window.session.assessment.ratings["pay"].weight == 5.5
    assert "5.5" in row.weight_value.text()
    qtbot.keyClick(row.weight, Qt.Key.Key_PageUp)
    assert window.session.assessment.ratings["pay"].weight == 6.5


def test_dealbreaker_decides_and_is_named(window, qtbot):
    row = window.factor_list.rows["relocation"]
    qtbot.mouseClick(
        row.dealbreaker, Qt.MouseButton.LeftButton, pos=row.dealbreaker.rect().center()
    )
    assert window.banner.word.text() == "CLOSE CALL"  # lean is -2: not hit yet
    row.lean.setValue(-6)  # -3
    assert window.banner.word.text() == "NO-GO"
    assert "Geographic reassignment" in window.banner.sentence.text()
    assert "hit" in row.dealbreaker.text()


def test_all_weights_zero_gives_not_enough_input(window):
    for row in window.factor_list.rows.values():
        row.weight.setValue(0)
    assert window.banner.word.text() == "NOT ENOUGH INPUT"
    assert window.banner.score.text().endswith("factors rated")  # no score
    assert all(w == 0 for w in window.chart.bars.opts["width"])


def test_hide_and_undo_a_default_factor(window, qtbot):
    score_before = window.session.evaluation.score
    window.factor_list.rows["mission"].hide_button.click()
    assert "mission" not in window.factor_list.rows
    assert "mission" not in window.chart.ids
    assert window.session.evaluation.score < score_before
    window.session.undo_stack.undo()
    assert "mission" in window.factor_list.rows
    assert window.session.evaluation.score == pytest.approx(score_before)


def test_a_custom_factor_is_scored_and_saved(window, qtbot):
    window.session.add_factor(Factor("my_commute", "Commute", "Shorter", "Longer", custom=True))
    row = window.factor_list.rows["my_commute"]
    row.weight.setValue(20)
    row.lean.setValue(-10)
    assert window.session.evaluation.contributions["my_commute"] < 0
    window.session.flush()
    reloaded = window.session.repo.assessments.load(window.session.person.id)
    assert reloaded.factor("my_commute").title == "Commute"
    assert reloaded.ratings["my_commute"].weight == 10


def test_slider_drag_is_one_undo_step(window):
    row = window.factor_list.rows["stress"]
    original = window.session.assessment.ratings["stress"].lean
    for value in (-3, -2, -1, 0, 4):
        row.lean.setValue(value)
    window.session.undo_stack.undo()
    assert window.session.assessment.ratings["stress"].lean == original
    assert row.lean.value() == original * 2


def test_quit_and_reopen_shows_the_same_state(qtbot, db_path):
    db = open_database(db_path)
    repo = Repository(db)
    session = Session(repo)
    win = MainWindow(session)
    qtbot.addWidget(win)
    session.open_someone()
    win.factor_list.rows["pay"].lean.setValue(-7)
    win.factor_list.rows["community"].weight.setValue(17)
    score = session.evaluation.score
    win.close()  # flushes without waiting for the autosave timer
    db.close()

    db = open_database(db_path)
    repo = Repository(db)
    session = Session(repo)
    win = MainWindow(session)
    qtbot.addWidget(win)
    session.open_someone()
    assert session.assessment.ratings["pay"].lean == -3.5
    assert session.assessment.ratings["community"].weight == 8.5
    assert session.evaluation.score == pytest.approx(score)
    assert win.factor_list.rows["pay"].lean.value() == -7
    assert len(repo.people.all()) == 1  # no second demo person
    db.close()


def test_new_person_starts_blank_and_becomes_current(window, monkeypatch):
    monkeypatch.setattr(
        "ses_decider.ui.people_commands.QInputDialog.getText", lambda *a, **k: ("Jordan", True)
    )
    monkeypatch.setattr(window.people, "ask_gut_before", lambda: None)  # skip the gut question
    window.people.new_person()
    assert window.session.person.name == "Jordan"
    assert not window.demo_bar.isVisible()
    # Nothing rated yet: no verdict, and the banner says so and how far the person has got.
    assert window.banner.word.text() == "NO VERDICT YET"
    rated, shown = window.session.assessment.rated_count()
    assert (rated, f"0 of {shown} factors rated") == (0, window.banner.score.text())
    assert "Rate the factors" in window.banner.sentence.text()
    assert window.person_combo.currentText() == "Jordan"
    row = window.factor_list.rows["pay"]
    row.lean.setValue(4)  # a lean alone is half a rating: still no verdict
    assert window.banner.word.text() == "NO VERDICT YET"
    row.weight.setValue(14)
    assert window.banner.word.text() == "GO"
    assert f"1 of {shown} factors rated" in window.banner.score.text()


def test_changes_written_by_another_process_appear_in_the_open_window(window, db_path):

    other = open_database(db_path)  # a second connection, as a CLI import would use
    other_repo = Repository(other)
    demo = window.session.person
    changed = other_repo.assessments.load(demo.id)
    changed.ratings["work_family"].lean = 5
    other_repo.assessments.save(demo.id, changed)
    other_repo.create_person("Imported by the CLI", neutral_assessment())
    other.close()
    assert window.session.check_external_changes() is True
    assert window.person_combo.findText("Imported by the CLI") >= 0
    assert window.session.assessment.ratings["work_family"].lean == 5
    assert window.banner.word.text() == "GO"
    assert window.session.check_external_changes() is False  # nothing new since


def test_unsaved_edits_are_not_overwritten_by_another_process(window, db_path):
    window.factor_list.rows["pay"].lean.setValue(-8)  # pending, not yet saved
    other = open_database(db_path)
    Repository(other).settings.set("touched", "1")
    other.close()
    assert window.session.check_external_changes() is False
    assert window.session.assessment.ratings["pay"].lean == -4


def test_the_chart_scale_stays_put_while_a_slider_moves_a_little(window):
    axis = window.chart.plot.getPlotItem().getViewBox()
    row = window.factor_list.rows["work_family"]
    row.lean.setValue(row.lean.value() + 1)
    before = axis.viewRange()[0]
    assert before[0] == -before[1] and before[1] % 5 == 0  # symmetric, in steps of 5 points
    row.lean.setValue(row.lean.value() - 1)
    assert axis.viewRange()[0] == before
    window.factor_list.rows["pay"].weight.setValue(20)  # weight 10: pay's bar grows
    window.factor_list.rows["pay"].lean.setValue(10)
    grown = axis.viewRange()[0]
    assert grown[1] >= max(abs(v) for v in window.chart.values)  # every bar fits


def test_undo_redraws_a_row_to_the_stored_values(window):
    row = window.factor_list.rows["work_family"]
    start = (row.lean.value(), row.lean_value.text(), row.weight_value.text())
    row.lean.setValue(10)
    row.weight.setValue(2)
    assert row.lean_value.text() == "+5 (pro)" and row.weight_value.text() == "1 of 10"
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert (row.lean.value(), row.lean_value.text(), row.weight_value.text()) == start


def test_value_labels_show_their_widest_texts_whole(window):
    row = window.factor_list.rows["work_family"]
    for label, text in (
        (row.lean_value, "-4.5 (con)"),
        (row.lean_value, "not rated"),
        (row.weight_value, "9.5 of 10"),
        (row.share, "100%"),
    ):
        font = label.font()
        font.setBold(True)
        assert QFontMetrics(font).horizontalAdvance(text) <= label.width()
