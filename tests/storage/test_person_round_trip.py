"""A person file round trip, for any person: export, import into a fresh database, export again,
and the two documents are the same (every field, every snapshot, notes, decision, review date;
"not rated" kept apart from 0)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.core.content import catalogue
from ses_decider.core.model import (
    Assessment,
    Certainty,
    EcqRating,
    Factor,
    PlanItem,
    Rating,
    ReadinessState,
    Thresholds,
    Verdict,
)
from ses_decider.core.readiness_content import readiness_content
from ses_decider.core.records import Choice, Decision
from ses_decider.ops import run
from ses_decider.ops.imports import apply_import
from ses_decider.storage.db import open_database
from ses_decider.storage.person_file import parse_person_data, person_to_data
from ses_decider.storage.repository import MENTOR, Repository

DEFAULT_IDS = [f.id for f in catalogue().factors]
text = st.text(max_size=40)
dates = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
# Not rated (None) and rated 0 are both drawn often: the file must keep them apart.
weights = st.one_of(st.none(), st.just(0.0), st.floats(0, 10, allow_nan=False))
leans = st.one_of(st.none(), st.just(0.0), st.floats(-5, 5, allow_nan=False))


@st.composite
def ratings(draw) -> Rating:
    return Rating(
        weight=draw(weights),
        lean=draw(leans),
        dealbreaker=draw(st.booleans()),
        note=draw(text),
        certainty=draw(st.sampled_from(list(Certainty))),
    )


@st.composite
def readiness_states(draw) -> ReadinessState:
    content = readiness_content()
    facts = {}
    for item in draw(st.lists(st.sampled_from(content.items), unique=True, max_size=4)):
        if item.kind == "yesno":
            facts[item.id] = draw(st.sampled_from([0.0, 1.0]))
        elif item.kind == "scale":
            facts[item.id] = float(draw(st.integers(0, item.max)))
        else:
            facts[item.id] = draw(st.floats(0, 100, allow_nan=False))
    ecq_set = content.ecq_set(content.ecq_default)
    ecq = {
        e.id: EcqRating(draw(st.one_of(st.none(), st.integers(0, 4))), draw(text))
        for e in draw(st.lists(st.sampled_from(ecq_set.ecqs), unique=True, max_size=3))
    }
    plan = [
        PlanItem(
            f"own:{i}", draw(text), None, draw(st.one_of(st.none(), dates)), draw(st.booleans())
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return ReadinessState(facts=facts, ecq_set=ecq_set.id, ecq=ecq, plan=plan)


@st.composite
def assessments(draw) -> Assessment:
    factors = list(catalogue().factors)
    for i in range(draw(st.integers(0, 2))):
        title = draw(st.text(min_size=1, max_size=30))
        factors.insert(
            draw(st.integers(0, len(factors))),
            Factor(f"own_{i}", title, draw(st.text(min_size=1, max_size=30)), "a con", custom=True),
        )
    no_go, go = sorted(draw(st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=2)))
    gut = st.sampled_from([None, Verdict.GO, Verdict.CLOSE_CALL, Verdict.NO_GO])
    questions = [q.id for q in readiness_content().fit_questions]
    return Assessment(
        factors=factors,
        ratings={f.id: draw(ratings()) for f in factors},
        hidden=set(draw(st.lists(st.sampled_from([f.id for f in factors]), max_size=3))),
        thresholds=Thresholds(go=go, no_go=no_go),
        gut_before=draw(gut),
        gut_after=draw(gut),
        method=draw(st.sampled_from(["direct", "rank", "swing", "pairwise"])),
        fit={
            q: draw(st.floats(0, 4, allow_nan=False))
            for q in draw(st.lists(st.sampled_from(questions), unique=True, max_size=3))
        },
        readiness=draw(st.one_of(st.none(), readiness_states())),
    )


@st.composite
def people(draw) -> dict:
    return {
        "name": draw(st.text(min_size=1, max_size=30).map(str.strip).filter(bool)),
        "current": draw(assessments()),
        "mentor": draw(st.one_of(st.none(), assessments())),
        "snapshots": [
            (draw(assessments()), draw(text.map(str.strip)), f"2025-01-{day:02d}T09:00:00+00:00")
            for day in range(1, draw(st.integers(0, 3)) + 1)
        ],
        "notes": {
            fid: draw(st.text(min_size=1, max_size=40))
            for fid in draw(st.lists(st.sampled_from(DEFAULT_IDS), unique=True, max_size=3))
        },
        "decision": draw(
            st.one_of(
                st.none(),
                st.builds(
                    Decision,
                    st.sampled_from(list(Choice)),
                    dates,
                    text,
                    st.one_of(st.none(), dates),
                    st.just("2026-03-01T10:00:00+00:00"),
                ),
            )
        ),
        "review_on": draw(st.one_of(st.none(), dates)),
    }


def store(repo: Repository, person: dict) -> int:
    stored = repo.create_person(person["name"], person["current"])
    if person["mentor"] is not None:
        repo.assessments.save(stored.id, person["mentor"], MENTOR)
    for assessment, label, taken_at in person["snapshots"]:
        repo.snapshots.take(stored.id, assessment, label, taken_at=taken_at)
    for fid, note in person["notes"].items():
        repo.notes.set(stored.id, fid, note, updated_at="2026-02-01T10:00:00+00:00")
    repo.decisions.set(stored.id, person["decision"])
    repo.people.set_review_on(stored.id, person["review_on"])
    return stored.id


def without_export_time(document: dict) -> dict:
    return {k: v for k, v in document.items() if k != "exported_at"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=people())
def test_export_import_export_gives_the_same_document(person):
    with tempfile.TemporaryDirectory() as tmp:
        source = Repository(open_database(Path(tmp) / "source.db"))
        target = Repository(open_database(Path(tmp) / "target.db"))
        try:
            first = person_to_data(source, store(source, person))
            file_text = json.dumps(first, indent=2, ensure_ascii=False)  # as the file holds it
            result = run(target, apply_import, parse_person_data(json.loads(file_text)))
            second = person_to_data(target, result.value.id)
            assert without_export_time(second) == without_export_time(first)
            # and not rated stayed apart from 0, factor by factor
            for factor in second["current"]["factors"]:
                rating = person["current"].ratings[factor["id"]]
                assert (factor["weight"] is None) is (rating.weight is None)
                assert (factor["lean"] is None) is (rating.lean is None)
        finally:
            source.db.close()
            target.db.close()
