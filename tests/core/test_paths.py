"""The sum over paths (core.paths): the products of the rate factors add up to dL/dw."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings

import core
from core.paths import paths_to_loss
from random_graphs import networks


@settings(max_examples=80, deadline=None)
@given(networks())
def test_the_paths_products_sum_to_the_gradient_on_random_graphs(case):
    net, X, T = case
    _, grads = net.loss_and_gradients(X, T)  # the backprop gradient, regularization included
    traces = core.layer_traces(net, X, T)  # the reference backward pass: δ = dL/dz per layer
    for source, target in net.connections:
        W = net.weights[source, target]
        for j in range(W.shape[0]):
            for i in range(W.shape[1]):
                found = paths_to_loss(net, source, target, j, i, X, T, limit=None)
                expected = grads.weights[source, target][j, i]
                reference = float(traces[target].delta[:, j] @ traces[source].a[:, i])
                if found.removed:
                    assert expected == 0 and found.paths == []
                    continue
                assert len(found.paths) == found.count and found.rest_sum == 0.0
                total = math.fsum(p.product for p in found.paths) + found.penalty
                scale = math.fsum(p.magnitude for p in found.paths) + abs(found.penalty)
                # to 1e-12 of the terms' size: against the reference backward pass (the same δ of
                # the output layer), and against the fast one (a softmax output's δ rounds differently:
                # by a few ulps of the outputs and targets it is made of, which are of order 1, so a
                # gradient of 1e-8 may differ by ~1e-17: the 1e-15 floor)
                penalty = found.penalty
                assert abs(total - (reference + penalty)) <= 1e-12 * max(abs(expected), scale, 1e-300)
                assert abs(total - expected) <= 1e-10 * max(abs(expected), scale, 1e-300) + 1e-15, (total, expected)
                # each product is the product of its factors (one row)
                if X.shape[0] == 1:
                    for p in found.paths:
                        assert p.product == pytest.approx(math.prod(v for _, v in p.factors), rel=1e-12, abs=1e-300)


def test_a_weight_before_a_skip_connection_has_both_routes():
    """x → a → b → y with a skip a → y: a weight into a reaches the loss straight on and over the skip."""
    net = core.Network("skip")
    for name, units in [("x", 1), ("a", 1), ("b", 1), ("y", 1)]:
        net.add_layer(name, units, **({} if name == "x" else {"activation": "sigmoid"}))
    for s, t in [("x", "a"), ("a", "b"), ("b", "y"), ("a", "y")]:
        net.connect(s, t, seed=2)
    x, t = np.array([[0.7]]), np.array([[1.0]])
    found = paths_to_loss(net, "x", "a", 0, 0, x, t)
    assert [[layer for layer, _ in p.neurons] for p in found.paths] == [["a", "b", "y"], ["a", "y"]]
    straight, skip = found.paths
    assert [name for name, _ in skip.factors] == ["a_x0", "σ'(z_a0)", "w[a→y][0,0]", "δ_y0"]
    assert len(straight.factors) == len(skip.factors) + 2
    _, grads = net.loss_and_gradients(x, t)
    assert straight.product + skip.product == pytest.approx(grads.weights["x", "a"][0, 0], rel=1e-12)
    assert found.gradient == pytest.approx(grads.weights["x", "a"][0, 0], rel=1e-12)


def test_a_limit_lists_the_first_paths_and_counts_the_rest():
    net = core.Network("wide")
    for name, units in [("x", 1), ("a", 4), ("b", 4), ("c", 4), ("y", 1)]:
        net.add_layer(name, units, **({} if name == "x" else {"activation": "tanh"}))
    for s, t in [("x", "a"), ("a", "b"), ("b", "c"), ("c", "y"), ("a", "y")]:
        net.connect(s, t, seed=1)
    X, T = np.array([[0.3]]), np.array([[0.2]])
    found = paths_to_loss(net, "x", "a", 0, 0, X, T, limit=10)
    assert found.count == 4 * 4 + 1 and len(found.paths) == 10
    _, grads = net.loss_and_gradients(X, T)
    assert found.path_sum == pytest.approx(grads.weights["x", "a"][0, 0], rel=1e-12)
    everything = paths_to_loss(net, "x", "a", 0, 0, X, T, limit=None)
    assert found.rest_sum == pytest.approx(math.fsum(p.product for p in everything.paths[10:]), rel=1e-10, abs=1e-16)


def test_a_removed_edge_has_no_path():
    net = core.load_network(core.example_path("xor"))
    s, t = net.connections[0]
    net.set_edge_enabled(s, t, 0, 0, False)
    found = paths_to_loss(net, s, t, 0, 0, net.dataset.inputs[:1], net.dataset.targets[:1])
    assert found.removed and found.count == 0 and found.gradient == 0


@settings(max_examples=60, deadline=None)
@given(networks())
def test_a_neurons_paths_sum_to_dL_da_on_random_graphs(case):
    from core.paths import paths_from_neuron

    net, X, T = case
    traces = core.layer_traces(net, X, T)
    N = X.shape[0]
    for layer in net.order()[:-1]:
        reference = sum(N * traces[v].delta @ net.weights[layer, v] for v in net.outgoing(layer))
        for k in range(net.layer(layer).units):
            found = paths_from_neuron(net, layer, k, X, T, limit=None)
            assert len(found.paths) == found.count
            expected = float(reference[:, k].mean())
            scale = math.fsum(p.magnitude for p in found.paths)
            assert abs(found.gradient - expected) <= 1e-12 * max(abs(expected), scale, 1e-300)
            if layer != net.input_layer:  # the trace's dL/da (which carries 1/N)
                assert abs(found.gradient - float((N * traces[layer].dL_da[:, k]).mean())) <= 1e-12 * max(scale, 1e-300)


def test_an_input_of_skip_connection_reaches_the_loss_two_ways():
    from core.paths import paths_from_neuron

    net = core.load_network(core.example_path("skip_connection"))
    x, t = net.dataset.inputs[:1], net.dataset.targets[:1]
    found = paths_from_neuron(net, "x", 0, x, t)
    routes = [tuple(layer for layer, _ in p.neurons) for p in found.paths]
    assert set(routes) == {("x", "h", "y"), ("x", "y")}
    assert routes.count(("x", "y")) == 1 and routes.count(("x", "h", "y")) == net.layer("h").units
    with pytest.raises(ValueError, match="output layer"):
        paths_from_neuron(net, "y", 0, x, t)
