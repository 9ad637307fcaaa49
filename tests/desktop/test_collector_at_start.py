"""The window's start loads its modules with Python's cycle collector paused and freezes what they
made (``desktop.__main__``: ~60 ms of a ``--screenshot``); the window's own garbage is still
collected afterwards, on the GUI thread's timer. In a fresh interpreter, as ``backprop-studio`` runs."""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

START_AND_MAKE_A_CYCLE = """
import gc, sys, time, weakref
import desktop.__main__ as entry

sys.argv[1:] = ["xor"]
entry._pause_collection()            # what run() does for the window
run_app = entry._load("app")
print("enabled after loading:", gc.isenabled(), "frozen:", gc.get_freeze_count() > 10000)

from desktop.app import ensure_app
app = ensure_app()

class Node:
    pass

collected = []
a, b = Node(), Node()
a.other, b.other = b, a              # a cycle: only the collector frees it
weakref.finalize(a, collected.append, True)
del a, b
junk = [[] for _ in range(5000)]     # allocations enough for a collection to be due
end = time.monotonic() + 5
while not collected and time.monotonic() < end:
    app.processEvents()
    time.sleep(0.01)
print("cycle collected:", bool(collected))
"""


def test_the_window_start_freezes_its_modules_and_still_collects_the_windows_cycles():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ROOT}
    done = subprocess.run([sys.executable, "-c", START_AND_MAKE_A_CYCLE], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "enabled after loading: False frozen: True" in done.stdout, done.stdout
    assert "cycle collected: True" in done.stdout, done.stdout
