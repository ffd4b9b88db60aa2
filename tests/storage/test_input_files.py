"""Files read and written by import and export: only regular files, read to a limit, never half
written, and every failure said in one line that names the user's file, never a temporary one."""

from __future__ import annotations

import errno
import json
import os
import threading
import tracemalloc

import pytest

from ses_decider.storage.exchange import (
    MAX_FILE_BYTES,
    FormatError,
    read_json_file,
    write_json_atomically,
)
from ses_decider.storage.problems import StorageProblem

posix_only = pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")


# Reading --------------------------------------------------------------------------------------------
@posix_only
def test_dev_zero_is_refused_at_once():
    with pytest.raises(FormatError, match="not a regular file"):
        read_json_file("/dev/zero")


@posix_only
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "file.json"
    os.mkfifo(pipe)
    with pytest.raises(FormatError, match="not a regular file"):
        read_json_file(pipe)  # no writer ever comes: a blocking open would hang here


@posix_only
def test_a_pipe_swapped_in_after_the_check_still_does_not_hang(tmp_path, monkeypatch):
    # The race the O_NONBLOCK open is for: stat saw a regular file, open finds a pipe.
    pipe, regular = tmp_path / "file.json", tmp_path / "regular.json"
    os.mkfifo(pipe)
    regular.write_text("{}", encoding="utf-8")
    real_stat = os.stat
    monkeypatch.setattr(
        os, "stat", lambda p, *a, **k: real_stat(regular if p == pipe else p, *a, **k)
    )
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: _catch(outcome, read_json_file, pipe), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # it blocked: give it a writer so the test run can go on
        with open(pipe, "wb"):
            pass
        pytest.fail("reading a named pipe blocked")
    assert isinstance(outcome[0], FormatError) and "not a regular file" in str(outcome[0])


def _catch(outcome: list, function, *args) -> None:
    try:
        function(*args)
    except BaseException as exc:  # noqa: BLE001 - handed back to the test
        outcome.append(exc)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(FormatError, match="is a folder, not a file"):
        read_json_file(tmp_path)


@posix_only
def test_a_huge_file_is_never_read_whole(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024**3)  # 50 GB, sparse: reading it whole would never finish
    tracemalloc.start()
    try:
        with pytest.raises(FormatError, match="over 32 MB"):
            read_json_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_FILE_BYTES  # the limit plus one byte, and a decode's worth at most


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "big.json"
    body = json.dumps({"pad": ""})
    path.write_text(body + " " * (MAX_FILE_BYTES - len(body)), encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert read_json_file(path) == {"pad": ""}
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(FormatError, match="over 32 MB"):
        read_json_file(path)


# Writing --------------------------------------------------------------------------------------------
def _left_over(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writing_over_a_folder(tmp_path):
    target = tmp_path / "out.json"
    target.mkdir()
    with pytest.raises(StorageProblem, match="it is a folder, not a file"):
        write_json_atomically(target, {"a": 1})
    assert target.is_dir() and _left_over(tmp_path) == ["out.json"]


def test_writing_into_a_missing_folder(tmp_path):
    target = tmp_path / "missing" / "out.json"
    with pytest.raises(StorageProblem, match="the folder .* does not exist"):
        write_json_atomically(target, {"a": 1})
    assert _left_over(tmp_path) == []


def test_writing_below_a_file(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StorageProblem, match="is not a folder"):
        write_json_atomically(tmp_path / "notes.txt" / "out.json", {"a": 1})


@posix_only
def test_writing_over_a_pipe_is_refused(tmp_path):
    pipe = tmp_path / "out.json"
    os.mkfifo(pipe)
    with pytest.raises(StorageProblem, match="not a regular file"):
        write_json_atomically(pipe, {"a": 1})
    assert _left_over(tmp_path) == ["out.json"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EIO])
def test_a_failed_write_names_the_target_and_leaves_it_as_it_was(tmp_path, monkeypatch, code):
    target = tmp_path / "out.json"
    target.write_text('{"old": true}\n', encoding="utf-8")

    def refuse(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(StorageProblem) as info:
        write_json_atomically(target, {"new": True})
    message = str(info.value)
    assert str(target) in message and "\n" not in message
    assert ".out.json." not in message  # the temporary file's name never shows
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert _left_over(tmp_path) == ["out.json"]
    if code == errno.ENOSPC:
        assert message.startswith("The disk is full")
