"""A lesson that asks where a weight is after k training steps keeps it back until the student has answered.

The teacher's review: guided_perceptron step 9 ("Where is w after 50 steps?") came after step 8 had trained
50 steps, and the edge showed 0.3333, the weight trajectories "selected: w[0,0] of x → y = 0.333333 at
step 50"; guided_weight_decay step 7 (w₁ = 0.6 · 0.99¹⁰⁰) showed w₁ 0.2196 on its edge and 0.02196
(= 0.1 · w₁, the penalty's gradient) in the heatmap, step 8 (w₀ after 200 steps) 0.3261 on its edge.
The lessons ask the student to compute these: while the question is open the weight is "?" on the
canvas, in the Inspector and the trajectories, and so is every number it could be read back from
(the output y = w·x, the loss, the gradients). So it is from the step that has the student train on:
the trained network holds the answer.

Review 13: both questions gave their answer in their own text (after 50 or 200 steps w is the bottom, 1/3 or
1.5/4.6, which the text wrote). They now ask after a few steps (w after 3 steps, w₀ after 5), which the student
works out with the factor the lesson has just derived (each step multiplies the distance to the bottom by
0.55, by 0.54); the bottom itself comes after the answer.
"""

from __future__ import annotations

from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import numbers_on_screen, written


def click_edge(student, canvas, source: str, target: str, j: int, i: int) -> None:
    """Click the edge on the canvas: the Inspector shows it, the trajectories highlight its weight."""
    canvas.click(canvas.edge_point(source, target, j, i, 0.3))
    student.qtbot.waitUntil(lambda: student.window.view_state.selection is not None, timeout=5000)


def test_the_perceptrons_weight_after_3_steps_stays_back_until_answered(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 8)
    asked = net.lesson.steps[8].question
    assert asked.kind == "weight_after_steps" and asked.step == 3
    w = answer(asked, net)
    assert (net.lesson.steps[7].action.kind, net.lesson.steps[7].action.steps) == ("train", 3)
    do_action(student, canvas, net.lesson.steps[7].action)  # step 8: "Train 3 steps"
    trained = float(window.document.network.weights["x", "y"][0, 0])
    assert trained == w  # the network on screen holds the answer
    click_edge(student, canvas, "x", "y", 0, 0)
    assert not written(w) & numbers_on_screen(qtbot, window), "step 8's training shows step 9's answer"
    student.click_tab("Lesson")
    student.next()
    click_edge(student, canvas, "x", "y", 0, 0)
    shown = numbers_on_screen(qtbot, window)
    for value, what in ((w, "w"), (1.5 * w, "y = 1.5·w"), ((1.5 * w - 0.5) ** 2, "the loss")):
        assert not written(value) & shown, f"{what} = {value} is on screen while step 9 asks w after 3 steps"
    student.click_tab("Lesson")
    for _ in range(3):  # Back to step 6 (w after one step, answered): the network is trained all the same
        student.back()
    assert student.panel.progress.text() == "Step 6 of 10"
    click_edge(student, canvas, "x", "y", 0, 0)
    assert not written(w) & numbers_on_screen(qtbot, window), "Back to step 6 shows step 9's answer"
    student.click_tab("Lesson")
    for _ in range(3):
        student.next()
    student.click_tab("Lesson")
    assert student.type_answer("1/3").startswith("Not yet")  # where the steps end, not where 3 steps are
    assert student.type_answer(f"{w:.10g}").startswith("Right")
    student.click_tab("Inspector")
    assert written(trained) & numbers_on_screen(qtbot, window)  # answered: the weight shows again


def test_weight_decays_weights_after_training_stay_back_until_answered(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    steps = net.lesson.steps
    do_action(student, canvas, steps[5].action)  # step 6: "Train 5 steps"
    w0 = answer(steps[6].question, net)
    trained = window.document.network.weights["x", "y"]
    w0_now, w1_now = float(trained[0, 0]), float(trained[0, 1])  # F5 trained exactly the step's 5 steps
    assert w0_now == w0  # the network on screen is the one step 7 asks about
    click_edge(student, canvas, "x", "y", 0, 0)
    shown = numbers_on_screen(qtbot, window)
    assert not (written(w0_now) | written(w1_now)) & shown, "step 6's training shows the weights step 7 asks"
    student.click_tab("Lesson")
    student.next()  # step 7: w₀ after 5 steps
    click_edge(student, canvas, "x", "y", 0, 0)
    shown = numbers_on_screen(qtbot, window)
    for value, what in ((w0, "the answer"), (1.5 * w0_now, "y = 1.5·w₀"), (w1_now, "w₁")):
        assert not written(value) & shown, f"{what} = {value} is on screen while step 7 asks w₀ after 5 steps"
    student.click_tab("Lesson")
    assert student.type_answer("1.5/4.6").startswith("Not yet")  # the bottom, where the steps end
    assert student.type_answer(f"{w0:.10g}").startswith("Right")

    student.next()  # step 8: "Train 95 more steps (100 in all)"
    do_action(student, canvas, steps[7].action)
    w1 = answer(steps[8].question, net)
    trained = window.document.network.weights["x", "y"]
    w0_now, w1_now = float(trained[0, 0]), float(trained[0, 1])
    assert w1_now == w1  # 5 + 95 steps: the network step 9 asks about
    student.next()  # step 9: w₁ after 100 steps
    click_edge(student, canvas, "x", "y", 0, 1)
    shown = numbers_on_screen(qtbot, window)
    for value, what in ((w1, "the answer"), (0.1 * w1_now, "dL/dw₁ = 0.1·w₁")):
        assert not written(value) & shown, f"{what} = {value} is on screen while step 9 asks w₁ after 100 steps"
    student.click_tab("Lesson")
    assert student.type_answer(f"{w1:.10g}").startswith("Right")
    student.click_tab("Inspector")
    shown = numbers_on_screen(qtbot, window)
    assert written(w0_now) & shown and written(w1_now) & shown  # both answered: both show
