"""Train, Undo, Redo, train on: the optimizer goes on as if nothing had been undone.

The helper's report: after Undo of a training run and Redo of it, the weights were the run's again, but the
next Train started the optimizer afresh (Adam's moments and step count t at 0, momentum's velocity at 0, the
mini-batches reshuffled from the seed): "continue" gave other weights than training on at once. The run's
optimizer state and data order are now kept by the training process under the run's key, which goes into the
undo stack with its weights (the commit's ``SetParameters``; ``desktop.training.kept_runs``), and training
after a Redo goes on from them: 10 steps, Ctrl+Z, Ctrl+Shift+Z (or the toolbar's Undo and Redo), 10 steps
give the weights of 20 steps straight.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

import core
from test_lesson_train_undo_tick import click_toolbar
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def trained(net: core.Network, steps: int) -> np.ndarray:
    trainer = core.Trainer(net.copy())
    trainer.run(steps=steps)
    return trainer.net.flat


def press_f6(qtbot, window, times: int) -> None:
    """F6 ``times`` times, each once the step before it is in the document."""
    for _ in range(times):
        before = window.document.version
        press(qtbot, window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not window.training.running and window.document.version > before, timeout=10000)


@pytest.mark.parametrize("example, by_keys", [("circles", True), ("xor", False)])
def test_ten_steps_undo_redo_ten_steps_are_twenty_straight(qtbot, main_window, example, by_keys):
    """circles: Adam on 200 rows in shuffled batches of 16; xor: SGD with momentum 0.9."""
    window = main_window
    net = core.load_network(core.example_path(example))
    assert net.training.optimizer.name == "adam" or net.training.optimizer.momentum > 0
    window.document.replace_network(net.copy(), None)
    doc = window.document
    press_f6(qtbot, window, 10)
    after_10 = doc.network.flat.copy()
    np.testing.assert_array_equal(after_10, trained(net, 10))
    if by_keys:
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
    else:
        click_toolbar(qtbot, window, "toolbar_undo")
    assert np.array_equal(doc.network.flat, net.flat)  # the 10 steps are one undo step
    qtbot.wait(200)  # (the preview loads the saved weights into the training process)
    if by_keys:
        press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    else:
        click_toolbar(qtbot, window, "toolbar_redo")
    assert np.array_equal(doc.network.flat, after_10)
    press_f6(qtbot, window, 10)
    np.testing.assert_array_equal(doc.network.flat, trained(net, 20))
    assert not np.array_equal(doc.network.flat, _afresh(net))  # what the test tells apart


def _afresh(net: core.Network) -> np.ndarray:
    """10 steps, then 10 more from a trainer made afresh at those weights (what a Redo gave before)."""
    first = core.Trainer(net.copy())
    first.run(steps=10)
    return trained(first.net, 10)
