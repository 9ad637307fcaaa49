"""Undo at a "Train N steps" step takes the step's count back with the weights.

The earlier helper's report: at guided_weight_decay's step 6 ("Train 5 steps"), a student who trained a
few steps and pressed Ctrl+Z until the weights were the saved ones again still saw "3 of 5 trained",
the screen still treated the network as trained (the numbers worked out from the saved weights did not
come back), and Train then trained only the 97 steps "left", from the saved weights: the network was not
the one the next question ("w₁ after 100 steps") is about. The count now follows the weights the document
holds: back at the saved weights it is 0 of N, the saved numbers show, and Train trains exactly N (since
review 13 the step trains 5 steps, and the next question asks w₀ after 5).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written
from test_lesson_train_exact import trained, wait_until_stopped
from test_training_support import press
from window_texts import numbers_in, window_texts


def test_undo_back_to_the_saved_weights_starts_the_steps_count_again(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel, doc = student.panel, window.document
    steps = net.lesson.steps
    assert (steps[5].action.kind, steps[5].action.steps) == ("train", 5)
    saved_loss = answer(steps[1].question, net)  # L, step 2: worked out from the weights as saved
    for k in range(1, 4):
        student.press(Qt.Key.Key_F6)
        qtbot.waitUntil(lambda k=k: not window.training.running and window.training.latest.step == k, timeout=10000)
    assert "3 of 5 trained" in panel.action.text() and panel.train_button.text() == "Train 2 more steps"
    assert not window.view_state.answers_current  # the screen shows the trained network

    while not np.array_equal(doc.network.flat, net.flat):  # Ctrl+Z back to the weights as saved
        assert doc.undo_stack.canUndo(), "undo never reached the saved weights"
        press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)  # (the panels' frames after the undo)
    assert "trained" not in panel.action.text() and "(not done yet)" in panel.action.text()
    assert panel.train_button.text() == "Train 5 steps"
    assert window.view_state.answers_current
    assert written(saved_loss) & numbers_in(window_texts(window)), "the saved network's loss is not shown again"

    for _ in range(3):  # Redo, once per press (each Step is its own undo step): the 3 steps are back
        press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "3 of 5 trained" in panel.action.text(), timeout=5000)
    assert panel.train_button.text() == "Train 2 more steps" and not window.view_state.answers_current
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.train_button.text() == "Train 5 steps", timeout=5000)
    student.press(Qt.Key.Key_F6)  # the first step again: one step, not the 1 seen before and 1 more
    qtbot.waitUntil(lambda: not window.training.running and "1 of 5 trained" in panel.action.text(), timeout=10000)
    assert panel.train_button.text() == "Train 4 more steps"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.train_button.text() == "Train 5 steps", timeout=5000)
    assert np.array_equal(doc.network.flat, net.flat)

    student.click(panel.train_button)
    wait_until_stopped(qtbot, student)
    assert "✓ done: stopped at exactly 5" in panel.action.text()
    np.testing.assert_allclose(doc.network.flat, trained(net, 5), rtol=0, atol=1e-12)
