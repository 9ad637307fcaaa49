"""The matrix-form and sum-over-paths docks: the canvas's numbers, written as matrices and paths,
and shown only once the step-through's phase has computed them."""

from __future__ import annotations

import re

import numpy as np

import core
from desktop.view_state import Selection
from test_training_support import training_window  # noqa: F401 (a fixture)


def lesson(name):
    return core.load_network(core.example_path(name))


def shown_text(window, dock, panel):
    dock.show()
    dock.raise_()
    panel.refresh()
    return panel.text.toPlainText()


def test_selecting_a_layer_shows_the_canvas_numbers_as_matrices(qtbot, training_window):
    window = training_window(lesson("xor"))
    vs = window.view_state
    vs.set_sample(2)
    hidden = window.document.network.order()[1]
    text = shown_text(window, window.matrix_form_dock, window.matrix_form_panel)
    assert "Select a layer" in text
    vs.select(Selection.of_layers(hidden))
    text = shown_text(window, window.matrix_form_dock, window.matrix_form_panel)
    assert "Z = A_prev · Wᵀ + b" in text and "dL/dW = Δᵀ · A_prev / N" in text
    units = window.document.network.layer(hidden).units
    for j in range(units):
        numbers = vs.neuron(hidden, j)  # what the canvas writes in the neuron (one sample: no mean)
        assert vs.format(numbers.z) in text and vs.format(numbers.a) in text and vs.format(numbers.delta) in text
    gradient = core.Gradients(vs.network(), vs.traced_gradient()).weights[window.document.network.input_layer, hidden]
    for value in gradient.ravel():
        assert vs.format(value) in text
    assert f"({units}×" in text  # shapes are written


def test_a_number_appears_only_once_its_phase_computed_it(qtbot, training_window):
    window = training_window(lesson("one_hidden_sigmoid"))
    vs, stepper = window.view_state, window.stepper
    vs.set_sample(0)
    output = window.document.network.output_layer
    vs.select(Selection.of_layers(output))
    stepper.next_layer()
    qtbot.waitUntil(lambda: vs.stepping is not None, timeout=5000)
    text = shown_text(window, window.matrix_form_dock, window.matrix_form_panel)
    # the forward pass is at the first hidden layer: the output layer has no numbers yet
    assert "has not reached this layer yet" in text and "Z (" not in text
    while vs.stepping.phase != "backward":
        stepper.next_phase()
    text = shown_text(window, window.matrix_form_dock, window.matrix_form_panel)
    assert "Backward" in text and "Δ (" in text
    stepper.cancel()


def test_the_paths_of_a_weight_add_up_to_the_inspectors_gradient(qtbot, training_window):
    window = training_window(lesson("skip_connection"))
    vs = window.view_state
    vs.set_sample(3)
    source, target = window.document.network.connections[0]
    vs.select_edge(source, target, 1, 0)
    text = shown_text(window, window.paths_dock, window.paths_panel)
    gradient = core.Gradients(vs.network(), vs.traced_gradient()).weights[source, target][1, 0]
    assert f"{vs.format(gradient)} = dL/dw" in text, text  # the sum line: "Sum of the 1 path product: … = dL/dw"
    assert re.search(r"^\w\d(?:→\w\d)+$", text, flags=re.M) and ("path in all" in text or "paths in all" in text)
    vs.select(Selection.of_layers(target))
    assert "Select one edge" in shown_text(window, window.paths_dock, window.paths_panel)
    assert np.isfinite(gradient)


def test_a_clicked_input_neuron_of_skip_connection_shows_both_routes(qtbot, training_window):
    window = training_window(lesson("skip_connection"))
    vs = window.view_state
    vs.set_sample(0)
    vs.select(Selection.of_layers("x", neuron=0))
    text = shown_text(window, window.paths_dock, window.paths_panel)
    assert "dL/da_x0 as a sum over paths" in text
    paths = re.findall(r"^\w\d(?:→\w\d)+$", text, flags=re.M)  # each path's row, to the output's δ = dL/dz
    assert "x0→y0" in paths and "x0→h0→y0" in paths, paths  # straight over the skip, and through h
    net = window.document.network
    traces = core.layer_traces(net, *vs.traced_data())
    dL_da = sum(traces[v].delta @ net.weights["x", v] for v in net.outgoing("x"))[0, 0]
    assert f"{vs.format(dL_da)} = dL/da" in text, text


def test_a_matrix_form_tab_raised_after_f6_shows_the_steps_numbers(qtbot, training_window):
    """Behind the heatmaps' tab the Matrix form is not on the screen (Qt keeps it "visible" but off
    the window, so it waits); clicking its tab after a Step shows the Step's numbers."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    from desktop.on_screen import on_screen

    window = training_window(lesson("xor"))
    vs, c = window.view_state, window.training
    vs.set_sample(1)
    hidden = window.document.network.order()[1]
    vs.select(Selection.of_layers(hidden))
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    assert c.wait_for_step_0()
    panel = window.matrix_form_panel
    assert not on_screen(panel)  # a tab behind the gradient heatmaps
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not c.running and c.latest is not None and c.latest.step == 1, timeout=10000)
    bar = next(b for b in window.findChildren(QTabBar)
               if b.isVisible() and "Matrix form" in [b.tabText(i) for i in range(b.count())])
    index = [bar.tabText(i) for i in range(bar.count())].index("Matrix form")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert on_screen(panel)
    text = panel.text.toPlainText()
    for j in range(window.document.network.layer(hidden).units):
        numbers = vs.neuron(hidden, j)  # the canvas's numbers after the Step
        assert vs.format(numbers.z) in text and vs.format(numbers.a) in text
