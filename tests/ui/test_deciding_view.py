"""Decide well, driven like a user: own reasons matched and made into factors, "did you miss?", a
premortem with one-click changes, a friend's view that never shows the first answers, experiments
planned and finished with a snapshot, a journal asked at its review date; and all of it undoable."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QWidget,
)

from ses_decider.core.deciding_content import deciding_content
from ses_decider.ops import deciding as ops
from ses_decider.ui.dialogs import FactorDialog
from ses_decider.ui.views.deciding_experiments import FinishDialog
from ses_decider.ui.views.deciding_journal import JournalDialog
from tests.ui.test_accessibility import unnamed_controls

TODAY = date(2026, 12, 1)


def named(root: QWidget, cls, name: str):
    found = [w for w in root.findChildren(cls) if w.accessibleName() == name]
    assert found, f"no {cls.__name__} called {name!r}"
    return found[-1]


def texts(root: QWidget) -> str:
    return "\n".join(label.text() for label in root.findChildren(QLabel) if label.isVisibleTo(root))


def records(window):
    return window.session.read(ops.deciding_records, window.session.person.id)


@pytest.fixture
def page(window):
    view = window.show_page("deciding")
    view.set_today(lambda: TODAY)
    return view


def add_reason(page, text: str, side: str = "for"):
    panel = page.show_step("own_reasons")
    panel.text.setText(text)
    panel.side.setCurrentIndex(panel.side.findData(side))
    panel.add_button.click()
    return panel


# Own reasons ------------------------------------------------------------------------------------
def test_a_reason_is_matched_only_once_confirmed_and_marks_the_table(window, page):
    panel = add_reason(page, "The pay rise would be small after taxes", "against")
    assert panel.text.text() == ""
    [reason] = records(window).own_reasons
    assert reason.factor_id is None  # a suggestion until the person confirms it
    assert "Suggested: Pay" in texts(panel)
    assert not window.factor_list.rows["pay"].mark.isVisibleTo(window.factor_list)
    named(panel, QAbstractButton, f"Match the reason {reason.text} to Pay").click()
    assert records(window).own_reasons[0].factor_id == "pay"
    mark = window.factor_list.rows["pay"].mark
    assert mark.isVisibleTo(window.factor_list) and "from your reasons" in mark.text()
    assert window.factor_list.rows["pay"].accessibleDescription() == "From your own reasons"
    window.session.undo_stack.undo()
    assert records(window).own_reasons[0].factor_id is None
    assert not window.factor_list.rows["pay"].mark.isVisibleTo(window.factor_list)


def test_the_person_can_change_the_match_to_any_factor_on_the_table(window, page):
    panel = add_reason(page, "The pay rise would be small")
    reason = records(window).own_reasons[0]
    combo = named(panel, QComboBox, f"Factor for the reason {reason.text}")
    combo.setCurrentIndex(combo.findData("work_family"))
    combo.activated.emit(combo.currentIndex())
    assert records(window).own_reasons[0].factor_id == "work_family"
    assert window.factor_list.rows["work_family"].mark.isVisibleTo(window.factor_list)


def test_a_reason_becomes_a_factor_of_ones_own_in_one_undo_step(window, page, monkeypatch):
    panel = add_reason(page, "My kids finish high school here in 2028", "against")
    reason = records(window).own_reasons[0]
    seen = {}

    def fill(dialog):
        seen["title"], seen["con"] = dialog.title_edit.text(), dialog.con_edit.text()
        dialog.pro_edit.setText("A fresh start somewhere new")
        return 1

    monkeypatch.setattr(FactorDialog, "exec", fill)
    named(panel, QAbstractButton, f"Make the reason {reason.text} a factor of your own").click()
    assert seen == {"title": "My kids finish high school here in 2028", "con": reason.text}
    custom = [f for f in window.session.assessment.factors if f.custom]
    assert [f.title for f in custom] == ["My kids finish high school here in 2028"]
    assert records(window).own_reasons[0].custom_factor_id == custom[0].id
    row = window.factor_list.rows[custom[0].id]
    assert row.mark.isVisibleTo(window.factor_list)
    window.session.undo_stack.undo()  # the whole step
    assert not any(f.custom for f in window.session.assessment.factors)
    assert records(window).own_reasons[0].custom_factor_id is None
    window.session.undo_stack.redo()
    assert records(window).own_reasons[0].custom_factor_id == custom[0].id
    assert custom[0].id in window.factor_list.rows


# Did you miss? ----------------------------------------------------------------------------------
def test_did_you_miss_shows_only_what_reasons_and_table_do_not_cover(window, page):
    missed = page.show_step("did_you_miss")
    prompts = {p.id: p for p in deciding_content().prompts}
    shown = set(missed.prompt_ids)
    # The demo person weighs every default factor but the 2025-26 ones, so what is left are the
    # questions about those and the ones that suggest a factor of one's own.
    assert shown and all(
        not prompts[p].factor_ids
        or set(prompts[p].factor_ids) & {"job_security", "appraisal", "getting_in"}
        for p in shown
    )
    prompt = prompts["money_retirement"]
    assert prompt.id in shown
    named(missed, QLineEdit, f"Your answer to: {prompt.text}").setText("My high-3 would rise")
    named(missed, QAbstractButton, f"Add your answer to: {prompt.text}").click()
    assert prompt.id not in missed.prompt_ids
    reason = records(window).own_reasons[0]
    assert reason.prompt_id == prompt.id and reason.side == "against"


def test_a_reason_covers_the_prompts_of_its_factor(window, page):
    window.session.clear_rating("job_security")
    missed = page.show_step("did_you_miss")
    assert "after_fallback" in missed.prompt_ids
    add_reason(page, "Fallback rights if the job went badly")
    reason = records(window).own_reasons[0]
    window.session.run(ops.match_reason_to, window.session.person.id, reason.id, "job_security")
    assert "after_fallback" not in missed.prompt_ids


# Premortem --------------------------------------------------------------------------------------
def test_a_premortem_answer_links_a_factor_whose_lean_is_one_click_away(window, page):
    panel = page.show_step("premortem")
    panel.inputs["ses"].setText("I was reassigned to a city my family would not move to")
    panel.inputs["ses"].returnPressed.emit()
    [item] = records(window).premortem
    assert item.path == "ses" and item.factor_id == "relocation"
    before = window.session.assessment.ratings["relocation"].lean
    button = named(
        panel, QAbstractButton, f"Lean \u22121 for Geographic reassignment (from: {item.text})"
    )
    button.click()
    assert window.session.assessment.ratings["relocation"].lean == before - 1
    assert window.factor_list.rows["relocation"].lean.value() == (before - 1) * 2  # the table
    window.session.undo_stack.undo()
    assert window.session.assessment.ratings["relocation"].lean == before


def test_a_preventive_step_with_a_date_is_stored_and_shows_when_due(window, page):
    panel = page.show_step("premortem")
    panel.inputs["stay"].setText("My work stopped stretching me")
    panel.add_answer("stay")
    item = records(window).premortem[0]
    step = named(panel, QLineEdit, f"What would prevent: {item.text}")
    step.setText("Ask for a detail next spring")
    step.editingFinished.emit()
    due = named(panel, QDateEdit, f"Date for the step against: {item.text}")
    due.setDate(due.date().fromString("2001-03-01", "yyyy-MM-dd"))
    due.editingFinished.emit()
    stored = records(window).premortem[0]
    assert (stored.prevention, stored.due) == ("Ask for a detail next spring", "2001-03-01")
    assert "Step due 2001-03-01: Ask for a detail next spring" in window.review_bar.text()
    named(panel, QAbstractButton, f"The step against {item.text} is done").click()
    assert records(window).premortem[0].done
    assert "Ask for a detail" not in window.review_bar.text()


# A friend's view --------------------------------------------------------------------------------
ODD_LEANS = (3.5, -4.5, 2.5, -1.5, 4.5)  # no such number appears anywhere else on the panel


def numbers_shown(root: QWidget) -> set[float]:
    """Every number a sighted user could read on the panel (tags and entities left out)."""
    plain = re.sub(r"<[^>]+>|&[#\w]+;", " ", texts(root))
    return {float(n) for n in re.findall(r"[+-]?\d+(?:\.\d+)?", plain)}


def test_the_friends_view_never_shows_the_first_answers_before_they_are_given(window, page):
    from ses_decider.core.deciding import friend_factors

    top = friend_factors(window.session.assessment)
    for factor, lean in zip(top, ODD_LEANS, strict=True):
        window.session.set_lean(factor.id, lean)
    panel = page.show_step("friend_view")
    panel.start()
    assert [q.factor.id for q in panel.questions] == [f.id for f in top]
    assert not numbers_shown(panel) & set(ODD_LEANS)
    assert all(q.slider.value() == 0 and not q.answered for q in panel.questions)
    names = " ".join(
        w.accessibleName() + w.accessibleDescription() for w in panel.findChildren(QWidget)
    )
    assert not any(f"{lean:+g}" in names for lean in ODD_LEANS)
    assert "not answered yet" in texts(panel)
    assert not panel.comparison.isVisibleTo(panel)
    # Answering one: still nothing of the person's own answers.
    panel.questions[0].slider.setValue(-4)
    assert panel.questions[0].value.text() == "-2"
    assert not panel.comparison.isVisibleTo(panel)
    for question in panel.questions[1:]:
        question.slider.setValue(
            2 * int(window.session.assessment.ratings[question.factor.id].lean)
        )
    named(panel, QAbstractButton, "Compare with my own answers").click()
    assert panel.comparison.isVisibleTo(panel)
    assert "Your verdict:" in texts(panel) and "With your answers for your friend:" in texts(panel)


def test_keeping_the_friends_answer_changes_the_table_and_is_undone_in_one_step(window, page):
    panel = page.show_step("friend_view")
    panel.start()
    first = panel.questions[0]
    own = window.session.assessment.ratings[first.factor.id].lean
    first.slider.setValue(int(2 * (own - 2)))
    panel.compare()
    [view] = records(window).friend_views
    assert view.leans == {first.factor.id: own - 2}
    named(
        panel, QAbstractButton, f"Keep your answer for your friend for {first.factor.title}"
    ).click()
    assert window.session.assessment.ratings[first.factor.id].lean == own - 2
    assert records(window).friend_views[0].kept == {first.factor.id: "friend"}
    window.session.undo_stack.undo()
    assert window.session.assessment.ratings[first.factor.id].lean == own
    assert records(window).friend_views[0].kept == {}


def test_keeping_ones_own_answer_leaves_the_table_alone(window, page):
    panel = page.show_step("friend_view")
    panel.start()
    first = panel.questions[0]
    own = window.session.assessment.ratings[first.factor.id].lean
    first.slider.setValue(int(2 * (own - 1)))
    panel.compare()
    named(panel, QAbstractButton, f"Keep your own answer for {first.factor.title}").click()
    assert window.session.assessment.ratings[first.factor.id].lean == own
    assert records(window).friend_views[0].kept == {first.factor.id: "own"}


# Experiments ------------------------------------------------------------------------------------
def test_experiments_are_suggested_for_factors_that_could_change_the_verdict(window, page):
    panel = page.show_step("experiments")
    assert panel.suggestions, "the demo is a close call: something could change it"
    first = panel.suggestions[0]
    idea = first.ideas[0]
    named(panel, QAbstractButton, f"Plan: {idea.title} ({first.title})").click()
    [planned] = records(window).experiments
    assert planned.kind == idea.id and planned.status == "planned"
    assert (date.fromisoformat(planned.due) - TODAY).days == idea.typical_days
    assert all(idea.id not in [i.id for i in s.ideas] for s in panel.suggestions)


def test_a_due_experiment_shows_a_notice_and_finishing_takes_a_labelled_snapshot(
    window, page, monkeypatch
):
    panel = page.show_step("experiments")
    panel.own_title.setText("Lunch with our deputy assistant secretary")
    panel.own_due.setDate(panel.own_due.date().fromString("2001-02-03", "yyyy-MM-dd"))
    panel.add_own()
    [trial] = records(window).experiments
    assert "Experiment due 2001-02-03: Lunch with our deputy" in window.review_bar.text()
    window.session.set_lean("stress", -4)  # re-rated after the lunch
    monkeypatch.setattr(
        FinishDialog, "exec", lambda d: d.learned.setPlainText("Her weeks run to 60 hours") or 1
    )
    named(panel, QAbstractButton, f"Done with the experiment {trial.title}").click()
    done = records(window).experiments[0]
    assert done.status == "done" and done.learned == "Her weeks run to 60 hours"
    [snapshot] = window.session.snapshots()
    assert snapshot.label == deciding_content().label_for_snapshot(trial.title)
    assert snapshot.uid == done.snapshot_uid
    stored = window.session.snapshot_assessment(snapshot.id)
    assert stored.ratings["stress"].lean == -4
    assert "Lunch with" not in window.review_bar.text()
    history = window.show_page("history")
    assert snapshot.label in [p.label for p in history.points]


# The journal ------------------------------------------------------------------------------------
def fill_journal(decision: str):
    def fill(dialog: JournalDialog):
        if decision:
            dialog.decision.setEditText(decision)
        dialog.reasons.setPlainText("The mission pulls me, and the kids leave home in 2028.")
        dialog.confidence.setValue(70)
        dialog.rejected[0][0].setText("Stay a GS-15")
        dialog.rejected[0][1].setText("I would wonder for ever")
        dialog.review.setDate(dialog.review.date().fromString("2027-06-01", "yyyy-MM-dd"))
        dialog.accept()
        return 1

    return fill


def test_the_journal_records_the_decision_and_asks_how_it_went_at_the_review(
    window, page, monkeypatch
):
    monkeypatch.setattr(JournalDialog, "exec", fill_journal("Apply in the spring cycle"))
    panel = page.show_step("journal")
    panel.write_button.click()
    [entry] = records(window).journal
    assert (entry.decision, entry.confidence, entry.decided_on) == (
        "Apply in the spring cycle",
        70,
        TODAY.isoformat(),
    )
    assert entry.rejected[0].why == "I would wonder for ever"
    assert entry.verdict == window.session.evaluation.verdict.label
    assert "Review on 2027-06-01." in texts(panel)
    page.set_today(lambda: date(2027, 6, 1))
    page.refresh()
    shown = texts(panel)
    assert deciding_content().journal.review_question in shown
    assert "How sure you were: 70%." in shown and "Turned down Stay a GS-15" in shown
    assert f"The app's verdict then: {entry.verdict}" in shown
    edit = panel.review_edits[entry.id]
    edit.setPlainText("Selected for a post in Denver; the family is coming.")
    named(panel, QAbstractButton, f"Save how it went: {entry.decision}").click()
    answered = records(window).journal[0]
    assert answered.outcome.startswith("Selected") and answered.answered_on == "2027-06-01"
    assert "How it went (2027-06-01): Selected" in texts(panel)


def test_a_journal_review_that_has_come_shows_as_a_notice(window, page, monkeypatch):
    monkeypatch.setattr(JournalDialog, "exec", fill_journal("Not now"))
    page.show_step("journal").write_button.click()
    entry = records(window).journal[0]
    from ses_decider.core.deciding import edited

    window.session.run(
        ops.put_record, window.session.person.id, edited(entry, review_on=TODAY.isoformat())
    )
    assert "Your decision journal asks how \u201cNot now\u201d went" in window.review_bar.text()


def test_historys_decision_box_opens_the_journal_with_the_final_decision(window, monkeypatch):
    monkeypatch.setattr(JournalDialog, "exec", fill_journal(""))
    history = window.show_page("history")
    history.choice.setCurrentIndex(history.choice.findText("Applied"))
    history.journal_button.click()
    [entry] = records(window).journal
    assert entry.decision == "Applied"


# Everywhere ------------------------------------------------------------------------------------
def test_every_control_of_every_step_has_a_name(window, page, monkeypatch):
    add_reason(page, "The pay rise would be small")
    page.show_step("premortem").inputs["ses"].setText("Long hours wore me down")
    page.premortem.add_answer("ses")
    page.show_step("friend_view").start()
    for step in page.panels:
        page.show_step(step)
        assert unnamed_controls(page) == [], step


def test_the_simple_path_is_unchanged_and_a_new_person_starts_with_nothing(window, page):
    assert window.pages.tabText(0) == "&Decide"
    assert window.pages.tabText(1) == "Decide &well"
    add_reason(page, "Pay")
    window.session.create_person("Jo", window.session.assessment.copy())
    window.show_page("deciding")
    assert records(window).empty
    assert page.reasons.cards == {}  # nothing of the other person's
    assert page.reasons.empty.isVisibleTo(page.reasons)
