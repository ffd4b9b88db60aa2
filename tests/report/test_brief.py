"""The brief's content, built from core objects: what a supervisor would read, number for number."""

from __future__ import annotations

import pytest

from ses_decider.core import sensitivity
from ses_decider.core.explain import gut_check
from ses_decider.core.model import Verdict
from ses_decider.core.scoring import evaluate
from ses_decider.report.brief import build_brief, mentor_differences
from tests.report.conftest import DAY, SCRIPT


def test_verdict_score_and_every_factor_with_its_numbers(demo):
    brief = build_brief("Sample person", demo, day=DAY)
    evaluation = evaluate(demo)
    assert brief.person == "Sample person"
    assert brief.date_text == "November 23, 2026"
    assert brief.verdict is evaluation.verdict is Verdict.CLOSE_CALL
    assert brief.score == pytest.approx(evaluation.score)
    assert "close call" in brief.verdict_sentence
    assert [f.id for f in brief.factors] == [f.id for f, _ in demo.active()]
    for line in brief.factors:
        rating = demo.ratings[line.id]
        assert line.title == demo.factor(line.id).title
        assert (line.weight, line.lean) == (rating.weight, rating.lean)
        assert line.share == pytest.approx(evaluation.shares[line.id])
        assert line.contribution == pytest.approx(evaluation.contributions[line.id])
        assert line.pro and line.con and line.source
    assert sum(f.share for f in brief.factors) == pytest.approx(1.0)
    assert sum(f.contribution for f in brief.factors) == pytest.approx(brief.score - 50)


def test_charts_tipping_robustness_gut_notes_and_sources(demo):
    brief = build_brief("Sample person", demo, day=DAY)
    assert [v for _, v in brief.contributions] == pytest.approx(
        [f.contribution for f in brief.factors]
    )
    tornado = sensitivity.tornado(demo)
    assert len(brief.tornado) == min(8, len(tornado))
    assert brief.tornado[0][1:] == (tornado[0].low_score, tornado[0].high_score)
    assert brief.tipping == tuple(sensitivity.tipping_sentences(demo))
    assert brief.tipping and brief.tipping[0].startswith("GO if")
    assert brief.robustness == sensitivity.robustness(demo)
    assert brief.robustness_sentence.startswith("Robust") or "Fragile" in brief.robustness_sentence
    assert brief.gut == tuple(gut_check(demo))
    assert brief.notes == (("Geographic reassignment", "Two children in high school until 2028."),)
    assert brief.sources and all(s.as_of for s in brief.sources)
    assert {s.as_of for s in brief.sources} >= {"2014", "2010"}
    assert brief.formula[0].startswith("score = 50")
    assert brief.mentor is None and brief.axes is None and brief.plan == ()


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
    assert len(brief.axes.ways) == 6
    assert brief.plan[0].text.startswith("Ask for a detail") and not brief.plan[0].suggested
    assert any(p.suggested for p in brief.plan)
    assert any(s.used_for == "fit and readiness" for s in brief.sources)


def test_no_weight_at_all_gives_a_brief_without_a_score(demo):
    for rating in demo.ratings.values():
        rating.weight = 0
    brief = build_brief("Nobody yet", demo, day=DAY)
    assert brief.verdict is Verdict.NOT_ENOUGH_INPUT and brief.score is None
    assert brief.tornado == () and all(f.share is None for f in brief.factors)


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


def test_a_factor_the_mentor_hid_counts_as_weight_zero(demo, mentor):
    mentor.hidden.add("mission")
    found = {d.factor_id: d for d in mentor_differences(demo, mentor, limit=20)}
    assert found["mission"].mentor_weight == 0
    assert found["mission"].score_change < 0
