"""What a student has answered stays on screen while the next question asks what is computed from it.

The teacher's review: with every step revealed in order, guided_sigmoid_neuron's heatmap kept "?"
for dL/dw of h → y after step 7 had revealed it, because later questions (the weight after the step,
which is computed from dL/dw) hid the whole backward group of y. A question hides its answer and what
is computed from it, never what its answer is computed from: the student needs those to work it out.
"""

from __future__ import annotations

import core
from core.lesson import answer
from test_lesson_spoilers import numbers_on_screen, open_lesson, written


#: what the window writes with no step-through going on (δ and dL/db only show in its Backward phase)
SHOWN_OUTSIDE_THE_STEP_THROUGH = ("z", "a", "output", "loss", "dL/dw")


def test_each_answered_number_shows_while_the_later_questions_are_worked_out(qtbot, main_window):
    window = main_window
    path = core.example_path("guided_sigmoid_neuron")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    steps = net.lesson.steps
    answered = []  # (step, value) of every question answered so far
    for k in range(1, len(steps)):
        student.next()
        q = steps[k].question
        if q is None:
            continue
        value = answer(q, net)
        shown = numbers_on_screen(qtbot, window)
        missing = [(j + 1, v) for j, v in answered if not written(v) & shown]
        assert not missing, f"at step {k + 1} ({q.kind}) these answers of earlier steps are not on screen: {missing}"
        assert student.type_answer(f"{value:.10g}").startswith("Right")
        if q.kind in SHOWN_OUTSIDE_THE_STEP_THROUGH:
            answered.append((k, value))
