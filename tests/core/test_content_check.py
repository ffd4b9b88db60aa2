"""The start-up content check gives jsonschema's answer, and the bundled content passes both."""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest

from ses_decider.core.content_check import SchemaViolation, check, supported
from ses_decider.resources import load_json, resource_dir

SCHEMAS = sorted(p.name for p in Path(resource_dir()).glob("*.schema.json"))
CONTENT = {  # each bundled content file and its schema
    "factors.json": "factors.schema.json",
    "facts.json": "facts.schema.json",
    "fit.json": "fit.schema.json",
    "readiness.json": "readiness.schema.json",
    "pay_2026.json": "pay.schema.json",  # one pay file a year, one schema for all of them
}


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_every_schema_is_a_valid_2020_12_schema(schema_name):
    jsonschema.Draft202012Validator.check_schema(load_json(schema_name))


@pytest.mark.parametrize(("name", "schema_name"), CONTENT.items())
def test_bundled_content_is_valid_by_jsonschema_and_by_the_fast_check(name, schema_name):
    data, schema = load_json(name), load_json(schema_name)
    jsonschema.Draft202012Validator(schema).validate(data)
    check(data, schema)


def test_the_catalogue_schema_takes_the_fast_path():
    # Start-up speed depends on this: factors.json is read before the first window is painted.
    assert supported(load_json("factors.schema.json"))


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _replace(doc, path, new):
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new


def _delete(doc, path):
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]


_REPLACEMENTS = ["", "x" * 70, "Not An Id", 5, 2.5, True, None, [], {}, ["x"], {"x": 1}]


def _single_breakages(data):
    """Every document that differs from ``data`` in one place: a value replaced, removed or added."""
    for path in _paths(data):
        if not path:
            continue
        for new in _REPLACEMENTS:
            doc = copy.deepcopy(data)
            _replace(doc, path, new)
            yield path, f"{new!r}", doc
        doc = copy.deepcopy(data)
        _delete(doc, path)
        yield path, "deleted", doc
    for path in _paths(data):
        doc = copy.deepcopy(data)
        target = doc
        for step in path:
            target = target[step]
        if isinstance(target, dict):
            target["unexpected_key"] = "x"
            yield path, "extra key", doc


def test_fast_check_agrees_with_jsonschema_on_every_single_breakage_of_the_catalogue():
    data, schema = load_json("factors.json"), load_json("factors.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    checked = 0
    for path, change, doc in _single_breakages(data):
        errors = list(validator.iter_errors(doc))
        try:
            check(doc, schema)
            problem = None
        except SchemaViolation as exc:
            problem = exc
        assert (problem is None) == (not errors), (path, change, problem, errors[:1])
        if problem is not None:
            assert problem.path in {"/".join(map(str, e.absolute_path)) for e in errors}
        checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("value", "schema"),
    [
        (1, {"type": "integer"}),
        (1.0, {"type": "integer"}),
        (1.5, {"type": "integer"}),
        (True, {"type": "integer"}),
        (True, {"type": "number"}),
        (3, {"type": ["string", "null"]}),
        (None, {"type": ["string", "null"]}),
        (1, {"const": 1}),
        (1.0, {"const": 1}),
        (True, {"const": 1}),
        (1, {"const": True}),
        ("a", {"enum": ["a", "b"]}),
        ("c", {"enum": ["a", "b"]}),
        (0, {"enum": [False]}),
        ("ab", {"pattern": "b"}),
        ("ab", {"pattern": "^b"}),
        ("\U0001f600", {"maxLength": 1}),
        (5, {"minimum": 0, "maximum": 4}),
        ([1, 2], {"maxItems": 1}),
        ({"a": 1}, {"additionalProperties": {"type": "string"}}),
        ({"a": "x"}, {"additionalProperties": {"type": "string"}}),
        ({"a": 1}, {"properties": {"a": False}}),
    ],
)
def test_fast_check_agrees_with_jsonschema_on_edge_cases(value, schema):
    assert supported(schema)
    valid = jsonschema.Draft202012Validator(schema).is_valid(value)
    try:
        check(value, schema)
        passed = True
    except SchemaViolation:
        passed = False
    assert passed == valid


def test_schemas_with_other_keywords_go_to_jsonschema():
    schema = {"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}]}}}
    assert not supported(schema)
    with pytest.raises(SchemaViolation) as info:
        check({"a": 1}, schema)
    assert info.value.path == "a"
