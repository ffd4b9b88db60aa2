"""PySide6's per-module check, made cheap, still answers as PySide6's own did."""

from __future__ import annotations

import json
import sys
import types

import ses_decider.ui.app  # noqa: F401  (installs the cheap check)
import ses_decider.ui.widgets.labels as labels
from ses_decider.ui import import_check


def check():
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_the_cheap_check_is_in_place_once():
    first = check()
    assert getattr(first, "reads_bytes", False)
    import_check.make_cheap()
    assert check() is first  # a second call wraps nothing again


def test_it_tells_a_module_that_uses_pyside_from_one_that_does_not():
    assert check()(labels) is True
    assert check()(json) is False


def test_modules_without_a_source_file_are_asked_the_original_way(tmp_path):
    assert check()(sys) is False  # built in
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # a file that no longer exists
    assert check()(gone) is False
