"""The chain rule's text: what ``EdgeExplanation.lines`` and ``NeuronExplanation.lines`` write (every term
of a sum, the capped sample list, regularization, removed edges, each activation's derivative, the
loss's derivative, softmax), ``format_number``, and no negative zero in any text. The numbers
themselves are tested in ``test_explain.py``."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import core
from core.explain import explain_edge, explain_neuron
from core.notation import factor, format_number
from explain_cases import EDGES, HEADS, HIDDEN, batch, last_number, negative_zeros, skip_net


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
    assert text.splitlines()[0] == "dL/dw[x→h1][1,0] = a_x0 · tanh'(z_h1_1) · dL/da_h1_1"  # (h1 is tanh)


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
    # one sample: N = 1, nothing to divide by; the loss in words, not the engine's name (review 13)
    assert any(l.startswith("δ_y1 = dL/dz_y1 = y − t = ") and "softmax with cross‐entropy" in l for l in lines)
    assert not any("cross_entropy" in l for l in lines)


def test_output_loss_derivatives_are_written_out():
    net = skip_net(("sigmoid", "sigmoid"), HEADS[1])
    X, T = batch(HEADS[1], B=1)
    lines = explain_edge(net, "h2", "y", 0, 0, X, T).lines()
    y = net.forward(X)[0, 0]
    expected = f"dL/da_y0 = 2(y − t) = 2·({format_number(y)} − {factor(T[0, 0], 4)}) = "  # N = 1: no /N
    assert any(l.startswith(expected) for l in lines)
    assert "L = (y − t)²" in lines  # the loss as a formula, not "L = mse = …" (review 13)
    net.training.loss = "half_mse"
    lines = explain_edge(net, "h2", "y", 0, 0, X, T).lines()
    assert any(l.startswith("dL/da_y0 = y − t = ") for l in lines) and "L = ½(y − t)²" in lines
    X, T = batch(HEADS[1], B=3)
    lines = explain_edge(net, "h2", "y", 0, 0, X, T).lines()
    assert any(l.startswith("  dL/da_y0 = (y − t)/N = (") for l in lines)
    assert "L = ½(y − t)², the mean over the batch of 3 samples; N = 3 samples × 1 output = 3" in lines


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
    assert "0.500001027 − 0.5 = " in line


@pytest.mark.parametrize("act,z", [("sigmoid", 12.11), ("sigmoid", -0.3), ("tanh", 6.5), ("tanh", -7.2)])
def test_a_saturated_neuron_derivative_checks_by_hand(act, z):
    """σ(12.11) = 0.9999945 was written "1 · (1 − 1) = 5.497e−6" (the saturation lesson's Inspector):
    the factor written must give the derivative when a student computes with it."""
    net = core.Network("s")
    net.add_layer("x", 1)
    net.add_layer("h", 1, activation=act)
    net.add_layer("y", 1)
    net.connect("x", "h", weights=[[z]])
    net.connect("h", "y", weights=[[1.0]])
    e = explain_edge(net, "x", "h", 0, 0, [[1.0]], [[0.0]])
    f_line = next(line for line in e.lines() if line.startswith("f = "))
    written = re.split(" [=≈] ", f_line)[-2]  # "0.9999945 · (1 − 0.9999945)" or "1 − (−0.99999549)²"
    factor_text = written.split("(1 − ")[-1][:-1] if act == "sigmoid" else written[len("1 − "):-1]
    s = float(factor_text.strip("()").replace("−", "-"))
    by_hand = s * (1 - s) if act == "sigmoid" else 1 - s * s
    assert by_hand == pytest.approx(e.samples[0].f_prime, rel=5e-3)
