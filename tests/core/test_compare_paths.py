"""Comparing two snapshots says what changed in the other paths beside the SES."""

from __future__ import annotations

from ses_decider.core.compare import path_changes
from ses_decider.core.model import CareerPath
from tests.helpers import neutral_assessment


def snapshot(*paths: CareerPath):
    a = neutral_assessment()
    a.paths = [p.copy() for p in paths]
    return a


SENIOR = CareerPath("sl_st", "Senior Level", {"pay": 2.0}, set(), "sl_st")
TEACH = CareerPath("own", "Teach", {"mission": 4.0}, set(), "own")


def test_no_paths_or_the_same_paths_mean_nothing_to_say():
    assert path_changes(snapshot(), snapshot()) == []
    assert path_changes(snapshot(SENIOR), snapshot(SENIOR)) == []


def test_added_and_removed_paths_are_named():
    assert path_changes(snapshot(TEACH), snapshot(SENIOR)) == [
        "Added the path \u201cSenior Level\u201d (scores 70).",
        "Removed the path \u201cTeach\u201d.",
    ]


def test_a_rename_new_leans_and_dealbreakers_are_said_with_the_score():
    after = SENIOR.copy()
    after.title = "SL at NIH"
    after.leans.update(pay=3.5, stress=-1.0)
    after.dealbreakers.add("relocation")
    [line] = path_changes(snapshot(SENIOR), snapshot(after))
    assert line == (
        "SL at NIH: renamed from \u201cSenior Level\u201d; Stress and hours lean not rated "
        "\u2192 -1; Pay lean +2 \u2192 +3.5; Geographic reassignment now a dealbreaker; "
        "score 70 \u2192 62."
    )


def test_a_score_moved_by_the_shared_weights_says_so():
    before, after = snapshot(SENIOR, TEACH), snapshot(SENIOR, TEACH)
    after.ratings["pay"].weight = 1.0  # pay alone rates Senior Level: its score stays 70
    for view in (before, after):
        view.paths[1].leans["pay"] = 1.0
    lines = path_changes(before, after)
    assert lines == ["Teach: score 75 \u2192 85 (the weights changed)."]
