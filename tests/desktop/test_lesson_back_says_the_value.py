"""Back to a step answered right says the value the student found, and which network it is about when the canvas
shows another one (teacher review 23 #5).

guided_perceptron worked to step 9 (its step 8 trains 3 steps), then ◀ Back to step 2: the verdict said only
"Answered right." beside the canvas's trained y = 0.6165, and the 1.2 the student found was shown nowhere; the step
toolbar still said "Step-through ended: training started (Play) …" from step 8.
"""

from __future__ import annotations

from core.lesson import answer
from desktop.lesson.panel import number_text
from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step


def test_back_to_an_answered_step_after_training(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 8)
    steps = net.lesson.steps
    assert steps[7].action.kind == "train"
    do_action(student, canvas, steps[7].action)  # Play: ends the step-through of step 7
    bar = window.training.step_toolbar.phase_text
    assert bar.text().startswith("Step-through ended: training started"), bar.text()

    student.back()
    assert student.panel.progress.text() == "Step 7 of 10"
    assert bar.text() == ""  # about step 8's training, not the step opened


def test_back_to_an_answered_step_says_the_value_found(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)  # (step 8 trained 3 steps)
    steps = net.lesson.steps
    w3 = number_text(answer(steps[8].question, net))
    assert student.type_answer(w3) == f"Right: {w3}."
    student.back()
    student.next()
    assert student.panel.verdict_text() == f"Right: {w3}."  # about the 3 steps the canvas shows: nothing more
    for _ in range(3):
        student.back()
    assert steps[5].question.kind == "weight_after_step"
    assert student.panel.verdict_text() == (
        f"Right: {number_text(answer(steps[5].question, net))} (one step from the lesson's starting weights; the canvas now "
        "shows the weights after the lesson's 3 training steps).")
    while student.panel.progress.text() != "Step 2 of 10":
        student.back()
    y = answer(steps[1].question, net)
    assert number_text(y) == "1.2"
    assert student.panel.verdict_text() == (
        "Right: 1.2 (at the lesson's starting weights; the canvas now shows the weights after the lesson's 3 training steps).")
