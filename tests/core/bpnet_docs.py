"""Valid .bpnet documents and networks for the file-format tests (plain functions, no fixtures)."""

from __future__ import annotations

import copy
import json

import numpy as np

import core

_VALID = {
    "format": "backprop-studio.network",
    "version": 1,
    "name": "skip",
    "description": "every feature of the format at once",
    "layers": [
        {"name": "x", "units": 3, "position": [0, 0]},
        {"name": "h", "units": 2, "activation": "tanh", "bias": [0.1, -0.2], "position": [220, -40.5]},
        {"name": "y", "units": 1, "activation": "sigmoid", "bias": None, "position": [440, 0]},
    ],
    "connections": [
        {"from": "x", "to": "h", "weights": [[0.5, -0.3, 0.25], [0.8, 0.2, -1.5]]},
        {"from": "h", "to": "y", "weights": [[1.0, 0.0]], "mask": [[1, 0]]},
        {"from": "x", "to": "y", "weights": [[0.1, 0.2, 0.3]]},
    ],
    "training": {
        "loss": "binary_cross_entropy",
        "optimizer": {"name": "adam", "learning_rate": 0.01, "momentum": 0.0, "nesterov": False,
                      "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
        "batch_size": 2,
        "regularization": {"kind": "l2", "rate": 0.001},
        "validation_fraction": 0.25,
        "seed": 3,
        "early_stopping_patience": 5,
    },
    "dataset": {"inputs": [[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1]], "targets": [[0], [1], [1], [0]]},
}


def valid_doc() -> dict:
    """A fresh copy of a valid document with a skip connection, a mask, a layer without bias, settings and data."""
    return copy.deepcopy(_VALID)


def write(tmp_path, doc, name="net.bpnet") -> str:
    """Write ``doc`` (a dict, or text) to ``tmp_path/name``; returns the path as a string."""
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return str(path)


def random_network(seed: int) -> core.Network:
    """A small network with random (full-precision) weights, a mask and a bias-free layer."""
    rng = np.random.default_rng(seed)
    net = core.Network(f"random {seed}", "ünïcode ✓ description\nwith a newline")
    net.add_layer("in", 3, position=(0.0, 0.0))
    net.add_layer("hidden layer", 4, activation="relu", position=(220.0, 13.25))
    net.add_layer("out", 2, activation="softmax", bias=False, position=(440.0, -0.1))
    net.connect("in", "hidden layer", weights=rng.normal(size=(4, 3)))
    net.connect("hidden layer", "out", weights=rng.normal(size=(2, 4)) * 1e-7)
    net.connect("in", "out", weights=rng.normal(size=(2, 3)) * 1e5)
    net.biases["hidden layer"] = rng.normal(size=4) / 3
    net.set_edge_enabled("in", "hidden layer", 1, 2, False)
    net.training.loss = "cross_entropy"
    net.training.optimizer.name = "sgd"
    net.training.optimizer.learning_rate = 1 / 3
    net.training.optimizer.momentum = 0.9
    net.training.optimizer.nesterov = True
    net.training.batch_size = 7
    net.training.regularization = "l1"
    net.training.regularization_rate = 1e-4
    net.training.validation_fraction = 0.2
    net.training.seed = 12345
    X = rng.normal(size=(20, 3))
    net.dataset = core.Dataset(X, np.eye(2)[rng.integers(0, 2, 20)], class_names=["cat", "dog"])
    return net
