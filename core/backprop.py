"""The reference backward pass: backpropagation written out plainly, one layer at a time.

The trainer's fast step (``core.plan``) computes the same numbers with preallocated
buffers and fused calls; this module is the version to read, and the one the chain-rule
explanations (``core.explain``) and the step trace (``core.trace``) show. A batch is
B rows; shapes are in parentheses.

Forward (``Network.forward_all``), in topological order:
    z_t (B, units) = b_t + Σ over incoming connections s → t of a_s @ W_ts.T
    a_t (B, units) = f_t(z_t)          (the input layer: a = X, or its feature columns; no z)

Backward, in reverse topological order, with δ_t = dL/dz_t (B, units):
    output layer:  dL/da = loss'(a, T)            (the loss is a mean: each entry carries 1/N)
                   δ = f'(z) ⊙ dL/da              (softmax: its Jacobian-vector product)
                   fused output (softmax + cross_entropy, sigmoid + binary_cross_entropy):
                   δ = dL/dz directly (y·Σt − t)/N, and no dL/da
    hidden layer s: dL/da_s = Σ over outgoing connections s → t of δ_t @ W_ts
                   δ_s = f'(z_s) ⊙ dL/da_s

Gradient of the data loss (``gradient``), per connection and bias:
    dL/dW_ts (units of t, units of s) = δ_t.T @ a_s, 0 on a removed edge
    dL/db_t (units,) = Σ over the batch of δ_t
(δ already carries the loss's 1/N, so these sums are the batch's gradient.) A removed edge's
weight is 0, so it adds nothing to dL/da either.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .losses import get_loss
from .network import Network

__all__ = ["LayerTrace", "backward_pass", "gradient"]


@dataclass
class LayerTrace:
    """One layer's numbers for a batch; every array is (B, units of the layer).

    ``z``, ``delta`` (dL/dz) and ``dL_da`` are None for the input layer; ``dL_da`` is
    also None for a fused output layer, whose δ is computed directly.
    """

    z: np.ndarray | None
    a: np.ndarray
    delta: np.ndarray | None
    dL_da: np.ndarray | None


def backward_pass(net: Network, X: np.ndarray, T: np.ndarray) -> dict[str, LayerTrace]:
    """Every layer's z, a, dL/da and δ for inputs X (B, n_in) and targets T (B, n_out), by layer
    name in topological order (see the module docstring). ``net`` is not changed."""
    values = net.forward_all(X)  # name → (z, a), topological order
    loss = get_loss(net.training.loss)
    output = net.output_layer
    deltas: dict[str, np.ndarray] = {}
    dlda: dict[str, np.ndarray | None] = {}
    for name in reversed(list(values)[1:]):  # every layer but the input, last first
        z, a = values[name]
        act = get_activation(net.layer(name).activation)
        if name == output and loss.partner == act.name:  # fused: δ = dL/dz directly
            deltas[name], dlda[name] = loss.gradient_logits(a, T), None
            continue
        if name == output:
            da = loss.gradient(a, T)
        else:
            da = sum(deltas[t] @ net.weights[name, t] for t in net.outgoing(name))
        dlda[name] = da
        deltas[name] = act.backward(z, a, da)
    return {
        name: LayerTrace(None if z is None else z.copy(), a.copy(), deltas.get(name), dlda.get(name))
        for name, (z, a) in values.items()
    }


def gradient(net: Network, layers: dict[str, LayerTrace]) -> np.ndarray:
    """dL/dθ of the data loss (no regularization) from a ``backward_pass``, in the order of
    ``net.flat`` (weights first, then biases): dL/dW_ts = δ_t.T @ a_s (0 on removed edges),
    dL/db_t = Σ_batch δ_t."""
    grad = np.zeros_like(net.flat)
    layout = net.parameter_layout()
    masks = net.masks
    for block in layout.weight_blocks:
        source, target = block.edge
        dW = layers[target].delta.T @ layers[source].a
        if block.edge in masks:
            dW = dW * masks[block.edge]
        grad[block.slice] = dW.ravel()
    for block in layout.bias_blocks:
        grad[block.slice] = layers[block.key].delta.sum(axis=0)
    return grad
