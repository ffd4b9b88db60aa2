"""Schema errors in words that never quote the data: checked against the real bundled schemas."""

from __future__ import annotations

import copy

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ses_decider.core.schema_messages import QUOTE_LIMIT, TEXT_LIMIT, quote, schema_error_text
from ses_decider.resources import load_json
from ses_decider.storage.exchange import _registry

PERSON = {
    "format": "ses-decider/person",
    "version": 1,
    "person": "Alex",
    "uid": "abcdefgh12",
    "current": {"factors": []},
}


def first_error(data, schema="person.schema.json"):
    validator = jsonschema.Draft202012Validator(load_json(schema), registry=_registry())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    assert error is not None
    return error


def snapshot(n: int) -> dict:
    return {"uid": f"snapshot{n:06d}", "taken_at": "2026-01-01T00:00:00+00:00", "factors": []}


def test_too_many_snapshots_says_how_many_not_what():
    data = {**PERSON, "snapshots": [snapshot(n) for n in range(20_001)]}
    text = schema_error_text(first_error(data))
    assert text == "at most 20,000 snapshots, the file has 20,001"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"person": "x" * 5000}, "at most 200 characters, the file has 5,000"),
        ({"person": ""}, "must not be empty"),
        ({"uid": "x" * 5000}, "is not in the expected form"),
        ({"version": 0}, "got 0"),
        ({"extra": 1, "more": 2}, "unexpected fields 'extra', 'more'"),
        ({"current": {"factors": [{"id": "pay", "weight": "heavy", "lean": 1}]}}, "got the text"),
        ({"current": {"factors": [{"id": "pay", "weight": 11, "lean": 1}]}}, "above the maximum"),
        ({"snapshots": {"not": "a list"}}, "expected a list, got an object with 1 field"),
    ],
)
def test_messages_in_words(change, expected):
    text = schema_error_text(first_error({**copy.deepcopy(PERSON), **change}))
    assert expected in text, text
    assert len(text) <= TEXT_LIMIT


@given(st.text(min_size=QUOTE_LIMIT + 1, max_size=10_000))
def test_no_text_from_the_file_is_quoted_at_length(name):
    text = schema_error_text(first_error({**PERSON, "uid": name, "person": 7}))
    assert len(text) <= TEXT_LIMIT
    assert name not in text


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), st.lists, max_leaves=50))
def test_quote_is_always_short(value):
    assert len(quote(value)) <= QUOTE_LIMIT + 30
