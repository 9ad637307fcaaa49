"""A refused training says what to do: "answer step 7 first (then train at step 8; …)", not "step 8 trains first".

Teacher review 18, #5: at guided_weight_decay's step 6, after F6 ×5 ("Lesson: stopped at 5 steps."), one
more F6 said "Not trained: step 8 trains first (step 7 asks …)", while guided_perceptron's step 9 said
"Not trained: answer step 9 first". "step 8 trains first" is hard to act on: step 7's question comes
before step 8, so the words now name it.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.lesson import network_at_step
from test_lesson_error_hidden import lesson_at_step
from test_lesson_fifth_step_words import DONE_WORDS, f6_until
from test_training_support import press


def test_f6_after_the_lessons_5_steps_says_answer_step_7_first(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    f6_until(qtbot, window, student, 5)
    assert window.statusBar().currentMessage() == DONE_WORDS
    press(qtbot, window, Qt.Key.Key_F6)  # a sixth step: refused
    qtbot.wait(300)  # (a step that started would have trained by now)
    assert not window.training.running
    assert np.array_equal(window.document.network.flat, network_at_step(net, 5).flat)
    assert window.statusBar().currentMessage() == (
        "Not trained: answer step 7 first (then train at step 8; step 7 asks about the weights after the "
        "lesson's 5 steps).")
    assert "Training waits for step 8 (Train " in student.panel.notice.text()
