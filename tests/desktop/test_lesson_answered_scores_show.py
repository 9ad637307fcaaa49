"""A number the student has answered stays on the canvas while a question asks what is computed from it.

Teacher review 13 #5: guided_softmax step 5 asks y₁ = e^z_y1 / (e^z_y0 + e^z_y1 + e^z_y2), yet the three
output neurons read "z ?" although the student had typed z_y0, z_y1 and z_y2 right at steps 2–4: the
open question on the output held the layer's z back with its a. A number is held only while it, or
something it is computed from, is still asked: z is what y is computed from, not the other way round.
"""

from __future__ import annotations

from core.lesson import answer
from test_lesson_error_hidden import canvas_numbers, lesson_at_step
from test_lesson_spoilers import written


def test_the_scores_answered_at_steps_2_to_4_show_while_step_5_asks_the_softmax_output(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, "guided_softmax", 5)
    asked = net.lesson.steps[4].question
    assert asked.kind == "output" and asked.unit == 1
    scores = [answer(step.question, net) for step in net.lesson.steps[1:4]]
    assert [step.question.kind for step in net.lesson.steps[1:4]] == ["z", "z", "z"]
    qtbot.wait(100)
    shown = set(canvas_numbers(window))
    for unit, z in enumerate(scores):
        assert written(z) & shown, f"z_y{unit} = {z}, answered at step {unit + 2}, is not on the canvas at step 5"
    y1 = answer(asked, net)
    assert not written(y1) & shown, "the output y₁ the open question asks is on the canvas"
    assert student.type_answer(f"{y1:.10g}").startswith("Right")
