"""A file's run reopened says what the run did, and a file keeps a run only while it still describes the network.

A student trains, saves (File → Save As), opens the file again: no "Stuck: every dL/dw is 0" warning (the run's
last gradient is kept, not zeros). After Reset, an activation chosen in the Inspector, or another regularization
typed in the Training settings, Save writes no run (it would not be the network's), and F6 starts at step 1.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QAction

import core
from test_saved_run_continues import make_window, open_file, press_f6, save_as  # noqa: F401 (a fixture)
from test_training_support import close_window, wait_finished


def xor(tmp_path, optimizer="adam"):
    net = core.load_network(core.example_path("xor"))
    net.lesson = None
    net.training.optimizer.name = optimizer
    path = tmp_path / "start.bpnet"
    core.save_network(net, path)
    return path


def trained_and_saved(qtbot, dialogs, window, tmp_path, steps=50, name="trained.bpnet"):
    open_file(qtbot, window, dialogs, xor(tmp_path))
    window.training.step(steps)  # Training → "Train N steps"
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == steps, timeout=15000)
    wait_finished(qtbot, window.training)
    saved = tmp_path / name
    dialogs.answer("save_file", str(saved))
    save_as(window)
    return saved


def test_a_reopened_run_is_not_said_to_be_stuck(qtbot, dialogs, make_window, tmp_path):
    first = make_window()
    saved = trained_and_saved(qtbot, dialogs, first, tmp_path)
    before = first.training.latest
    assert np.any(before.gradient)
    close_window(qtbot, first)

    second = make_window()
    open_file(qtbot, second, dialogs, saved)
    qtbot.waitUntil(lambda: second.training.latest is not None and second.training.latest.step == 50, timeout=10000)
    wait_finished(qtbot, second.training)
    assert not second.training.ui.loss_warning.isVisible(), second.training.ui.loss_warning.text()
    np.testing.assert_array_equal(second.training.latest.gradient, before.gradient)  # the heatmaps' dL/dw
