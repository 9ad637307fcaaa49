"""A guided lesson never shows an answer before the student has reached it, driven as a student meets it.

* as opened (step 1), the canvas, the Loss panel, the status bar and the heatmaps keep back
  every number a later step asks for; each appears once its step is answered; closing the
  Lesson panel shows everything, opening it again hides it again, Reset Progress starts over;
* an open question also hides what is computed from its answer (a δ hides the earlier layers'
  gradients, a forward value the later layers, the loss and everything backward);
* a wrong answer gets a hint without the right value; Reveal gives the value and its worked
  computation, and the second wrong try offers it.
"""

from __future__ import annotations

import core
from core.lesson import Lesson, LessonStep, Question, answer
from desktop.on_screen import on_screen
from lesson_support import Student
from window_texts import numbers_in, window_texts


def open_lesson(qtbot, window, net: core.Network, path=None) -> Student:
    """Open ``net`` (a file with a lesson) and start its lesson afresh (Lesson → Reset Progress)."""
    window.document.replace_network(net.copy(), path)
    window.actions_by_name["lesson_reset"].trigger()
    student = Student(qtbot, window)
    qtbot.waitUntil(lambda: on_screen(student.panel))  # the Lesson tab comes forward as the file opens
    return student

def written(value: float) -> set[str]:
    """The forms a panel may write ``value`` in (3 to 6 significant digits, without its sign)."""
    return {core.format_number(abs(value), d) for d in (3, 4, 5, 6)}


def numbers_on_screen(qtbot, window) -> set[str]:
    """Every number written in the window now (the panels' frames after the last change first)."""
    qtbot.wait(200)
    return numbers_in(window_texts(window))


def test_answers_of_later_steps_stay_back_until_their_step_is_answered(qtbot, main_window):
    """guided_perceptron as opened once showed y = 1.2, the loss 0.49 and dL/dw 2.1: steps 2, 3 and 5 ask them."""
    window = main_window
    path = core.example_path("guided_perceptron")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    asked = {q.kind: q for _, q in net.lesson.questions()}
    y, loss, gradient = (answer(asked[kind], net) for kind in ("output", "loss", "dL/dw"))
    assert student.panel.progress.text() == f"Step 1 of {len(net.lesson.steps)}"
    shown = numbers_on_screen(qtbot, window)
    for value in (y, loss, gradient):
        assert not written(value) & shown, f"{value} is on screen at step 1"

    student.next()  # step 2: y
    assert student.type_answer(f"{y:.10g}").startswith("Right")
    shown = numbers_on_screen(qtbot, window)
    assert written(y) & shown and not written(loss) & shown and not written(gradient) & shown
    student.next()  # step 3: the loss
    assert student.type_answer(f"{loss:.10g}").startswith("Right")
    shown = numbers_on_screen(qtbot, window)
    assert written(loss) & shown and not written(gradient) & shown

    # closing the Lesson panel leaves the lesson: every number shows; opening it again hides them again
    window.lesson_dock.toggleViewAction().trigger()
    assert written(gradient) & numbers_on_screen(qtbot, window)
    window.lesson_dock.toggleViewAction().trigger()
    assert not written(gradient) & numbers_on_screen(qtbot, window)

    # Reset Progress: step 1 again, as opened
    window.actions_by_name["lesson_reset"].trigger()
    assert student.panel.progress.text() == f"Step 1 of {len(net.lesson.steps)}"
    assert not written(y) & numbers_on_screen(qtbot, window)


def one_question_lesson(question: Question) -> core.Network:
    """The bundled 1-2-1 sigmoid network asking only ``question`` (of dataset row 0, the traced sample)."""
    net = core.load_network(core.example_path("one_hidden_sigmoid"))
    net.lesson = Lesson("One question", (LessonStep("Work it out.", None, question),))
    return net


def test_an_open_delta_hides_the_gradients_computed_from_it(qtbot, main_window):
    """Asking δ_y0 once hid h → y's dL/dw but showed x → h's, computed from δ_y0: a student could work back."""
    window = main_window
    net = one_question_lesson(Question("delta", layer="y", unit=0, sample=0))
    student = open_lesson(qtbot, window, net)
    trace = core.trace_step(net, 0)
    first_layer = [float(g) for g in trace.weights("x", "h", "gradient").ravel()]
    assert student.type_answer("0.123").startswith("Not yet")
    shown = numbers_on_screen(qtbot, window)
    for g in first_layer:
        assert not written(g) & shown, f"x → h's dL/dw {g} is on screen while δ_y0 is asked"
    assert written(float(trace.layers["y"].a[0, 0])) & shown  # the forward pass comes before: it shows
    student.reveal()
    shown = numbers_on_screen(qtbot, window)
    assert all(written(g) & shown for g in first_layer)  # answered: the gradients show


def test_an_open_forward_value_hides_the_later_layers_the_loss_and_the_gradients(qtbot, main_window):
    window = main_window
    net = one_question_lesson(Question("a", layer="h", unit=0, sample=0))
    student = open_lesson(qtbot, window, net)
    trace = core.trace_step(net, 0)
    later = [float(trace.layers["y"].a[0, 0]), float(trace.loss),
             *(float(g) for g in trace.weights("h", "y", "gradient").ravel())]
    assert student.type_answer("0.123").startswith("Not yet")
    shown = numbers_on_screen(qtbot, window)
    for value in later:
        assert not written(value) & shown, f"{value} is on screen while a_h0 is asked"
    student.reveal()
    shown = numbers_on_screen(qtbot, window)
    assert all(written(value) & shown for value in later)


def test_a_wrong_answer_gets_a_hint_and_reveal_the_value_with_its_working(qtbot, main_window):
    """guided_sigmoid_neuron's δ_y0 once answered a first wrong try with "the right value is −0.5775" and the
    whole computation, and heatmap x → h showed −0.0679, worked out from δ_y0."""
    window = main_window
    path = core.example_path("guided_sigmoid_neuron")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    steps = net.lesson.steps
    k = next(k for k, step in enumerate(steps) if step.question is not None and step.question.kind == "delta")
    for step in steps[:k]:
        if step.question is not None:
            assert student.type_answer(f"{answer(step.question, net):.10g}").startswith("Right")
        student.next()
    assert "Compute δ_y" in student.panel.text.toPlainText()
    delta = answer(steps[k].question, net)
    first_layer = answer(Question("dL/dw", source="x", target="h", j=0, i=0), net)

    verdict = student.type_answer("0.123")
    assert verdict.startswith("Not yet") and not written(delta) & numbers_in([verdict])
    assert "f'(z_y0); dL/da_y0" in verdict  # the factors to check, a list: not one chained equation
    assert not written(first_layer) & numbers_on_screen(qtbot, window)
    assert "Reveal" not in verdict
    verdict = student.type_answer("0.124")
    assert not written(delta) & numbers_in([verdict]) and "Reveal shows the right value" in verdict

    verdict = student.reveal()
    assert written(delta) & numbers_in([verdict]) and "revealed" in verdict
    assert "dL/da_y0 = 2(y − t)" in verdict  # the worked computation comes with Reveal
