"""The networks, batches and text readers the explanation tests share (plain functions, no fixtures).

``skip_net``: x(2) → h1(3) → h2(2) → y with a skip connection h1 → y (``EDGES``), the hidden
activations and the output head (``HEADS``: loss, output activation, outputs, kind of targets)
chosen; ``batch``: B random samples X (B, 2) and targets T (B, outputs) of the head's kind.
``last_number`` and ``negative_zeros`` read the numbers an explanation writes (``NUMBER``).
"""

from __future__ import annotations

import re

import numpy as np

import core

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
