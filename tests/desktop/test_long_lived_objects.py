"""A few seconds after the window shows, the objects it made (widgets, canvas items, plots) are
frozen: the GUI timer's later collections walk only what came after, instead of ~90,000 objects
(~40 ms of a stalled event loop for a full collection). In a fresh interpreter, as
``backprop-studio`` opens its window; garbage made afterwards is still collected."""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

OPEN_THE_WINDOW = """
import gc, sys, time, weakref
import desktop.__main__ as entry
from desktop.app import ensure_app
from PySide6.QtCore import QTimer

app = ensure_app()
seen = {"before": gc.get_freeze_count()}

class Node:
    pass

def watch():
    if "frozen" not in seen:
        if gc.get_freeze_count() > seen["before"]:
            seen["frozen"] = gc.get_freeze_count()
            a, b = Node(), Node()
            a.other, b.other = b, a              # a cycle: only the collector frees it
            seen["cycle"] = weakref.ref(a)
            seen["junk"] = [[] for _ in range(5000)]  # allocations enough for a collection to be due
            seen["since"] = time.monotonic()
        return
    if seen["cycle"]() is None or time.monotonic() - seen["since"] > 5:
        print("before:", seen["before"], "frozen:", seen["frozen"], "cycle collected:", seen["cycle"]() is None)
        for window in app.topLevelWidgets():
            window.close()
        app.quit()

poll = QTimer()
poll.timeout.connect(watch)
poll.start(50)
QTimer.singleShot(60_000, app.quit)  # never hang: the output then says what is missing
sys.exit(entry.main(["xor"]))
"""


def test_the_window_freezes_what_it_made_once_shown_and_still_collects_later_cycles(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ROOT, "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", OPEN_THE_WINDOW], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert "frozen:" in words, done.stdout
    before, frozen = int(words[words.index("before:") + 1]), int(words[words.index("frozen:") + 1])
    assert frozen > before + 20_000, done.stdout  # the window's own objects joined the frozen ones
    assert "cycle collected: True" in done.stdout, done.stdout
