"""Small builders shared by the core tests (plain functions, no fixtures)."""

from __future__ import annotations

import numpy as np

import core


def chain(sizes, activations, *, loss="mse", bias=True, seed=0, lr=0.1, batch_size=None, dataset=None):
    """A chain network l0 → l1 → … with ``sizes`` units and ``activations`` for l1….

    ``bias`` is a bool for every layer or a list (one per non-input layer).
    """
    net = core.Network("test")
    names = [f"l{k}" for k in range(len(sizes))]
    biases = [bias] * (len(sizes) - 1) if isinstance(bias, bool) else list(bias)
    net.add_layer(names[0], sizes[0])
    for k in range(1, len(sizes)):
        net.add_layer(names[k], sizes[k], activation=activations[k - 1], bias=biases[k - 1])
        net.connect(names[k - 1], names[k], seed=seed)
    net.training.loss = loss
    net.training.optimizer.learning_rate = lr
    if dataset is not None:
        net.dataset = dataset
        net.training.batch_size = batch_size or len(dataset)
    return net


def random_dataset(net, samples, seed=0, kind="regression"):
    """Random inputs and targets fitting ``net``: regression (normal), binary (0/1), onehot."""
    rng = np.random.default_rng(seed)
    n_in = net.layer(net.input_layer).units
    n_out = net.layer(net.output_layer).units
    X = rng.normal(size=(samples, n_in))
    if kind == "onehot":
        T = np.eye(n_out)[rng.integers(0, n_out, samples)]
    elif kind == "binary":
        T = rng.integers(0, 2, (samples, n_out)).astype(float)
    elif kind == "regression":
        T = rng.normal(size=(samples, n_out))
    else:  # (an unknown kind fell back to normal targets, which cross_entropy refuses)
        raise ValueError(f"random_dataset: kind {kind!r} is not regression, binary or onehot")
    return core.Dataset(X, T)
