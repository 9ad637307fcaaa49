"""An Undo that takes a lesson's "Train N steps" back leaves no trace of the undone run on screen (teacher review
23 #1).

guided_weight_decay trains 5 steps at step 6 and asks at step 7 "Where is w₀ after these 5 steps (from w₀ = 0.8)?".
The student had begun a step-through (F8) there, so F5 ended it ("Step-through ended: training started (Play)").
At step 7, Ctrl+Z takes the 5 steps back: w₀ is 0.8 again, the saved weight the student has seen from the start.
The canvas wrote "?" for it (hidden as if it were the answer of step 7), the step bar still spoke of the run, and
Compare runs listed the undone run as "run 1". Now the canvas writes what the lesson has shown of the weights now
in the document (0.8), the step bar's sentence about the undone run goes, and Compare runs lists only runs the
document's history still holds (the undone one comes back as this run with a Redo).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.notation import format_number
from test_lesson_edit_after_delta import step_bar_text
from test_lesson_error_hidden import lesson_at_step
from test_lesson_train_exact import wait_until_stopped
from test_training_support import press, press_f8_to

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _loss_panel(window):
    from desktop.panels.loss import LossPanel

    return window.findChild(LossPanel)


def test_undo_of_the_lessons_training_shows_the_saved_weight_and_forgets_the_run(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    press_f8_to(qtbot, window, "forward")  # a step-through begun at the "Train 5 steps" step
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    qtbot.waitUntil(lambda: "Step-through ended: training started" in step_bar_text(window), timeout=3000)
    student.next()  # step 7: "Where is w₀ after these 5 steps?"
    w0 = canvas.view.edge_item("x", "y", 0, 0)
    assert w0.label_text() == "?"  # the trained w₀ is the answer asked: held back
    loss = _loss_panel(window)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the 5 steps taken back
    assert np.array_equal(window.document.network.flat, net.flat)
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == 0, timeout=10000)
    saved = float(net.weights["x", "y"][0, 0])
    assert w0.label_text() == format_number(saved), w0.label_text()  # 0.8, seen since step 1
    assert "training started" not in step_bar_text(window), step_bar_text(window)
    assert loss.run_labels() == [], loss.run_labels()  # the undone run is no run to compare with

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)  # Redo: the 5 steps again, the answer held back again
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == 5, timeout=10000)
    assert w0.label_text() == "?"
    assert loss.run_labels() == []  # the run redone is this run, not a comparison
