"""A weight typed before the lesson's "Train N steps" goes into the training, and the questions about the weights
after it are checked from the network the student trained (teacher review 18 #2, one step earlier).

guided_weight_decay step 5 asks about the weights as saved; a student who typed w₀ = 0.9 there kept it (the
panel said "this question is about the saved w = 0.8"), trained the lesson's 5 steps at step 6 from 0.9, and at
step 7 ("Where is w₀ after these 5 steps?") the saved network's 0.347847 was "Right" while the canvas held
0.3524, the weights actually trained. Now the answer follows the network trained, and the Lesson panel says at
the "Train N steps" and at the question that the training starts from the student's weights.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

import core
from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_edited_weight import type_on_edge
from test_lesson_error_hidden import lesson_at_step
from test_lesson_trained_weights_kept import note_text


def test_a_weight_typed_before_the_lessons_training_is_trained_from_and_checked_from(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 5)
    type_on_edge(canvas, "x", "y", 0, 0, "0.9")
    assert window.document.network.weights["x", "y"][0, 0] == 0.9
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    student.next()  # step 6: Train 5 steps
    note = note_text(window)
    assert note.startswith("Your changes go into the training: the lesson's 5 steps start from the network on the "
                           "canvas, with w[x→y][0,0] = 0.9 (0.8 at the lesson's start). Steps 7 and 9 are "
                           "checked from it"), note
    do_action(student, canvas, net.lesson.steps[5].action)
    student.next()  # step 7: w₀ after 5 steps
    q = net.lesson.steps[6].question
    yours = net.copy()
    yours.weights["x", "y"][0, 0] = 0.9
    trained = answer(q, yours)
    assert abs(window.document.network.weights["x", "y"][0, 0] - trained) < 1e-12  # the canvas's, held as "?"
    note = note_text(window)
    assert note.startswith("The lesson's training started from w[x→y][0,0] = 0.9 (0.8 at the lesson's start), not "
                           "from the lesson's starting weights the text works from: this question is checked from "
                           "the network you trained."), note
    saved_answer = answer(q, net)
    assert core.format_number(saved_answer, 3) != core.format_number(trained, 3)
    verdict = student.type_answer(f"{saved_answer:.6g}")
    assert verdict.startswith("Not yet")
    # (review 20 #6: the saved network's answer, "Not yet" with no word why)
    assert (f"{saved_answer:.6g} is the answer from the lesson's starting weights; the lesson's training started "
            "from w[x→y][0,0] = 0.9 (0.8 at the lesson's start), and this question is checked from the network you "
            "trained.") in verdict, \
        verdict
    assert student.type_answer(f"{trained:.6g}").startswith("Right")


def test_ctrl_z_before_the_training_gives_the_saved_network_back_to_the_lesson(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 5)
    type_on_edge(canvas, "x", "y", 0, 0, "0.9")
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    student.next()
    assert note_text(window).startswith("Your changes go into the training")
    window.document.undo_stack.undo()  # Ctrl+Z: the saved 0.8 back
    assert window.document.network.weights["x", "y"][0, 0] == 0.8
    assert note_text(window) == ""
    do_action(student, canvas, net.lesson.steps[5].action)
    student.next()
    assert note_text(window) == ""
    assert student.type_answer(f"{answer(net.lesson.steps[6].question, net):.6g}").startswith("Right")


def test_a_weight_typed_before_the_last_steps_training_is_said_to_change_the_new_weights(qtbot, main_window, canvas):
    """Teacher review 20 #2: guided_sigmoid_neuron's last step trains 1 step and asks the student to check the new
    weights against their answers of steps 11–12. With w2 typed as 0.9 at step 12 the note promised "What follows is
    checked from it" (nothing follows), said "1 steps", and went once trained, the canvas then differing unsaid."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_sigmoid_neuron", 12)
    type_on_edge(canvas, "h", "y", 0, 0, "0.9")
    assert student.type_answer(f"{answer(net.lesson.steps[11].question, net):.10g}").startswith("Right")
    student.next()  # step 13: Train 1 step, the last step, no question
    said = ("the lesson's 1 step starts from the network on the canvas, with w[h→y][0,0] = 0.9 (0.5 at the "
            "lesson's start), not from the lesson's starting weights your answers of steps 11–12 used, so the new "
            "weights on the canvas will differ from them. Ctrl+Z puts the starting value back.")
    assert note_text(window) == f"Your changes go into the training: {said}"
    do_action(student, canvas, net.lesson.steps[12].action)
    yours = net.copy()
    yours.weights["h", "y"][0, 0] = 0.9
    new_w2 = answer(net.lesson.steps[10].question, yours)  # the step from 0.9: not the answer of step 11
    assert abs(window.document.network.weights["h", "y"][0, 0] - new_w2) < 1e-12
    assert note_text(window) == ("The lesson's 1 step started from the network on the canvas, with w[h→y][0,0] = 0.9 "
                                 "(0.5 at the lesson's start), not from the lesson's starting weights your answers of "
                                 "steps 11–12 used: that is why the new weights on the canvas differ from them.")


def test_an_edge_removed_before_the_lessons_training_is_named_with_its_weight(qtbot, main_window, canvas):
    """Teacher review 20 #6: "Edge present" of x1 → y0 unticked at guided_weight_decay step 5; the notes said only
    "your layers and connections", and step 9 then asks w₁ after 100 steps on an edge that is not there."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 5)
    canvas.click(canvas.edge_label("x", "y", 0, 1))
    qtbot.wait(100)
    next(b for b in window.findChildren(QCheckBox) if b.text() == "present" and b.isVisible()).click()
    student.click_tab("Lesson")
    without = "without the edge x1 → y0: w[x→y][0,1] is 0 and stays 0"
    assert note_text(window) == (f"You changed the network ({without}); this question is about the network the "
                                 "lesson starts from. Undo (Ctrl+Z) puts it back.")
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    student.next()  # step 6: Train 5 steps
    assert note_text(window).startswith("Your changes go into the training: the lesson's 5 steps start from the "
                                        f"network on the canvas, {without}. Steps 7 and 9 are checked from it"), \
        note_text(window)
    do_action(student, canvas, net.lesson.steps[5].action)
    student.next()  # step 7: w₀ after 5 steps
    assert note_text(window).startswith(f"The lesson's training started from the network {without}, not from the "
                                        "lesson's starting weights the text works from"), note_text(window)
