"""A layer's computation written as matrix products, with every number.

For a batch of N rows (the traced sample: N = 1; a mini-batch: N = its rows) and a
layer of m neurons whose incoming connections come from layers s (n_s neurons each):

* forward: Z = Σ_s A_s W_sᵀ + b, shape (N, m), where A_s (N, n_s) are the source
  layers' activations and W_s (m, n_s) the connection's weights — rows = target
  neurons j, columns = source neurons i, W[j, i] = w_ji; b (m,) is added to every row;
  A = f(Z), (N, m);
* backward: Δ (N, m) holds each row's error ∂L_n/∂Z, where L = (1/N) Σ_n L_n is the
  batch loss. For a hidden layer Δ = (Σ_t Δ_t W_t) ⊙ f'(Z), over its outgoing
  connections to layers t (Δ_t (N, m_t), W_t (m_t, m)); for the output layer
  Δ = ∂L_n/∂A ⊙ f'(Z), or directly y − t when the loss and activation fuse
  (sigmoid + binary cross-entropy, softmax + cross-entropy; divided by the outputs
  per row for binary cross-entropy, whose mean is over every output element);
* gradient: dL/dW_s = Δᵀ A_s / N, shape (m, n_s) like W_s; dL/db = (column sums of Δ) / N;
  with regularization the penalty's gradient (L2: rate·W, L1: rate·sign W) is added.

Δ is N times the trace's δ (``core.trace``: δ carries the loss's 1/N), so Δᵀ A / N is
exactly the trace's gradient. For softmax with another loss, f'(Z) is a Jacobian, not
an element-wise factor: ``fprime`` is None and Δ is the Jacobian product row by row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .network import Network
from .trace import layer_traces

__all__ = ["Incoming", "Outgoing", "LayerMatrixForm", "layer_matrix_form", "elide"]


@dataclass
class Incoming:
    """One incoming connection: the source's A (N, n_s), W (m, n_s), and dL/dW (m, n_s)."""

    source: str
    A: np.ndarray
    W: np.ndarray
    dW_data: np.ndarray  # Δᵀ A / N
    dW: np.ndarray  # with the regularization's gradient


@dataclass
class Outgoing:
    """One outgoing connection: the target's Δ_t (N, m_t) and its W_t (m_t, m)."""

    target: str
    delta: np.ndarray
    W: np.ndarray


@dataclass
class LayerMatrixForm:
    """Every matrix of one layer's forward and backward pass (see the module docstring).

    ``dL_dA`` (N, m) is Σ_t Δ_t W_t for a hidden layer, ∂L_n/∂A for a non-fused output,
    None for a fused output. ``fprime`` (N, m) is f'(Z), None for softmax and for a fused
    output. ``db`` is None for a layer without bias.
    """

    layer: str
    activation: str
    is_output: bool
    fused: bool
    N: int
    incoming: list[Incoming]
    b: np.ndarray | None
    Z: np.ndarray
    A: np.ndarray
    outgoing: list[Outgoing]
    dL_dA: np.ndarray | None
    fprime: np.ndarray | None
    delta: np.ndarray
    db: np.ndarray | None
    regularization: str


def layer_matrix_form(net: Network, layer: str, X, T) -> LayerMatrixForm:
    """The matrix form of ``layer`` (not the input layer) for the rows ``X`` (raw inputs,
    (N, n_in)) and targets ``T`` (N, n_out), at the network's current parameters."""
    if layer not in {l.name for l in net.layers}:
        raise ValueError(f"there is no layer called {layer!r}")
    if layer == net.input_layer:
        raise ValueError(f"{layer!r} is the input layer: it computes nothing (its A is the input rows)")
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    T = np.atleast_2d(np.asarray(T, dtype=np.float64))
    traces = layer_traces(net, X, T)
    N = X.shape[0]
    here = traces[layer]
    act = get_activation(net.layer(layer).activation)
    is_output = layer == net.output_layer
    fused = is_output and here.dL_da is None
    delta = N * here.delta
    fprime = None if (fused or not act.elementwise) else act.derivative(here.z, here.a)
    dL_dA = None if here.dL_da is None else N * here.dL_da
    outgoing = [Outgoing(t, N * traces[t].delta, net.weights[layer, t].copy()) for t in net.outgoing(layer)]
    penalty = _penalty_gradients(net)
    incoming = []
    for s in net.incoming(layer):
        data = delta.T @ traces[s].a / N
        mask = net.masks.get((s, layer))
        if mask is not None:
            data = data * mask
        total = data + penalty[s, layer] if penalty else data
        incoming.append(Incoming(s, traces[s].a.copy(), net.weights[s, layer].copy(), data, total))
    has_bias = net.layer(layer).bias
    return LayerMatrixForm(
        layer=layer,
        activation=act.name,
        is_output=is_output,
        fused=fused,
        N=N,
        incoming=incoming,
        b=net.biases[layer].copy() if has_bias else None,
        Z=here.z.copy(),
        A=here.a.copy(),
        outgoing=outgoing,
        dL_dA=dL_dA,
        fprime=fprime,
        delta=delta,
        db=delta.sum(axis=0) / N if has_bias else None,
        regularization=net.training.regularization,
    )


def _penalty_gradients(net: Network) -> dict | None:
    """The regularization's gradient per connection (masked like the weights), or None."""
    _, flat = net.regularization()
    if flat is None:
        return None
    full = np.zeros_like(net.flat)
    full[: net.n_weights] = flat
    layout = net.parameter_layout()
    return {block.edge: block.take(full) for block in layout.weight_blocks}


def elide(M: np.ndarray, max_rows: int = 8, max_cols: int = 8) -> tuple[list[int | None], list[int | None]]:
    """Which rows and columns of ``M`` to show: all when they fit, else the first and last
    few with None standing for the elided middle ("⋮" / "⋯")."""
    return _keep(M.shape[0], max_rows), _keep(M.shape[1] if M.ndim > 1 else 1, max_cols)


def _keep(n: int, limit: int) -> list[int | None]:
    if n <= limit:
        return list(range(n))
    head = (limit - 1) // 2 + (limit - 1) % 2
    tail = limit - 1 - head
    return [*range(head), None, *range(n - tail, n)]
