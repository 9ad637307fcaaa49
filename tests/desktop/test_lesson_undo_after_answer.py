"""Ctrl+Z after a "weights after N steps" question was answered says what it took back (teacher review 23 #7).

guided_perceptron step 9 ("Where is w after these 3 steps?") answered "Right: 0.410975.", then Ctrl+Z: the
training of step 8 went back silently. The green verdict stayed beside w = 0.8, Next was enabled, and at step 10
("Train 50 more steps") F5 trained 50 steps from w = 0.8 and ticked done (50 in all, not 53). The same Undo before
answering (guided_weight_decay step 7) sent a clear red "Not checked: an Undo took the training of step 6 back…".
Now, whatever the order, the Lesson panel says step 8's training was taken back and that Redo brings it back, the
verdict says the answer was about the trained weights, and step 10 waits for step 8's training. Lessons are opened
from File → Examples, answers typed with Return, keys pressed as a student presses them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.lesson import answer
from test_lesson_error_hidden import answer_up_to
from test_lesson_promise_kept import open_example
from test_lesson_train_exact import trained, wait_until_stopped
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
TAKEN_BACK = "an Undo took the training of step 8 back"
REDO = "Go Back to step 8 and train there again (or Redo: Ctrl+Shift+Z or Ctrl+Y)"


def answered_then_undone(qtbot, window, canvas, name: str, k: int):
    """(student, net, the weights before the Undo): ``name`` from File → Examples worked to step ``k`` (1-based),
    its right answer typed, then Ctrl+Z."""
    student, net = open_example(qtbot, window, name)
    answer_up_to(student, canvas, net, k)
    verdict = student.type_answer(f"{answer(net.lesson.steps[k - 1].question, net):.10g}")
    assert verdict.startswith("Right:"), verdict
    before = window.document.network.flat.copy()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.wait(50)
    return student, net, before


def test_perceptron_undo_after_step_9_is_answered_says_so_and_step_10_waits_for_step_8(qtbot, main_window, canvas):
    window = main_window
    student, net, after_3 = answered_then_undone(qtbot, window, canvas, "guided_perceptron", 9)
    panel, doc = student.panel, window.document
    assert np.array_equal(doc.network.flat, net.flat)  # (the Undo took the 3 steps back: w = 0.8)
    verdict = panel.verdict_text()  # said once, under the verdict (review 23b #5): the notice above says nothing
    assert verdict.startswith("Right: 0.410975.") and "about the weights after the lesson's 3 steps" in verdict
    assert TAKEN_BACK in verdict and "training waits for it" in verdict and REDO in verdict, verdict
    assert panel.notice_text() == ""

    student.next()  # step 10, "Train 50 more steps": not from w = 0.8
    student.press(Qt.Key.Key_F5)
    said = window.statusBar().currentMessage()
    assert said.startswith("Not trained: train at step 8 first (go Back to it: an Undo took its training back"), said
    assert not window.training.running and "(not done yet)" in panel.action.text()
    assert "an Undo took its training back, and this step trains on from its weights" in panel.notice_text()
    assert np.array_equal(doc.network.flat, net.flat)

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)  # Redo: the 3 steps again, and step 10 trains its 50 on
    assert np.array_equal(doc.network.flat, after_3)
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    np.testing.assert_allclose(doc.network.flat, trained(net, 53), rtol=0, atol=1e-12)


def test_ctrl_y_brings_the_training_back_and_the_verdict_and_notice_with_it(qtbot, main_window, canvas):
    window = main_window
    student, _net, after_3 = answered_then_undone(qtbot, window, canvas, "guided_perceptron", 9)
    panel = student.panel
    assert TAKEN_BACK in panel.verdict_text()
    press(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert np.array_equal(window.document.network.flat, after_3)
    assert panel.verdict_text() == "Right: 0.410975." and panel.notice_text() == ""


def test_weight_decay_undo_after_step_9_is_answered_says_the_answer_is_about_the_100_steps(qtbot, main_window, canvas):
    """The lesson's last question (w₁ after 100 steps) answered, then Ctrl+Z takes step 8's 95 steps back: nothing
    trains after it, but the verdict says what its "Right" is about."""
    window = main_window
    student, _net, _ = answered_then_undone(qtbot, window, canvas, "guided_weight_decay", 9)
    verdict = student.panel.verdict_text()
    assert "about the weights after the lesson's 100 steps" in verdict, verdict
    assert "an Undo took the training of step 8 back" in verdict and REDO in verdict, verdict


def test_the_undo_warning_at_step_9_is_said_once_in_the_lesson_panel(qtbot, main_window, canvas):
    """Teacher review 23b #5: after Ctrl+Z at guided_perceptron step 9 ("Right: 0.410975."), a 5-line red note above
    the question and a 5-line red paragraph under the verdict both told the Undo and the way back; once is enough,
    also after F5 is refused there."""
    window = main_window
    window.resize(1024, 700)
    student, _net, _ = answered_then_undone(qtbot, window, canvas, "guided_perceptron", 9)
    panel = student.panel
    for _ in range(2):
        words = panel.notice_text() + " " + panel.verdict_text()
        assert words.count("an Undo took") == 1 and words.count("Go Back to step 8") == 1, words
        student.press(Qt.Key.Key_F5)  # refused: training waits for step 8
        assert not window.training.running
