"""explain_gradient: the chain-rule product equals backprop's gradient of the one-sample loss."""

from __future__ import annotations

import math

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


# ---------------------------------------------------------------- batches, text, numerical check
import re

from core.explain import explain_edge, explain_neuron
from core.notation import factor, format_number
from core.gradcheck import check_parameter

NUMBER = re.compile(r"[−-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[−+-]?\d+)?|[−-]?∞|nan")
HIDDEN = ("identity", "sigmoid", "tanh", "relu", "leaky_relu")
#: (loss, output activation, outputs, target kind)
HEADS = [
    ("mse", "identity", 2, "regression"),
    ("mse", "sigmoid", 1, "regression"),
    ("mse", "softmax", 3, "regression"),
    ("half_mse", "tanh", 2, "regression"),
    ("half_mse", "relu", 2, "regression"),
    ("binary_cross_entropy", "sigmoid", 2, "binary"),
    ("binary_cross_entropy", "sigmoid", 1, "probability"),
    ("cross_entropy", "softmax", 3, "onehot"),
]
EDGES = [("x", "h1"), ("h1", "h2"), ("h2", "y"), ("h1", "y")]


def skip_net(hidden=("tanh", "leaky_relu"), head=HEADS[0], seed=4):
    loss, output, n_out, _ = head
    net = core.Network("skip")
    net.add_layer("x", 2)
    net.add_layer("h1", 3, activation=hidden[0])
    net.add_layer("h2", 2, activation=hidden[1])
    net.add_layer("y", n_out, activation=output)
    for src, tgt in EDGES:
        net.connect(src, tgt, seed=seed)
    net.biases["h1"] = [0.1, -0.3, 0.2]
    net.biases["h2"] = [0.3, -0.2]
    net.training.loss = loss
    return net


def batch(head, B=5, seed=0):
    n_out, kind = head[2], head[3]
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(B, 2))
    if kind == "onehot":
        T = np.eye(n_out)[rng.integers(0, n_out, B)]
    elif kind == "binary":
        T = rng.integers(0, 2, (B, n_out)).astype(float)
    elif kind == "probability":
        T = rng.uniform(0.1, 0.9, (B, n_out))
    else:
        T = rng.normal(size=(B, n_out))
    return X, T


def last_number(text: str) -> float:
    return float(NUMBER.findall(text)[-1].replace("−", "-"))


def negative_zeros(text: str) -> list[str]:
    return [m for m in NUMBER.findall(text) if m[0] in "−-" and m[1:] != "∞" and float(m[1:].replace("−", "-")) == 0]


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


def test_hidden_edge_lists_every_term_of_every_outgoing_connection():
    head = HEADS[0]
    net = skip_net(head=head)
    X, T = batch(head, B=1)
    e = explain_edge(net, "x", "h1", 1, 0, X, T)
    state = e.samples[0].neuron
    assert [(c.layer, c.k) for c in state.contributions] == [("h2", 0), ("h2", 1), ("y", 0), ("y", 1)]
    assert math.fsum(c.product for c in state.contributions) == pytest.approx(state.dL_da, rel=1e-12)
    text = "\n".join(e.lines())
    line = next(l for l in e.lines() if l.startswith("dL/da_h1_1"))
    assert "Σ_k w[h1→h2][k,1] · δ_h2_k + Σ_k w[h1→y][k,1] · δ_yk" in line
    terms = line.split(" = ")[2].split(" + ")
    assert len(terms) == 4
    for c, term in zip(state.contributions, terms):
        assert term == f"{format_number(c.weight) if c.weight >= 0 else '(' + format_number(c.weight) + ')'}·" \
                       f"{format_number(c.delta) if c.delta >= 0 else '(' + format_number(c.delta) + ')'}"
    assert text.splitlines()[0] == "dL/dw[x→h1][1,0] = a_x0 · f'(z_h1_1) · dL/da_h1_1"


