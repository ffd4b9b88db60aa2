"""The brief's content, built from core objects: what a supervisor would read, number for number."""

from __future__ import annotations

import pytest

from ses_decider.core import sensitivity
from ses_decider.core.explain import gut_check
from ses_decider.core.model import Rating, Verdict
from ses_decider.core.records import Choice, Decision, DiscussionNote
from ses_decider.core.scoring import evaluate
from ses_decider.report.brief import build_brief, exact, mentor_differences, tipping_lines
from tests.report.conftest import DAY, SCRIPT


def test_verdict_score_and_every_factor_with_its_numbers(demo):
    brief = build_brief("Sample person", demo, day=DAY)
    evaluation = evaluate(demo)
    assert brief.person == "Sample person"
    assert brief.date_text == "November 23, 2026"
    assert brief.verdict is evaluation.verdict is Verdict.CLOSE_CALL
    assert brief.score == pytest.approx(evaluation.score)
    assert "close call" in brief.verdict_sentence
    assert [f.id for f in brief.factors] == [f.id for f, _ in demo.shown()]
    assert (brief.rated, brief.shown) == demo.rated_count()
    for line in brief.factors:
        rating = demo.ratings[line.id]
        assert line.title == demo.factor(line.id).title
        assert (line.weight, line.lean) == (rating.weight, rating.lean)
        assert line.rated is rating.rated
        if line.rated:
            assert line.share == pytest.approx(evaluation.shares[line.id])
            assert line.contribution == pytest.approx(evaluation.contributions[line.id])
        else:  # not rated is not an opinion: no share, no points, never 0
            assert line.share is None and line.contribution is None
        assert line.pro and line.con and line.source
    rated = [f for f in brief.factors if f.rated]
    assert sum(f.share for f in rated) == pytest.approx(1.0)
    assert sum(f.contribution for f in rated) == pytest.approx(brief.score - 50)


def test_a_factor_not_rated_is_kept_apart_from_a_rating_of_zero(demo):
    demo.ratings["pay"] = Rating()  # not rated
    demo.ratings["community"] = Rating(weight=0, lean=0)  # rated: it does not matter
    lines = {f.id: f for f in build_brief("Sample", demo, day=DAY).factors}
    assert not lines["pay"].rated and lines["pay"].weight is None
    assert lines["community"].rated and lines["community"].weight == 0
    assert lines["community"].contribution == 0


def test_charts_are_labelled_with_the_tables_titles(demo):
    brief = build_brief("Sample person", demo, day=DAY)
    titles = [f.title for f in brief.factors if f.rated]
    assert [label for label, _ in brief.contributions] == titles
    assert "Contribution to the mission" in titles  # longer than the app's short chart label
    assert {label for label, _, _ in brief.tornado} <= set(titles)


def test_charts_tipping_robustness_gut_notes_and_sources(demo):
    brief = build_brief("Sample person", demo, day=DAY)
    assert [v for _, v in brief.contributions] == pytest.approx(
        [f.contribution for f in brief.factors if f.rated]
    )
    tornado = sensitivity.tornado(demo)
    assert len(brief.tornado) == min(8, len(tornado))
    assert brief.tornado[0][1:] == (tornado[0].low_score, tornado[0].high_score)
    assert brief.tipping == tuple(tipping_lines(demo))
    assert brief.robustness == sensitivity.robustness(demo)
    assert brief.robustness_sentence.startswith("Robust") or "Fragile" in brief.robustness_sentence
    assert brief.gut == tuple(gut_check(demo))
    assert brief.notes == (("Geographic reassignment", "Two children in high school until 2028."),)
    assert brief.sources and all(s.as_of for s in brief.sources)
    assert {s.as_of for s in brief.sources} >= {"2014", "2010"}
    assert brief.formula[0].startswith("score = 50")
    assert brief.mentor is None and brief.axes is None and brief.plan == ()
    assert brief.shared_notes == () and brief.decision is None and brief.review_on is None


def test_tipping_values_are_shown_as_computed(demo):
    """The exact values of core.sensitivity, not rounded toward the change as the app's words are."""
    lines = tipping_lines(demo)
    points = sensitivity.tipping_points(demo)
    assert lines
    for line in lines:
        fid = next(f.id for f in demo.factors if f.title == line.factor)
        tip = getattr(points[fid], line.what)
        assert line.at == tip.at and line.verdict is tip.verdict
        trial = demo.copy()
        setattr(trial.ratings[fid], line.what, tip.at + 1e-4 * tip.direction)
        assert evaluate(trial).verdict is line.verdict  # just past the value, it has changed
    first = lines[0]
    assert (first.factor, first.what, first.change) == ("Work-family balance", "lean", "rises to")
    assert exact(first.at, signed=True) == "-1.25"  # the app's sentence says "-1.2"
    assert exact(-0.8333333) == "-0.83" and exact(2.0, signed=True) == "+2" and exact(-0.001) == "0"


