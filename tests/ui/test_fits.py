"""Everything fits: the window on the screen and back where it was, every view at 1024x768 and at
200%, Fit & readiness in its panel, the whole formula, a pinned table header, a notice that moves
nothing, every bar labelled, a dealbreaker drawn as NO-GO, glyphs the fonts have, facts only."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QComboBox, QScrollArea, QWidget

from ses_decider.core.explain import formula_lines
from ses_decider.core.facts import fact_sheet
from ses_decider.core.model import Factor, Verdict
from ses_decider.ops import history as history_ops
from ses_decider.ui.dialogs import FormulaDialog
from ses_decider.ui.main_window import MainWindow
from ses_decider.ui.views.about_view import AboutView, facts_html

ROOT = Path(__file__).resolve().parents[2]
# 1400x900 at 200% is 700x450 of room, less a window frame and a taskbar.
SMALLEST = (684, 410)


def test_the_window_never_needs_more_room_than_a_small_screen_has(window, qtbot):
    for key in [None, "readiness", "history", "mentor", "about"]:
        if key:
            window.show_page(key)
        hint = window.minimumSizeHint()
        assert hint.width() <= SMALLEST[0] and hint.height() <= SMALLEST[1], (key, hint)


def test_each_page_scrolls_rather_than_being_cut_at_a_small_size(window, qtbot):
    window.resize(*SMALLEST)
    for key in ["readiness", "history", "mentor", "about"]:
        view = window.show_page(key)
        qtbot.waitUntil(view.isVisible)
        holder = view.parentWidget().parentWidget()
        assert isinstance(holder, QScrollArea) and holder.widgetResizable()
        # Whatever does not fit can be scrolled to: the page is never smaller than its minimum
        # (once the scroll area has laid it out again: a chart's room changes as it is filled).
        qtbot.waitUntil(
            lambda v=view: (
                v.width() >= v.minimumSizeHint().width()
                and v.height() >= v.minimumSizeHint().height()
            ),
            timeout=2000,
        )


def test_the_window_comes_back_where_it_was_left(window, qtbot, db_path):
    window.resize(700, 500)
    window.move(30, 20)
    qtbot.wait(20)
    size = window.size()
    window.close()
    again = MainWindow(window.session)
    qtbot.addWidget(again)
    assert again.size() == size


def test_fit_and_readiness_fits_its_panel(window, qtbot):
    window.resize(1008, 700)
    view = window.show_page("readiness")
    qtbot.waitUntil(view.isVisible)
    form = view.findChild(QScrollArea)
    viewport = form.viewport()
    assert form.widget().minimumSizeHint().width() <= viewport.width()
    for combo in view.findChildren(QComboBox):
        if combo.isVisible():
            right = combo.mapTo(viewport, QPoint(combo.width(), 0)).x()
            assert right <= viewport.width(), combo.accessibleName()  # its arrow in view
    # Tab through every field: the panel never jumps sideways, and each field can be reached.
    bar = form.horizontalScrollBar()
    first = next(iter(view.fit_inputs.values()))
    window.activateWindow()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    seen = set()
    for _ in range(80):
        focused = window.focusWidget()
        if focused is None or not view.isAncestorOf(focused):
            break
        seen.add(focused)
        assert bar.value() == 0
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert len(seen) > len(view.fit_inputs)


def test_how_is_this_computed_shows_all_of_it(window, qtbot):
    lines = formula_lines(window.session.assessment, window.session.evaluation)
    dialog = FormulaDialog(lines, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.text.toPlainText()
    assert all(line in text for line in lines)
    assert dialog.text.verticalScrollBar().maximum() == 0  # nothing below the fold
    assert dialog.frameGeometry().height() <= dialog.screen().availableGeometry().height()


def test_the_table_header_stays_in_view_while_the_rows_scroll(window, qtbot):
    header = window.factor_list.header
    top = header.mapTo(window, QPoint(0, 0))
    bar = window.factor_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert header.mapTo(window, QPoint(0, 0)) == top
    assert header.isVisible() and not header.visibleRegion().isEmpty()
    first_row = next(iter(window.factor_list.rows.values()))
    assert first_row.mapTo(window, QPoint(0, 0)).y() < top.y()  # the rows went under it


def test_tab_to_a_row_shows_the_whole_row_below_the_header(window, qtbot):
    """Tab to a control of a row whose top is scrolled under the pinned header: the row's name
    comes into view too, not only the control."""
    window.resize(1000, 560)
    qtbot.wait(10)
    viewport = window.factor_scroll.viewport()
    row = list(window.factor_list.rows.values())[3]
    focusables = [
        w
        for w in row.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()
    ]
    before, target = focusables[-2], focusables[-1]
    bar = window.factor_scroll.verticalScrollBar()
    bar.setValue(row.y() + 20)  # the row's top (its name) 20 px under the header
    assert target.mapTo(viewport, QPoint(0, 0)).y() > 0  # the control itself is in view
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert target.hasFocus()
    top = row.mapTo(viewport, QPoint(0, 0)).y()
    assert row.height() <= viewport.height() and top >= 0, "the row's name is under the header"


def test_a_notice_appearing_does_not_push_the_pages_down(window, qtbot):
    top = window.pages.mapTo(window, QPoint(0, 0)).y()
    person = window.session.person
    window.session.run(history_ops.set_review_on, person.id, "2020-01-01", undo_text="Review")
    qtbot.wait(10)
    assert "2020-01-01" in window.review_bar.text()
    assert window.pages.mapTo(window, QPoint(0, 0)).y() == top
    window.session.run(history_ops.set_review_on, person.id, None, undo_text="Review")
    assert window.pages.mapTo(window, QPoint(0, 0)).y() == top


def _label_fits(axis, text: str) -> bool:
    ticks = [t for level in axis._tickLevels for _, t in level]
    metrics = QFontMetrics(axis.style["tickFont"] or axis.font())
    room = axis.fixedWidth - axis.style["tickLength"] - axis.style["tickTextOffset"][0]
    return text in ticks and metrics.horizontalAdvance(text) <= room


def test_every_bar_has_its_label_a_factor_of_ones_own_too(window):
    window.session.add_factor(Factor("my_commute", "My long commute", "", "", custom=True))
    window.session.set_weight("my_commute", 6)
    window.session.set_lean("my_commute", -3)
    axis = window.chart.plot.getAxis("left")
    for factor, _ in window.session.assessment.active():
        assert _label_fits(axis, factor.label), factor.label


def test_the_about_chart_labels_every_answer(qtbot):
    view = AboutView(today=date(2026, 11, 23))
    qtbot.addWidget(view)
    axis = view.chart.getAxis("left")
    assert len(view.tick_labels) == 3
    for text in view.tick_labels:
        assert _label_fits(axis, text)
    assert any(t.startswith("Not interested") for t in view.tick_labels)


def test_the_about_view_shows_facts_sources_and_dates_not_our_notes(qtbot):
    sheet = fact_sheet()
    html = facts_html(sheet, date(2026, 11, 23))
    for fact in sheet.facts:
        if fact.verified.what:
            assert fact.verified.what not in html
        if fact.verified.on:
            assert fact.verified.on in html
    assert "not read" not in html and "our seed" not in html


def test_a_dealbreaker_no_go_is_drawn_as_no_go_in_the_tornado_and_history(window, qtbot):
    session = window.session
    session.set_dealbreaker("relocation", True)
    session.set_lean("relocation", -4)
    assert session.evaluation.verdict is Verdict.NO_GO
    window.side_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.solidity.tornado is not None)
    tornado = window.solidity.tornado
    assert tornado.verdict_note.isVisible() and "NO-GO" in tornado.verdict_note.toPlainText()
    assert tornado.plot.accessibleDescription().startswith("NO-GO because of a dealbreaker")
    session.flush()
    session.run(history_ops.take_snapshot, session.person.id, session.assessment, "with the must")
    history = window.show_page("history")
    spots = history.score_points.points()
    assert spots[-1].symbol() == "x"  # NO-GO's mark, though the score is a close call's
    assert spots[-1].brush().color().name() == "#c0392b"  # and NO-GO's colour
    history._on_point_clicked(history.score_points, [spots[-1]])  # clicking it picks its row
    assert [i.row() for i in history.table.selectionModel().selectedRows()] == [len(spots) - 1]
    assert not history.plot.getAxis("left").autoSIPrefix


def test_the_gut_check_does_not_suggest_reweighting_when_a_dealbreaker_decides(window):
    session = window.session
    session.set_gut("before", Verdict.GO)
    session.set_dealbreaker("relocation", True)
    session.set_lean("relocation", -4)
    window.side_tabs.setCurrentIndex(2)  # the Gut check tab
    text = window.gut.prompts.text()
    assert "dealbreaker" in text and "whatever the weights" in text
    assert "weighted too low" not in text and "too much weight" not in text


def test_numbers_are_written_one_way(window):
    session = window.session
    for factor, _ in session.assessment.active():
        session.set_lean(factor.id, 0)
    lines = formula_lines(session.assessment, session.evaluation)
    assert lines[4].endswith("= 50")
    assert "50.0" not in " ".join(lines) and "50.0" not in window.banner.score.text()


def _interface_text() -> set[str]:
    """Every non-ASCII character the interface itself writes (our sources and notices)."""
    chars = set()
    for path in (ROOT / "ses_decider" / "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        chars |= {chr(int(code, 16)) for code in re.findall(r"\\u([0-9a-fA-F]{4})", source)}
        chars |= {c for c in source if ord(c) > 127}
    return chars


def test_every_glyph_is_one_the_default_fonts_can_draw(qapp):
    if "DejaVu Sans" not in QFontDatabase.families():
        pytest.skip("the usual Linux font is not installed")
    metrics = QFontMetrics(QFont("DejaVu Sans"))
    missing = sorted(c for c in _interface_text() if not metrics.inFontUcs4(ord(c)))
    assert missing == []


def test_the_mentor_writes_numbers_as_the_mentee_column_does(window, qtbot):
    view = window.show_page("mentor")
    weight = view.spins[(view.order[0], "weight")]
    lean = view.spins[(view.order[0], "lean")]
    weight.setValue(6)
    lean.setValue(2)
    assert weight.text() == "6" and lean.text() == "+2"  # not 6.0 and 2.0
    lean.lineEdit().selectAll()
    qtbot.keyClicks(lean.lineEdit(), "-1.5")
    lean.interpretText()
    assert lean.value() == -1.5 and lean.text() == "-1.5"
