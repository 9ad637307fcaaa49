"""The chain rule's numbers: ``explain_gradient``, ``explain_edge`` and ``explain_neuron`` give exactly
backprop's gradients (one sample, a batch with regularization, every edge and bias), and
``check_parameter`` agrees with backprop numerically. Their text is tested in ``test_explain_text.py``."""

from __future__ import annotations

import numpy as np
import pytest

import core
from core.explain import explain_edge, explain_neuron
from core.gradcheck import check_parameter
from explain_cases import EDGES, HEADS, HIDDEN, batch, last_number, negative_zeros, skip_net


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


# ---------------------------------------------------------------- batches
def grid_cases():
    for k, h in enumerate(HIDDEN):
        for head in HEADS:
            yield (h, HIDDEN[(k + 2) % len(HIDDEN)]), head


@pytest.mark.parametrize("hidden,head", list(grid_cases()), ids=lambda v: v[0] if isinstance(v, tuple) else v)
@pytest.mark.parametrize("reg", [("none", 0.0), ("l2", 0.3), ("l1", 0.05)])
def test_batch_sum_is_exactly_the_batch_gradient(hidden, head, reg):
    net = skip_net(hidden, head)
    net.training.regularization, net.training.regularization_rate = reg
    X, T = batch(head)
    _, grads = net.loss_and_gradients(X, T)
    net.training.regularization = "none"
    _, data = net.loss_and_gradients(X, T)
    net.training.regularization = reg[0]
    for src, tgt in EDGES:
        rows, cols = net.weights[src, tgt].shape
        for j in range(rows):
            for i in range(cols):
                e = explain_edge(net, src, tgt, j, i, X, T)
                assert e.batch_size == 5 and len(e.samples) == 5
                assert sum(s.gradient for s in e.samples) == pytest.approx(e.mean, rel=1e-12, abs=1e-15)
                assert e.mean == pytest.approx(data.weights[src, tgt][j, i], rel=1e-12, abs=1e-15)
                assert e.total == pytest.approx(grads.weights[src, tgt][j, i], rel=1e-12, abs=1e-15)
                w = net.weights[src, tgt][j, i]
                expected = {"none": 0.0, "l2": reg[1] * w, "l1": reg[1] * np.sign(w)}[reg[0]]
                assert e.regularization == expected
                text = e.lines(6)
                assert last_number(text[-1]) == pytest.approx(e.total, rel=1e-5, abs=1e-300)
                assert not negative_zeros("\n".join(e.lines()))
    for layer in ("h1", "h2", "y"):
        for j in range(net.layer(layer).units):
            n = explain_neuron(net, layer, j, X, T)
            assert n.delta_sum == pytest.approx(grads.biases[layer][j], rel=1e-12, abs=1e-15)
            assert last_number(n.lines(6)[-1]) == pytest.approx(n.delta_sum, rel=1e-5, abs=1e-300)


def test_one_sample_batch_matches_explain_gradient_and_the_mean_of_one_sample_gradients():
    head = HEADS[0]
    net = skip_net(head=head)
    X, T = batch(head, B=4)
    e = explain_edge(net, "x", "h1", 2, 1, X, T)
    singles = [core.explain_gradient(net, "x", "h1", 2, 1, X[n], T[n]).gradient for n in range(4)]
    assert np.mean(singles) == pytest.approx(e.mean, rel=1e-12)
    one = explain_edge(net, "x", "h1", 2, 1, X[:1], T[:1])
    assert one.samples[0].gradient == singles[0]
    assert one.total == one.mean == singles[0]


def test_neuron_explanation():
    head = HEADS[0]
    net = skip_net(head=head)
    X, T = batch(head, B=3)
    values = net.forward_all(X)
    n = explain_neuron(net, "h2", 1, X, T)
    np.testing.assert_array_equal(n.z, values["h2"][0][:, 1])
    np.testing.assert_array_equal(n.a, values["h2"][1][:, 1])
    assert n.z_mean == pytest.approx(values["h2"][0][:, 1].mean())
    for s in n.samples:
        assert s.f_prime * s.dL_da == pytest.approx(s.delta, rel=1e-12)
        assert sum(c.product for c in s.contributions) == pytest.approx(s.dL_da, rel=1e-12)
    text = n.lines()
    assert text[0].startswith("neuron h2_1 (layer h2, leaky_relu):")
    assert text[-1].startswith("batch, a sum over the 3 samples") and "dL/db_h2_1 = " in text[-1]
    out = explain_neuron(net, "y", 0, X, T)
    assert all(s.target == T[k, 0] and s.contributions == [] for k, s in enumerate(out.samples))
    x = explain_neuron(net, "x", 1, X, T)
    assert x.is_input and x.z is None and x.delta is None and x.delta_sum is None
    np.testing.assert_array_equal(x.a, X[:, 1])
    assert "input" in x.lines()[0]


