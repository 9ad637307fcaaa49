"""An output no question asks stays "?" while the questions on the output δ's are ahead, in every bundled lesson.

Teacher review 24 #2: guided_chain_rule step 4 asks y0 only; answering it showed y1 = 0.5668 on the y card (with
its loss term and L), and step 6's δ_y1 = (y1 − t1) / 2 became "halve the number on the canvas": the student never
worked y1 out. The rule the lesson keeps for every other number (a number appears once the student reached it) now
holds for the outputs too: an output whose value (a, or z of a neuron whose a = f(z) on its own) no question asks
is not on screen, before or after each answer, while a question on an output δ (or dL/db) is still to come; once
the last of them is answered it shows. Every bundled lesson is walked step by step as a student does: its
action, the right answer typed with Return, Next.
"""

from __future__ import annotations

import pytest

import core
from conftest import Canvas
from core.lesson import answer
from test_lesson_bundled import GUIDED, do_action
from test_lesson_spoilers import numbers_on_screen, open_lesson, written
from test_lesson_spoilers_every_view import given_numbers

FORWARD_KINDS = ("a", "output")


def unasked_outputs(net: core.Network) -> dict[int, float]:
    """{unit: y} of the output neurons whose value no question of the lesson asks."""
    output = net.output_layer
    softmax = net.layer(output).activation == "softmax"
    asked = set()
    for _, q in net.lesson.questions():
        if q.kind == "output" or (q.kind == "a" and q.layer == output) or (
                q.kind == "z" and q.layer == output and not softmax):
            asked.add(q.unit)
    y = core.trace_step(net, 0).layers[output].a[0]
    return {u: float(y[u]) for u in range(len(y)) if u not in asked}


@pytest.mark.parametrize("name", GUIDED)
def test_an_output_no_question_asks_waits_for_the_output_deltas(qtbot, main_window, name):
    window = main_window
    path = core.example_path(name)
    net = core.load_network(path)
    steps = net.lesson.steps
    output = net.output_layer
    users = {k for k, s in enumerate(steps) if s.question is not None and s.question.step == 0
             and s.question.kind in ("delta", "dL/db") and s.question.layer == output}
    given = given_numbers(net, 0)  # (the weights, the sample, the lesson's words: a y equal to one is no secret)
    unasked = {u: y for u, y in unasked_outputs(net).items() if not written(y) & given}
    student = open_lesson(qtbot, window, net, path)
    canvas = Canvas(window, qtbot)
    settled: set[int] = set()
    checked = 0
    for k, step in enumerate(steps):
        if step.action is not None:
            do_action(student, canvas, step.action)
        moments = ["before its answer", "after its answer"] if step.question is not None else ["as it opens"]
        for moment in moments:
            if moment == "after its answer":
                assert student.type_answer(f"{answer(step.question, net):.10g}").startswith("Right")
                settled.add(k)
            shown = numbers_on_screen(qtbot, window)
            for unit, y in unasked.items():
                seen = written(y) & shown
                if users - settled:
                    checked += 1
                    assert not seen, (f"{name} step {k + 1} {moment}: y{unit} = {y:.6g} (no question asks it) is on "
                                      f"screen while step {min(users - settled) + 1} asks an output δ")
                elif users and k == max(users):
                    assert seen, f"{name} step {k + 1} {moment}: y{unit} = {y:.6g} is not shown once the δ's are answered"
        if k < len(steps) - 1:
            student.next()
    if name == "guided_chain_rule":
        assert checked >= 4, f"the chain rule's y1 was looked for only {checked} times"
