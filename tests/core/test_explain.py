"""explain_gradient: the chain-rule product equals backprop's gradient of the one-sample loss."""

from __future__ import annotations

import numpy as np
import pytest

import core


def deep_net(output="sigmoid", loss="mse", n_out=1):
    net = core.Network("explain")
    net.add_layer("x", 2)
    net.add_layer("h1", 3, activation="tanh")
    net.add_layer("h2", 2, activation="leaky_relu")
    net.add_layer("y", n_out, activation=output)
    for src, tgt in [("x", "h1"), ("h1", "h2"), ("h2", "y"), ("h1", "y")]:
        net.connect(src, tgt, seed=4)
    net.biases["h2"] = [0.3, -0.2]
    net.training.loss = loss
    return net


X = np.array([0.7, -1.2])


def one_sample_gradients(net, x, t):
    _, grads = net.loss_and_gradients(np.asarray(x)[None, :], np.asarray(t, float)[None, :])
    return grads


@pytest.mark.parametrize("edge", [("x", "h1"), ("h1", "h2"), ("h2", "y"), ("h1", "y")])
def test_product_equals_backprop_on_every_edge(edge):
    net = deep_net()
    t = [0.25]
    grads = one_sample_gradients(net, X, t)
    src, tgt = edge
    rows, cols = net.weights[edge].shape
    for j in range(rows):
        for i in range(cols):
            e = core.explain_gradient(net, src, tgt, j, i, X, t)
            assert e.gradient == pytest.approx(grads.weights[edge][j, i], rel=1e-12, abs=1e-15)
            # the three factors multiply to the gradient
            assert e.a_in * e.f_prime * e.dL_da == pytest.approx(e.gradient, rel=1e-12, abs=1e-15)
            assert e.f_prime * e.dL_da == pytest.approx(e.delta, rel=1e-12, abs=1e-15)


def test_hidden_neuron_dL_da_is_the_sum_over_its_outgoing_edges():
    net = deep_net()
    e = core.explain_gradient(net, "x", "h1", 1, 0, X, [0.25])
    assert {c.layer for c in e.contributions} == {"h2", "y"}
    assert len(e.contributions) == 2 + 1
    assert sum(c.product for c in e.contributions) == pytest.approx(e.dL_da, rel=1e-12)
    h1 = net.forward_all(X[None, :])["h1"]
    assert e.a_in == X[0]
    assert e.z == pytest.approx(h1[0][0, 1], rel=1e-15)
    assert e.f_prime == pytest.approx(1 - np.tanh(e.z) ** 2, rel=1e-12)
    assert "×" in e.formula() and f"{e.gradient:.6g}" in e.formula()


def test_output_edge_uses_the_loss_gradient():
    net = deep_net(output="identity")
    t = [0.25]
    e = core.explain_gradient(net, "h2", "y", 0, 1, X, t)
    y = net.forward(X[None, :])[0, 0]
    assert e.dL_da == pytest.approx(2 * (y - 0.25), rel=1e-12)  # mse on one element
    assert e.f_prime == 1.0
    assert e.contributions == []


def test_fused_softmax_cross_entropy():
    net = deep_net(output="softmax", loss="cross_entropy", n_out=3)
    t = [0.0, 1.0, 0.0]
    grads = one_sample_gradients(net, X, t)
    y = net.forward(X[None, :])[0]
    for j in range(3):
        e = core.explain_gradient(net, "h2", "y", j, 1, X, t)
        assert e.f_prime is None and e.dL_da is None
        assert e.delta == pytest.approx(y[j] - t[j], rel=1e-12)
        assert e.gradient == pytest.approx(grads.weights["h2", "y"][j, 1], rel=1e-12)
        assert "δ" in e.formula()
    e = core.explain_gradient(net, "h1", "h2", 1, 2, X, t)
    assert e.gradient == pytest.approx(grads.weights["h1", "h2"][1, 2], rel=1e-12)


def test_fused_sigmoid_binary_cross_entropy():
    net = deep_net(output="sigmoid", loss="binary_cross_entropy")
    t = [1.0]
    grads = one_sample_gradients(net, X, t)
    e = core.explain_gradient(net, "h1", "y", 0, 2, X, t)
    assert e.f_prime is None
    assert e.gradient == pytest.approx(grads.weights["h1", "y"][0, 2], rel=1e-12)


def test_softmax_output_with_mse_is_not_elementwise():
    net = deep_net(output="softmax", loss="mse", n_out=2)
    t = [0.2, 0.8]
    grads = one_sample_gradients(net, X, t)
    e = core.explain_gradient(net, "h2", "y", 1, 0, X, t)
    assert e.f_prime is None and e.dL_da is not None
    assert "softmax" in e.note
    assert e.gradient == pytest.approx(grads.weights["h2", "y"][1, 0], rel=1e-12)


def test_masked_edge_has_zero_gradient():
    net = deep_net()
    net.set_edge_enabled("h1", "h2", 0, 2, False)
    t = [0.25]
    grads = one_sample_gradients(net, X, t)
    e = core.explain_gradient(net, "h1", "h2", 0, 2, X, t)
    assert e.gradient == 0.0 == grads.weights["h1", "h2"][0, 2]
    assert "removed" in e.note
    # its neighbours still match backprop
    e = core.explain_gradient(net, "h1", "h2", 0, 1, X, t)
    assert e.gradient == pytest.approx(grads.weights["h1", "h2"][0, 1], rel=1e-12)


def test_regularization_is_not_part_of_the_explained_gradient():
    net = deep_net()
    net.training.regularization, net.training.regularization_rate = "l2", 0.5
    e = core.explain_gradient(net, "x", "h1", 0, 0, X, [0.25])
    net.training.regularization = "none"
    grads = one_sample_gradients(net, X, [0.25])
    assert e.gradient == pytest.approx(grads.weights["x", "h1"][0, 0], rel=1e-12)
