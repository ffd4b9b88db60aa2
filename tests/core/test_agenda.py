"""The agenda a mentor gets from "Prepare a session": what it holds with and without a mentor's view,
readiness gaps, what is due, what changed since the last session, and its plain-text form."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.agenda import AGENDA_DIFFERENCES, agenda_text, build_agenda
from ses_decider.core.content import blank_assessment, demo_assessment
from ses_decider.core.deciding_records import Experiment, PremortemItem
from ses_decider.core.mentoring import AGENDA_KINDS, AgendaItem, AgreedAction, MentoringSession
from ses_decider.core.model import EcqRating, Rating, ReadinessState, Verdict
from ses_decider.core.readiness import active_ecq_set
from ses_decider.core.scoring import evaluate
from tests.core.test_mentoring import point

DAY = date(2026, 5, 1)


def kinds(items) -> list[str]:
    return [i.kind for i in items]


def of(items, kind: str) -> list[AgendaItem]:
    return [i for i in items if i.kind == kind]


def wide_mentor():
    mentor = blank_assessment()
    for fid, (w, r) in {
        "pay": (9, -5),
        "stress": (10, 5),
        "relocation": (8, 4),
        "mission": (2, -5),
        "community": (1, 1),
    }.items():
        mentor.ratings[fid] = Rating(weight=w, lean=r)
    return mentor


def test_without_a_mentor_view_there_is_no_difference_to_discuss():
    items = build_agenda(demo_assessment(), None, today=DAY)
    assert of(items, "difference") == []
    assert of(build_agenda(demo_assessment(), blank_assessment(), today=DAY), "difference") == []
    assert items[0].kind == "change"


def test_with_a_mentor_view_the_three_differences_that_move_the_verdict_most():
    mentee = demo_assessment()
    items = of(build_agenda(mentee, wide_mentor(), today=DAY), "difference")
    assert len(items) == AGENDA_DIFFERENCES == 3
    from ses_decider.core.compare import differences

    expected = [d.factor_id for d in differences(mentee, wide_mentor(), rated_in_second_only=True)]
    assert [i.ref for i in items] == expected[:3]
    first = items[0].text
    assert "mentee weight" in first and "mentor weight" in first and "points" in first


def test_readiness_gaps_are_ecqs_below_three_or_without_an_example():
    mentee = demo_assessment()
    ecqs = [e.id for e in active_ecq_set(ReadinessState()).ecqs]
    mentee.readiness = ReadinessState(
        ecq={
            ecqs[0]: EcqRating(4, "Led the 2024 reorganisation"),  # no gap
            ecqs[1]: EcqRating(3, ""),  # no example
            ecqs[2]: EcqRating(1, "Some example"),  # below 3
        }
    )
    items = of(build_agenda(mentee, today=DAY), "readiness")
    refs = [i.ref for i in items]
    assert ecqs[0] not in refs
    assert ecqs[1] in refs and ecqs[2] in refs
    assert set(ecqs[3:]) <= set(refs)  # not rated yet
    by_ref = {i.ref: i.text for i in items}
    assert "no written example" in by_ref[ecqs[1]]
    assert "rated 1 of 4" in by_ref[ecqs[2]]
    assert "not rated yet" in by_ref[ecqs[3]]


def test_a_roadmap_not_started_is_one_item():
    items = of(build_agenda(demo_assessment(), today=DAY), "readiness")
    assert len(items) == 1 and "not started" in items[0].text


def test_actions_due_soon_and_open_without_a_date_but_not_done_or_far_off():
    session = MentoringSession("2026-04-01")
    actions = [
        AgreedAction(session.id, "Overdue", due="2026-04-20"),
        AgreedAction(session.id, "Next week", due="2026-05-08"),
        AgreedAction(session.id, "Far off", due="2026-09-01"),
        AgreedAction(session.id, "Done", due="2026-04-02", done=True),
        AgreedAction(session.id, "Undated"),
    ]
    items = of(
        build_agenda(demo_assessment(), today=DAY, sessions=[session], actions=actions), "action"
    )
    texts = [i.text for i in items]
    assert [t.split(" (")[0] for t in texts] == ["Overdue", "Next week", "Undated"]
    assert "overdue since 2026-04-20" in texts[0]
    assert "agreed 2026-04-01" in texts[0]
    assert "no date set" in texts[2]


def test_open_premortem_steps_and_due_experiments_when_the_deciding_records_exist():
    premortem = [
        PremortemItem("ses", "I burn out", prevention="Agree hours at home", due="2026-06-01"),
        PremortemItem("stay", "I stall", prevention="Ask for a stretch role", done=True),
        PremortemItem("ses", "No answer yet"),  # no step written: nothing to discuss yet
    ]
    experiments = [
        Experiment("Shadow an executive", ("stress",), "2026-04-28"),
        Experiment("Talk to a spouse of an SES", ("work_family",), "2026-12-01"),
        Experiment("Done one", ("pay",), "2026-04-01", status="done"),
    ]
    items = build_agenda(demo_assessment(), today=DAY, premortem=premortem, experiments=experiments)
    assert [i.text.split(" (")[0] for i in of(items, "experiment")] == ["Shadow an executive"]
    assert "overdue" in of(items, "experiment")[0].text
    premortem_items = of(items, "premortem")
    assert len(premortem_items) == 1
    assert "Agree hours at home" in premortem_items[0].text
    assert "the SES path" in premortem_items[0].text


def test_what_changed_since_the_last_session():
    mentee = demo_assessment()
    now = evaluate(mentee)
    session = MentoringSession("2026-03-05", score=now.score - 12, verdict=Verdict.NO_GO)
    points = [point("2026-03-01", 10.0), point("2026-03-20", 50.0), point("2026-04-20", 52.0)]
    change = build_agenda(mentee, today=DAY, sessions=[session], points=points)[0]
    assert change.kind == "change"
    assert "2 new snapshot(s)" in change.text
    assert "(+12 points)" in change.text
    assert f"verdict NO-GO \u2192 {now.verdict.label}" in change.text
    first = build_agenda(mentee, today=DAY, points=points)[0]
    assert "No earlier session" in first.text and "3 snapshot(s)" in first.text


def test_the_items_come_in_the_order_of_the_kinds():
    mentee = demo_assessment()
    session = MentoringSession("2026-04-01")
    items = build_agenda(
        mentee,
        wide_mentor(),
        today=DAY,
        sessions=[session],
        actions=[AgreedAction(session.id, "Call", due="2026-04-30")],
        experiments=[Experiment("Shadow", ("stress",), "2026-05-02")],
        premortem=[PremortemItem("ses", "Burn out", prevention="Hours")],
    )
    order = list(AGENDA_KINDS)
    positions = [order.index(k) for k in kinds(items)]
    assert positions == sorted(positions)
    assert set(kinds(items)) == set(order) - {"own"}


@given(st.lists(st.text(min_size=1, max_size=30).filter(str.strip), max_size=12))
def test_the_text_numbers_every_item_once_in_order(texts):
    items = [AgendaItem("own", t) for t in texts]
    lines = agenda_text("Dana", items, DAY).splitlines()
    assert lines[0] == "Agenda for a session with Dana \u2014 2026-05-01"
    numbered = [line for line in lines[2:] if "[Also]" in line]
    assert len(numbered) == len(items) or not items
    if not items:
        assert "Nothing on the agenda yet." in lines
