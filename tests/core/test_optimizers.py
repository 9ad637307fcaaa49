"""Optimizers against updates computed by hand (PyTorch's rules), and regularization gradients."""

from __future__ import annotations

import math

import numpy as np
import pytest

import core
from core.settings import OptimizerSettings

THETA0 = [0.5, -1.25, 2.0]
GRADS = [[0.1, -0.2, 0.3], [0.4, 0.05, -0.6], [-0.7, 0.25, 0.0]]
LR = 0.1


def run(optimizer, theta0=THETA0, grads=GRADS):
    theta = np.array(theta0, dtype=float)
    trace = []
    for g in grads:
        optimizer.update(theta, np.array(g, dtype=float))
        trace.append(theta.copy())
    return trace


def test_plain_sgd():
    trace = run(core.SGD(3, LR))
    expected, w = [], list(THETA0)
    for g in GRADS:
        w = [wk - LR * gk for wk, gk in zip(w, g)]  # w ← w − lr·g
        expected.append(w)
    np.testing.assert_allclose(trace, expected, rtol=0, atol=1e-15)
    assert trace[0][0] == pytest.approx(0.5 - 0.01)


def test_sgd_momentum():
    mu = 0.9
    trace = run(core.SGD(3, LR, momentum=mu))
    # element 0 by hand: v1 = 0.1; w1 = 0.5 − 0.01 = 0.49
    #                   v2 = 0.9·0.1 + 0.4 = 0.49; w2 = 0.49 − 0.049 = 0.441
    #                   v3 = 0.9·0.49 − 0.7 = −0.259; w3 = 0.441 + 0.0259 = 0.4669
    assert [t[0] for t in trace] == pytest.approx([0.49, 0.441, 0.4669], abs=1e-15)
    expected, w, v = [], list(THETA0), [0.0] * 3
    for g in GRADS:
        v = [mu * vk + gk for vk, gk in zip(v, g)]  # v ← μv + g
        w = [wk - LR * vk for wk, vk in zip(w, v)]  # w ← w − lr·v
        expected.append(w)
    np.testing.assert_allclose(trace, expected, rtol=0, atol=1e-15)


def test_sgd_nesterov():
    mu = 0.9
    trace = run(core.SGD(3, LR, momentum=mu, nesterov=True))
    # element 0: v1 = 0.1, step g + μv = 0.1 + 0.09 = 0.19, w1 = 0.5 − 0.019 = 0.481
    #            v2 = 0.49, step 0.4 + 0.441 = 0.841, w2 = 0.481 − 0.0841 = 0.3969
    #            v3 = −0.259, step −0.7 − 0.2331 = −0.9331, w3 = 0.3969 + 0.09331 = 0.49021
    assert [t[0] for t in trace] == pytest.approx([0.481, 0.3969, 0.49021], abs=1e-15)
    expected, w, v = [], list(THETA0), [0.0] * 3
    for g in GRADS:
        v = [mu * vk + gk for vk, gk in zip(v, g)]
        w = [wk - LR * (gk + mu * vk) for wk, gk, vk in zip(w, g, v)]  # w ← w − lr·(g + μv)
        expected.append(w)
    np.testing.assert_allclose(trace, expected, rtol=0, atol=1e-15)


def test_adam():
    b1, b2, eps = 0.9, 0.999, 1e-8
    trace = run(core.Adam(3, LR))
    # step 1 of any element with g ≠ 0: m̂ = g, v̂ = g², update = lr·g/(|g| + ε) ≈ lr·sign(g)
    assert trace[0][0] == pytest.approx(0.5 - LR * 0.1 / (0.1 + eps), abs=1e-15)
    expected, w, m, v = [], list(THETA0), [0.0] * 3, [0.0] * 3
    for t, g in enumerate(GRADS, start=1):
        m = [b1 * mk + (1 - b1) * gk for mk, gk in zip(m, g)]
        v = [b2 * vk + (1 - b2) * gk * gk for vk, gk in zip(v, g)]
        m_hat = [mk / (1 - b1**t) for mk in m]
        v_hat = [vk / (1 - b2**t) for vk in v]
        w = [wk - LR * mh / (math.sqrt(vh) + eps) for wk, mh, vh in zip(w, m_hat, v_hat)]
        expected.append(w)
    # PyTorch orders the operations differently (lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)); same value to rounding
    np.testing.assert_allclose(trace, expected, rtol=0, atol=1e-14)
    # the third gradient of element 2 is 0, yet Adam still moves it (momentum)
    assert trace[2][2] != trace[1][2]