def test_batch_text_caps_the_samples_but_sums_them_all():
    head = HEADS[1]
    net = skip_net(head=head)
    X, T = batch(head, B=20)
    e = explain_edge(net, "h2", "y", 0, 1, X, T)
    lines = e.lines()
    assert sum(l.startswith("sample ") for l in lines) == 8
    assert any("… and 12 more samples" in l for l in lines)
    assert "the other 12" in lines[-1] and "a sum over the 20 samples" in lines[-1]
    assert last_number(e.lines(6)[-1]) == pytest.approx(e.total, rel=1e-5)


def test_regularization_lines():
    head = HEADS[0]
    net = skip_net(head=head)
    net.training.regularization, net.training.regularization_rate = "l2", 0.25
    X, T = batch(head, B=1)
    e = explain_edge(net, "h1", "y", 0, 2, X, T)
    w = net.weights["h1", "y"][0, 2]
    assert e.lines()[-2] == f"+ L2: rate · w = 0.25 · {factor(w, 4)} = {format_number(0.25 * w)}"
    assert e.lines()[-1].startswith("dL/dw with L2 = ")
    net.training.regularization = "l1"
    e = explain_edge(net, "h1", "y", 0, 2, X, T)
    assert "+ L1: rate · sign(w) = 0.25 · " in e.lines()[-2]


def test_masked_edge_text_has_no_product():
    head = HEADS[0]
    net = skip_net(head=head)
    net.training.regularization, net.training.regularization_rate = "l2", 0.25
    net.set_edge_enabled("h1", "h2", 0, 2, False)
    X, T = batch(head, B=3)
    e = explain_edge(net, "h1", "h2", 0, 2, X, T)
    assert e.removed and e.total == e.mean == e.regularization == 0.0
    assert e.lines() == ["dL/dw[h1→h2][0,2]: this edge is removed: its weight and gradient are 0"]
    assert "·" not in "".join(e.lines()) and "×" not in e.samples[0].formula()
    n = explain_neuron(net, "h1", 2, X, T)
    removed = [c for c in n.samples[0].contributions if c.removed]
    assert [(c.layer, c.k, c.weight) for c in removed] == [("h2", 0, 0.0)]
    assert "removed edges contribute nothing" in "\n".join(n.lines())


@pytest.mark.parametrize("act,name", [
    ("identity", "f'(z) = 1"),
    ("sigmoid", "σ'(z) = σ(z)(1 − σ(z))"),
    ("tanh", "tanh'(z) = 1 − tanh²(z)"),
    ("relu", "relu'(z) = 1 if z > 0 else 0 (0 at exactly 0)"),
    ("leaky_relu", "leaky_relu'(z) = 1 if z > 0 else 0.01"),
])
def test_each_activation_names_its_derivative(act, name):
    head = HEADS[0]
    net = skip_net((act, act), head)
    X, T = batch(head, B=1)
    e = explain_edge(net, "x", "h1", 0, 0, X, T)
    f_line = next(l for l in e.lines() if l.startswith("f = "))
    assert f_line.startswith(f"f = {act}, z_h1_0 = ") and name in f_line
    assert f_line.endswith(format_number(e.samples[0].f_prime))


def test_relu_at_exactly_zero_has_derivative_zero():
    net = core.Network("r")
    net.add_layer("x", 1)
    net.add_layer("h", 1, activation="relu")
    net.add_layer("y", 1)
    net.connect("x", "h", weights=[[1.0]])
    net.connect("h", "y", weights=[[2.0]])
    e = explain_edge(net, "x", "h", 0, 0, [[0.0]], [[1.0]])
    assert e.samples[0].f_prime == 0.0
    assert "z = 0, so 0" in e.lines()[3]


def test_softmax_output_text():
    head = HEADS[2]
    net = skip_net(head=head)
    X, T = batch(head, B=1)
    lines = explain_edge(net, "h2", "y", 1, 0, X, T).lines()
    assert lines[0] == "dL/dw[h2→y][1,0] = a_h2_0 · δ_y1   (δ = dL/dz)"
    assert any("softmax is coupled" in l for l in lines)
    assert any(l.startswith("δ_y1 = s_1 · (dL/da_y1 − Σ_k s_k · dL/da_yk) = ") for l in lines)
    head = HEADS[7]
    net = skip_net(head=head)
    X, T = batch(head, B=1)
    lines = explain_edge(net, "h2", "y", 1, 0, X, T).lines()
    assert any(l.startswith("δ_y1 = dL/dz_y1 = (y − t)/N = ") and "softmax + cross_entropy" in l for l in lines)


