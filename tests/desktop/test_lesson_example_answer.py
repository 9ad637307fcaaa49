"""The answer box's example numbers are no lesson's answer.

The teacher's review: the box read "e.g. 0.59" while guided_perceptron step 6 asked "What is w after
this one step?", whose answer is 0.59: the example gave the answer away. The example the student
sees in the box, and those the verdict offers when what was typed is not a number, must not be
accepted as the answer of any question of any guided lesson.
"""

from __future__ import annotations

import re

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
    verdict = student.type_answer("w")  # not a number: the verdict says how to write one
    assert "is not a number" in verdict
    # (each number, and a product or quotient as written: "2/7", "0.3 × 1.7")
    examples = [example.removeprefix("e.g. ")] + re.findall(r"[−-]?\d[\d.]*(?:e-?\d+)?(?: ?[×*·/] ?[−-]?\d[\d.]*)*",
                                                            verdict)
    assert len(examples) >= 3, verdict
    answers = [(f"{name} step {k + 1}", q, answer(q, lesson_net))
               for name in GUIDED for lesson_net in [core.load_network(core.example_path(name))]
               for k, q in lesson_net.lesson.questions()]
    for text in examples:
        value = parse_answer(text)  # the number as the box reads it typed in
        accepted = [where for where, q, right in answers if q.tolerance.accepts(value, right)]
        assert not accepted, f"the example {text!r} is the answer of {accepted}"
