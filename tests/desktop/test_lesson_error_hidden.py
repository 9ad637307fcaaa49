"""An output's "y − t" on the canvas is a number like any other: it shows only once the student has reached it.

The teacher's review found two ways it came too early:

* in a guided lesson, while a δ question was open, the output's "y − t" lines printed its answer (with
  softmax and cross-entropy δ = y − t; with ½(y − t)², δ_y = y − t too) and the next question's, although
  the circles kept δ as "?";
* outside lessons, with a cross-entropy output the Loss phase wrote "y − t", which is δ: the number
  Backward then presents as new. With squared error it is part of the loss term and belongs to the Loss phase;
  with cross-entropy the line comes with Backward (the Loss phase wrote "y − t ?" under a y and a t both
  written, which a student took for a bug: review 12 #6).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import core
from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_spoilers import open_lesson, written
from test_training_support import press_f8_to
from window_texts import numbers_in, painted_texts


def canvas_numbers(window) -> list[str]:
    """The number tokens the canvas paints now, one per time it paints them."""
    return [n for text in painted_texts(window.canvas.scene()) for n in numbers_in([text])]


def answer_up_to(student, canvas, net, step: int) -> None:
    """Do every step before step ``step`` (1-based) as the student does: its action (a click on the
    canvas, F8, F5), the right answer of its question typed in; then go on to that step."""
    for lesson_step in net.lesson.steps[:step - 1]:
        if lesson_step.action is not None:
            do_action(student, canvas, lesson_step.action)
        if lesson_step.question is not None:
            assert student.type_answer(f"{answer(lesson_step.question, net):.10g}").startswith("Right")
        student.next()
    assert student.panel.progress.text().startswith(f"Step {step} of")


def lesson_at_step(qtbot, window, canvas, lesson: str, step: int):
    """(student, network): the bundled ``lesson`` opened from its file and worked, as a student does,
    up to its step ``step`` (1-based; ``answer_up_to``)."""
    path = core.example_path(lesson)
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    answer_up_to(student, canvas, net, step)
    return student, net


def test_an_open_delta_question_of_the_softmax_lesson_keeps_y_minus_t_back(qtbot, main_window, canvas):
    """guided_softmax step 7 asks δ_y1 (= y₁ − 1), step 8 δ_y2 (= y₂): the output's y − t lines printed both."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_softmax", 7)
    asked = net.lesson.steps[6].question
    assert asked.kind == "delta" and asked.unit == 1
    delta_y1 = answer(asked, net)
    y2 = float(core.trace_step(net, 0).layers["y"].a[0, 2])  # δ_y2 = y₂ − 0: no question asks y₂, held back too
    for phase in ("loss", "backward"):
        press_f8_to(qtbot, window, phase)
        numbers = canvas_numbers(window)
        assert not written(delta_y1) & set(numbers), f"δ_y1 = {delta_y1} is on the canvas in {phase}"
        # y₂ is step 8's δ_y2 itself, and no question asks it: "?" until step 8 is answered (review 24 #2)
        assert not written(y2) & set(numbers), f"y₂ = δ_y2 (step 8) is on the canvas in {phase}"
    assert student.type_answer(f"{delta_y1:.10g}").startswith("Right")
    student.next()  # step 8 asks δ_y2: the layer's δ stays back (circles and y − t) until it is answered
    assert student.type_answer(f"{answer(net.lesson.steps[7].question, net):.10g}").startswith("Right")
    assert window.view_state.stepping.phase == "backward"  # answering leaves the step-through where it was
    qtbot.wait(50)
    assert written(delta_y1) & set(canvas_numbers(window))  # answered: its y − t shows


def test_the_relu_tutorials_delta_question_keeps_y_minus_t_back_in_the_loss_phase(qtbot, main_window, canvas):
    """guided_relu_tutorial step 6: "With ½(y − t)², δ_y = y − t. Compute δ_y"; the Loss phase showed y − t 0.11."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_relu_tutorial", 6)
    asked = net.lesson.steps[5].question
    assert asked.kind == "delta"
    delta = answer(asked, net)
    press_f8_to(qtbot, window, "loss")
    assert not written(delta) & set(canvas_numbers(window)), f"δ_y = {delta} is on the canvas as y − t"
    assert "L =" in painted_texts(window.canvas.scene())  # the Loss phase is on the canvas


@pytest.mark.parametrize("example", ["xor", "three_classes_softmax"])
def test_cross_entropy_writes_y_minus_t_in_backward_and_no_line_for_it_in_the_loss_phase(qtbot, main_window, example):
    """With cross-entropy y − t is δ of the output (÷ the outputs for binary cross-entropy on one output: 1)."""
    window = main_window
    assert window.files.open_example(str(core.example_path(example)))  # the Lessons menu's action
    net = window.document.network
    assert net.training.loss in ("cross_entropy", "binary_cross_entropy")
    trace_box = window.training.step_toolbar.sample  # trace a sample of target 1: there y − t is not y itself
    row = next(r for r, t in enumerate(net.dataset.targets) if t.max() == 1 and (len(t) > 1 or t[0] == 1))
    trace_box.lineEdit().selectAll()
    qtbot.keyClicks(trace_box, str(row))
    qtbot.keyClick(trace_box, Qt.Key.Key_Return)
    assert trace_box.value() == row
    press_f8_to(qtbot, window, "loss")
    trace = window.view_state.stepping.trace
    out = net.output_layer
    errors = (trace.layers[out].a[0] - trace.targets[0])
    fmt = window.view_state.format
    texts = painted_texts(window.canvas.scene())
    # no "y − t ?" under a y and a t both written (review 12 #6): the line comes with Backward, which computes it
    assert "L =" in texts and "y − t" not in texts and "?" not in texts, texts
    right_class = [e for e, t in zip(errors, trace.targets[0]) if t == 1]  # (a wrong class's y − 0 is its y)
    assert right_class
    for error in right_class:
        assert fmt(error) not in texts, f"y − t = δ = {fmt(error)} is on the canvas in the Loss phase"
    press_f8_to(qtbot, window, "backward")
    texts = painted_texts(window.canvas.scene())
    assert "y − t" in texts
    assert all(texts.count(fmt(error)) == 2 for error in right_class), "Backward writes δ in the circle and as y − t"


def test_exam_csvs_loss_phase_writes_no_y_minus_t_question_mark_at_1024x700(qtbot, main_window):
    """exam_csv's y₀ card read "a₀ 0.6254 … t 0 … y − t ?" in the Loss phase (review 12 #6): y and t
    written, their difference a "?" the student took for a bug. The line comes with Backward."""
    window = main_window
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path("exam_csv")))
    press_f8_to(qtbot, window, "loss")
    texts = painted_texts(window.canvas.scene())
    assert "t" in texts and "L =" in texts and "y − t" not in texts and "?" not in texts, texts
    press_f8_to(qtbot, window, "backward")
    assert painted_texts(window.canvas.scene()).count("y − t") == 2


def test_squared_error_writes_y_minus_t_in_the_loss_phase(qtbot, main_window):
    """With (y − t)² the difference is a part of the loss term: the Loss phase writes it."""
    window = main_window
    assert window.files.open_example(str(core.example_path("one_hidden_sigmoid")))
    press_f8_to(qtbot, window, "loss")
    trace = window.view_state.stepping.trace
    error = trace.layers["y"].a[0, 0] - trace.targets[0, 0]
    assert window.view_state.format(error) in painted_texts(window.canvas.scene())
