"""A hypothesis strategy for random valid layer graphs with data, shared by the core tests.

``networks()`` draws (net, X, T): any DAG of dense layers (a chain of hidden layers plus
skip connections), masks, layers without bias, every activation, every loss with the
output activations it works with.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

import core

# (output activation, loss, target kind)
OUTPUT_CASES = [
    ("identity", "mse", "real"),
    ("tanh", "half_mse", "real"),
    ("sigmoid", "mse", "real"),
    ("relu", "half_mse", "real"),
    ("leaky_relu", "mse", "real"),
    ("softmax", "mse", "prob"),
    ("softmax", "cross_entropy", "prob"),
    ("softmax", "cross_entropy", "onehot"),
    ("sigmoid", "binary_cross_entropy", "prob"),
    ("sigmoid", "binary_cross_entropy", "binary"),
]


@st.composite
def networks(draw, rows=st.integers(1, 4)):
    """A random valid network with data: (net, X, T), X and T with ``rows`` rows.

    1 to 3 hidden layers (any hidden activation, bias or not) in a chain, plus any
    subset of the possible skip connections; random masks; weights U(−1.5, 1.5);
    an output case of ``OUTPUT_CASES``; regularization none, l1 or l2 (rate 0.03).
    """
    n_hidden = draw(st.integers(1, 3))
    n_in = draw(st.integers(1, 3))
    out_act, loss, target_kind = draw(st.sampled_from(OUTPUT_CASES))
    n_out = draw(st.integers(2 if out_act == "softmax" else 1, 3))
    names = ["in"] + [f"h{k}" for k in range(n_hidden)] + ["out"]
    net = core.Network("random")
    net.add_layer("in", n_in)
    for name in names[1:-1]:
        net.add_layer(name, draw(st.integers(1, 4)), activation=draw(st.sampled_from(core.HIDDEN_ACTIVATIONS)),
                      bias=draw(st.booleans()))
    net.add_layer("out", n_out, activation=out_act, bias=draw(st.booleans()))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    edges = [(names[k], names[k + 1]) for k in range(len(names) - 1)]
    # skip connections: any forward pair that is not already a chain edge
    skips = [(names[a], names[b]) for a in range(len(names)) for b in range(a + 2, len(names))]
    for edge in skips:
        if draw(st.booleans()):
            edges.append(edge)
    for src, tgt in edges:
        w = rng.uniform(-1.5, 1.5, (net.layer(tgt).units, net.layer(src).units))
        mask = None
        if w.size > 1 and draw(st.booleans()):
            mask = (rng.uniform(size=w.shape) > 0.35).astype(float)
        net._insert_connection(src, tgt, weights=w, mask=mask)
    for name in names[1:]:
        if name in net.biases:
            net.biases[name] = rng.uniform(-0.5, 0.5, net.layer(name).units)
    net.training.loss = loss
    net.training.regularization = draw(st.sampled_from(["none", "l1", "l2"]))
    net.training.regularization_rate = 0.0 if net.training.regularization == "none" else 0.03
    batch = draw(rows)
    X = rng.normal(size=(batch, n_in))
    if target_kind == "real":
        T = rng.normal(size=(batch, n_out))
    elif target_kind == "prob":
        T = rng.dirichlet(np.ones(n_out), batch) if out_act == "softmax" else rng.uniform(size=(batch, n_out))
    elif target_kind == "onehot":
        T = np.eye(n_out)[rng.integers(0, n_out, batch)]
    else:
        T = rng.integers(0, 2, (batch, n_out)).astype(float)
    return net, X, T
