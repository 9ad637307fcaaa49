"""The saturation lessons do what their descriptions promise."""

from __future__ import annotations

import re

import numpy as np

import core
from core.matrix_form import layer_matrix_form


def test_saturated_sigmoids_learn_slowly_with_the_squared_error_and_fast_with_cross_entropy():
    mse = core.load_network(core.example_path("saturation"))
    ce = core.load_network(core.example_path("saturation_cross_entropy"))
    assert mse.flat.tobytes() == ce.flat.tobytes() and mse.training.loss == "mse"
    assert ce.training.loss == "binary_cross_entropy"
    X, T = mse.dataset.inputs, mse.dataset.targets
    # at the start every output is saturated: σ'(z) = a(1 − a) < 0.02 on every sample
    out = layer_matrix_form(mse, "y", X, T)
    assert np.all(out.fprime < 0.02)
    hidden = layer_matrix_form(mse, "h", X, T)
    assert np.median(hidden.fprime) < 0.05
    slow, fast = core.Trainer(mse), core.Trainer(ce)
    slow.run(epochs=25)
    fast.run(epochs=25)
    assert slow.evaluate().train_accuracy == 0.5  # still every sample on one side
    assert fast.evaluate().train_accuracy >= 0.85
    # per step the gradients are far smaller with the squared error (History.block_gradient: Σ|dL/dw|)
    first = lambda t: t.history.block_gradient.data[:50].mean(axis=0)  # noqa: E731
    assert np.all(first(slow) * 10 < first(fast))
    # with cross-entropy the output's δ is y − t
    fused = layer_matrix_form(ce, "y", X, T)
    assert fused.fused and np.allclose(fused.delta, fused.A - T, rtol=1e-12, atol=1e-15)


def test_the_saturation_text_says_what_the_data_gives():
    """The description's figures are the network's own at its starting weights, over all 40 samples.

    A teacher's review found it saying every hidden neuron gives σ(z) close to 1 on every sample
    while the canvas showed h = (0.7380, 0.9886, 0.4935) for sample 0: 26 of the 120 hidden
    activations lie between 0.1 and 0.9, and 31 are below 0.1."""
    net = core.load_network(core.example_path("saturation"))
    text = net.description
    X, T = net.dataset.inputs, net.dataset.targets
    h = layer_matrix_form(net, "h", X, T).A
    y = layer_matrix_form(net, "y", X, T).A

    low, high = (float(v) for v in re.search(r"y lies between ([0-9.]+) and ([0-9.]+)", text).groups())
    assert (round(y.min(), 3), round(y.max(), 3)) == (low, high)
    assert "every sample is called class 1 although half of the targets are 0" in text
    assert np.all(y >= 0.5) and T.mean() == 0.5

    saturated, total = (int(v) for v in re.search(r"([0-9]+) of their ([0-9]+) activations", text).groups())
    assert total == h.size and saturated == int(np.sum((h > 0.9) | (h < 0.1)))
    assert saturated < total, "a text saying 'most, not all' needs unsaturated activations"

    shown = re.search(r"Sample 0, the one the canvas traces when the lesson opens, has h = \(([^)]*)\)", text).group(1)
    assert [float(v) for v in shown.split(", ")] == [float(f"{a:.4f}") for a in h[0]]
    assert "close to 1 for every sample" not in text


def test_the_saturation_text_writes_the_outputs_delta_as_the_chain_rule_panel_does():
    """mse's dL/da = 2(y − t)/N, as the chain-rule panel prints it (the text said (y − t)·σ'(z))."""
    net = core.load_network(core.example_path("saturation"))
    assert net.training.loss == "mse"
    assert "δ = σ'(z) · 2(y − t)/N" in net.description
    assert "dL/da = 2(y − t)/N" in net.description
