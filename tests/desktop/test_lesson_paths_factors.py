"""Sum over paths holds back every factor an open lesson question asks the student to work out.

Teacher review 15 #4: at guided_chain_rule step 8 ("Compute δ_h0 = σ'(z_h0) · dL/da_h0") the paths of the
edge x₀ → h₀ wrote f'(z[h0]) = 0.2445 beside w and ∂L/∂z of each output, and held only the products: two
multiplications and an addition were left of the question. The same at step 9 (h1) and at
guided_sigmoid_neuron step 9 (dL/dw[x→h][0,0] = a_x0 · σ'(z_h0) · dL/da_h0). The factor now reads
"? (shows once you answer)", the words the canvas and the heatmaps write, and shows once it is answered.
"""

from __future__ import annotations

import pytest

import core
from conftest import Canvas
from core.activations import get_activation
from core.lesson import answer
from core.paths import paths_to_loss
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written
from test_lesson_spoilers_every_view import uncovered_point
from window_texts import numbers_in, window_texts

ASKED = "? (shows once you answer)"
LATER = "? (comes with a later question)"


def f_prime(net: core.Network, layer: str, k: int) -> float:
    """f'(z) of neuron ``k`` of ``layer`` for the lesson's sample at the weights as saved, from the engine."""
    trace = core.trace_step(net, 0).layers[layer]
    return float(get_activation(net.layer(layer).activation).derivative(trace.z, trace.a)[0, k])


def paths_text(qtbot, window, student, edge) -> str:
    """The Sum over paths of ``edge`` (source, target, j, i), clicked on the canvas as a student clicks it."""
    canvas = Canvas(window, qtbot)
    canvas.click(uncovered_point(canvas, *edge))
    student.click_tab("Sum over paths")
    qtbot.wait(120)
    return next(t for t in window_texts(window) if "as a sum over paths" in t)


@pytest.mark.parametrize("lesson, step, edge", [
    ("guided_chain_rule", 8, ("x", "h", 0, 0)),
    ("guided_chain_rule", 9, ("x", "h", 1, 0)),
    ("guided_sigmoid_neuron", 9, ("x", "h", 0, 0)),
])
def test_the_paths_hold_the_f_prime_the_open_question_asks(qtbot, lesson_window, lesson, step, edge):
    window = lesson_window
    student, net = lesson_at_step(qtbot, window, Canvas(window, qtbot), lesson, step)
    source, target, j, i = edge
    fp = f_prime(net, target, j)
    text = paths_text(qtbot, window, student, edge)
    paths = len(paths_to_loss(net, source, target, j, i, net.dataset.inputs, net.dataset.targets).paths)
    assert not written(fp) & numbers_in([text]), f"f'(z_{target}{j}) = {fp:.4g} is in the paths: {text}"
    slope = f"σ'(z_{target}{j})"
    held = text.count(f"{slope} = ? ×")  # the σ'(z) of each path, each held ...
    assert held == paths >= 1, text
    # ... with the lesson's words, once under the table: guided_sigmoid_neuron's step 10 asks dL/db_h0 = δ_h0 = σ'(z_h0)
    # · dL/da_h0, so the factor stays held once step 9 is answered: it comes with that question (review 23 #4)
    words = ASKED if lesson == "guided_chain_rule" else LATER
    assert f"? {slope}: {words[3:-1]}" in text, text
    student.click_tab("Lesson")
    assert student.type_answer(f"{answer(net.lesson.steps[step - 1].question, net):.10g}").startswith("Right")
    if lesson == "guided_chain_rule":  # answered (no later question asks δ of that neuron): the factor shows
        text = paths_text(qtbot, window, student, edge)
        assert written(fp) & numbers_in([text]), text
