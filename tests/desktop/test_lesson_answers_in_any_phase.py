"""Numbers a student has answered stay on screen whatever phase a step-through left open is in.

Teacher review 24 #4: in guided_sigmoid_neuron (and guided_relu_tutorial) a student who pressed F8 twice at step 4
to see the forward pass, and left the step-through in its Loss phase, answered every δ and dL/dw right, and the
canvas and the Gradient heatmaps kept "?" for all of them to the end of the lesson, with no word why (the same walk
without F8 showed "δ −0.06786", "δ −0.5775" and the heatmap's −0.06786, −0.3595). An answered number now shows in
every phase: the student has it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import core
from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_spoilers import numbers_on_screen, open_lesson, written
from test_training_support import press

#: the question kinds whose answer the canvas (δ under a neuron) or the heatmaps (dL/dw) write
SHOWN = ("delta", "dL/dw", "dL/db")


@pytest.mark.parametrize("name, last", [("guided_sigmoid_neuron", 10), ("guided_relu_tutorial", 10)])
def test_answered_gradients_show_with_a_step_through_left_in_its_loss_phase(qtbot, main_window, canvas, name, last):
    window = main_window
    window.resize(1024, 700)
    path = core.example_path(name)
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    steps = net.lesson.steps
    answered = {}
    for k in range(last):  # steps 1 … ``last`` (1-based)
        step = steps[k]
        if k == 3:  # step 4: F8 twice, "to see the forward pass", and left open
            for phase in ("forward", "loss"):
                press(qtbot, window, Qt.Key.Key_F8)
                qtbot.waitUntil(lambda p=phase: window.view_state.stepping is not None
                                and window.view_state.stepping.phase == p, timeout=10000)
        if step.action is not None:  # (the ReLU lesson's step 1: click an edge)
            do_action(student, canvas, step.action)
        if step.question is not None:
            value = answer(step.question, net)
            assert student.type_answer(f"{value:.10g}").startswith("Right")
            if step.question.kind in SHOWN:
                answered[k + 1] = value
        student.next()
    assert window.view_state.stepping is not None and window.view_state.stepping.phase == "loss"
    shown = numbers_on_screen(qtbot, window)
    missing = {k: v for k, v in answered.items() if not written(v) & shown}
    assert not missing, f"{name}: answered numbers not on screen in the Loss phase: {missing}"
