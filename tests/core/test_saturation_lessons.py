"""The saturation lessons do what their descriptions promise."""

from __future__ import annotations

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
