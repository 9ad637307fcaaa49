"""A student presses "+ Hidden layer" at a lesson question (teacher review 18 #1): the new layer is not
connected yet, so the network has two layers without outgoing connections. The lesson's refresh asked for
"the" output layer and raised (``GraphError``) from every answer and observation: its hold was never set again,
the canvas drew the raw weights (guided_perceptron s9's answer 0.4110 on the x → y edge) and every Check stayed
at "Checking…"."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import numbers_on_screen, written


# (at a question about the weights after the lesson's training the layer is refused:
# test_lesson_network_kept_for_trained_question)
@pytest.mark.parametrize("lesson,step", [("guided_perceptron", 5), ("guided_weight_decay", 4), ("guided_chain_rule", 8)])
def test_a_hidden_layer_added_at_a_question_shows_no_answer_and_check_still_answers(qtbot, main_window, canvas,
                                                                                   lesson, step):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, lesson, step)
    right = answer(net.lesson.steps[step - 1].question, net)
    add = next(a for a in window.findChildren(QAction) if "Hidden layer" in a.text())
    add.trigger()  # the toolbar's "+ Hidden layer"
    assert len(window.document.network.layers) == len(net.layers) + 1
    assert not written(right) & numbers_on_screen(qtbot, window), "the open question's answer is on screen"
    verdict = student.type_answer("0.5")
    assert verdict.startswith("Not yet"), verdict
    verdict = student.type_answer(f"{right:.6g}")
    assert verdict.startswith("Right"), verdict
