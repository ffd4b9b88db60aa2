"""Fit and readiness, driven like a user: answer, fill the checklist, rate the ECQs, see the 2x2 move."""

from __future__ import annotations

from datetime import date

from ses_decider.ui.views.about_view import AboutView, facts_html


def open_readiness(window):
    return window.show_page("readiness")


def test_filling_the_checklist_moves_the_quadrant_point(window):
    view = open_readiness(window)
    assert view.quadrant.point is None
    assert not window.banner.quadrant.isVisible()
    view.fact_inputs["positions_held"].setValue(2)
    first = view.quadrant.point
    assert first is not None and first[1] < 50
    assert "build readiness" in window.banner.quadrant.text().lower()
    for item in ("washington_tour", "coach_or_mentor"):
        view.fact_inputs[item].setChecked(True)
    view.fact_inputs["positions_held"].setValue(5)
    view.fact_inputs["details_done"].setValue(2)
    view.fact_inputs["years_gs14_15"].setValue(3)
    view.fact_inputs["outside_roles"].setValue(2)
    scale = view.fact_inputs["performance_record"]
    scale.setCurrentIndex(scale.count() - 1)
    for rating, _example in view.ecq_inputs.values():
        rating.setCurrentIndex(rating.count() - 1)
    now = view.quadrant.point
    assert now[1] > first[1] and now[1] >= 50
    assert "Go for it now" in view.quadrant_text.text()
    assert "Go for it now" in window.banner.quadrant.text()


def test_fit_answers_feed_want_and_are_saved(window):
    view = open_readiness(window)
    view.fact_inputs["positions_held"].setValue(5)  # gives a ready value so the point exists
    before = view.quadrant.point[0]
    for combo in view.fit_inputs.values():
        combo.setCurrentIndex(1)  # 0: the worst fit
    assert view.quadrant.point[0] < before
    window.session.flush()
    stored = window.session.repo.assessments.load(window.session.person.id)
    assert set(stored.fit) == set(view.fit_inputs)
    assert stored.readiness.facts["positions_held"] == 5


def test_ecq_example_and_plan_are_saved_and_undoable(window):
    view = open_readiness(window)
    ecq_id, (rating, example) = next(iter(view.ecq_inputs.items()))
    example.setText("Led the 2024 merger of two regional offices")
    example.editingFinished.emit()
    assert window.session.assessment.readiness.ecq[ecq_id].example.startswith("Led the 2024")
    view.suggest_steps()
    plan = window.session.assessment.readiness.plan
    assert plan and all(item.text for item in plan)
    window.session.undo_stack.undo()
    assert window.session.assessment.readiness.plan == []


def test_switching_to_the_classic_ecqs_shows_the_classic_five(window):
    view = open_readiness(window)
    chooser = view.ecq_group.findChildren(type(view.fit_inputs["management_track"]))[0]
    chooser.setCurrentIndex(chooser.findData("classic_2006"))
    assert window.session.assessment.readiness.ecq_set == "classic_2006"
    titles = {view.ecq_inputs[k][0].accessibleName() for k in view.ecq_inputs}
    assert any("Leading Change" in t for t in titles)
    assert len(view.ecq_inputs) == 5


def test_about_view_gives_sources_dates_and_flags_old_figures(qtbot):
    view = AboutView(today=date(2026, 11, 23))
    qtbot.addWidget(view)
    text = view.text.toPlainText()
    assert "Source:" in text and "As of 2014" in text
    assert "more than 2 years old" in text
    assert "58%" in view.chart.accessibleDescription()
    html = facts_html(view.sheet, date(2011, 1, 1))
    assert "As of 2010." in html
