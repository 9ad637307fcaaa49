"""A lesson's words about numbers settled earlier say which the student answered and which were revealed.

Teacher review 24 #10a: guided_relu_tutorial step 5 said "Your a_h0 = 0.7 and a_h1 = 1.0 were checked" to a student
who had pressed Reveal at step 3 (a_h1). Its "(step 2)", "(step 3)" now read "(step 2: you answered it)",
"(step 3: revealed)".
"""

from __future__ import annotations

import core
from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_spoilers import open_lesson


def test_relu_step_5_says_a_h1_was_revealed(qtbot, main_window, canvas):
    window = main_window
    path = core.example_path("guided_relu_tutorial")
    net = core.load_network(path)
    steps = net.lesson.steps
    student = open_lesson(qtbot, window, net, path)
    do_action(student, canvas, steps[0].action)
    student.next()
    assert student.type_answer(f"{answer(steps[1].question, net):.10g}").startswith("Right")  # a_h0, typed
    student.next()
    student.reveal()  # a_h1: revealed
    student.next()
    assert student.type_answer(f"{answer(steps[3].question, net):.10g}").startswith("Right")
    student.next()
    text = student.panel.text.toPlainText()
    assert "a_h0 = 0.7 (step 2: you answered it) and a_h1 = 1.0 (step 3: revealed)" in text, text
    assert "were checked" not in text
