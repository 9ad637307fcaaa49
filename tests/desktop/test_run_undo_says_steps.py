"""Undo and Redo of a lesson's "Train 50 steps" say how many steps they moved, as F6's do (teacher review 16, #5).

guided_perceptron s10 trains 50 steps (F5). Ctrl+Z after them left the status bar empty and Ctrl+Shift+Z
showed only the lesson's "Lesson: stopped at 50 steps.", while an F6 press's Undo says "Undid 1 training step".
A run's undo entry now counts its steps (``SetParameters.steps``, through ``Command.history_words``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_undo_and_redo_of_train_50_steps_say_50_steps(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 10)
    action = net.lesson.steps[9].action
    assert action.kind == "train" and action.steps == 50
    before = window.training.latest.step if window.training.latest is not None else 0  # (s8's 3 steps)
    do_action(student, canvas, action)
    assert window.training.latest.step == before + 50

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "(not done yet)" in student.panel.action.text(), timeout=10000)
    assert window.statusBar().currentMessage() == "Undid 50 training steps"  # was empty

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: "✓ done" in student.panel.action.text(), timeout=10000)
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == before + 50, timeout=10000)
    assert window.statusBar().currentMessage() == "Redid 50 training steps (Lesson: stopped at 50 steps)"
