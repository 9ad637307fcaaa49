"""The answer box's example number is no lesson's answer.

The teacher's review: the box read "e.g. 0.59" while guided_perceptron step 6 asked "What is w after
this one step?", whose answer is 0.59: the example gave the answer away. The example the student
sees in the box must not be accepted as the answer of any question of any guided lesson.
"""

from __future__ import annotations

import core
from core.lesson import answer
from desktop.lesson.guide import parse_answer
from test_lesson_bundled import GUIDED
from test_lesson_spoilers import open_lesson


def test_the_answer_boxs_example_answers_no_question_of_any_guided_lesson(qtbot, main_window):
    window = main_window
    path = core.example_path("guided_perceptron")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    while net.lesson.steps[student.step_index()].question is None:
        student.next()
    example = student.panel.answer.placeholderText()
    assert student.panel.answer.isVisible() and example.startswith("e.g. ")
    value = parse_answer(example.removeprefix("e.g. "))  # the number as the box would read it typed in
    accepted = []
    for name in GUIDED:
        lesson_net = core.load_network(core.example_path(name))
        for k, q in lesson_net.lesson.questions():
            if q.tolerance.accepts(value, answer(q, lesson_net)):
                accepted.append(f"{name} step {k + 1}")
    assert not accepted, f"the box's example {example!r} is the answer of {accepted}"
