"""An answered δ stays on the canvas where the question pointed: under its neuron, named δ.

The teacher's review: in guided_chain_rule a student computed δ_y0 and δ_y1 (steps 5 and 6), and the
canvas went on writing a of y on y's neurons; the δ's they had typed showed only in a step-through's
Backward phase, as outside a lesson. Step 8 asks δ_h0 = σ'(z_h0) · (w · δ_y0 + w · δ_y1): the
student reads them off the canvas. Once a lesson holds the answer to a layer's δ (or dL/db, the
same number for one sample), the neurons answered write it under them, "δ −0.4855", their circles
keeping a (review 15: the δ once took a's place, and a was nowhere).
"""

from __future__ import annotations

import core
from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import open_lesson, written
from test_training_support import press_f8_to, press_step
from window_texts import numbers_in, painted_texts


def canvas_numbers(qtbot, window) -> set[str]:
    qtbot.wait(100)
    return numbers_in(painted_texts(window.canvas.scene()))


def test_the_deltas_a_student_typed_show_on_their_neurons(qtbot, main_window):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()  # a laptop's window as the lesson opens in it
    path = core.example_path("guided_chain_rule")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    trace = core.trace_step(net, 0)
    delta_y = [float(d) for d in trace.layers["y"].delta[0]]
    steps = net.lesson.steps
    for k in range(1, 6):  # a_h0, a_h1, y0, δ_y0, δ_y1: typed right, as a student does
        student.next()
        q = steps[k].question
        assert student.type_answer(f"{answer(q, net):.10g}").startswith("Right")
        if q.kind != "delta":
            assert not any(written(d) & canvas_numbers(qtbot, window) for d in delta_y)
    assert window.view_state.stepping is None  # no step-through: the lesson's own place
    shown = canvas_numbers(qtbot, window)
    for unit, d in enumerate(delta_y):
        assert written(d) & shown, f"δ_y{unit} = {d} is not on the canvas after it was answered"
    labels = painted_texts(window.canvas.scene())
    assert labels.count("δ") == 2, "the neurons do not say their number is δ"  # a line "δ …" under each

    # leaving the lesson (its panel closed) is the normal view again: a on the neurons
    window.lesson_dock.toggleViewAction().trigger()
    assert not any(written(d) & canvas_numbers(qtbot, window) for d in delta_y)


def test_once_the_lesson_has_had_the_student_train_the_neurons_write_a_again(qtbot, main_window, canvas):
    """guided_sigmoid_neuron step 13: "press Step … and check your new weights on the canvas". After Step the
    circles went on writing δ₀ 0.03849 and δ₀ 0.2453 (the trained network's δ, which no question asked) and
    the output y nowhere. The answered δ belongs to the weights it was answered for: with the network trained,
    the neurons write a, and the step-through's Backward phase writes δ as in any lesson."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_sigmoid_neuron", 13)
    assert net.lesson.steps[12].action.kind == "train"
    press_step(qtbot, window)
    trained = window.document.network
    y = float(core.trace_step(trained, 0).layers["y"].a[0, 0])
    assert "δ" not in painted_texts(window.canvas.scene()), "the neurons write δ after training, outside a step-through"
    assert written(y) & canvas_numbers(qtbot, window), f"the trained network's output y = {y} is not on the canvas"
    press_f8_to(qtbot, window, "backward")
    assert "δ" in painted_texts(window.canvas.scene())  # Backward writes δ, as ever
