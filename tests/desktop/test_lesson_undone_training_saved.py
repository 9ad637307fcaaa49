"""A "Train N steps" that an Undo took back is kept as not done with the lesson's progress: reopening the lesson
does not tick it again.

guided_weight_decay: F5 at step 6 (5 steps), Next, Ctrl+Z at step 7 (the saved weights again: step 6 is to
train again). The lesson's progress in the settings kept step 6 un-ticked but not that its training was taken
back: the lesson opened again (the next day, the same file) at step 7 refused F5 with "answer step 7 first"
and checked step 7's answer about the 5 steps' weights beside the untrained ones. Now it sends the student
back to train step 6, as before the window closed.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

import core
from desktop.files import app_settings
from desktop.lesson.progress import load_progress
from test_lesson_train_exact import trained, wait_until_stopped
from test_lesson_train_undo_later import train_then_undo_at_the_next_step


def test_an_undone_train_step_is_saved_as_not_done(qtbot, main_window, canvas):
    window = main_window
    student, net, _ = train_then_undo_at_the_next_step(qtbot, window, canvas, "guided_weight_decay", 6)
    guide = window.lesson_guide
    kept = load_progress(app_settings(), guide.key, len(net.lesson.steps))
    assert kept.current == 6 and 5 not in kept.actions_done, kept

    path = core.example_path("guided_weight_decay")
    window.document.undo_stack.setClean()
    assert window.files.load(path)  # the lesson's file opened again: its kept progress
    assert np.array_equal(window.document.network.flat, net.flat)
    student.press(Qt.Key.Key_F5)  # at step 7: refused, and the words send the student back to step 6
    said = window.statusBar().currentMessage()
    assert said.startswith("Not trained: train at step 6 first (go Back to it"), said  # was "answer step 7 first"
    assert "Go Back to step 6 and train there again" in student.panel.notice_text()
    assert "Redo" not in student.panel.notice_text() and "Redo" not in said  # a new history: nothing to redo
    student.back()
    assert "(not done yet)" in student.panel.action.text() and not student.panel.next_button.isEnabled()
    student.press(Qt.Key.Key_F5)  # the 5 steps again, from the saved weights: done, and kept so
    wait_until_stopped(qtbot, student)
    np.testing.assert_allclose(window.document.network.flat, trained(net, 5), rtol=0, atol=1e-12)
    kept = load_progress(app_settings(), guide.key, len(net.lesson.steps))
    assert 5 in kept.actions_done and not kept.undone, kept
