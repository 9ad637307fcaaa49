"""Networks the training tests and benchmarks share, with no Qt (the benchmark's training process imports them)."""

from __future__ import annotations

import numpy as np

import core


def big_network(samples: int = 300, batch: int = 32):
    """784-64-10 (tanh, softmax + cross-entropy, Adam, batch 32) on seeded random 28×28 'images':
    big enough that the end of a run measures all the data after answering (``session.Evaluated``).
    (``tests/benchmarks/bench_gui.py`` trains it too, with 2,000 samples in batches of 64.)"""
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, samples)
    inputs = rng.normal(0, 1, (samples, 784)) * 0.3 + np.eye(10)[labels] @ rng.normal(0, 1, (10, 784))
    net = core.Network("784-64-10")
    net.add_layer("x", 784)
    net.add_layer("h", 64, activation="tanh")
    net.add_layer("y", 10, activation="softmax")
    net.connect("x", "h")
    net.connect("h", "y")
    net.dataset = core.Dataset(inputs, np.eye(10)[labels])
    net.training.loss = "cross_entropy"
    net.training.optimizer.name = "adam"
    net.training.optimizer.learning_rate = 0.001
    net.training.batch_size = batch
    net.training.validation_fraction = 0.1
    return net
