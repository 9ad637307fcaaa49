"""Redo back to a run the training process no longer keeps: training starts afresh, and the status bar says so.

The training process keeps the last runs' ends (optimizer state, data order, counters and histories,
``desktop.training.kept_runs``); the document keeps only their keys. After the process was restarted (here:
killed by the operating system, as a crash would end it) it keeps none: Undo then Redo back to a run's end
counted from step 0 and said nothing. Now the window says that training goes on as a new run. And while no
process runs, an Undo no longer leaves the status bar with the undone run's step and loss.
"""

from __future__ import annotations

import os
import signal

import numpy as np
from PySide6.QtCore import Qt

import core
from desktop.training.kept_runs import NOT_KEPT
from test_redo_brings_the_run_back import counters
from test_training_support import press
from test_undo_redo_resumes_training import press_f6, trained

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def status_words(window) -> str:
    return window.statusBar().currentMessage()


def test_redo_after_the_process_restarted_says_the_run_starts_afresh(qtbot, main_window):
    window = main_window
    net = core.load_network(core.example_path("circles"))  # Adam: its moments are part of the run's end
    window.document.replace_network(net.copy(), None)
    doc = window.document
    press_f6(qtbot, window, 3)
    qtbot.waitUntil(lambda: counters(window).startswith("Epoch 0 · Step 3"), timeout=10000)
    after_3 = doc.network.flat.copy()

    old_pid = window.training.worker.pid
    os.kill(old_pid, signal.SIGKILL)  # the training process dies; the student's next action starts another
    qtbot.waitUntil(lambda: window.training.worker.pid != old_pid, timeout=20000)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: not counters(window).startswith("Epoch 0 · Step 3"), timeout=5000)  # not the run's
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert np.array_equal(doc.network.flat, after_3)
    press_f6(qtbot, window, 1)  # one step: a new Adam run from the run's end, which the status bar says
    qtbot.waitUntil(lambda: NOT_KEPT in status_words(window), timeout=10000)
    assert counters(window).startswith("Epoch 0 · Step 1")  # what the words say: a new run, from step 0
    restarted = net.copy()
    restarted.set_parameters(after_3)
    np.testing.assert_array_equal(doc.network.flat, trained(restarted, 1))
    assert not np.array_equal(doc.network.flat, trained(net, 4))  # not the 4th step of the run
