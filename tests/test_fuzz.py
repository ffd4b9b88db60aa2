"""Fuzzing the importers: random JSON and mutated valid assessment files.

Every input gets either a FormatError (exit 2 with one line from the CLI) or a correct import; never
another exception, and a failed import leaves the database exactly as it was.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ses_decider.cli import main
from ses_decider.ops.imports import DEFAULT_IMPORT_NAME
from ses_decider.storage.bodies import same_content as _same
from ses_decider.storage.db import open_database
from ses_decider.storage.exchange import FormatError, assessment_from_data, parse_json_text
from ses_decider.storage.repository import Repository

DATA = Path(__file__).resolve().parent / "data"
VALID = json.loads((DATA / "good.json").read_text(encoding="utf-8"))
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**320),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "", "\ud800", "\u202e\u0000", "GO"]),
    st.text(max_size=30),
)
json_values = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


@st.composite
def mutated(draw):
    """The valid file with a few random edits: keys deleted, values replaced, junk inserted."""
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["delete", "replace", "nest", "add"]))
        last = path[-1]
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(json_values)
        elif action == "nest":
            value = parent[last]
            for _ in range(draw(st.integers(1, 60))):
                value = [value] if draw(st.booleans()) else {"x": value}
            parent[last] = value
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(json_values)
        else:
            parent.append(draw(json_values))
    return data


documents = st.one_of(json_values, mutated(), mutated())


@FUZZ
@given(documents)
def test_assessment_from_data_accepts_or_says_why(data):
    try:
        assessment_from_data(data)
    except FormatError as exc:
        assert str(exc) and "\n" not in str(exc)


@st.composite
def file_texts(draw):
    data = draw(documents)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    how = draw(st.sampled_from(["plain", "plain", "truncate", "deep", "nan"]))
    if how == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif how == "deep":
        depth = draw(st.sampled_from([50, 5000, 200_000]))
        text = "[" * depth + text + "]" * depth
    elif how == "nan":
        text = text.replace("4", "NaN", 1)
    return text


def _state(path: Path):
    conn = sqlite3.connect(path)
    try:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("people", "assessments", "ratings", "snapshots")
        ]
    finally:
        conn.close()


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "fuzz"
    db = open_database(folder / "ses-decider.db")
    Repository(db).create_person("Alex Rivera", assessment_from_data(VALID)[1])
    db.close()
    return folder


@FUZZ
@given(text=file_texts())
def test_cli_import_imports_or_fails_cleanly(data_dir, tmp_path, capsys, text):
    file = tmp_path / "input.json"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = _state(data_dir / "ses-decider.db")
    status = main(["--data-dir", str(data_dir), "import", str(file)])
    out, err = capsys.readouterr()
    if status == 2:
        assert len(err.splitlines()) == 1 and err.startswith("ses-decider:"), err
        assert out == ""
        assert _state(data_dir / "ses-decider.db") == before  # never a partial write
        return
    assert status == 0, err
    name, parsed = assessment_from_data(parse_json_text(text))
    db = open_database(data_dir / "ses-decider.db")
    try:
        repo = Repository(db)
        person = repo.people.by_name((name or "").strip() or DEFAULT_IMPORT_NAME)
        assert person is not None
        assert _same(repo.assessments.load(person.id), parsed)  # a correct import
    finally:
        db.close()


# Person files (current assessment, snapshots, notes, decision) ---------------------------------------
def _valid_person_file() -> dict:
    import tempfile

    from ses_decider.core.content import demo_assessment
    from ses_decider.storage.person_file import person_to_data

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "ses-decider.db")
        repo = Repository(db)
        person = repo.create_person("Pat", demo_assessment())
        repo.snapshots.take(person.id, demo_assessment(), "first")
        data = person_to_data(repo, person.id)
        db.close()
    return data


try:
    from ses_decider.storage.person_file import parse_person_data

    PERSON = _valid_person_file()
except ImportError:  # the person file format is not there yet
    PERSON = None


@st.composite
def mutated_person(draw):
    data = copy.deepcopy(PERSON)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_values)
    return data


@pytest.mark.skipif(PERSON is None, reason="no person file format")
@FUZZ
@given(st.one_of(json_values, mutated_person(), mutated_person()))
def test_person_file_parses_or_says_why_and_never_half_imports(data_dir, tmp_path, capsys, data):
    try:
        parse_person_data(data)
    except FormatError as exc:
        assert str(exc) and "\n" not in str(exc)
    file = tmp_path / "person.json"
    file.write_text(json.dumps(data), encoding="utf-8", errors="surrogatepass")
    before = _state(data_dir / "ses-decider.db")
    status = main(["--data-dir", str(data_dir), "import", str(file)])
    out, err = capsys.readouterr()
    assert status in (0, 2), err
    if status == 2:
        assert len(err.splitlines()) == 1 and err.startswith("ses-decider:"), err
        assert _state(data_dir / "ses-decider.db") == before
