"""How solid is the verdict, seen in the window: tipping points, robustness, certainty, gut check."""

from __future__ import annotations

from ses_decider.core.model import Certainty, Verdict

SOLIDITY_TAB, GUT_TAB = 1, 2


def test_only_the_shown_explanation_is_redrawn_and_a_chosen_tab_shows_the_latest(window):
    window.side_tabs.setCurrentIndex(SOLIDITY_TAB)
    before = window.solidity.tipping.text()
    window.side_tabs.setCurrentIndex(0)
    window.factor_list.rows["work_family"].lean.setValue(10)  # now GO: other tipping points
    assert window.solidity.tipping.text() == before  # hidden: not redrawn on every move
    window.side_tabs.setCurrentIndex(SOLIDITY_TAB)
    assert window.solidity.tipping.text() != before
    assert (
        "NO-GO" in window.solidity.tipping.text() or "CLOSE CALL" in window.solidity.tipping.text()
    )


def test_tipping_points_are_stated_in_words_and_follow_edits(window):
    window.side_tabs.setCurrentIndex(SOLIDITY_TAB)
    text = window.solidity.tipping.text()
    assert text.startswith("\u2022 GO if your Work-family balance lean rises to")
    window.factor_list.rows["work_family"].lean.setValue(10)  # now GO
    assert (
        "NO-GO" in window.solidity.tipping.text() or "CLOSE CALL" in window.solidity.tipping.text()
    )


def test_robustness_runs_after_edits_pause_and_names_factors_worth_checking(window, qtbot):
    window.side_tabs.setCurrentIndex(SOLIDITY_TAB)
    # Right after an edit it waits (a loaded machine may have run the first check already).
    window.factor_list.rows["pay"].certainty.setCurrentIndex(0)
    assert window.solidity.robust.text() == "Checking\u2026"
    window.solidity.last_robustness = None
    qtbot.waitUntil(lambda: window.solidity.last_robustness is not None, timeout=3000)
    text = window.solidity.robust.text()
    assert text.startswith("Robust") or text.startswith("Fragile")
    assert "CLOSE CALL" in text and "10,000" in text
    # The demo's ratings make a fragile close call: the factors to check are named.
    window.solidity.update_robustness()
    assert "Worth finding out more about" in window.solidity.worth.text()


def test_certainty_changes_the_spread_of_the_robustness_check(window):
    window.side_tabs.setCurrentIndex(SOLIDITY_TAB)
    window.solidity.update_robustness()
    unsure = window.solidity.last_robustness.p_current
    for row in window.factor_list.rows.values():
        row.certainty.setCurrentIndex(list(Certainty).index(Certainty.NO_IDEA))
    assert window.session.assessment.ratings["pay"].certainty is Certainty.NO_IDEA
    window.solidity.update_robustness()
    assert window.solidity.last_robustness.p_current < unsure
    window.session.flush()
    stored = window.session.repo.assessments.load(window.session.person.id)
    assert stored.ratings["pay"].certainty is Certainty.NO_IDEA


def test_tornado_lists_the_factors_that_could_swing_it_most(window):
    assert window.solidity.tornado is None  # not built until its tab is shown
    window.side_tabs.setCurrentIndex(1)
    rows = window.solidity.tornado.rows
    assert rows[0][0] == "Mission"
    spans = [hi - lo for _, lo, hi in rows]
    assert spans == sorted(spans, reverse=True)


def test_gut_check_differs_from_model_and_prompts(window):
    window.side_tabs.setCurrentIndex(GUT_TAB)
    gut = window.gut
    assert "agree" in gut.prompts.text()  # demo: gut CLOSE CALL, model CLOSE CALL
    gut.after.setCurrentIndex(3)  # NO-GO
    assert window.session.assessment.gut_after is Verdict.NO_GO
    assert "What is missing?" in gut.prompts.text()
    assert "dealbreaker" in gut.prompts.text()
    window.session.flush()
    stored = window.session.repo.assessments.load(window.session.person.id)
    assert stored.gut_after is Verdict.NO_GO
    window.session.undo_stack.undo()
    assert gut.after.currentIndex() == 0


def test_new_person_is_asked_for_a_gut_answer_first(window, monkeypatch):
    monkeypatch.setattr(
        "ses_decider.ui.people_commands.QInputDialog.getText", lambda *a, **k: ("Riley", True)
    )
    monkeypatch.setattr(window.people, "ask_gut_before", lambda: Verdict.GO)
    window.people.new_person()
    window.side_tabs.setCurrentIndex(GUT_TAB)
    assert window.session.assessment.gut_before is Verdict.GO
    # No verdict yet, so nothing is said about agreeing or not.
    assert "agree" not in window.gut.prompts.text() and "but" not in window.gut.prompts.text()
    window.session.set_weight("work_family", 8)
    window.session.set_lean("work_family", -5)
    assert "Your gut says GO (before weighing)" in window.gut.prompts.text()
