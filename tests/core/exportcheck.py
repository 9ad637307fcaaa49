"""Helpers for the export tests: trainable random networks, running an exported script,
and the exactness measures of issue 13 (plain functions and one hypothesis strategy)."""

from __future__ import annotations

import functools
import runpy

import numpy as np
import pytest
from hypothesis import strategies as st

import core
from random_graphs import OUTPUT_CASES, networks

#: the issue's bound for the NumPy script's trained weights and forward, and the PyTorch forward
REL = 1e-12


@st.composite
def trainable_networks(draw):
    """A random DAG from ``random_graphs.networks`` with 4 to 24 samples as its dataset and
    random training settings: sgd, momentum, nesterov or adam; any batch size; a
    validation split or none; early stopping with patience 1 or 3 (restoring the best
    weights or not) or none; any seed."""
    net, X, T = draw(networks(rows=st.integers(4, 24)))
    net.dataset = core.Dataset(X, T)
    t = net.training
    kind = draw(st.sampled_from(["sgd", "momentum", "nesterov", "adam"]))
    t.optimizer.name = "adam" if kind == "adam" else "sgd"
    t.optimizer.learning_rate = 0.01 if kind == "adam" else 0.05
    t.optimizer.momentum = 0.9 if kind in ("momentum", "nesterov") else 0.0
    t.optimizer.nesterov = kind == "nesterov"
    t.batch_size = draw(st.integers(1, len(X)))
    t.validation_fraction = draw(st.sampled_from([0.0, 0.25]))
    t.seed = draw(st.integers(0, 2**32 - 1))
    t.early_stopping_patience = draw(st.sampled_from([None, 1, 3]))
    t.early_stopping_restore_best = draw(st.booleans())
    return net


def stop_words(result) -> str:
    """What an exported script's train() says about why it stopped, for a ``Trainer.run`` result."""
    return "completed" if result.reason == "completed" else f"early stopping: {result.message}"


