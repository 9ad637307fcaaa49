"""Reset at weights it would not change puts no step on the undo history (helpers' leftover, review 22).

A classmate's file keeps its Adam run (30 steps). The student opens it and chooses L2 in the Inspector: the run no
longer describes the network, so the window starts a new one at step 0, at the file's weights. Reset then went
back to those same weights and pushed "Reset weights", an undo step that undid nothing. Now Reset says in the status
bar that it changed nothing and leaves the undo history alone; a Reset after a step (F6) changes the weights and
stays one undoable step.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

import core
from desktop.reset_run import UNCHANGED
from test_saved_run_continues import open_file, press_f6, spiral
from test_saved_run_still_fits import network_page
from test_training_support import close_window, make_window


@pytest.fixture
def window(qtbot):
    made = make_window(qtbot, core.Network("Untitled"))
    yield made
    close_window(qtbot, made)


def click_reset(qtbot, window) -> None:
    toolbar = window.findChild(QToolBar, "training_toolbar")
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.reset_action), Qt.MouseButton.LeftButton)


def history(window) -> list[str]:
    stack = window.document.undo_stack
    return [stack.text(i) for i in range(stack.index())]


def test_reset_at_the_files_weights_whose_run_no_longer_fits_adds_no_undo_step(qtbot, dialogs, window, tmp_path):
    net = spiral("adam")
    trainer = core.Trainer(net)
    trainer.train_steps(30)
    net.progress = core.SavedRun.of(trainer)
    path = tmp_path / "classmate.bpnet"
    core.save_network(net, path)
    open_file(qtbot, window, dialogs, path)
    status = window.training.ui.status_label
    qtbot.waitUntil(lambda: "Step 30 ·" in status.text(), timeout=10000)
    network_page(window).regularization.setCurrentText("l2")  # Inspector: the network's regularization
    qtbot.waitUntil(lambda: "Step 0 ·" in status.text(), timeout=10000)  # a new run, at the file's weights
    before = history(window)
    weights = window.document.network.flat.copy()

    click_reset(qtbot, window)
    assert history(window) == before, history(window)
    assert window.statusBar().currentMessage() == UNCHANGED
    np.testing.assert_array_equal(window.document.network.flat, weights)

    press_f6(qtbot, window, 1)  # a step: now Reset changes the weights, and Undo brings the step's back
    stepped = window.document.network.flat.copy()
    click_reset(qtbot, window)
    assert history(window)[-1] == "Reset weights" and len(history(window)) == len(before) + 2, history(window)
    np.testing.assert_array_equal(window.document.network.flat, weights)
    window.document.undo_stack.undo()
    np.testing.assert_array_equal(window.document.network.flat, stepped)
