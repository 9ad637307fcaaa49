"""Finite-difference checks of backpropagation on random layer graphs (hypothesis).

Every parameter θ_k of a random network (weights and biases, float64) is checked
against a numeric derivative built from ``core.gradcheck``'s centred differences
D(h) = (L(θ + h·e_k) − L(θ − h·e_k)) / 2h, refined by one Richardson step:
n_k = (4·D(h/2) − D(h)) / 3 with h = 1e-3. A plain centred difference has a
truncation error of about h²·L‴/6, and L‴ is large where a probability nears 0
or 1 (binary cross-entropy on a softmax output: L‴ ~ 1/p³): measured over 600
random graphs, plain centred differences at h = 1e-5 disagreed with backprop by up
to 1.1e-5 (relative) on gradients of size ~1, while the Richardson value at
h = 1e-3 agreed within 5e-8 on all of them. Richardson cancels the h² term.

Error measure (stated honestly): err_k = |a_k − n_k| / max(|a_k| + |n_k|, FLOOR) with
FLOOR = 1e-3. Where |a_k| + |n_k| ≥ 1e-3 this is the symmetric relative error; for
gradients that are ~0 it is an absolute bound |a_k − n_k| ≤ 1e-7 · 1e-3 = 1e-10 (the
rounding error of the difference quotient itself is about ε·|L|/h ≈ 2e-11·|L|, so a
floor of 1e-4 failed on a correct gradient of 4e-5 with |a − n| = 1.3e-11),
just above the numeric reference's own rounding noise (≈ ε·|L|/h ≈ 2e-12·|L|,
times 5/3 for the Richardson combination).

The tolerance is 1e-7 for every activation, relu and leaky_relu included: examples
whose relu/leaky_relu pre-activations come within KINK_MARGIN of the kink at 0 are
discarded (a perturbation of size h then cannot cross the kink, so the loss is
smooth around θ and the same tolerance applies). With L1 regularization, weights
within KINK_MARGIN of 0 are likewise discarded, and so are binary cross-entropy
cases on a softmax output saturated within 1e-3 of 0 or 1, where the loss value
itself is too imprecise for any finite difference (see ``saturated_log_loss``). A separate test covers the kink
itself with the looser bound 1e-4.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

import core
from random_graphs import networks

H = 1e-3
FLOOR = 1e-3
TOL = 1e-7
KINK_MARGIN = 0.05
SMOOTH = ("identity", "sigmoid", "tanh")
KINKED = ("relu", "leaky_relu")


def check(net, X, T):
    """(analytic, numeric, err, names): see the module docstring for n and err."""
    coarse = core.gradcheck(net, X, T, h=H)
    fine = core.gradcheck(net, X, T, h=H / 2)
    a, n = fine.analytic, (4.0 * fine.numeric - coarse.numeric) / 3.0
    return a, n, np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), FLOOR), fine.names


def describe(a, n, err, names) -> str:
    k = int(err.argmax())
    return f"{names[k]}: analytic {a[k]!r}, numeric {n[k]!r}, error {err[k]:.3g}"


def nearest_kink(net: core.Network, X) -> float:
    """Smallest |z| over relu/leaky_relu layers (inf if there is none)."""
    values = net.forward_all(X)
    dist = np.inf
    for layer in net.layers[1:]:
        if layer.activation in KINKED and layer.name in values:
            dist = min(dist, float(np.abs(values[layer.name][0]).min()))
    return dist


def saturated_log_loss(net: core.Network, X) -> bool:
    """binary_cross_entropy on a softmax output with a probability within 1e-3 of 0 or 1.

    There the loss has no logits formula: log(1 − y) is computed from a rounded y,
    so L itself carries a relative error of about ε / (1 − y) (≈ 2e-9 at
    y = 1 − 1e-7), which no finite difference can see through. Backprop is fine
    there (it agrees with the previous, independently written implementation);
    the reference is not.
    """
    if net.training.loss != "binary_cross_entropy" or net.layer(net.output_layer).activation == "sigmoid":
        return False
    y = net.forward(X)
    return bool(np.any((y < 1e-3) | (y > 1 - 1e-3)))


def smallest_weight(net: core.Network) -> float:
    """Smallest |w| over unmasked weights (L1's kink is at w = 0)."""
    w = net.flat[: net.n_weights]
    mask = net.mask_vector()
    live = w if mask is None else w[mask[: net.n_weights] == 1]
    return float(np.abs(live).min(initial=np.inf))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(networks())
def test_backprop_matches_finite_differences(case):
    net, X, T = case
    assume(nearest_kink(net, X) > KINK_MARGIN)
    assume(net.training.regularization != "l1" or smallest_weight(net) > KINK_MARGIN)
    assume(not saturated_log_loss(net, X))
    a, n, err, names = check(net, X, T)
    assert err.max(initial=0.0) <= TOL, describe(a, n, err, names)
    # the analytic gradient of a removed edge is exactly 0
    mask = net.mask_vector()
    if mask is not None:
        assert np.all(a[mask == 0] == 0.0)


@pytest.mark.parametrize("activation", SMOOTH + KINKED)
def test_every_hidden_activation_with_skip_connection(activation):
    """A fixed diamond (in → h1 → h2 → out plus in → out and in → h2) per activation."""
    rng = np.random.default_rng(5)  # a seed whose relu pre-activations stay ≥ 0.09 from 0
    net = core.Network("diamond")
    net.add_layer("in", 3)
    net.add_layer("h1", 4, activation=activation)
    net.add_layer("h2", 3, activation=activation, bias=False)
    net.add_layer("out", 2, activation="sigmoid")
    for src, tgt in [("in", "h1"), ("h1", "h2"), ("h2", "out"), ("in", "out"), ("in", "h2")]:
        net.connect(src, tgt, seed=2)
    net.training.loss = "binary_cross_entropy"
    X = rng.normal(size=(5, 3)) + 0.05
    T = rng.uniform(size=(5, 2))
    assert nearest_kink(net, X) > KINK_MARGIN
    a, n, err, names = check(net, X, T)
    assert err.max() <= TOL, describe(a, n, err, names)


def test_relu_next_to_the_kink_within_the_looser_bound():
    """z = 1e-8, closer to relu's kink than h = 1e-5: a centred difference straddles
    the kink and averages the two one-sided slopes (off by ~50%), so near the kink
    backprop is compared with the one-sided difference on z's side instead,
    relative error ≤ 1e-4."""
    h = 1e-5
    net = core.Network("kink")
    net.add_layer("x", 1)
    net.add_layer("h", 1, activation="relu", bias=False)
    net.add_layer("y", 1, bias=False)
    net.connect("x", "h", weights=[[1e-8]])
    net.connect("h", "y", weights=[[2.0]])
    net.training.loss = "mse"
    X, T = np.array([[1.0]]), np.array([[3.0]])
    _, grads = net.loss_and_gradients(X, T)
    analytic = grads.weights["x", "h"][0, 0]
    assert analytic == pytest.approx(2 * (2 * 1e-8 - 3) * 2, rel=1e-12)  # dL/dw = 2(y − t)·2·x
    w = net.weights["x", "h"]
    base = net.data_loss(X, T)
    w[0, 0] = 1e-8 + h
    forward_diff = (net.data_loss(X, T) - base) / h
    w[0, 0] = 1e-8
    assert abs(analytic - forward_diff) / (abs(analytic) + abs(forward_diff)) <= 1e-4
    straddling = core.gradcheck(net, X, T, h=h).numeric[0]
    assert abs(straddling - analytic) > 0.3 * abs(analytic)
