"""Twelve F6 presses, eleven Ctrl+Z, F6: the run goes on from its first step, as if never undone.

Each F6 is its own undo step now (teacher review 15 #5), and each Step's end is a run's end the training
process keeps for an Undo back to it (``desktop.training.kept_runs``). It kept the last 8 runs: from the
9th Ctrl+Z back, the next F6 started a new run (step 0 again, the loss curve gone, Adam's moments at 0)
and said so. It now keeps as many as 64 MB hold, some 200 of a small network's.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

import core
from desktop.training.kept_runs import NOT_KEPT
from test_redo_brings_the_run_back import counters
from test_training_support import press
from test_undo_redo_resumes_training import press_f6, trained

CTRL = Qt.KeyboardModifier.ControlModifier


def test_twelve_steps_eleven_undos_one_step_is_step_two(qtbot, main_window):
    window = main_window
    net = core.load_network(core.example_path("circles"))  # Adam in shuffled batches: the run's state matters
    window.document.replace_network(net.copy(), None)
    press_f6(qtbot, window, 12)
    qtbot.waitUntil(lambda: "· Step 12 ·" in counters(window), timeout=10000)
    for _ in range(11):
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
    np.testing.assert_array_equal(window.document.network.flat, trained(net, 1))
    press_f6(qtbot, window, 1)
    qtbot.waitUntil(lambda: "· Step 2 ·" in counters(window), timeout=10000)
    np.testing.assert_array_equal(window.document.network.flat, trained(net, 2))  # Adam's second step
    assert NOT_KEPT not in window.statusBar().currentMessage()