def test_output_loss_derivatives_are_written_out():
    net = skip_net(("sigmoid", "sigmoid"), HEADS[1])
    X, T = batch(HEADS[1], B=1)
    lines = explain_edge(net, "h2", "y", 0, 0, X, T).lines()
    y = net.forward(X)[0, 0]
    expected = f"dL/da_y0 = 2(y − t)/N = 2·({format_number(y)} − {factor(T[0, 0], 4)})/1 = "
    assert any(l.startswith(expected) for l in lines)
    net.training.loss = "half_mse"
    assert any(l.startswith("dL/da_y0 = (y − t)/N = (") for l in explain_edge(net, "h2", "y", 0, 0, X, T).lines())


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


def test_format_number():
    assert format_number(-0.0) == "0"
    assert format_number(0.0) == "0"
    assert format_number(0.64571) == "0.6457"
    assert format_number(-0.64571) == "−0.6457"
    assert format_number(123456.0) == "123500"
    assert format_number(1234567.0) == "1.235e6"
    assert format_number(-1.5e-5) == "−1.5e−5"
    assert format_number(2e-300, 3) == "2e−300"
    assert format_number(1.0, 6) == "1"
    assert format_number(0.5) == "0.5"
    assert format_number(float("nan")) == "nan"
    assert format_number(-float("inf")) == "−∞"
    assert format_number(0.00012345, 3) == "0.000123"


def test_no_negative_zero_in_any_text():
    rng = np.random.default_rng(7)
    for seed in range(60):
        head = HEADS[seed % len(HEADS)]
        hidden = (HIDDEN[seed % 5], HIDDEN[(seed // 5) % 5])
        net = skip_net(hidden, head, seed=seed)
        X, T = batch(head, B=int(rng.integers(1, 5)), seed=seed)
        X[:, seed % 2] = 0.0  # zero inputs: products 0 · (negative)
        if seed % 3 == 0:
            net.set_edge_enabled("h1", "y", 0, 1, False)
            net.training.regularization, net.training.regularization_rate = ("l1", 0.1)
        for src, tgt in EDGES:
            rows, cols = net.weights[src, tgt].shape
            for j in range(rows):
                for i in range(cols):
                    e = explain_edge(net, src, tgt, j, i, X, T)
                    for d in (1, 3, 4, 6):
                        text = "\n".join(e.lines(d))
                        assert not negative_zeros(text), text
                        assert "-" not in text
        for layer in ("x", "h1", "h2", "y"):
            for j in range(net.layer(layer).units):
                assert not negative_zeros("\n".join(explain_neuron(net, layer, j, X, T).lines()))


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


def test_a_tiny_difference_is_written_with_the_digits_that_show_it():
    """'(0.5 − 0.5)/1 = 1.027e−6' cannot be checked by hand; the operands get the digits that make it."""
    from core.notation import difference_digits, exact_enough

    assert exact_enough(0.500001027, difference_digits(0.500001027, 0.5, 4)) == "0.500001027"
    assert exact_enough(0.5, difference_digits(0.500001027, 0.5, 4)) == "0.5"
    assert difference_digits(0.61, 0.5, 4) == 4  # nothing extra for an ordinary difference
    assert exact_enough(0.6000000000000001, 17) == "0.6000000000000001" and exact_enough(0.6, 17) == "0.6"
    net = core.Network("close")
    net.add_layer("x", 1)
    net.add_layer("y", 1, activation="identity", bias=False)
    net.connect("x", "y")
    net.weights["x", "y"][0, 0] = 0.500001027
    net.training.loss = "half_mse"
    e = core.explain_edge(net, "x", "y", 0, 0, np.array([[1.0]]), np.array([[0.5]]))
    line = next(line for line in e.lines(4) if line.startswith("dL/da_y0"))
    assert "(0.500001027 − 0.5)/1" in line


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
