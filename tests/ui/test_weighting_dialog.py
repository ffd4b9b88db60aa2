"""The weighing dialog driven like a user would: rank list, swing spin boxes, pairwise sliders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ses_decider.core.content import catalogue, demo_assessment
from ses_decider.core.model import Assessment, Factor, Rating
from ses_decider.ui.weighting_dialog import WeighingDialog, judgement, step_for

IDS = ("pay", "stress", "mission", "family")
TITLES = {"pay": "Pay", "stress": "Stress", "mission": "Mission", "family": "Family"}


def small(weights=(5, 5, 5, 5)) -> Assessment:
    factors = [Factor(fid, TITLES[fid], f"{fid} pro", f"{fid} con") for fid in IDS]
    ratings = {fid: Rating(weight=float(w), lean=1.0) for fid, w in zip(IDS, weights, strict=True)}
    return Assessment(factors=factors, ratings=ratings)


@pytest.fixture
def make_dialog(qtbot):
    def make(assessment: Assessment, method: str = "rank") -> WeighingDialog:
        dialog = WeighingDialog(assessment, method=method)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def weights_of(assessment: Assessment) -> dict[str, float]:
    return {fid: r.weight for fid, r in assessment.ratings.items()}


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def set_pairs(dialog: WeighingDialog, steps: dict[tuple[str, str], int]) -> None:
    for key, step in steps.items():
        dialog.pairwise.sliders[key].setValue(step)


# Rank ---------------------------------------------------------------------------------------
def test_moving_an_item_to_the_top_with_the_buttons_sets_rank_weights(make_dialog, qtbot):
    assessment = small()
    dialog = make_dialog(assessment)
    assert dialog.rank.order() == list(IDS)
    dialog.rank.list.setCurrentRow(3)  # Family
    for _ in range(3):
        click(qtbot, dialog.rank.up)
    click(qtbot, dialog.rank.down)
    click(qtbot, dialog.rank.up)
    assert dialog.rank.order() == ["family", "pay", "stress", "mission"]
    assert dialog.rank.list.item(0).text().startswith("1. Family")
    assert "\u2192 10" in dialog.rank.list.item(0).text()
    updated = dialog.updated_assessment()
    weights = [updated.ratings[fid].weight for fid in dialog.rank.order()]
    assert weights[0] == 10
    assert all(a > b > 0 for a, b in zip(weights, weights[1:], strict=False))
    assert updated.method == "rank"
    assert dialog.method_label() == "Weights from ranking"
    assert weights_of(assessment) == dict.fromkeys(IDS, 5.0)  # the input is never touched
    assert updated.ratings["family"].lean == 1.0  # only weights change


def test_rank_starts_from_current_weights_and_moves_from_the_keyboard(make_dialog, qtbot):
    dialog = make_dialog(small((2, 9, 4, 7)))
    assert dialog.rank.order() == ["stress", "family", "mission", "pay"]
    dialog.rank.list.setFocus()
    dialog.rank.list.setCurrentRow(3)
    qtbot.keyClick(dialog.rank.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.rank.order() == ["stress", "family", "pay", "mission"]
    assert dialog.rank.list.currentRow() == 2
    qtbot.keyClick(dialog.rank.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert dialog.rank.order() == ["stress", "family", "mission", "pay"]


def test_a_drag_and_drop_move_updates_the_preview(make_dialog):
    dialog = make_dialog(small())
    new_label = dialog.rows["mission"][0]
    assert new_label.text() != "10"
    # What an internal drop does to the model: move a row, which emits rowsMoved.
    assert dialog.rank.list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert dialog.rank.order()[0] == "mission"
    assert new_label.text() == "10"
    assert dialog.rank.list.item(0).text().startswith("1. Mission")


def test_rank_on_every_default_factor_is_strictly_decreasing(make_dialog):
    dialog = make_dialog(demo_assessment())
    updated = dialog.updated_assessment()
    weights = [updated.ratings[fid].weight for fid in dialog.rank.order()]
    assert len(weights) == len(catalogue().factors) and weights[0] == 10
    assert all(a > b > 0 for a, b in zip(weights, weights[1:], strict=False))


# Swing --------------------------------------------------------------------------------------
def test_swing_points_give_proportional_weights(make_dialog):
    dialog = make_dialog(small(), method="swing")
    for fid, points in zip(IDS, (100, 50, 25, 0), strict=True):
        dialog.swing.spins[fid].setValue(points)
    updated = dialog.updated_assessment()
    assert weights_of(updated) == {"pay": 10, "stress": 5, "mission": 2.5, "family": 0}
    assert updated.method == "swing"
    assert dialog.method_label() == "Weights from swing weighting"
    assert dialog.rows["stress"][0].text() == "5"
    assert dialog.rows["stress"][1].text() == "29%"  # 5 of 17.5
    assert "5" in dialog.swing.previews["stress"].text()


def test_swing_all_zero_is_a_plain_sentence_and_blocks_ok(make_dialog, qtbot):
    dialog = make_dialog(small(), method="swing")
    for spin in dialog.swing.spins.values():
        spin.setValue(0)
    assert dialog.error.text() == "\u26a0 Give at least one factor more than 0."
    assert dialog.error.isVisible()
    assert not dialog.ok.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.swing.spins["pay"].setValue(40)
    assert dialog.error.text() == "" and dialog.ok.isEnabled()


# Pairwise -----------------------------------------------------------------------------------
def test_slider_steps_map_to_saaty_values_and_back():
    assert judgement(0) == 1 and judgement(-8) == 9 and judgement(8) == pytest.approx(1 / 9)
    assert judgement(-2) == 3 and judgement(4) == pytest.approx(1 / 5)
    for step in range(-8, 9):
        assert step_for(judgement(step)) == step


def test_consistent_pairwise_answers_give_cr_zero_and_matching_weights(make_dialog):
    dialog = make_dialog(small(), method="pairwise")
    assert dialog.pairwise.chosen() == list(IDS)
    # pay = 2 x stress = 4 x mission = 8 x family: every pair agrees.
    steps = {
        ("pay", "stress"): -1,
        ("pay", "mission"): -3,
        ("pay", "family"): -7,
        ("stress", "mission"): -1,
        ("stress", "family"): -3,
        ("mission", "family"): -1,
    }
    set_pairs(dialog, steps)
    assert dialog.pairwise.verdicts[("pay", "mission")].text() == "Pay is 4\u00d7 as important"
    assert dialog.pairwise.result.consistency_ratio == pytest.approx(0, abs=1e-9)
    assert "consistent enough" in dialog.pairwise.status.text()
    assert not dialog.pairwise.fix.isVisible()
    updated = dialog.updated_assessment()
    assert weights_of(updated) == {"pay": 10, "stress": 5, "mission": 2.5, "family": 1.2}
    assert updated.method == "pairwise"
    assert dialog.method_label() == "Weights from pairwise comparison"
    # Slide toward the right-hand factor: it becomes the more important one.
    dialog.pairwise.sliders[("mission", "family")].setValue(2)
    assert (
        dialog.pairwise.verdicts[("mission", "family")].text() == "Family is 3\u00d7 as important"
    )


def test_inconsistent_answers_name_a_pair_and_the_fix_lowers_cr(make_dialog, qtbot):
    dialog = make_dialog(small(), method="pairwise")
    tab = dialog.pairwise
    # pay > stress > mission, yet mission > pay: a cycle.
    set_pairs(dialog, {("pay", "stress"): -4, ("stress", "mission"): -4, ("pay", "mission"): 4})
    before = tab.result.consistency_ratio
    assert before > 0.10
    status = tab.status.text()
    assert "contradict each other" in status and f"CR {before:.2f}" in status
    assert "Most help: change \u2018" in status and " vs " in status
    (a, b), _ = tab.hint
    assert f"\u2018{TITLES[a]} vs {TITLES[b]}\u2019" in status
    assert tab.fix.isVisible() and tab.fix.accessibleName() == "Apply this fix"
    click(qtbot, tab.fix)
    assert tab.result.consistency_ratio < before
    assert dialog.ok.isEnabled()


def test_factors_outside_the_subset_keep_their_weights(make_dialog):
    assessment = demo_assessment()
    dialog = make_dialog(assessment, method="pairwise")
    tab = dialog.pairwise
    # The eight heaviest are asked about: of the eleven the demo rates, all but its three lightest
    # (elite_corps 4, community 3, pay 5 after lofty_position 5); the factors added since sit at 5.
    added = {f.id for f in catalogue().factors[11:]}
    outside = {"elite_corps", "pay", "community"} | added
    assert set(tab.chosen()) == set(dialog.now) - outside
    assert len(tab.sliders) == 28
    assert "8 factors: 28 questions" in tab.count_note.text()
    set_pairs(dialog, {("stress", "mission"): 4, ("work_family", "relocation"): 2})
    updated = dialog.updated_assessment()
    for fid in outside:
        assert updated.ratings[fid].weight == assessment.ratings[fid].weight
        assert "(kept)" in dialog.rows[fid][0].text()
    chosen = tab.chosen()
    old_total = sum(assessment.ratings[f].weight for f in chosen)
    assert sum(updated.ratings[f].weight for f in chosen) == pytest.approx(old_total, abs=0.5)
    assert updated.ratings["mission"].weight > updated.ratings["stress"].weight


def test_changing_the_subset_rebuilds_pairs_and_keeps_answers(make_dialog):
    dialog = make_dialog(small(), method="pairwise")
    tab = dialog.pairwise
    tab.sliders[("pay", "stress")].setValue(-2)
    tab.subset.item(3).setCheckState(Qt.CheckState.Unchecked)  # Family out
    assert set(tab.sliders) == {("pay", "stress"), ("pay", "mission"), ("stress", "mission")}
    assert tab.sliders[("pay", "stress")].value() == -2
    assert "(kept)" in dialog.rows["family"][0].text()
    tab.subset.item(1).setCheckState(Qt.CheckState.Unchecked)
    tab.subset.item(2).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.error.text() == "\u26a0 Tick at least 2 factors to compare."
    assert not dialog.ok.isEnabled()


# The dialog as a whole ----------------------------------------------------------------------
def test_cancel_leaves_the_assessment_unchanged(make_dialog, qtbot):
    assessment = small((1, 2, 3, 4))
    dialog = make_dialog(assessment)
    dialog.rank.list.setCurrentRow(0)
    click(qtbot, dialog.rank.down)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    click(qtbot, cancel)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert weights_of(assessment) == {"pay": 1, "stress": 2, "mission": 3, "family": 4}
    assert assessment.method == "direct"


def test_ok_accepts_and_hidden_factors_are_left_alone(make_dialog, qtbot):
    assessment = small((1, 2, 3, 4))
    assessment.hidden.add("pay")
    dialog = make_dialog(assessment)
    assert "pay" not in dialog.rank.order() and "pay" not in dialog.rows
    click(qtbot, dialog.ok)
    assert dialog.result() == QDialog.DialogCode.Accepted
    updated = dialog.updated_assessment()
    assert updated.ratings["pay"].weight == 1 and updated.hidden == {"pay"}
    assert updated.ratings["family"].weight == 10


def test_every_focusable_control_has_an_accessible_name(make_dialog):
    dialog = make_dialog(demo_assessment())
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
    unnamed = [
        f"{type(w).__name__} {w.objectName()}"
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName()
    ]
    assert unnamed == []


def test_applying_through_the_session_updates_the_window_and_undoes(window, qtbot):
    session = window.session
    old = weights_of(session.assessment)
    old_score = window.banner.score.text()
    dialog = WeighingDialog(session.assessment, window)
    qtbot.addWidget(dialog)
    order = dialog.rank.order()
    dialog.rank.list.setCurrentRow(order.index("work_family"))
    while dialog.rank.order()[0] != "work_family":
        click(qtbot, dialog.rank.up)
    click(qtbot, dialog.ok)
    assert dialog.result() == QDialog.DialogCode.Accepted
    session.replace_assessment(dialog.updated_assessment(), dialog.method_label())
    assert session.assessment.ratings["work_family"].weight == 10
    assert session.assessment.method == "rank"
    assert window.banner.score.text() != old_score
    assert session.undo_stack.undoText() == "Weights from ranking"
    session.undo_stack.undo()
    assert weights_of(session.assessment) == old
    assert session.assessment.method == "direct"
    assert window.banner.score.text() == old_score
