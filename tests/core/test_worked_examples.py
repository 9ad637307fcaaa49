"""The tutorials' worked examples, as exact numbers."""

from __future__ import annotations

import numpy as np
import pytest

import core


def perceptron(w=0.8):
    """a = i·w: one input, one identity output, no bias; loss (y − a)² ("mse" on one element)."""
    net = core.Network("perceptron")
    net.add_layer("i", 1)
    net.add_layer("a", 1, activation="identity", bias=False)
    net.connect("i", "a", weights=[[w]])
    net.dataset = core.Dataset([[1.5]], [[0.5]])
    net.training.loss = "mse"
    net.training.optimizer.learning_rate = 0.1
    net.training.batch_size = 1
    return net


def test_single_weight_perceptron_first_step():
    net = perceptron()
    trainer = core.Trainer(net)
    loss = trainer.step()
    # a = 1.5·0.8 = 1.2; L = (0.5 − 1.2)² = 0.49; dL/dw = 2·(1.2 − 0.5)·1.5 = 2.1; w = 0.8 − 0.1·2.1
    assert loss == pytest.approx(0.49, abs=1e-12)
    assert net.weights["i", "a"][0, 0] == pytest.approx(0.59, abs=1e-12)


def test_single_weight_perceptron_converges_to_one_third():
    net = perceptron()
    trainer = core.Trainer(net)
    # each step multiplies (w − 1/3) by (1 − 0.1·2·1.5²) = 0.55
    w_prev = net.weights["i", "a"][0, 0]
    trainer.step()
    w_next = net.weights["i", "a"][0, 0]
    assert (w_next - 1 / 3) / (w_prev - 1 / 3) == pytest.approx(0.55, abs=1e-12)
    trainer.run(steps=100)
    assert net.weights["i", "a"][0, 0] == pytest.approx(1 / 3, abs=1e-12)
    assert net.forward([[1.5]])[0, 0] == pytest.approx(0.5, abs=1e-12)


def test_two_two_one_linear_network_outputs_0_61():
    """Weights written input-major (rows = inputs), as NumPy code often does: W_ours = W_theirs.T.

    h = [1·0.5 + 2·0.1, 1·0.6 + 2·0.2] = [0.7, 1.0]; y = 0.7·0.3 + 1.0·0.4 = 0.61
    (the tutorial's printed 0.32 is an arithmetic slip).
    """
    input_major_1 = np.array([[0.5, 0.6], [0.1, 0.2]])
    input_major_2 = np.array([[0.3], [0.4]])
    net = core.Network("2-2-1")
    net.add_layer("x", 2)
    net.add_layer("h", 2, activation="identity", bias=False)
    net.add_layer("y", 1, activation="identity", bias=False)
    net.connect("x", "h", weights=input_major_1.T)
    net.connect("h", "y", weights=input_major_2.T)
    assert net.weights["x", "h"][0, 1] == 0.1  # W[j, i]: from x's neuron 1 to h's neuron 0
    values = net.forward_all(np.array([[1.0, 2.0]]))
    np.testing.assert_allclose(values["h"][1], [[0.7, 1.0]], rtol=0, atol=1e-12)
    assert net.forward(np.array([[1.0, 2.0]]))[0, 0] == pytest.approx(0.61, abs=1e-12)


def test_sigmoid_network_trained_toward_0_6():
    """x → 2 sigmoid hidden units → 1 sigmoid output, one sample, target 0.6, mse, sgd 0.5."""
    net = core.Network("toward 0.6")
    net.add_layer("x", 2)
    net.add_layer("h", 2, activation="sigmoid")
    net.add_layer("y", 1, activation="sigmoid")
    net.connect("x", "h", weights=[[0.15, 0.20], [0.25, 0.30]])
    net.connect("h", "y", weights=[[0.40, 0.45]])
    net.biases["h"] = [0.35, 0.35]
    net.biases["y"] = [0.60]
    net.dataset = core.Dataset([[0.05, 0.10]], [[0.6]])
    net.training.loss = "mse"
    net.training.optimizer.learning_rate = 0.5
    net.training.batch_size = 1
    trainer = core.Trainer(net)
    losses = []
    while abs(net.forward([[0.05, 0.10]])[0, 0] - 0.6) >= 1e-3:
        losses.append(trainer.step())
        assert len(losses) < 1000, "did not reach the target"
    assert losses[0] > 1e-2
    assert len(losses) > 5
    assert all(b < a for a, b in zip(losses, losses[1:])), "the loss must fall at every step"
    # and it keeps falling afterwards, until float64 rounding ends it (loss ≈ 1e-25)
    more = [trainer.step() for _ in range(100)]
    assert all(b < a for a, b in zip(losses[-1:] + more, more)), "the loss must fall at every step"
    assert abs(net.forward([[0.05, 0.10]])[0, 0] - 0.6) < 1e-3
