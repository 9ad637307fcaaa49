"""Activations and losses: values against their formulas, stability at extreme inputs."""

from __future__ import annotations

import numpy as np
import pytest

import core

Z = np.array([[-3.0, -0.5, 0.0, 0.25, 2.0]])


def test_activation_values():
    act = core.get_activation
    np.testing.assert_allclose(act("identity").forward(Z), Z)
    np.testing.assert_allclose(act("sigmoid").forward(Z), 1 / (1 + np.exp(-Z)), rtol=1e-15)
    np.testing.assert_allclose(act("tanh").forward(Z), np.tanh(Z))
    np.testing.assert_array_equal(act("relu").forward(Z), [[0, 0, 0, 0.25, 2.0]])
    np.testing.assert_allclose(act("leaky_relu").forward(Z), [[-0.03, -0.005, 0, 0.25, 2.0]], rtol=1e-15)
    s = act("softmax").forward(Z)
    np.testing.assert_allclose(s, np.exp(Z) / np.exp(Z).sum(), rtol=1e-15)


def test_derivatives():
    act = core.get_activation
    for name, expected in [
        ("identity", np.ones_like(Z)),
        ("sigmoid", np.exp(-Z) / (1 + np.exp(-Z)) ** 2),
        ("tanh", 1 / np.cosh(Z) ** 2),
        ("relu", [[0, 0, 0, 1, 1]]),  # 0 at exactly 0
        ("leaky_relu", [[0.01, 0.01, 0.01, 1, 1]]),
    ]:
        a = act(name).forward(Z)
        np.testing.assert_allclose(act(name).derivative(Z, a), expected, rtol=1e-14, err_msg=name)
    assert act("softmax").derivative is None


def test_softmax_backward_is_the_jacobian_product():
    z = np.array([[0.3, -1.0, 2.0]])
    s = core.get_activation("softmax").forward(z)[0]
    jac = np.diag(s) - np.outer(s, s)
    da = np.array([[0.5, -2.0, 1.0]])
    dz = core.get_activation("softmax").backward(z, s[None, :], da)
    np.testing.assert_allclose(dz[0], jac @ da[0], rtol=1e-14)


def test_extreme_inputs_stay_finite():
    z = np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        for name in core.ACTIVATIONS:
            a = core.get_activation(name).forward(z)
            assert np.all(np.isfinite(a)), name
        sig = core.get_activation("sigmoid").forward(z)
    assert sig[0, 0] == 0.0 and sig[0, -1] == 1.0
    s = core.get_activation("softmax").forward(z)
    assert s[0, -1] == 1.0 and s.sum() == 1.0


def test_unknown_names_list_the_known_ones():
    with pytest.raises(ValueError, match="unknown activation 'swish'; expected one of identity, sigmoid"):
        core.get_activation("swish")
    with pytest.raises(ValueError, match="unknown loss 'hinge'; expected one of mse, half_mse"):
        core.get_loss("hinge")
    assert "softmax" not in core.HIDDEN_ACTIVATIONS


Y = np.array([[0.2, 0.9], [0.6, 0.1]])
T = np.array([[0.0, 1.0], [1.0, 0.0]])


def test_loss_values_and_gradients():
    mse, half = core.get_loss("mse"), core.get_loss("half_mse")
    assert mse.value(Y, T) == pytest.approx((0.04 + 0.01 + 0.16 + 0.01) / 4, rel=1e-15)
    assert half.value(Y, T) == pytest.approx(mse.value(Y, T) / 2, rel=1e-15)
    np.testing.assert_allclose(mse.gradient(Y, T), 2 * (Y - T) / 4, rtol=1e-15)
    np.testing.assert_allclose(half.gradient(Y, T), (Y - T) / 4, rtol=1e-15)
    bce = core.get_loss("binary_cross_entropy")
    expected = -np.mean(T * np.log(Y) + (1 - T) * np.log(1 - Y))
    assert bce.value(Y, T) == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(bce.gradient(Y, T), (Y - T) / (Y * (1 - Y)) / 4, rtol=1e-14)


def test_fused_losses_equal_the_plain_formulas():
    z = np.array([[0.3, -1.2, 2.0], [-0.5, 0.0, 0.7]])
    t = np.array([[0.0, 0.0, 1.0], [0.2, 0.5, 0.3]])  # one-hot and probability rows
    ce = core.get_loss("cross_entropy")
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert ce.value_from_logits(z, t) == pytest.approx(-np.sum(t * np.log(p)) / 2, rel=1e-14)
    assert ce.value(p, t) == pytest.approx(ce.value_from_logits(z, t), rel=1e-13)
    np.testing.assert_allclose(ce.gradient_logits(p, t), (p - t) / 2, rtol=1e-13, atol=1e-16)
    bce = core.get_loss("binary_cross_entropy")
    s = 1 / (1 + np.exp(-z))
    tb = np.array([[0.0, 1.0, 1.0], [0.5, 0.0, 1.0]])
    assert bce.value_from_logits(z, tb) == pytest.approx(bce.value(s, tb), rel=1e-13)
    np.testing.assert_allclose(bce.gradient_logits(s, tb), (s - tb) / 6, rtol=1e-14)


def test_fused_losses_are_stable_for_huge_logits():
    z = np.array([[1000.0, -1000.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        ce = core.get_loss("cross_entropy").value_from_logits(z, np.array([[0.0, 1.0]]))
        bce = core.get_loss("binary_cross_entropy").value_from_logits(z, np.array([[0.0, 1.0]]))
    assert ce == pytest.approx(2000.0, rel=1e-15)
    assert bce == pytest.approx(1000.0, rel=1e-15)  # mean of 1000 and 1000


def test_network_loss_uses_logits_for_sigmoid_bce():
    """A saturated sigmoid output (y rounds to exactly 1.0) still gives the true, finite BCE."""
    net = core.Network()
    net.add_layer("x", 1)
    net.add_layer("y", 1, activation="sigmoid", bias=False)
    net.connect("x", "y", weights=[[1.0]])
    net.training.loss = "binary_cross_entropy"
    loss, grads = net.loss_and_gradients([[60.0]], [[0.0]])
    assert loss == pytest.approx(60.0, rel=1e-12)
    assert grads.weights["x", "y"][0, 0] == pytest.approx(60.0, rel=1e-12)  # (σ(z) − t)·x
