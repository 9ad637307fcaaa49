"""A seeded random sequence of training actions never crashes, deadlocks or leaves NaN weights."""

from __future__ import annotations

import random

import numpy as np
from PySide6.QtWidgets import QApplication

from test_training_support import close_window, finite, make_window, wait_finished, xor_network

ACTIONS = ["play"] * 3 + ["pause"] * 3 + ["step"] * 2 + ["step_epoch", "reset", "reinit", "lr", "batch",
                                                            "undo", "redo"] + ["events"] * 3
CLOSE_EVERY = 50  # about every 50th action closes the window and opens a new one


def test_random_sequence_of_training_actions(qtbot):
    rng = random.Random(20261124)
    window = make_window(qtbot, xor_network())
    closed = []  # the training processes of closed windows
    count = 0
    for count in range(1, 241):
        c, doc = window.training, window.document
        action = "close" if rng.random() < 1 / CLOSE_EVERY else rng.choice(ACTIONS)
        if action == "play":
            c.play()
        elif action == "pause":
            c.pause()
        elif action == "step":
            c.step(rng.choice([1, 1, 3]))
        elif action == "step_epoch":
            c.step_epoch()
        elif action == "reset":
            c.reset()
        elif action == "reinit":
            c.reinitialise()
        elif action == "lr":
            c.toolbar.learning_rate.setValue(rng.choice([0.05, 0.3, 1.0]))
        elif action == "batch":
            c.toolbar.batch_size.setValue(rng.choice([1, 4, 8, 40]))
        elif action == "undo":
            doc.undo_stack.undo()
        elif action == "redo":
            doc.undo_stack.redo()
        elif action == "close":
            closed.append(c.worker.process)
            close_window(qtbot, window)
            window = make_window(qtbot, xor_network(hidden=rng.choice([2, 3, 4])))
            continue
        for _ in range(rng.choice([0, 0, 1, 2])):
            QApplication.processEvents()
        assert finite(doc.network.flat)
        if c.latest is not None:
            assert finite(c.latest.parameters) and finite(c.latest.loss_values)
    assert count >= 200
    # the last window still trains, pauses and hands its weights over
    c = window.training
    if c.running:
        c.pause()
        wait_finished(qtbot, c)
    c.step()
    snap = wait_finished(qtbot, c)
    assert np.array_equal(window.document.network.flat, snap.parameters)
    closed.append(c.worker.process)
    close_window(qtbot, window)
    assert all(p is not None and not p.is_alive() for p in closed)
