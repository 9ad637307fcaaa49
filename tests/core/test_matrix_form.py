"""The matrix form of a layer (core.matrix_form) holds the trace's numbers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import core
from core.matrix_form import elide, layer_matrix_form
from random_graphs import networks


@settings(max_examples=60, deadline=None)
@given(networks())
def test_every_layer_matches_the_trace_on_random_graphs(case):
    net, X, T = case
    N = X.shape[0]
    net.dataset = core.Dataset(X, T)
    net.training.batch_size = N
    trace = core.trace_step(net)  # the first mini-batch: every row, in the trainer's order
    rows = trace.rows
    for layer in net.order()[1:]:
        form = layer_matrix_form(net, layer, X[rows], T[rows])
        here = trace.layers[layer]
        assert form.N == N
        np.testing.assert_allclose(form.Z, here.z, rtol=0, atol=0)
        np.testing.assert_allclose(form.A, here.a, rtol=0, atol=0)
        # Z = Σ A_prev Wᵀ + b, written out
        Z = sum(inc.A @ inc.W.T for inc in form.incoming) + (0 if form.b is None else form.b)
        np.testing.assert_allclose(Z, form.Z, rtol=1e-12, atol=1e-12)
        # Δ is N·δ; hidden: Δ = (Σ Δ_next W_next) ⊙ f'(Z)
        np.testing.assert_allclose(form.delta, N * here.delta, rtol=1e-13, atol=1e-15)
        if form.outgoing:
            back = sum(o.delta @ o.W for o in form.outgoing)
            np.testing.assert_allclose(back, form.dL_dA, rtol=1e-12, atol=1e-14)
            if form.fprime is not None:
                np.testing.assert_allclose(back * form.fprime, form.delta, rtol=1e-12, atol=1e-14)
        # dL/dW = Δᵀ A_prev / N (+ the penalty's gradient) is the trace's gradient
        for inc in form.incoming:
            np.testing.assert_allclose(inc.dW, trace.weights(inc.source, layer, "gradient"), rtol=1e-12, atol=1e-14)
        if form.b is not None:
            np.testing.assert_allclose(form.db, trace.bias(layer, "gradient"), rtol=1e-12, atol=1e-14)


def test_one_sample_on_the_canvas_lesson():
    """The traced sample (N = 1): dL/dW is the outer product Δᵀ A_prev, explain_gradient's numbers."""
    net = core.load_network(core.example_path("xor"))
    x, t = net.dataset.inputs[1:2], net.dataset.targets[1:2]
    hidden = net.order()[1]
    form = layer_matrix_form(net, hidden, x, t)
    src = form.incoming[0]
    assert form.Z.shape == (1, net.layer(hidden).units) and src.W.shape == (net.layer(hidden).units, 2)
    for j in range(src.W.shape[0]):
        for i in range(src.W.shape[1]):
            explained = core.explain_gradient(net, src.source, hidden, j, i, x[0], t[0])
            assert src.dW_data[j, i] == pytest.approx(explained.gradient, rel=1e-12, abs=1e-15)


def test_the_input_layer_has_no_matrix_form():
    net = core.load_network(core.example_path("xor"))
    with pytest.raises(ValueError, match="input layer"):
        layer_matrix_form(net, net.input_layer, net.dataset.inputs, net.dataset.targets)


def test_big_matrices_are_elided_in_the_middle():
    rows, cols = elide(np.zeros((100, 3)), max_rows=7, max_cols=8)
    assert rows == [0, 1, 2, None, 97, 98, 99] and cols == [0, 1, 2]
    rows, cols = elide(np.zeros((4, 20)), max_rows=7, max_cols=6)
    assert rows == [0, 1, 2, 3] and cols == [0, 1, 2, None, 18, 19]
