"""The applying operations (each undoable, flag STORIES) and the readers the brief and agenda use."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ses_decider.core.model import EcqRating
from ses_decider.core.readiness import axes, blank_readiness
from ses_decider.ops import Changes, run
from ses_decider.ops import applying as ops
from ses_decider.ops.history import take_snapshot
from tests.helpers import neutral_assessment
from tests.storage.test_applying_storage import answer, person, story

TODAY = date(2026, 12, 1)


def undo(repo, result):
    """Run a result's undo; returns the undo's result (whose undo redoes)."""
    return run(repo, result.undo)


def test_adding_editing_and_removing_a_story_are_each_undoable(repo):
    pid = person(repo)
    added = run(repo, ops.add_story, pid, story())
    assert added.changes == Changes.STORIES
    assert added.message == "Story \u201cClaims backlog recovery\u201d added."
    assert [s.title for s in ops.stories_of(repo, pid)] == ["Claims backlog recovery"]

    edited = run(repo, ops.edit_story, pid, replace(added.value, result="Fell 40%."))
    assert ops.stories_of(repo, pid)[0].result == "Fell 40%."
    assert edited.value.updated_at > added.value.updated_at  # stamped at the write
    redo = undo(repo, edited)
    assert ops.stories_of(repo, pid)[0].result == story().result
    run(repo, redo.undo)
    assert ops.stories_of(repo, pid)[0].result == "Fell 40%."

    removed = run(repo, ops.remove_story, pid, story().id)
    assert ops.stories_of(repo, pid) == []
    back = undo(repo, removed)
    assert ops.stories_of(repo, pid)[0].result == "Fell 40%."
    run(repo, back.undo)
    assert ops.stories_of(repo, pid) == []


def test_undoing_an_add_removes_the_story_and_redo_brings_it_back(repo):
    pid = person(repo)
    added = run(repo, ops.add_story, pid, story())
    redo = undo(repo, added)
    assert ops.stories_of(repo, pid) == []
    run(repo, redo.undo)
    assert len(ops.stories_of(repo, pid)) == 1


def test_a_story_cannot_be_added_twice_or_edited_when_missing(repo):
    pid = person(repo)
    run(repo, ops.add_story, pid, story())
    with pytest.raises(ValueError):
        run(repo, ops.add_story, pid, story())
    with pytest.raises(KeyError):
        run(repo, ops.edit_story, pid, story("Another"))
    assert len(ops.stories_of(repo, pid)) == 1


def test_saving_and_clearing_the_resume_is_undoable(repo):
    pid = person(repo)
    saved = run(repo, ops.save_resume, pid, "Jordan Lee\nFell 38%.")
    assert saved.message == "Résumé saved." and saved.changes == Changes.STORIES
    assert ops.resume_of(repo, pid).text == "Jordan Lee\nFell 38%."
    same = run(repo, ops.save_resume, pid, "Jordan Lee\nFell 38%.")
    assert same.changes == Changes.NONE and same.undo is None
    cleared = run(repo, ops.save_resume, pid, "   ")
    assert cleared.message == "Résumé cleared." and ops.resume_of(repo, pid) is None
    undo(repo, cleared)
    assert ops.resume_of(repo, pid).text == "Jordan Lee\nFell 38%."
    undo(repo, saved)
    assert ops.resume_of(repo, pid) is None


def test_practice_answers_are_recorded_rated_by_both_and_removed_undoably(repo):
    pid = person(repo)
    kept = run(repo, ops.record_practice, pid, answer(self_rating=None, mentor_rating=None))
    assert kept.message == "Practice answer kept."
    mine = run(repo, ops.rate_practice, pid, kept.value.id, "self", 3)
    theirs = run(repo, ops.rate_practice, pid, kept.value.id, "mentor", 2)
    assert mine.message == "Your rating saved." and theirs.message == "The mentor's rating saved."
    stored = ops.practice_of(repo, pid)[0]
    assert (stored.self_rating, stored.mentor_rating) == (3, 2)
    undo(repo, theirs)
    assert ops.practice_of(repo, pid)[0].mentor_rating is None
    noted = run(repo, ops.edit_practice, pid, replace(stored, notes="Shorter next time."))
    assert ops.practice_of(repo, pid)[0].notes == "Shorter next time."
    undo(repo, noted)
    removed = run(repo, ops.remove_practice, pid, kept.value.id)
    assert ops.practice_of(repo, pid) == []
    undo(repo, removed)
    assert ops.practice_of(repo, pid)[0].self_rating == 3
    with pytest.raises(ValueError):
        run(repo, ops.rate_practice, pid, kept.value.id, "friend", 3)


# Readers ------------------------------------------------------------------------------------------
def test_the_grid_shows_each_ecq_of_the_chosen_set_with_stories_resume_and_practice(repo):
    pid = person(repo)
    run(repo, ops.add_story, pid, story())  # achieving results, leading people
    run(repo, ops.add_story, pid, story("Grants portal", ecqs=("leading_people",), result="Done."))
    run(repo, ops.save_resume, pid, "Led claims: the backlog fell 38% in 18 months.")
    run(repo, ops.record_practice, pid, answer())
    grid = {row.ecq_id: row for row in ops.ecq_grid(repo, pid, TODAY)}
    assert list(grid) == [
        "rule_of_law",
        "driving_efficiency",
        "merit_competence",
        "leading_people",
        "achieving_results",
    ]
    people = grid["leading_people"]
    assert (people.stories, people.strength, people.evidence) == (2, 4, 4)
    assert people.best.title == "Claims backlog recovery"
    assert people.in_resume is True and grid["rule_of_law"].in_resume is False
    assert (people.answers, people.average_self, people.average_mentor) == (1, 3.0, 2.0)
    results = grid["achieving_results"]
    assert (results.stories, results.evidence) == (1, 3)  # one story: at most 3
    assert [r.ecq_id for r in ops.ecqs_without_evidence(repo, pid, TODAY)] == [
        "rule_of_law",
        "driving_efficiency",
        "merit_competence",
    ]
    best = ops.best_story_per_ecq(repo, pid, TODAY)
    assert best["rule_of_law"] is None and best["leading_people"].title == story().title


def test_the_grid_follows_the_ecq_set_the_person_chose(repo):
    pid = person(repo)
    assessment = neutral_assessment()
    assessment.readiness = replace(blank_readiness(), ecq_set="classic_2006")
    repo.assessments.save(pid, assessment)
    run(repo, ops.add_story, pid, story(ecqs=("leading_change",)))
    grid = ops.ecq_grid(repo, pid, TODAY)
    assert grid[0].ecq_id == "leading_change" and grid[0].stories == 1
    assert len(ops.ecqs_without_evidence(repo, pid, TODAY)) == 4
    assert ops.ecq_grid(repo, pid, TODAY)[0].in_resume is None  # no résumé yet


def test_stories_raise_am_i_ready_and_a_snapshot_keeps_that(repo):
    pid = person(repo)
    assessment = neutral_assessment()
    state = blank_readiness()
    state.ecq = {"leading_people": EcqRating(1, "")}
    assessment.readiness = state
    repo.assessments.save(pid, assessment)
    without = axes(assessment, None, ops.story_evidence(repo, pid))
    assert without.ready == axes(assessment).ready  # no stories: as before
    run(repo, ops.add_story, pid, story())
    run(repo, ops.add_story, pid, story("Grants portal", ecqs=("leading_people",)))
    evidence = ops.story_evidence(repo, pid)
    assert evidence.strength["leading_people"] == 4
    with_stories = axes(assessment, None, evidence)
    assert with_stories.ready > without.ready
    snap = run(repo, take_snapshot, pid, assessment, "with stories").value
    assert snap.ready == pytest.approx(with_stories.ready)


def test_the_brief_takes_the_story_bank_for_ready_and_the_plan(repo):
    from ses_decider.report.export import person_brief

    pid = person(repo)
    assessment = neutral_assessment()
    state = blank_readiness()
    state.ecq = {"leading_people": EcqRating(1, "")}
    assessment.readiness = state
    repo.assessments.save(pid, assessment)
    before = person_brief(repo, repo.people.get(pid))
    steps = [line.text for line in before.plan if line.suggested]
    assert sum(text.startswith("Write a story that shows") for text in steps) == 5
    run(repo, ops.add_story, pid, story())
    run(repo, ops.add_story, pid, story("Grants portal", ecqs=("leading_people",)))
    after = person_brief(repo, repo.people.get(pid))
    assert after.axes.ready > before.axes.ready
    steps = [line.text for line in after.plan if line.suggested]
    assert sum(text.startswith("Write a story that shows") for text in steps) == 3