def run_script(text: str, folder, name: str = "exported_net.py") -> dict:
    """Write an exported script to ``folder/name`` and run it as a module; its global names."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return runpy.run_path(str(path), run_name="exported")


def relative_error(actual, expected) -> float:
    """max|actual − expected| / max|expected| (absolute when expected is all 0), over the entries
    where ``expected`` is finite; inf when ``actual`` is finite where ``expected`` is not, or the
    other way round. (A network whose output overflows gives ±inf in core and may give NaN in
    another library's formula: both say "overflowed", and no digits are left to compare.)"""
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    finite = np.isfinite(expected)
    if not np.array_equal(finite, np.isfinite(actual)):
        return float("inf")
    actual, expected = actual[finite], expected[finite]
    if actual.size == 0:
        return 0.0
    scale = float(np.abs(expected).max())
    return float(np.abs(actual - expected).max()) / (scale if scale > 0 else 1.0)


def parameter_errors(net: core.Network, weights: dict, biases: dict) -> dict[str, float]:
    """Relative error of every exported weight ("s->t") and bias (layer) against ``net``'s."""
    errors = {}
    assert set(weights) == {f"{s}->{t}" for s, t in net.connections}
    for (s, t), W in net.weights.items():
        errors[f"W[{s}->{t}]"] = relative_error(weights[f"{s}->{t}"], W)
    for layer in net.layers[1:]:
        if layer.name in net.biases:
            errors[f"b[{layer.name}]"] = relative_error(biases[layer.name], net.biases[layer.name])
        else:
            assert biases[layer.name] is None, layer.name
    return errors


def sample_inputs(net: core.Network, rows: int = 7, seed: int = 0) -> np.ndarray:
    """The dataset's inputs and ``rows`` random rows (normal, scale 2) for comparing forward passes."""
    n_in = net.raw_input_units  # with input features: the two raw columns
    extra = np.random.default_rng(seed).normal(scale=2.0, size=(rows, n_in))
    if net.dataset is None:
        return extra
    return np.vstack([net.dataset.inputs, extra])


def diamond(hidden: str, output: str, loss: str, targets: str, seed: int = 0) -> core.Network:
    """in → h1 → h2 → out plus the skip connections in → h2 and in → out; h1 uses ``hidden``,
    h2 (no bias) uses ``hidden`` too; in → h1 has removed edges; the output layer uses
    ``output`` with ``loss``; 12 samples with ``targets`` of a kind of ``random_graphs.OUTPUT_CASES``;
    adam with l2 regularization, batch 5, a quarter held out."""
    rng = np.random.default_rng(seed)
    n_out = 3 if output == "softmax" else 2
    net = core.Network(f"diamond {hidden} {output} {loss}")
    net.add_layer("in", 3)
    net.add_layer("h1", 4, activation=hidden)
    net.add_layer("h2", 3, activation=hidden, bias=False)
    net.add_layer("out", n_out, activation=output)
    for src, tgt in [("in", "h1"), ("h1", "h2"), ("h2", "out"), ("in", "out"), ("in", "h2")]:
        net.connect(src, tgt, seed=seed)
    net.set_edge_enabled("in", "h1", 0, 1, False)
    net.set_edge_enabled("in", "h1", 3, 2, False)
    net.biases["h1"] = rng.uniform(-0.5, 0.5, 4)
    net.training.loss = loss
    net.training.optimizer.name = "adam"
    net.training.optimizer.learning_rate = 0.01
    net.training.regularization, net.training.regularization_rate = "l2", 0.01
    net.training.batch_size = 5
    net.training.validation_fraction = 0.25
    net.training.seed = seed
    X = rng.normal(size=(12, 3))
    if targets == "real":
        T = rng.normal(size=(12, n_out))
    elif targets == "prob":
        T = rng.dirichlet(np.ones(n_out), 12) if output == "softmax" else rng.uniform(size=(12, n_out))
    elif targets == "onehot":
        T = np.eye(n_out)[rng.integers(0, n_out, 12)]
    else:
        T = rng.integers(0, 2, (12, n_out)).astype(float)
    net.dataset = core.Dataset(X, T)
    return net


def featured(features: tuple[str, ...], seed: int = 0) -> core.Network:
    """A network whose input layer computes ``features`` of two raw inputs: in → h (tanh) → out
    (sigmoid, binary cross-entropy) plus the skip connection in → out, a removed edge in → h,
    20 samples of two inputs in [−2, 2]; sgd with momentum and l1, batch 6, a quarter held out."""
    rng = np.random.default_rng(seed)
    net = core.Network(f"features {', '.join(features)}")
    net.add_layer("in", 2)
    net.add_layer("h", 3, activation="tanh")
    net.add_layer("out", 1, activation="sigmoid")
    for src, tgt in [("in", "h"), ("h", "out"), ("in", "out")]:
        net.connect(src, tgt, seed=seed)
    net.set_input_features(features, seed=seed)
    net.set_edge_enabled("in", "h", 1, 0, False)
    net.biases["h"] = rng.uniform(-0.5, 0.5, 3)
    net.training.loss = "binary_cross_entropy"
    net.training.optimizer.learning_rate = 0.1
    net.training.optimizer.momentum = 0.9
    net.training.regularization, net.training.regularization_rate = "l1", 0.001
    net.training.batch_size = 6
    net.training.validation_fraction = 0.25
    net.training.seed = seed
    X = rng.uniform(-2, 2, size=(20, 2))
    net.dataset = core.Dataset(X, (X[:, :1] * X[:, 1:] > 0).astype(float))
    return net


#: input feature sets the export tests run: every feature (in a shuffled order) and a lone product
FEATURE_SETS = [("x1^2", "sin(x2)", "x1", "x1*x2", "x2^2", "sin(x1)", "x2"), ("x1*x2",)]


def fixed_networks(lesson_steps: int, diamond_steps: int) -> list:
    """pytest parameters (make, steps): every lesson with ``lesson_steps``, a ``diamond`` for
    every hidden activation × output case of ``OUTPUT_CASES`` with ``diamond_steps``, and a
    ``featured`` network for each of ``FEATURE_SETS`` with ``diamond_steps``."""
    params = [pytest.param(functools.partial(core.load_network, e.path), lesson_steps, id=f"lesson-{e.name}")
              for e in core.list_examples()]
    params += [pytest.param(functools.partial(featured, features), diamond_steps, id=f"features-{len(features)}")
               for features in FEATURE_SETS]
    for hidden in core.HIDDEN_ACTIVATIONS:
        for output, loss, targets in OUTPUT_CASES:
            params.append(pytest.param(functools.partial(diamond, hidden, output, loss, targets), diamond_steps,
                                       id=f"diamond-{hidden}-{output}-{loss}-{targets}"))
    return params
