"""Undo and Redo along one run's own F6 steps add no compared run, and a compared run holds back what the lesson does.

Teacher review 16, #1: at guided_perceptron s8, F6 ×3 then Ctrl+Z ×2 and Ctrl+Shift+Z left "run N: the same
settings" rows in the Loss panel's legend, one per press, for one straight history. Their curves drew the losses
the lesson still held back, and the legend's tooltip gave the loss after 3 steps (0.01356), from which s9's
answer follows. An Undo or Redo back along a run's steps now brings the same run back, shown up to the step the
document holds (``desktop.panels.compare_runs``), and a compared run's curve and tooltip leave out the losses
the panel's own curve holds back (``Run.held_back``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

import core
from desktop.panels.runs import Run
from test_lesson_error_hidden import lesson_at_step
from test_redo_brings_the_run_back import loss_curve_points
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def f6(qtbot, window, times: int) -> None:
    for _ in range(times):
        step = window.training.latest.step if window.training.latest is not None else 0
        press(qtbot, window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not window.training.running and window.training.latest.step == step + 1, timeout=10000)


def undo_to(qtbot, window, modifier, step: int) -> None:
    """Ctrl+Z (or Ctrl+Shift+Z), then wait until the session shows the run at ``step``."""
    press(qtbot, window, Qt.Key.Key_Z, modifier)
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == step, timeout=10000)


def test_f6_undo_redo_at_guided_perceptron_s8_adds_no_run_and_gives_no_held_loss(qtbot, main_window, canvas):
    window = main_window
    loss = window.training.ui.loss
    lesson_at_step(qtbot, window, canvas, "guided_perceptron", 8)
    f6(qtbot, window, 3)
    held = "0.01356"  # the loss after 3 steps (teacher review 16), from which s9's answer follows
    undo_to(qtbot, window, CTRL, 2)
    undo_to(qtbot, window, CTRL, 1)
    assert not any(label.startswith("run 1") for label in loss.run_labels())  # was "run 1", then "run 2"
    assert held not in loss.legend.toolTip()
    undo_to(qtbot, window, CTRL | SHIFT, 2)
    assert loss.run_labels() == [] and not loss.runs  # Redo left no stray copy either
    assert held not in loss.legend.toolTip()


def test_xor_f6_four_undo_two_redo_one_keeps_one_run_of_the_right_length(qtbot, main_window):
    window = main_window
    window.document.replace_network(core.load_network(core.example_path("xor")), None)
    loss = window.training.ui.loss
    lengths = []
    for _ in range(4):
        f6(qtbot, window, 1)
        lengths.append(loss_curve_points(window))
    undo_to(qtbot, window, CTRL, 3)
    undo_to(qtbot, window, CTRL, 2)
    assert not loss.runs
    undo_to(qtbot, window, CTRL | SHIFT, 3)
    assert not loss.runs and loss.run_labels() == []  # no "run 1: the same settings"
    qtbot.waitUntil(lambda: loss_curve_points(window) == lengths[2], timeout=5000)  # the run's curve up to step 3


def test_a_compared_run_holds_back_the_losses_from_the_held_step_on():
    """Step-through or lesson: the panel draws no loss measured at the weights after 2 steps or more (a walk of step
    3; step 2's own batch loss, at the weights after 1 step, stays: leftover 23 #2); a full-batch run's loss at
    x = k was measured at step k + 1, at the weights after k steps (x = 0: before training), its validation loss
    at x, after x steps."""
    run = Run(1, {"lr": "lr 0.1"}, np.array([0.0, 1.0, 2.0, 3.0]), np.array([0.49, 0.2, 0.05, 0.01356]),
              "epoch mean", (0, 0, 0), np.array([1.0, 2.0, 3.0]), np.array([0.3, 0.1, 0.02]), after_steps=True)
    shown = run.held_back(2)
    assert shown.steps.tolist() == [0.0, 1.0] and shown.losses.tolist() == [0.49, 0.2]
    assert shown.val_steps.tolist() == [1.0]
    assert "0.01356" not in shown.details() and "0.01356" in run.details()
    assert run.held_back(None) is run
    nothing = run.held_back(0)
    assert "later question" in nothing.details() and nothing.figures() == "loss ?"


def test_a_compared_run_holds_back_the_losses_a_lesson_holds():
    """A lesson's question on the trained weights holds the losses at the weights after 1, 2, … steps, not the
    loss before training that its student answered (``LossPanel.held_at``): a compared full-batch run keeps its
    x = 0 alone (x = k: after k steps), and none of its validation losses (at their epoch's end, after x steps)."""
    run = Run(1, {"lr": "lr 0.1"}, np.array([0.0, 1.0, 2.0, 3.0]), np.array([0.49, 0.2, 0.05, 0.01356]),
              "epoch mean", (0, 0, 0), np.array([1.0, 2.0, 3.0]), np.array([0.3, 0.1, 0.02]), after_steps=True)
    shown = run.held_back(None, lambda steps: np.asarray(steps) >= 1)
    assert shown.steps.tolist() == [0.0] and shown.losses.tolist() == [0.49]
    assert shown.val_steps.tolist() == [] and shown.val_losses.tolist() == []
    assert not {"0.2", "0.05", "0.01356"} & set(shown.details().replace(",", " ").replace(";", " ").split())
    batch = Run(2, {"lr": "lr 0.1"}, np.array([0.0, 4.0, 8.0]), np.array([0.7, 0.5, 0.3]), "epoch mean", (0, 0, 0))
    assert batch.held_back(None, lambda steps: np.asarray(steps) >= 4).steps.tolist() == [0.0, 4.0]  # at step 4: after 3