def test_hidden_own_factor_dealbreaker_and_readiness(rich):
    brief = build_brief("Dana", rich, day=DAY)
    ids = [f.id for f in brief.factors]
    assert "community" not in ids and brief.left_out == ("Community",)
    own = brief.factors[ids.index("own_commute")]
    assert own.custom and own.source == "your own"
    assert brief.factors[ids.index("relocation")].dealbreaker
    assert (brief.factors[ids.index("pay")].title, SCRIPT) in brief.notes
    assert brief.axes is not None
    assert brief.axes.quadrant == "Want it, build readiness first"
    assert brief.axes.want is not None and brief.axes.ready is not None
    assert dict(brief.axes.quadrant_titles)["build_readiness"] == brief.axes.quadrant
    assert len(brief.axes.ways) == 6
    assert brief.plan[0].text.startswith("Ask for a detail") and not brief.plan[0].suggested
    assert any(p.suggested for p in brief.plan)
    assert any(s.used_for == "fit and readiness" for s in brief.sources)


def test_no_weight_at_all_gives_a_brief_without_a_score(demo):
    for rating in demo.ratings.values():
        rating.weight = 0
        rating.lean = rating.lean if rating.lean is not None else 0
    brief = build_brief("Nobody yet", demo, day=DAY)
    assert brief.verdict is Verdict.NOT_ENOUGH_INPUT and brief.score is None
    assert brief.tornado == () and all(f.share is None for f in brief.factors)


def test_shared_notes_decision_and_review_date(demo):
    notes = [
        DiscussionNote("relocation", "Ask about the 2027 rotation", "2026-11-02T10:00:00+00:00"),
        DiscussionNote("elite_corps", "Talk to two members", "2026-10-01T10:00:00+00:00"),
        DiscussionNote("gone_factor", "A factor no longer on the table", ""),
        DiscussionNote("pay", "   ", ""),  # nothing to show
    ]
    decision = Decision(Choice.NOT_NOW, "2026-12-01", "Waiting for the detail", None)
    brief = build_brief(
        "Sample", demo, day=DAY, shared_notes=notes, decision=decision, review_on="2027-05-01"
    )
    assert [(n.title, n.text, n.updated_on) for n in brief.shared_notes] == [
        ("Elite corps", "Talk to two members", "2026-10-01"),  # in the table's order
        ("Geographic reassignment", "Ask about the 2027 rotation", "2026-11-02"),
        ("gone_factor", "A factor no longer on the table", ""),
    ]
    assert brief.decision == decision and brief.review_on == "2027-05-01"


def test_mentor_differences_ranked_by_effect_on_the_mentees_verdict(demo, mentor):
    found = mentor_differences(demo, mentor)
    assert [d.factor_id for d in found] == ["work_family", "relocation"]  # pay is the same
    base = evaluate(demo).score
    for d in found:
        moved = demo.copy()
        moved.ratings[d.factor_id].weight = d.mentor_weight
        moved.ratings[d.factor_id].lean = d.mentor_lean
        assert d.score_change == pytest.approx(evaluate(moved).score - base)
        assert d.verdict_if is evaluate(moved).verdict
    assert found[0].changes_verdict and found[0].verdict_if is Verdict.GO
    assert abs(found[0].score_change) >= abs(found[1].score_change)
    brief = build_brief("Sample person", demo, mentor=mentor, day=DAY)
    assert brief.mentor is not None and brief.mentor.verdict is Verdict.GO
    assert brief.mentor.differences == tuple(found)


def test_only_what_the_mentor_rated_is_a_difference(demo, mentor):
    mentor.ratings["mission"] = Rating()  # the mentor left it out: no opinion, no difference
    mentor.ratings["job_security"] = Rating(weight=5, lean=-2)  # the mentee has not rated it
    found = {d.factor_id: d for d in mentor_differences(demo, mentor, limit=20)}
    assert "mission" not in found
    assert (found["job_security"].weight, found["job_security"].lean) == (None, None)
    view = build_brief("Sample", demo, mentor=mentor, day=DAY).mentor
    assert "Contribution to the mission" in view.not_rated
    assert view.rated == view.shown - len(view.not_rated)


def test_no_mentor_section_when_the_mentor_rated_nothing(demo):
    from ses_decider.core.content import blank_assessment

    assert build_brief("Sample", demo, mentor=blank_assessment(), day=DAY).mentor is None
