"""Safe defaults: Enter never restores a backup, opens a file manager or applies weights; the pairwise
tab proposes nothing before the first answer; the gut question is asked with no verdict in sight and
no answer chosen; the tour stands beside what it describes and names the buttons as they are."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from ses_decider.core.model import Verdict
from ses_decider.ui import recovery
from ses_decider.ui.first_run import STEPS, FirstRunTour, tour_targets
from ses_decider.ui.help_view import HelpDialog
from ses_decider.ui.weighting_dialog import WeighingDialog


def default_buttons(dialog) -> list[str]:
    return [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]


def test_enter_in_restore_from_backup_cancels(window, qtbot):
    dialog = recovery.RestoreDialog(window.data_folder(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert default_buttons(dialog) == ["Cancel"]
    assert not dialog.restore_button.autoDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Rejected


def test_enter_in_help_closes_it_and_opens_no_folder(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(HelpDialog, "open_data_folder", lambda self: opened.append(1))
    dialog = HelpDialog(window.data_folder(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert default_buttons(dialog) == [close.text()]
    assert not dialog.open_folder.autoDefault()
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Return)
    assert opened == []


def test_pairwise_proposes_no_weights_before_the_first_answer(window, qtbot):
    dialog = WeighingDialog(window.session.assessment, window, method="pairwise")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert default_buttons(dialog) == []  # Enter applies nothing, on any tab
    assert not dialog.pairwise.fix.autoDefault()
    assert not dialog.ok.isEnabled()
    assert {new.text() for new, _share in dialog.rows.values()} == {"\u2013"}
    assert "Answer a pair first" in dialog.error.text()
    first = next(iter(dialog.pairwise.sliders.values()))
    first.setValue(-2)  # the first answer
    assert dialog.ok.isEnabled()
    assert any(new.text() != "\u2013" for new, _share in dialog.rows.values())


def test_the_gut_question_comes_with_no_verdict_in_sight_and_nothing_chosen(
    window, qtbot, monkeypatch
):
    monkeypatch.setattr(
        "ses_decider.ui.people_commands.QInputDialog.getText", lambda *a, **k: ("Riley", True)
    )
    seen = {}

    def exec_(box):
        box.show()  # shown, as exec() would: the button box picks a default as it is shown
        qtbot.waitExposed(box)
        seen["default"] = box.defaultButton()
        seen["defaults"] = [b.text() for b in box.buttons() if b.isDefault()]
        seen["auto"] = [b.autoDefault() for b in box.buttons()]
        seen["person"] = window.session.person.name
        seen["banner"] = window.banner.word.text()
        seen["bars"] = list(window.chart.values)
        go = next(b for b in box.buttons() if b.text() == Verdict.GO.label)
        box.clickedButton = lambda: go
        box.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    window.people.new_person()
    assert seen["person"] == "Riley"  # asked over Riley's own blank assessment
    assert seen["banner"] == "NO VERDICT YET" and seen["bars"] == []
    assert seen["default"] is None and seen["defaults"] == [] and not any(seen["auto"])
    assert window.session.assessment.gut_before is Verdict.GO


def test_the_tour_stands_beside_what_it_describes(window, qtbot):
    window.resize(900, 560)
    window.move(0, 0)
    qtbot.wait(50)
    tour = FirstRunTour(window, tour_targets(window))
    qtbot.addWidget(tour)
    tour.show()
    qtbot.waitExposed(tour)
    for step, target in enumerate(tour_targets(window)):
        tour.go(step)
        if target is None:
            continue
        part = QRect(target.mapToGlobal(QPoint(0, 0)), target.size())
        room = tour.screen().availableGeometry()
        if room.height() - part.height() > tour.frameGeometry().height() + 16 or (
            room.width() - part.width() > tour.frameGeometry().width() + 16
        ):
            assert not tour.frameGeometry().intersects(part), STEPS[step][0]


def test_the_tour_names_the_start_button_as_it_is(window):
    words = " ".join(body for _title, body in STEPS)
    assert "Start my own assessment\u2026" in words
    assert window.demo_bar.findChild(QPushButton).text() == "Start my own assessment\u2026"
    assert "File > New person" not in words
