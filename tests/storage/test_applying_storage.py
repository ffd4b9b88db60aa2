"""Stories, the résumé and practice in the database (m008_applying) and in the person file."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.practice import PracticeSession
from ses_decider.core.resume import Resume
from ses_decider.core.stories import Story
from ses_decider.ops import run
from ses_decider.ops.people import delete_person
from ses_decider.storage.db import open_database
from ses_decider.storage.exchange import FormatError
from ses_decider.storage.person_file import parse_person_data
from ses_decider.storage.repository import Repository
from tests.helpers import export_person, import_person_data, neutral_assessment

STAMP = "2026-03-01T10:00:00.000000+00:00"
LATER = "2026-04-01T10:00:00.000000+00:00"


def story(title: str = "Claims backlog recovery", **changes) -> Story:
    """A story whose id follows from its title (the same title: the same record)."""
    base = Story(
        id=hashlib.md5(title.encode("utf-8", "replace")).hexdigest(),
        title=title,
        challenge="The claims backlog had grown to 410,000 cases.",
        context="I directed 12 regional offices with 1,150 staff.",
        action="I redesigned intake and moved 640 staff to a national queue.",
        result="The backlog fell 38% in 18 months.",
        happened_on="2024-03-15",
        ecqs=("achieving_results", "leading_people"),
        updated_at=STAMP,
    )
    return replace(base, **changes)


def answer(**changes) -> PracticeSession:
    base = PracticeSession(
        id="cd" * 16,
        ecq_id="leading_people",
        question_id="leading_people_1",
        started_at="2026-03-02T09:00:00+00:00",
        duration_seconds=171.5,
        target_seconds=180,
        notes="Ran long on context.",
        self_rating=3,
        mentor_rating=2,
        updated_at=STAMP,
    )
    return replace(base, **changes)


def person(repo: Repository, name: str = "Alex") -> int:
    return repo.create_person(name, neutral_assessment()).id


def fill(repo: Repository, person_id: int) -> tuple[Story, PracticeSession, Resume]:
    s, a, r = story(), answer(), Resume("Jordan Lee\nClaims backlog fell 38%.", STAMP)
    repo.applying.put_story(person_id, s)
    repo.applying.put_session(person_id, a)
    repo.applying.set_resume(person_id, r)
    return s, a, r


def counts(repo: Repository) -> dict[str, int]:
    tables = ("stories", "resumes", "practice_sessions")
    return {t: repo.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


# The store ----------------------------------------------------------------------------------------
def test_stories_answers_and_the_resume_read_back_equal(repo):
    pid = person(repo)
    s, a, r = fill(repo, pid)
    assert repo.applying.stories(pid) == [s]
    assert repo.applying.story(pid, s.id) == s
    assert repo.applying.sessions(pid) == [a]
    assert repo.applying.resume(pid) == r
    undated = story("Undated", happened_on=None)
    older = story("Older", happened_on="2019-01-01")
    repo.applying.put_story(pid, undated)
    repo.applying.put_story(pid, older)
    assert [x.title for x in repo.applying.stories(pid)] == [s.title, "Older", "Undated"]


def test_put_replaces_by_id_and_delete_removes(repo):
    pid = person(repo)
    s, a, _ = fill(repo, pid)
    repo.applying.put_story(pid, replace(s, result="Fell 40%."))
    repo.applying.put_session(pid, replace(a, mentor_rating=None))
    assert [x.result for x in repo.applying.stories(pid)] == ["Fell 40%."]
    assert repo.applying.session(pid, a.id).mentor_rating is None
    repo.applying.delete_story(pid, s.id)
    repo.applying.delete_session(pid, a.id)
    repo.applying.set_resume(pid, None)
    assert counts(repo) == {"stories": 0, "resumes": 0, "practice_sessions": 0}


def test_the_same_record_id_for_two_people_is_two_records(repo):
    alex, sam = person(repo, "Alex"), person(repo, "Sam")
    repo.applying.put_story(alex, story("Alex's"))
    repo.applying.put_story(sam, story("Sam's"))
    assert [s.title for s in repo.applying.stories(alex)] == ["Alex's"]
    assert [s.title for s in repo.applying.stories(sam)] == ["Sam's"]


def test_ratings_out_of_range_cannot_be_stored(repo):
    import sqlite3

    pid = person(repo)
    with pytest.raises(sqlite3.IntegrityError):
        repo.db.execute(
            "INSERT INTO practice_sessions (person_id, id, ecq_id, question_id, started_at, "
            "duration_seconds, target_seconds, self_rating, updated_at) "
            "VALUES (?, 'x', 'e', 'q', ?, 10, 180, 5, ?)",
            [pid, STAMP, STAMP],
        )


def test_deleting_a_person_deletes_their_applying_rows_and_bring_back_restores_them(repo):
    pid = person(repo)
    other = person(repo, "Sam")
    fill(repo, pid)
    fill(repo, other)
    before = export_person(repo, pid)["applying"]
    deleted = run(repo, delete_person, pid)
    assert counts(repo) == {"stories": 1, "resumes": 1, "practice_sessions": 1}  # Sam's
    back = run(repo, deleted.undo).value
    assert counts(repo) == {"stories": 2, "resumes": 2, "practice_sessions": 2}
    assert export_person(repo, back.id)["applying"] == before


def test_a_database_from_before_m008_gets_the_tables_and_keeps_its_people(tmp_path):
    import sqlite_utils

    from ses_decider.storage.schema import migrations

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m008_applying")
    old.execute(
        "INSERT INTO people (id, uid, name, created_at) VALUES (1, 'u1', 'Alex', '2025-01-01')"
    )
    old.close()
    repo = Repository(open_database(path))
    try:
        assert repo.people.get(1).name == "Alex"
        repo.applying.put_story(1, story())
        assert repo.applying.stories(1) == [story()]
    finally:
        repo.db.close()


# The person file ----------------------------------------------------------------------------------
def test_the_person_file_carries_the_part_and_round_trips_into_a_fresh_database(repo, tmp_path):
    pid = person(repo)
    s, a, r = fill(repo, pid)
    data = export_person(repo, pid)
    assert set(data["applying"]) == {"stories", "practice", "resume"}
    other = Repository(open_database(tmp_path / "other.db"))
    try:
        result = import_person_data(other, data)
        assert "1 story" in result.message and "1 practice answer" in result.message
        assert "the résumé" in result.message
        new_id = result.value.id
        assert other.applying.stories(new_id) == [s]
        assert other.applying.sessions(new_id) == [a]
        assert other.applying.resume(new_id) == r
        again = export_person(other, new_id)
        assert again["applying"] == data["applying"]
    finally:
        other.db.close()


def test_a_person_without_stories_has_no_part_and_old_files_still_import(repo, tmp_path):
    pid = person(repo)
    data = export_person(repo, pid)
    assert "applying" not in data
    other = Repository(open_database(tmp_path / "other.db"))
    try:
        assert import_person_data(other, data).value.name == "Alex"
    finally:
        other.db.close()


def test_importing_the_same_file_twice_doubles_nothing(repo):
    pid = person(repo)
    fill(repo, pid)
    data = export_person(repo, pid)
    result = import_person_data(repo, data)
    assert "nothing changed" in result.message
    assert counts(repo) == {"stories": 1, "resumes": 1, "practice_sessions": 1}


def test_a_newer_record_in_the_file_wins_an_older_one_does_not(repo):
    pid = person(repo)
    s, a, _ = fill(repo, pid)
    data = export_person(repo, pid)
    newer = copy.deepcopy(data)
    newer["applying"]["stories"][0].update(result="Fell 45%.", updated_at=LATER)
    newer["applying"]["practice"][0].update(mentor_rating=4, updated_at=LATER)
    newer["applying"]["resume"].update(text="A new draft.", updated_at=LATER)
    older = copy.deepcopy(data)
    older["applying"]["stories"][0].update(
        result="Fell 10%.", updated_at="2025-01-01T00:00:00+00:00"
    )
    older["applying"]["resume"].update(text="An old draft.", updated_at="2025-01-01T00:00:00")
    assert "nothing changed" in import_person_data(repo, older).message
    assert repo.applying.story(pid, s.id).result == s.result
    said = import_person_data(repo, newer).message
    assert "1 story" in said and "1 practice answer" in said and "the résumé" in said
    assert repo.applying.story(pid, s.id).result == "Fell 45%."
    assert repo.applying.session(pid, a.id).mentor_rating == 4
    assert repo.applying.resume(pid).text == "A new draft."
    assert counts(repo) == {"stories": 1, "resumes": 1, "practice_sessions": 1}


def test_a_newer_stamp_on_the_same_content_changes_nothing(repo):
    pid = person(repo)
    fill(repo, pid)
    data = export_person(repo, pid)
    data["applying"]["stories"][0]["updated_at"] = LATER
    data["applying"]["resume"]["updated_at"] = LATER
    assert "nothing changed" in import_person_data(repo, data).message
    assert repo.applying.stories(pid)[0].updated_at == STAMP


def test_a_new_story_in_the_file_is_added_beside_the_ones_kept(repo):
    pid = person(repo)
    fill(repo, pid)
    data = export_person(repo, pid)
    extra = story("Grants portal launch", id="ab" * 16, updated_at=LATER)
    from ses_decider.core.stories import story_to_dict

    data["applying"]["stories"].append(story_to_dict(extra))
    import_person_data(repo, data)
    assert {s.title for s in repo.applying.stories(pid)} == {story().title, extra.title}


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda p: p["stories"][0].update(happened_on="2026-02-31"), "applying.stories[0]"),
        (lambda p: p["stories"][0].update(ecqs="leading_people"), "applying.stories[0].ecqs"),
        (lambda p: p["stories"][0].pop("id"), "applying.stories[0]"),
        (lambda p: p["stories"].append(dict(p["stories"][0])), "applying.stories[1].id"),
        (lambda p: p["practice"][0].update(self_rating=7), "applying.practice[0].self_rating"),
        (lambda p: p["practice"][0].update(notes="\ud800"), "applying.practice[0].notes"),
        (lambda p: p["resume"].update(updated_at="yesterday"), "applying.resume.updated_at"),
        (lambda p: p.update(extra=1), "applying"),
    ],
)
def test_a_bad_part_is_refused_whole_naming_the_field(repo, change, field):
    pid = person(repo)
    fill(repo, pid)
    data = export_person(repo, pid)
    change(data["applying"])
    with pytest.raises(FormatError) as caught:
        parse_person_data(data)
    message = str(caught.value)
    assert f"field {field}" in message and "\n" not in message


text_st = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=text_st,
    parts=st.lists(text_st, min_size=4, max_size=4),
    duration=st.floats(min_value=0, max_value=10_000, allow_nan=False),
    rating=st.none() | st.integers(0, 4),
    resume=text_st.filter(lambda t: t.strip()),
)
def test_any_text_and_number_survive_a_person_file_round_trip(
    tmp_path_factory, title, parts, duration, rating, resume
):
    folder = tmp_path_factory.mktemp("rt")
    src = Repository(open_database(folder / "a.db"))
    dst = Repository(open_database(folder / "b.db"))
    try:
        pid = person(src)
        s = story(title, challenge=parts[0], context=parts[1], action=parts[2], result=parts[3])
        a = answer(duration_seconds=duration, self_rating=rating, notes=title)
        src.applying.put_story(pid, s)
        src.applying.put_session(pid, a)
        src.applying.set_resume(pid, Resume(resume, STAMP))
        import json

        data = json.loads(json.dumps(export_person(src, pid)))
        new_id = import_person_data(dst, data).value.id
        assert dst.applying.stories(new_id) == [s]
        assert dst.applying.sessions(new_id) == [a]
        assert dst.applying.resume(new_id).text == resume
    finally:
        src.db.close()
        dst.db.close()
