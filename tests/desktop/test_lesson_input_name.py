"""The input of the guided perceptron lessons has one name wherever a student meets it: the canvas
captions the input neuron x₀, the lesson's text says "the input x = 1.5", and Reveal's worked
computation of dL/dw writes a_x0 (the lessons named the input layer "i": the text said "input i",
Reveal "a_i0", the canvas "x₀")."""

from __future__ import annotations

import pytest

import core
from core.lesson import Lesson, LessonStep, answer
from desktop.on_screen import on_screen
from lesson_support import Student


def open_lesson(qtbot, window, net: core.Network) -> Student:
    """Open ``net`` (a network with a lesson) and start its lesson afresh (Lesson → Reset Progress)."""
    window.document.replace_network(net.copy(), None)
    window.actions_by_name["lesson_reset"].trigger()
    student = Student(qtbot, window)
    qtbot.waitUntil(lambda: on_screen(student.panel))
    return student


def input_caption(window) -> str:
    """The caption the canvas writes with the first input neuron's value (its painter asks the view
    state for it: the symbol of the shown number and the neuron's index as a subscript)."""
    view_state, layer = window.view_state, window.document.network.input_layer
    value, symbol = view_state.shown_number(layer, 0)
    assert value is not None, "the canvas shows no input value"
    return view_state.neuron_caption(layer, 0, symbol)


@pytest.mark.parametrize(("lesson", "said"), [("guided_perceptron", "the input x = 1.5"),
                                              ("guided_weight_decay", "2(y − t) · x₀")])
def test_the_text_the_canvas_and_reveal_call_the_input_x(qtbot, main_window, lesson, said):
    window = main_window
    bundled = core.load_network(core.example_path(lesson))
    student = open_lesson(qtbot, window, bundled)
    for step in bundled.lesson.steps:  # read, answer (worked out with the engine) and go on, as a student
        if said in student.panel.text.toPlainText():
            break
        assert step.action is None, f"{lesson}: no step before an action says {said!r}"
        if step.question is not None:
            assert student.type_answer(f"{answer(step.question, bundled):.10g}").startswith("Right")
        student.next()
    assert said in student.panel.text.toPlainText(), f"no step of {lesson} says {said!r}"
    assert input_caption(window) == "x₀"

    question = next(q for _, q in bundled.lesson.questions() if q.kind == "dL/dw")
    one = bundled.copy()
    one.lesson = Lesson("One question", (LessonStep("Work it out.", None, question),))
    student = open_lesson(qtbot, window, one)
    worked = student.reveal()
    assert "a_x0" in worked and "a_i0" not in worked, worked
