"""Sessions and agreed actions in the database and in the person file: stored and read back, gone
with their person and back with them, and merged both ways between a mentor's and a mentee's copy
(newer wins per record, nothing doubled, nothing across people)."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.deciding_records import edited
from ses_decider.core.mentoring import AgendaItem, AgreedAction, MentoringSession
from ses_decider.ops import run
from ses_decider.ops.mentoring import desk, record_session, set_action_done
from ses_decider.ops.people import bring_back, delete_person
from ses_decider.storage.db import open_database
from ses_decider.storage.errors import FormatError
from ses_decider.storage.person_file import parse_person_data
from ses_decider.storage.repository import Repository
from tests.helpers import export_person, import_person_data, neutral_assessment


def new_repo(path) -> Repository:
    return Repository(open_database(path))


@pytest.fixture
def two(tmp_path):
    """A mentor's database and a mentee's, closed afterwards."""
    mentor, mentee = new_repo(tmp_path / "mentor.db"), new_repo(tmp_path / "mentee.db")
    yield mentor, mentee
    mentor.db.close()
    mentee.db.close()


def with_session(repo, name="Dana"):
    person = repo.create_person(name, neutral_assessment())
    session = MentoringSession(
        "2026-03-05",
        (AgendaItem("difference", "Pay: we differ", "pay"), AgendaItem("own", "Her detail")),
        "Talked about the detail.",
    )
    actions = [
        AgreedAction(session.id, "Ask for a detail", "Mentee", "2026-04-01"),
        AgreedAction(session.id, "Send the OPM guide", "Mentor"),
    ]
    run(repo, record_session, person.id, session, actions)
    return person, session, actions


def test_sessions_and_actions_are_stored_and_read_back(repo):
    person, session, actions = with_session(repo)
    assert repo.mentoring.sessions(person.id) == [session]
    assert repo.mentoring.actions(person.id) == actions  # dated first
    assert repo.mentoring.session(session.id) == (person.id, session)
    assert repo.mentoring.action(actions[1].id) == (person.id, actions[1])


def test_an_action_only_goes_to_a_session_of_the_same_person(repo):
    _, session, _ = with_session(repo, "Dana")
    other = repo.create_person("Eli", neutral_assessment())
    with pytest.raises(KeyError):
        repo.mentoring.put_action(other.id, AgreedAction(session.id, "Not theirs"))


def test_a_deleted_person_takes_their_sessions_and_brings_them_back(repo):
    person, session, actions = with_session(repo)
    deleted = run(repo, delete_person, person.id)
    assert repo.db.execute("SELECT count(*) FROM mentoring_sessions").fetchone()[0] == 0
    assert repo.db.execute("SELECT count(*) FROM agreed_actions").fetchone()[0] == 0
    run(repo, bring_back, deleted.value)
    assert repo.mentoring.sessions(person.id) == [session]
    assert repo.mentoring.actions(person.id) == actions


def test_removing_a_session_removes_the_actions_it_agreed(repo):
    person, session, _ = with_session(repo)
    repo.mentoring.delete_session(session.id)
    assert repo.mentoring.actions(person.id) == []


def test_the_desk_reads_everyone_in_a_few_queries_not_one_per_snapshot(repo):
    people = []
    for n in range(5):
        person, _, _ = with_session(repo, f"Person {n}")
        for k in range(20):
            repo.snapshots.take(person.id, neutral_assessment(), f"s{k}")
        people.append(person)
    statements: list[str] = []
    repo.db.conn.set_trace_callback(statements.append)
    try:
        rows = desk(repo)
    finally:
        repo.db.conn.set_trace_callback(None)
    assert [r.name for r in rows] == [f"Person {n}" for n in range(5)]
    assert all(len(r.points) == 21 for r in rows)  # 20 snapshots and now
    snapshot_reads = [s for s in statements if "FROM snapshots" in s]
    assert len(snapshot_reads) == 1
    assert sum("mentoring_sessions" in s for s in statements) == 1
    assert sum("agreed_actions" in s for s in statements) == 1


# The person file --------------------------------------------------------------------------------
def test_a_person_file_carries_the_mentoring_part(repo):
    person, session, actions = with_session(repo)
    data = export_person(repo, person.id)
    part = data["mentoring"]
    assert [s["id"] for s in part["sessions"]] == [session.id]
    assert part["sessions"][0]["agenda"][0] == {
        "kind": "difference",
        "text": "Pay: we differ",
        "ref": "pay",
    }
    assert {a["id"] for a in part["actions"]} == {a.id for a in actions}
    json.dumps(data, allow_nan=False)


def test_no_sessions_no_part(repo):
    person = repo.create_person("Nobody", neutral_assessment())
    assert "mentoring" not in export_person(repo, person.id)


def test_the_mentees_tick_reaches_the_mentor_and_the_mentors_edit_reaches_the_mentee(two):
    mentor_db, mentee_db = two
    person, session, actions = with_session(mentor_db)
    import_person_data(mentee_db, export_person(mentor_db, person.id))
    theirs = mentee_db.people.by_uid(person.uid)
    assert mentee_db.mentoring.actions(theirs.id) == actions

    # The mentee ticks the first action done and sends the file back.
    run(mentee_db, set_action_done, actions[0].id, True)
    result = import_person_data(mentor_db, export_person(mentee_db, theirs.id))
    assert "1 agreed action(s)" in result.message
    assert mentor_db.mentoring.action(actions[0].id)[1].done is True

    # The mentor edits the notes; the mentee's copy takes them.
    mentor_db.mentoring.put_session(person.id, edited(session, notes="Follow up in May."))
    import_person_data(mentee_db, export_person(mentor_db, person.id))
    assert mentee_db.mentoring.sessions(theirs.id)[0].notes == "Follow up in May."
    assert mentee_db.mentoring.action(actions[0].id)[1].done is True  # the tick stays


def test_an_older_copy_never_rolls_a_newer_one_back_and_nothing_is_doubled(two):
    mentor_db, mentee_db = two
    person, session, actions = with_session(mentor_db)
    old_file = export_person(mentor_db, person.id)
    run(mentor_db, set_action_done, actions[0].id, True)
    import_person_data(mentee_db, export_person(mentor_db, person.id))
    theirs = mentee_db.people.by_uid(person.uid)
    for _ in range(2):
        import_person_data(mentee_db, old_file)
    assert mentee_db.mentoring.action(actions[0].id)[1].done is True
    assert len(mentee_db.mentoring.sessions(theirs.id)) == 1
    assert len(mentee_db.mentoring.actions(theirs.id)) == 2
    again = import_person_data(mentor_db, export_person(mentee_db, theirs.id))
    assert "agreed action" not in again.message and "session" not in again.message


def test_a_session_id_of_someone_else_stops_the_import(repo):
    person, session, _ = with_session(repo, "Dana")
    other = repo.create_person("Eli", neutral_assessment())
    data = export_person(repo, other.id)
    data["mentoring"] = export_person(repo, person.id)["mentoring"]
    with pytest.raises(FormatError, match="belongs to Dana"):
        import_person_data(repo, data)
    assert repo.mentoring.sessions(other.id) == []


BAD_PARTS = [
    (lambda m: m.update(sessions="x"), "field mentoring.sessions"),
    (lambda m: m["sessions"][0].update(held_on="2026-02-31"), "field mentoring.sessions[0]"),
    (lambda m: m["sessions"][0].update(held_on="soon"), "field mentoring.sessions[0].held_on"),
    (lambda m: m["actions"][0].update(due="2026-13-01"), "field mentoring.actions[0]"),
    (lambda m: m["actions"][0].update(done="yes"), "field mentoring.actions[0].done"),
    (lambda m: m["actions"][0].update(session_id="nowhere"), "mentoring.actions[0].session_id"),
    (lambda m: m["actions"].append(dict(m["actions"][0])), "mentoring.actions[2].id"),
    (lambda m: m["sessions"][0]["agenda"][0].update(kind="gossip"), "agenda[0].kind"),
    (lambda m: m["sessions"][0].update(notes="\ud800"), "mentoring.sessions[0].notes"),
    (lambda m: m.update(extra=1), "field mentoring"),
]


@pytest.mark.parametrize(("change", "field"), BAD_PARTS)
def test_a_bad_mentoring_part_is_refused_naming_the_field(repo, change, field):
    person, _, _ = with_session(repo)
    data = export_person(repo, person.id)
    change(data["mentoring"])
    with pytest.raises(FormatError) as caught:
        parse_person_data(data)
    assert str(caught.value).startswith("field ")
    assert field in str(caught.value)


def test_a_part_that_is_not_an_object_is_refused(repo):
    person, _, _ = with_session(repo)
    data = export_person(repo, person.id)
    data["mentoring"] = ["sessions"]
    with pytest.raises(FormatError, match="field mentoring"):
        parse_person_data(data)


printable = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))
words = st.text(printable, min_size=1, max_size=30).filter(str.strip)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    notes=st.text(printable, max_size=40),
    items=st.lists(words, max_size=4),
    actions=st.lists(st.tuples(words, words, st.booleans()), max_size=4),
)
def test_a_log_survives_export_and_import_into_a_fresh_database(
    tmp_path_factory, notes, items, actions
):
    folder = tmp_path_factory.mktemp("round")
    first, second = new_repo(folder / "a.db"), new_repo(folder / "b.db")
    try:
        person = first.create_person("Dana", neutral_assessment())
        session = MentoringSession("2026-03-05", tuple(AgendaItem("own", t) for t in items), notes)
        agreed = [AgreedAction(session.id, w, who, None, d) for w, who, d in actions]
        run(first, record_session, person.id, session, agreed)
        data = copy.deepcopy(export_person(first, person.id))
        import_person_data(second, json.loads(json.dumps(data)))
        theirs = second.people.by_uid(person.uid)
        assert second.mentoring.sessions(theirs.id) == first.mentoring.sessions(person.id)
        assert sorted(second.mentoring.actions(theirs.id), key=lambda a: a.id) == sorted(
            first.mentoring.actions(person.id), key=lambda a: a.id
        )
    finally:
        first.db.close()
        second.db.close()
