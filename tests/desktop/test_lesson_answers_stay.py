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


#: what the window writes with no step-through going on (an answered δ or dL/db too: on its neurons)
SHOWN_OUTSIDE_THE_STEP_THROUGH = ("z", "a", "output", "loss", "dL/dw", "delta", "dL/db")
#: what a neuron writes in its circle: once its layer's δ is answered, δ takes a's place, as in the
#: step-through's Backward phase (a stays in the neuron's tooltip and the Inspector)
IN_THE_CIRCLE = ("a", "output")


def test_each_answered_number_shows_while_the_later_questions_are_worked_out(qtbot, main_window):
    window = main_window
    path = core.example_path("guided_sigmoid_neuron")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    steps = net.lesson.steps
    answered = []  # (step, value, layer) of every question answered so far
    delta_known: set = set()  # the layers whose δ (or dL/db) has been answered
    for k in range(1, len(steps)):
        student.next()
        q = steps[k].question
        if q is None:
            continue
        value = answer(q, net)
        shown = numbers_on_screen(qtbot, window)
        missing = [(j + 1, v) for j, v, layer in answered if layer not in delta_known and not written(v) & shown]
        assert not missing, f"at step {k + 1} ({q.kind}) these answers of earlier steps are not on screen: {missing}"
        assert student.type_answer(f"{value:.10g}").startswith("Right")
        layer = net.output_layer if q.kind == "output" else q.layer
        if q.kind in ("delta", "dL/db"):
            delta_known.add(q.layer)
        if q.kind in SHOWN_OUTSIDE_THE_STEP_THROUGH:
            answered.append((k, value, layer if q.kind in IN_THE_CIRCLE else None))
