"""The app's version: the one place the running app reads it (package metadata is absent when frozen).

Kept equal to ``[project] version`` in pyproject.toml by tests/test_packaging.py.
"""

VERSION = "0.1.0"
