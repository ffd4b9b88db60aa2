"""safe_file_stem: names typed by people become file names every system accepts."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ses_decider.core.filenames import DEFAULT_STEM, MAX_STEM_BYTES, safe_file_stem

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)}

names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from("/\\.: \n"),
    max_size=300,
)


def is_safe(stem: str) -> bool:
    return (
        bool(stem)
        and not WINDOWS_FORBIDDEN & set(stem)
        and ".." not in stem
        and not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in stem)
        and stem == stem.strip(" .")
        and stem.split(".")[0].strip().upper() not in RESERVED
        and len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    )


@settings(max_examples=500)
@given(names)
def test_every_name_becomes_a_safe_stem(name):
    stem = safe_file_stem(name)
    assert is_safe(stem), stem
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(f"{stem}.json")
        assert path.name == f"{stem}.json" and str(path.parent) == "."  # never leaves its folder


@given(names)
def test_it_is_idempotent(name):
    once = safe_file_stem(name)
    assert safe_file_stem(once) == once


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ \u00e9\u00f1\u4e2d-_'()", max_size=60)
)
def test_a_plain_name_is_kept(name):
    plain = " ".join(name.split())
    if plain and plain.split(".")[0].upper() not in RESERVED:
        assert safe_file_stem(plain) == plain


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Alex Rivera", "Alex Rivera"),
        ("../../etc/passwd", "etc passwd"),
        ("..\\..\\Windows\\win.ini", "Windows win.ini"),
        ("a/b\\c", "a b c"),
        ('Sam: the "boss"?', "Sam the boss"),
        ("line\nbreak\ttab\x00nul", "line break tab nul"),
        ("right\u202eto-left", "right to-left"),
        ("  trailing dots...  ", "trailing dots"),
        ("CON", "CON_"),
        ("nul.tar", "nul_.tar"),
        ("com1 ", "com1_"),
        ("Lpt9", "Lpt9_"),
        ("", DEFAULT_STEM),
        ("...", DEFAULT_STEM),
        ("/\\:*?", DEFAULT_STEM),
    ],
)
def test_examples(name, stem):
    assert safe_file_stem(name) == stem


def test_the_default_is_used_when_nothing_is_left_and_is_made_safe_too():
    assert safe_file_stem("///", default="mentee") == "mentee"
    assert safe_file_stem("///", default="a/b") == "a b"
    assert safe_file_stem("///", default="") == DEFAULT_STEM


def test_a_long_name_is_cut_on_a_character_boundary():
    stem = safe_file_stem("\u00e9" * 200)
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES and set(stem) == {"\u00e9"}