# ---------------------------------------------------------------- check_parameter
@pytest.mark.parametrize("hidden", [("tanh", "sigmoid"), ("sigmoid", "identity")])
@pytest.mark.parametrize("head", [HEADS[1], HEADS[2], HEADS[5], HEADS[7]], ids=lambda h: h[0] + "-" + h[1])
def test_check_parameter_agrees_with_backprop_and_restores_parameters(hidden, head):
    net = skip_net(hidden, head)
    net.training.regularization, net.training.regularization_rate = "l2", 0.1
    X, T = batch(head, B=4)
    before = net.flat.copy()
    for src, tgt in EDGES:
        rows, cols = net.weights[src, tgt].shape
        for j in range(rows):
            for i in range(cols):
                c = check_parameter(net, X, T, "weight", (src, tgt, j, i))
                assert c.relative_error <= 1e-7, c.lines()
                assert c.analytic == net.loss_and_gradients(X, T)[1].weights[src, tgt][j, i]
                assert c.name == f"w[{src}→{tgt}][{j},{i}]"
    for layer in ("h1", "h2", "y"):
        for j in range(net.layer(layer).units):
            c = check_parameter(net, X, T, "bias", (layer, j))
            assert c.relative_error <= 1e-7, c.lines()
    assert net.flat.tobytes() == before.tobytes()
    assert "they agree" in c.lines()[-1]


def test_check_parameter_refuses_removed_edges_and_missing_biases():
    head = HEADS[0]
    net = skip_net(head=head)
    X, T = batch(head, B=2)
    net.set_edge_enabled("x", "h1", 1, 0, False)
    with pytest.raises(ValueError, match="removed"):
        check_parameter(net, X, T, "weight", ("x", "h1", 1, 0))
    net.set_bias_enabled("y", False)
    with pytest.raises(ValueError, match="no bias"):
        check_parameter(net, X, T, "bias", ("y", 0))
    with pytest.raises(ValueError, match="kind"):
        check_parameter(net, X, T, "gain", ("y", 0))
    with pytest.raises(IndexError):
        check_parameter(net, X, T, "weight", ("x", "h1", 5, 0))


@pytest.mark.parametrize("loss, output", [
    ("binary_cross_entropy", "identity"), ("binary_cross_entropy", "tanh"), ("binary_cross_entropy", "softmax"),
    ("cross_entropy", "sigmoid"), ("cross_entropy", "identity"),
])
def test_a_cross_entropy_loss_without_its_partner_output_reaches_no_derivation(loss, output):
    """Every way to a chain-rule derivation, a trace or an export refuses a cross-entropy loss after
    any output but its partner (sigmoid, softmax), so only the fused δ = (y − t)/N is ever written."""
    from core.backprop import backward_pass
    from core.export import ExportError, export_bytes

    net = deep_net(output=output, loss=loss, n_out=2)
    net.dataset = core.Dataset(np.array([X, -X]), np.array([[1.0, 0.0], [0.0, 1.0]]))
    x, t = X, np.array([1.0, 0.0])
    X2, T2 = x[None, :], t[None, :]
    needs = "needs a sigmoid" if loss == "binary_cross_entropy" else "needs a softmax"
    attempts = {
        "explain_gradient": lambda: core.explain_gradient(net, "h2", "y", 0, 1, x, t),
        "explain_edge": lambda: core.explain_edge(net, "h2", "y", 0, 1, X2, T2),
        "explain_neuron": lambda: core.explain_neuron(net, "y", 0, X2, T2),
        "backward_pass": lambda: backward_pass(net, X2, T2),
        "trace_step": lambda: core.trace_step(net),
        "trace_step sample": lambda: core.trace_step(net, 0),
        "Trainer": lambda: core.Trainer(net),
    }
    for what, attempt in attempts.items():
        with pytest.raises(core.GraphError, match=needs):
            attempt()
            pytest.fail(f"{what} accepted {loss} after {output}")
    for fmt in ("numpy", "pytorch"):
        with pytest.raises(ExportError, match=needs):
            export_bytes(net, fmt)
    # the same network with the partner output explains, traces and exports
    net.set_activation("y", "sigmoid" if loss == "binary_cross_entropy" else "softmax")
    assert core.explain_neuron(net, "y", 0, X2, T2).samples[0].how == "fused"
    assert core.trace_step(net).layers["y"].delta is not None
    assert export_bytes(net, "numpy") and export_bytes(net, "pytorch")
