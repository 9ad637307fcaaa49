"""Only regular files are read or replaced (issue 14, points 2 and 5).

A folder, a device, a FIFO or a socket is never replaced by a saved network (as root,
``--out /dev/null`` used to replace the device), and never read as a network or CSV
file (a FIFO used to block the reader forever). The tests never write to /dev/null
itself: a regression would destroy the device of the machine running them as root.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading

import pytest
from bpnet_docs import random_network

import core
from core.safefiles import NotRegularFileError, not_regular, read_regular
from core.fileio import atomic_write

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and UNIX sockets are POSIX")


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    yield path
    # unblock any reader a failing test left waiting on it
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
    except OSError:
        pass


@pytest.fixture
def unix_socket(tmp_path):
    path = tmp_path / "sock"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    yield path
    s.close()


def _in_time(function, seconds=10.0):
    """``function()``'s result or exception, or fail when it is still blocked after ``seconds``."""
    box = {}

    def target():
        try:
            box["value"] = function()
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s (reading a FIFO blocks)"
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_not_regular_names_what_a_path_is(tmp_path):
    (tmp_path / "f").write_text("x")
    assert not_regular(tmp_path / "f") is None
    assert not_regular(tmp_path / "missing") is None
    assert not_regular(tmp_path) == "a folder"
    if os.path.exists(os.devnull) and sys.platform != "win32":
        assert not_regular(os.devnull) == "a device"


# ------------------------------------------------------------------ saving
@posix_only
@pytest.mark.parametrize("kind", ["fifo", "folder", "socket"])
def test_save_refuses_a_target_that_is_not_a_regular_file(kind, tmp_path, fifo, unix_socket):
    target = {"fifo": fifo, "folder": tmp_path / "dir", "socket": unix_socket}[kind]
    if kind == "folder":
        target.mkdir()
    words = {"fifo": "a named pipe (FIFO)", "folder": "a folder", "socket": "a socket"}[kind]
    with pytest.raises(core.NetworkFileError) as caught:
        core.save_network(random_network(0), target)
    message = str(caught.value)
    assert str(target) in message and words in message and "not a regular file" in message
    assert not_regular(target) == words  # still what it was
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@posix_only
def test_save_through_a_symlink_to_a_fifo_is_refused(tmp_path, fifo):
    link = tmp_path / "link.bpnet"
    link.symlink_to(fifo)
    with pytest.raises(core.NetworkFileError, match="named pipe"):
        core.save_network(random_network(0), link)
    assert not_regular(fifo) == "a named pipe (FIFO)"


def test_save_to_an_empty_name_says_so():
    with pytest.raises(core.NetworkFileError, match="no file name"):
        core.save_network(random_network(0), "")


@posix_only
def test_atomic_write_refuses_a_fifo(fifo):
    with pytest.raises(NotRegularFileError) as caught:
        atomic_write(str(fifo), b"data")
    assert caught.value.kind == "a named pipe (FIFO)"
    assert not_regular(fifo) == "a named pipe (FIFO)"


# ----------------------------------------------------------------- reading
@posix_only
def test_a_fifo_is_not_read_as_a_network_file(fifo):
    with pytest.raises(core.NetworkFileError) as caught:
        _in_time(lambda: core.load_network(fifo))
    assert "named pipe" in str(caught.value) and "not a network file" in str(caught.value)


@posix_only
def test_a_csv_dataset_that_is_a_fifo_is_refused_without_waiting(tmp_path, fifo):
    os.rename(fifo, tmp_path / "data.csv")
    doc = json.loads(core.network_to_json(random_network(0)))
    doc["dataset"] = {"csv": "data.csv", "inputs": ["a"], "targets": ["b"]}
    (tmp_path / "net.bpnet").write_text(json.dumps(doc))
    with pytest.raises(core.NetworkFileError) as caught:
        _in_time(lambda: core.load_network(tmp_path / "net.bpnet"))
    assert "dataset.csv" in str(caught.value) and "named pipe" in str(caught.value)
    os.rename(tmp_path / "data.csv", fifo)  # for the fixture's clean-up


def test_read_regular_reads_a_file_and_refuses_a_folder(tmp_path):
    (tmp_path / "f").write_bytes(b"12345")
    assert read_regular(tmp_path / "f", 3) == b"1234"
    with pytest.raises(OSError):
        read_regular(tmp_path, 10)
