"""Test-wide setup: Qt runs offscreen so a plain `pytest` works on any machine, and no test
leaves a child process (a window's training process) running."""

import multiprocessing
import os
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def no_process_left():
    """After every test: no child process of this one still runs (waits up to 5 s for them to end)."""
    yield
    deadline = time.monotonic() + 5.0
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.02)
    left = multiprocessing.active_children()
    for child in left:  # one test's leak must not spoil the tests after it
        child.kill()
        child.join(2.0)
    assert not left, f"child processes left running: {left}"
