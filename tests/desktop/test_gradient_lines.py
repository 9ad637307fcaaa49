"""The loss panel's mean |dL/dw| per layer: each layer's line is the mean over its live incoming
weights of the step's |dL/dw| (removed edges not counted), shown with its checkbox."""

from __future__ import annotations

import numpy as np

import core
from desktop.panels.gradient_lines import layer_groups, layer_means
from desktop.panels.loss import LossPanel
from test_training_support import training_window, wait_finished  # noqa: F401 (a fixture)


def test_mean_abs_gradient_per_layer_after_training(qtbot, training_window):
    net = core.load_network(core.example_path("saturation"))
    net.set_edge_enabled("x", "h", 0, 1, False)
    twin = net.copy()  # before training: the window's document trains this network in place
    window = training_window(net)
    panel = window.findChild(LossPanel)
    window.actions_by_name["loss_gradient_lines"].trigger()  # View → Mean |dL/dw| per Layer
    assert panel.show_gradients.isChecked() and panel.gradient_lines.visible
    window.training.step(12)
    snap = wait_finished(qtbot, window.training)
    assert snap.step == 12
    # the same steps in-process: the mean |dL/dw| of each layer at each step
    trainer = core.Trainer(twin)
    expected = []
    for _ in range(12):
        _, g = trainer.upcoming_gradient()
        grads = core.Gradients(twin, g)
        wx, wy = np.abs(grads.weights["x", "h"]), np.abs(grads.weights["h", "y"])
        expected.append([wx.sum() / 5, wy.mean()])  # 6 weights into h, one removed
        trainer.step()
    groups = layer_groups(window.document.network)
    assert [(name, count) for name, _, count in groups] == [("h", 5), ("y", 3)]
    np.testing.assert_allclose(layer_means(snap.block_gradient_sums, groups), expected, rtol=1e-10)
    curve = panel.gradient_lines.curves[0]
    x, y = curve.xData, curve.yData  # the data as given (getData is in the log axis's units)
    assert list(x) == list(range(1, 13)) and np.allclose(y, np.array(expected)[:, 0], rtol=1e-10)


def test_heatmaps_on_one_shared_scale(qtbot, training_window):
    from desktop.panels.heatmaps import HeatmapPanel

    window = training_window(core.load_network(core.example_path("saturation")))
    window.view_state.set_sample(0)
    heatmaps = window.findChild(HeatmapPanel)
    qtbot.waitUntil(lambda: len(heatmaps.bars) == 2, timeout=5000)

    def levels():
        return {edge: tuple(bar.levels()) for edge, bar in heatmaps.bars.items()}

    heatmaps.shared_toggle.setChecked(False)  # one scale is the default: first each its own
    qtbot.waitUntil(lambda: len(set(levels().values())) == 2, timeout=5000)  # each connection on its own scale
    heatmaps.shared_toggle.setChecked(True)
    shown = levels()
    assert len(set(shown.values())) == 1  # one scale: the largest |dL/dw| of both, rounded up
    g = core.Gradients(window.document.network, window.view_state.traced_gradient())
    largest = max(np.abs(g.weights[e]).max() for e in window.document.network.connections)
    low, high = next(iter(shown.values()))
    assert low == -high and largest <= high < 5 * largest
