"""A network with one input and one output (sine_regression, the one-sample lessons): the Output map
draws the network's output y as a line over the input x₀, through the samples at (x₀, t), so a
student watches the curve bend onto the data (it drew a predicted-against-target scatter, from which
no curve can be read, while sine_regression's text asked to watch "the curve bend into shape")."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

import core
from core.datasets import axis_bounds, split_indices
from test_panels_readable import ready
from test_training_support import press, press_step, training_window

__all__ = ["training_window"]


def test_the_line_is_the_trained_networks_output_over_x_and_the_points_are_x_and_t(qtbot, training_window):
    window = training_window(core.load_network(core.example_path("sine_regression")))
    ready(qtbot, window)
    panel = window.training.ui.output_map
    assert panel.mode == "curve"
    for _ in range(3):
        press_step(qtbot, window)
    net = window.document.network
    x_axis = axis_bounds(net.dataset.inputs[:, 0])

    def line_of_the_document():
        cx, cy = panel.curve_line.getData()
        if cx is None or len(cx) < 50 or (cx[0], cx[-1]) != x_axis:
            return False
        return np.allclose(cy, net.forward(cx[:, None])[:, 0], rtol=0, atol=1e-12)

    qtbot.waitUntil(line_of_the_document, timeout=10000)  # the finished step's output view
    (x0, x1), (y0, y1) = panel.plot.getViewBox().viewRange()
    cx, cy = panel.curve_line.getData()
    assert (x0, x1) == x_axis and y0 <= cy.min() and cy.max() <= y1
    # the training samples at (x₀, t), every one in view
    train, _ = split_indices(len(net.dataset), net.training.validation_fraction, net.training.seed)
    drawn = set(zip(*(a.tolist() for a in panel.train_points.getData())))
    assert drawn == set(zip(net.dataset.inputs[train, 0].tolist(), net.dataset.targets[train, 0].tolist()))
    assert y0 <= net.dataset.targets.min() and net.dataset.targets.max() <= y1
    assert panel.plot.getAxis("bottom").labelText == "x₀"
    assert "the network's output y(x₀)" in panel.legend.entries()


def test_the_line_waits_for_forward_to_reach_the_output(qtbot, training_window):
    """F7 in the one-hidden-layer network: Forward has computed h, not y, so the line (which is y)
    is not drawn, and the y axis spans the target alone (its range would tell y)."""
    window = training_window(core.load_network(core.example_path("one_hidden_sigmoid")))
    ready(qtbot, window)
    panel = window.training.ui.output_map
    qtbot.waitUntil(lambda: panel.curve_line.getData()[0] is not None, timeout=10000)
    press(qtbot, window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    assert (window.view_state.stepping.phase, window.view_state.stepping.layer) == ("forward", 1)
    assert not panel.curve_line.isVisible()
    y = window.document.network.forward(window.document.network.dataset.inputs)[0, 0]
    (_, _), (y0, y1) = panel.plot.getViewBox().viewRange()
    t = window.document.network.dataset.targets[0, 0]
    assert y0 <= t <= y1 and not (y0 <= y <= y1)
    while window.view_state.stepping.layer < 2:
        press(qtbot, window, Qt.Key.Key_F7)
    assert panel.curve_line.isVisible()
