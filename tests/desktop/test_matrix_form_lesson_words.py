"""The Matrix form panel, in a guided lesson, says why a layer's matrices are held back.

The teacher's review: in guided_chain_rule, with the hidden layer's numbers held back by the lesson, the
Matrix form wrote "The forward pass has not reached this layer yet (press F7)", while no step-through
was running: the lesson holds them, and the words must say so as every other panel does
("? (shows once you answer)", "? (comes with a later question)").
"""

from __future__ import annotations

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_hidden_words import LATER, ONCE_ANSWERED, click_neuron

NOT_REACHED = "has not reached this layer"


def matrix_text(qtbot, student, canvas, layer: str) -> str:
    """Click a neuron of ``layer`` on the canvas and read the Matrix form tab, as a student does."""
    window = student.window
    click_neuron(qtbot, canvas, window, layer)
    student.click_tab("Matrix form")
    qtbot.waitUntil(lambda: f"Layer {layer}:" in window.matrix_form_panel.text.toPlainText(), timeout=5000)
    return window.matrix_form_panel.text.toPlainText()


def test_the_matrix_form_gives_the_lessons_reason_for_a_held_back_layer(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 1)  # reading only: no question
    text = matrix_text(qtbot, student, canvas, "h")
    assert f"Z and A of this layer: {LATER}" in text and NOT_REACHED not in text, text

    student.click_tab("Lesson")
    student.next()  # step 2 asks a_h0: layer h is the student's to work out, the output comes from it
    assert window.view_state.stepping is None  # (but steps 3 and 4 ask a_h1 and y: both layers wait for them)
    text = matrix_text(qtbot, student, canvas, "h")
    assert f"Z and A of this layer: {LATER}" in text and NOT_REACHED not in text, text
    text = matrix_text(qtbot, student, canvas, "y")
    assert f"Z and A of this layer: {LATER}" in text and NOT_REACHED not in text, text

    for _ in range(2):  # step 4 asks y0; y1, which no question asks, waits for step 6's δ_y1 = (y1 − t1) / 2
        student.click_tab("Lesson")
        assert student.type_answer(f"{answer(net.lesson.steps[student.step_index()].question, net):.10g}") \
            .startswith("Right")
        student.next()
    text = matrix_text(qtbot, student, canvas, "y")
    assert f"Z and A of this layer: {LATER}" in text and NOT_REACHED not in text, text


def test_the_matrix_form_gives_the_lessons_reason_for_held_back_gradients(qtbot, main_window, canvas):
    """guided_chain_rule step 5 asks δ_y0: the forward matrices show; Δ of y is the student's, but step 6 asks
    δ_y1, and Δ of h is computed from it, but steps 8 and 9 ask δ_h0 and δ_h1: both come with a later question
    (they said "shows once you answer", then not: review 23 #4). At step 6, the last δ of y, Δ of y is the
    student's."""
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 5)
    text = matrix_text(qtbot, student, canvas, "y")
    assert f"Z and A of this layer: {LATER}" in text, text  # (y1 waits for step 6's δ_y1: y's matrices with it)
    assert "Backward has not reached" not in text
    text = matrix_text(qtbot, student, canvas, "h")
    assert f"Δ and dL/dW of this layer: {LATER}" in text and "Backward has not reached" not in text, text

    student.click_tab("Lesson")
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    student.next()
    text = matrix_text(qtbot, student, canvas, "y")
    assert f"Z and A of this layer: {ONCE_ANSWERED}" in text, text  # step 6's δ_y1 gives y1, then Δ of y
