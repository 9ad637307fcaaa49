"""In a guided lesson an answered number shows as soon as it is answered, though its layer has an open question.

The teacher's review: the lessons hid by layer, not by neuron. guided_softmax asks δ_y1, then δ_y2; once
the student had answered δ_y1, the canvas and the Inspector still wrote "?" for it until δ_y2, of the
same layer, was answered too. Likewise z_y0 while z_y1 was asked, a_h0 while a_h1 was asked
(guided_chain_rule), and dL/dw[x→y][0,0] while dL/dw[x→y][0,1] was asked (guided_weight_decay). Only the
open question's number (and what is computed from it) stays back, with its reason.
"""

from __future__ import annotations

from core.lesson import answer
from test_lesson_error_hidden import canvas_numbers, lesson_at_step
from test_lesson_hidden_words import WORK_IT_OUT
from test_lesson_spoilers import written
from test_training_support import press_f8_to
from window_texts import painted_texts


def click_neuron(qtbot, canvas, window, layer: str, unit: int) -> None:
    """Click neuron ``unit`` of ``layer`` on the canvas, as a student does."""
    item = canvas.scene.layer_items[layer]
    canvas.click(item.mapToScene(item.neuron_centre(unit)))
    qtbot.waitUntil(lambda: window.view_state.selection is not None
                    and window.inspector.layer_page.neuron.value() == unit, timeout=5000)


def inspector_text(qtbot, student, canvas, layer: str, unit: int) -> str:
    """The Inspector's explanation of neuron ``unit`` of ``layer``, clicked on the canvas."""
    window = student.window
    click_neuron(qtbot, canvas, window, layer, unit)
    student.click_tab("Inspector")
    qtbot.wait(50)
    return window.inspector.layer_page.explanation.toPlainText()


def asked(net, step: int) -> float:
    """The answer to the question of lesson step ``step`` (1-based)."""
    return answer(net.lesson.steps[step - 1].question, net)


def test_an_answered_delta_shows_while_the_next_neurons_delta_is_asked(qtbot, main_window, canvas):
    """guided_softmax step 8 asks δ_y2; δ_y1, answered at step 7, shows on the canvas and in the Inspector."""
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_softmax", 8)
    delta_y1 = asked(net, 7)
    assert net.lesson.steps[7].question.unit == 2
    qtbot.wait(50)
    assert written(delta_y1) & set(canvas_numbers(window)), "δ_y1, answered, is not on the canvas"
    text = inspector_text(qtbot, student, canvas, "y", 1)
    assert "δ_y1 = dL/dz_y1 = y − t" in text and window.view_state.format(delta_y1) in text, text
    text = inspector_text(qtbot, student, canvas, "y", 2)  # the open question's own number
    assert f"δ_y2 = dL/dz_y2 = {WORK_IT_OUT}" in text, text
    press_f8_to(qtbot, window, "backward")  # Backward writes δ in the circles, and y − t beside them
    numbers = canvas_numbers(window)
    assert sum(n in written(delta_y1) for n in numbers) == 2, "δ_y1 in its circle and as y₁ − t₁"


def test_an_answered_score_shows_while_the_next_neurons_score_is_asked(qtbot, main_window, canvas):
    """guided_softmax step 3 asks z_y1; z_y0 = −0.8, answered at step 2, is written beside its neuron."""
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_softmax", 3)
    z_y0, z_y1 = asked(net, 2), asked(net, 3)
    qtbot.wait(50)
    texts = painted_texts(window.canvas.scene())
    fmt = window.view_state.format
    assert fmt(z_y0) in texts, f"z_y0 = {fmt(z_y0)}, answered, is not beside its neuron"
    assert fmt(z_y1) not in texts, f"z_y1 = {fmt(z_y1)}, the open question, is on the canvas"
    text = inspector_text(qtbot, student, canvas, "y", 0)
    assert f"z_y0 = b + Σ w·a = {fmt(z_y0)}" in text, text
    text = inspector_text(qtbot, student, canvas, "y", 1)
    assert f"z_y1 = {WORK_IT_OUT}" in text, text


def test_an_answered_hidden_output_shows_while_its_neighbours_is_asked(qtbot, main_window, canvas):
    """guided_chain_rule step 3 asks a_h1; a_h0, answered at step 2, shows in its circle."""
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 3)
    a_h0, a_h1 = asked(net, 2), asked(net, 3)
    qtbot.wait(50)
    numbers = set(canvas_numbers(window))
    assert written(a_h0) & numbers, "a_h0, answered, is not on the canvas"
    assert not written(a_h1) & numbers, "a_h1, the open question, is on the canvas"
    text = inspector_text(qtbot, student, canvas, "h", 1)
    assert f"a_h1 = {WORK_IT_OUT}" in text, text


def test_answered_deltas_of_both_layers_show_one_neuron_at_a_time(qtbot, main_window, canvas):
    """guided_chain_rule: step 6 asks δ_y1 (δ_y0 answered), step 9 asks δ_h1 (δ_h0 answered)."""
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 6)
    qtbot.wait(50)
    assert written(asked(net, 5)) & set(canvas_numbers(window)), "δ_y0, answered, is not on the canvas"
    for step in (6, 7, 8):
        lesson_step = net.lesson.steps[step - 1]
        if lesson_step.question is not None:
            assert student.type_answer(f"{asked(net, step):.10g}").startswith("Right")
        else:
            from test_lesson_bundled import do_action
            do_action(student, canvas, lesson_step.action)
        student.next()
    assert student.panel.progress.text().startswith("Step 9 of")
    qtbot.wait(50)
    numbers = set(canvas_numbers(window))
    assert written(asked(net, 8)) & numbers, "δ_h0, answered, is not on the canvas"
    assert not written(asked(net, 9)) & numbers, "δ_h1, the open question, is on the canvas"


def test_an_answered_gradient_shows_while_the_next_edges_is_asked(qtbot, main_window, canvas):
    """guided_weight_decay step 4 asks dL/dw[x→y][0,1]; dL/dw[x→y][0,0], answered at step 3, shows in the
    Inspector when the student clicks its edge, and in the gradient heatmap's cell (the open one: "?",
    not the data gradient 0 that a_x1 = 0 gives, without its L2 term)."""
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 4)
    fmt = window.view_state.format
    page = window.inspector.edge_page
    for i, expected in ((0, fmt(asked(net, 3))), (1, WORK_IT_OUT)):
        canvas.click(canvas.edge_point("x", "y", 0, i, 0.3))
        qtbot.waitUntil(lambda: window.view_state.selection is not None
                        and window.view_state.selection.kind == "edge", timeout=5000)
        student.click_tab("Inspector")
        qtbot.wait(50)
        assert expected in page.gradient.text(), (i, page.gradient.text())
    heatmaps = window.training.ui.heatmaps  # the traced input's dL/dw: the answered one, "?" for the open one
    qtbot.waitUntil(lambda: heatmaps.cell_texts("x", "y") == [[fmt(asked(net, 3)), "?"]], timeout=5000)
