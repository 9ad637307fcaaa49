"""A "Train N steps" that starts where the weights no longer move still counts its N steps.

Review 14, finding 2: once guided_perceptron's w had reached exactly 1/3 (every dL/dw exactly 0), step 10's
"Train 50 steps" trained 50 steps by F5, Play or the Lesson panel's button (latest step 9381 → 9431), yet
the action stayed "(not done yet)" and Finish stayed disabled: the count followed the weights, and the
weights after 50 steps were those at the step's opening, remembered with the count 0. A run that ends
where it started now counts its steps (Undo and Redo still bring back the count of weights seen before).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core import trace_step
from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press


def at_the_bottom(qtbot, window, canvas):
    """guided_perceptron's step 9 answered, then F5 until w stops at the bottom (every dL/dw exactly 0), paused:
    (the student, the lesson's network, the settled weights)."""
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    assert student.type_answer(f"{answer(net.lesson.steps[8].question, net):.10g}").startswith("Right")
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step >= 400,
                    timeout=30000)
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    return student, net, window.document.network.flat.copy()


def test_the_perceptrons_50_steps_tick_when_w_already_sits_at_the_bottom(qtbot, main_window, canvas):
    window = main_window
    # step 9 answered, nothing more asked before step 10: the student trains on with F5 until w stops
    student, net, settled = at_the_bottom(qtbot, window, canvas)
    step = trace_step(window.document.network, 0)
    assert not step.gradient.any() and np.array_equal(step.updated, settled)  # every dL/dw is exactly 0

    student.next()  # step 10: "Train 50 steps"
    panel = student.panel
    assert "✓ done" not in panel.action.text()
    do_action(student, canvas, net.lesson.steps[9].action)  # F5: 50 steps, and the step ticks
    assert np.array_equal(window.document.network.flat, settled)
    assert "✓ done: stopped at exactly 50" in panel.action.text()
    assert window.statusBar().currentMessage() == "Lesson: stopped at 50 steps."


def test_undo_after_the_50_steps_at_the_bottom_takes_the_tick_back(qtbot, main_window, canvas):
    """Review 15: the 50 steps at the fixed point put nothing new into the document (the weights did not
    move), so Ctrl+Z after them took back the run before the step opened (w back at 0.410975, "Epoch 3 ·
    Step 3") and the step kept its "✓ done": those weights had no count of their own. An Undo back past the
    step's opening leaves none of its steps trained; Redo back to the trained weights ticks it again."""
    window = main_window
    student, net, settled = at_the_bottom(qtbot, window, canvas)
    student.next()  # step 10: "Train 50 steps", trained by F5 where w no longer moves
    panel = student.panel
    do_action(student, canvas, net.lesson.steps[9].action)
    assert "✓ done: stopped at exactly 50" in panel.action.text()

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z: w after step 8's 3 steps
    assert not np.array_equal(window.document.network.flat, settled)
    qtbot.waitUntil(lambda: "✓ done" not in panel.action.text(), timeout=5000)
    assert "(not done yet)" in panel.action.text()
    assert window.statusBar().currentMessage() != "Lesson: stopped at 50 steps."

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert np.array_equal(window.document.network.flat, settled)  # Redo: w at the bottom, the 50 steps trained
    qtbot.waitUntil(lambda: "✓ done" in panel.action.text(), timeout=5000)