def test_make_optimizer_reads_settings_and_refuses_bad_ones():
    sgd = core.make_optimizer(OptimizerSettings("sgd", 0.3, momentum=0.5, nesterov=True), 4)
    assert (sgd.learning_rate, sgd.momentum, sgd.nesterov) == (0.3, 0.5, True)
    adam = core.make_optimizer(OptimizerSettings("adam", 0.01, beta1=0.8, beta2=0.99, eps=1e-6), 4)
    assert (adam.beta1, adam.beta2, adam.eps) == (0.8, 0.99, 1e-6)
    with pytest.raises(ValueError, match="learning rate"):
        core.make_optimizer(OptimizerSettings("sgd", 0.0), 4)
    with pytest.raises(ValueError, match="learning rate"):
        core.make_optimizer(OptimizerSettings("sgd", float("nan")), 4)
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'"):
        core.make_optimizer(OptimizerSettings("rmsprop", 0.1), 4)
    with pytest.raises(ValueError, match="nesterov"):
        core.make_optimizer(OptimizerSettings("sgd", 0.1, nesterov=True), 4)


def test_optimizer_state_round_trip():
    opt = core.Adam(3, LR)
    run(opt)
    state = opt.state()
    other = core.Adam(3, LR)
    other.set_state(state)
    a, b = np.array(THETA0), np.array(THETA0)
    opt.update(a, np.ones(3))
    other.update(b, np.ones(3))
    assert np.array_equal(a, b)


# ------------------------------------------------------------- regularization
def regularized_net(kind, rate=0.25):
    net = core.Network("reg")
    net.add_layer("x", 2)
    net.add_layer("h", 3, activation="tanh")
    net.add_layer("y", 1)
    net.connect("x", "h", weights=[[0.5, -0.25], [1.0, 0.0], [-2.0, 0.75]])
    net.connect("h", "y", weights=[[0.3, -0.6, 0.9]])
    net.biases["h"] = [0.1, -0.4, 2.0]
    net.biases["y"] = [-3.0]
    net.training.regularization = kind
    net.training.regularization_rate = rate
    return net


X = np.array([[0.2, -1.0], [1.5, 0.3]])
T = np.array([[0.5], [-0.5]])


@pytest.mark.parametrize("kind", ["l1", "l2"])
def test_regularization_gradient_on_weights_only(kind):
    rate = 0.25
    plain_loss, plain = regularized_net("none").loss_and_gradients(X, T)
    net = regularized_net(kind, rate)
    loss, grads = net.loss_and_gradients(X, T)
    for edge in net.connections:
        w = net.weights[edge]
        expected = rate * w if kind == "l2" else rate * np.sign(w)
        np.testing.assert_allclose(grads.weights[edge] - plain.weights[edge], expected, rtol=0, atol=1e-15)
    for name in ("h", "y"):  # biases are never regularized
        assert np.array_equal(grads.biases[name], plain.biases[name])
    w_all = np.concatenate([net.weights[e].ravel() for e in net.connections])
    penalty = rate * 0.5 * np.sum(w_all**2) if kind == "l2" else rate * np.sum(np.abs(w_all))
    assert loss - plain_loss == pytest.approx(penalty, abs=1e-14)
    assert net.data_loss(X, T) == pytest.approx(plain_loss, abs=0)


def test_l1_gradient_of_a_zero_weight_is_zero():
    net = regularized_net("l1")
    _, grads = net.loss_and_gradients(X, T)
    _, plain = regularized_net("none").loss_and_gradients(X, T)
    assert grads.weights["x", "h"][1, 1] == plain.weights["x", "h"][1, 1]  # w = 0: sign(0) = 0


def test_unknown_regularization_is_refused():
    net = regularized_net("l3")
    with pytest.raises(ValueError, match="unknown regularization 'l3'"):
        net.loss_and_gradients(X, T)


def test_training_step_applies_weight_decay_like_pytorch():
    """One sgd step with L2: w ← w − lr·(g + rate·w), biases ← b − lr·g."""
    net = regularized_net("l2", rate=0.1)
    net.dataset = core.Dataset(X, T)
    net.training.batch_size = 2
    net.training.optimizer.learning_rate = 0.05
    _, plain = regularized_net("none").loss_and_gradients(X, T)
    before = {e: net.weights[e].copy() for e in net.connections}
    b_before = net.biases["y"].copy()
    core.Trainer(net).step()
    for e in net.connections:
        expected = before[e] - 0.05 * (plain.weights[e] + 0.1 * before[e])
        np.testing.assert_allclose(net.weights[e], expected, rtol=0, atol=1e-15)
    np.testing.assert_allclose(net.biases["y"], b_before - 0.05 * plain.biases["y"], rtol=0, atol=1e-15)
