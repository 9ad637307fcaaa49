"""Undo then Redo of a training run shows the run again: its step count and loss curve (review 14 #4).

guided_weight_decay step 6 asks "Train 5 steps". After Ctrl+Z then Redo the step's tick came back, but the
status bar read "Epoch 0 · Step 0", the Loss caption "Step 0, before training" and the Loss panel's "this
run" was empty: the session loaded for the redone weights counted from 0, as a new one does. Now the training
process keeps the last runs' step and epoch counters and histories by the weights they end at
(``desktop.training.kept_runs``), and Redo back to those weights brings them back. The canvas also lost its
thumbnails (the maps of the session loaded after Ctrl+Z came with no new numbers, and the cards kept the
size they took without maps): they come back with the maps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def counters(window) -> str:
    """The status bar's "Epoch E · Step S" words."""
    return next((label.text() for label in window.statusBar().findChildren(QLabel)
                 if label.isVisible() and label.text().startswith("Epoch ")), "")


def loss_curve_points(window) -> int:
    xs, _ = window.training.ui.loss.train_curve.getData()
    return 0 if xs is None else len(xs)


def caption(window) -> str:
    """The Loss panel's line of figures, on one line."""
    return " ".join(window.training.ui.loss.summary.text().split())


def cards(window) -> dict:
    """Each layer card's size on the canvas (larger neurons while they show thumbnails)."""
    return {name: item.boundingRect().size().toTuple() for name, item in window.canvas.scene().layer_items.items()}


def test_redo_of_train_5_steps_shows_step_5_and_the_run_curve(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    action = net.lesson.steps[5].action
    assert (action.kind, action.steps) == ("train", 5)
    do_action(student, canvas, action)
    qtbot.waitUntil(lambda: counters(window).startswith("Epoch 5 · Step 5"), timeout=10000)
    trained_curve = loss_curve_points(window)
    trained_cards = cards(window)
    # (the curve draws the loss answered at step 2, at x = 0: step 7 and 9 hold the losses after 1 … 5 steps)
    assert trained_curve == 1 and "epoch 5 mean" in caption(window)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the saved weights: step 0 again
    qtbot.waitUntil(lambda: counters(window).startswith("Epoch 0 · Step 0"), timeout=10000)
    assert "(not done yet)" in student.panel.action.text()

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)  # the 5 steps' weights, and the run that left them
    qtbot.waitUntil(lambda: "✓ done: stopped at exactly 5" in student.panel.action.text(), timeout=10000)
    qtbot.waitUntil(lambda: counters(window).startswith("Epoch 5 · Step 5"), timeout=10000)
    assert not window.training.ui.loss.summary.text().startswith("Step 0, before training")
    assert "epoch 5 mean" in caption(window)  # the run's five epochs are back
    assert loss_curve_points(window) == trained_curve  # "this run" has the run's curve
    assert not window.training.ui.loss.runs  # and it is not also a compared "run 1"
    qtbot.waitUntil(lambda: cards(window) == trained_cards, timeout=5000)  # the thumbnails' room: as trained
