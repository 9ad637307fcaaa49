"""The Loss phase's sentence names only what the canvas writes: while a lesson asks L, the output's card
writes t alone (y − t and its term would give L away), and the sentence says they wait.

The teacher's review: at guided_sigmoid_neuron's step 5 ("Compute the loss (y − t)²"), the step toolbar
said "by the output: y − t and each output's term" under a y card that showed neither.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press, press_f8_to
from window_texts import painted_texts


def test_the_loss_sentence_says_y_minus_t_and_the_term_wait_while_the_loss_is_asked(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_sigmoid_neuron", 5)
    assert net.lesson.steps[4].question.kind == "loss"
    press_f8_to(qtbot, window, "loss")
    sentence = window.training.step_toolbar.phase_text
    qtbot.wait(100)
    assert not any("y − t" in text for text in painted_texts(window.canvas.scene()))
    assert "by the output: y − t" not in sentence.text()
    assert "L = ? (" in sentence.text() and "y − t and each output's term wait with it" in sentence.text()

    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    qtbot.waitUntil(lambda: "by the output: y − t and each output's term" in sentence.text(), timeout=3000)
    qtbot.waitUntil(lambda: any("y − t" in text for text in painted_texts(window.canvas.scene())), timeout=3000)
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # leave the walk
