"""Undo after a finished "Train N steps" takes the step's tick back; Redo gives it again.

The helper's report: in guided_perceptron, step 8 asks to train 50 steps. F5 trained them and the step
was ticked done; Ctrl+Z back to the saved weights left it ticked ("✓ done", Next free) while the panel's
count and the Train button said 0 of 50: the student could go on to step 9 ("w after 50 steps") with the
saved weights on screen. The tick now follows the weights as the count does: Undo back to the saved weights
and the step is not done (Train trains the 50 again), Redo (Ctrl+Shift+Z or the toolbar's Redo) back to the
50 steps' weights ticks it again. (Since review 13 the step trains 3 steps, and step 9 asks w after 3.)
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from test_lesson_error_hidden import lesson_at_step
from test_lesson_train_exact import trained, wait_until_stopped
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def click_toolbar(qtbot, window, name: str) -> None:
    """Click the File and Edit toolbar's button of the action called ``name`` ("toolbar_undo")."""
    toolbar = window.findChild(QToolBar, "fileToolBar")
    action = next(a for a in toolbar.actions() if a.objectName() == name)
    assert action.isEnabled(), f"{name} cannot be clicked now"
    qtbot.mouseClick(toolbar.widgetForAction(action), Qt.MouseButton.LeftButton)


def test_undo_after_the_n_steps_untick_the_step_and_redo_ticks_it_again(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 8)
    panel, doc = student.panel, window.document
    action = net.lesson.steps[7].action
    n = action.steps  # 3 since review 13 (50 before)
    assert action.kind == "train" and n > 1
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    after_n = doc.network.flat.copy()
    np.testing.assert_allclose(after_n, trained(net, n), rtol=0, atol=1e-12)
    assert panel.next_button.isEnabled()
    assert window.statusBar().currentMessage() == f"Lesson: stopped at {n} steps."

    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # Ctrl+Z: the saved weights again
    assert np.array_equal(doc.network.flat, net.flat)
    qtbot.waitUntil(lambda: "✓ done" not in panel.action.text(), timeout=5000)
    assert "(not done yet)" in panel.action.text() and "trained" not in panel.action.text()
    assert panel.train_button.text() == f"Train {n} steps" and not panel.next_button.isEnabled()
    assert window.statusBar().currentMessage() != f"Lesson: stopped at {n} steps."

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)  # Ctrl+Shift+Z: the N steps' weights again
    assert np.array_equal(doc.network.flat, after_n)
    qtbot.waitUntil(lambda: f"✓ done: stopped at exactly {n}" in panel.action.text(), timeout=5000)
    assert panel.next_button.isEnabled()

    click_toolbar(qtbot, window, "toolbar_undo")  # the same by clicks
    qtbot.waitUntil(lambda: "(not done yet)" in panel.action.text(), timeout=5000)
    assert not panel.next_button.isEnabled()
    click_toolbar(qtbot, window, "toolbar_redo")
    qtbot.waitUntil(lambda: f"✓ done: stopped at exactly {n}" in panel.action.text(), timeout=5000)
    student.next()  # and on to step 9, which asks about these weights
    assert panel.progress.text().startswith("Step 9 of")
