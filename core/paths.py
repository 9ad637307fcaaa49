"""Backpropagation as a sum over paths: dL/dw for one weight, route by route.

A weight w_ji on the connection s → t (from neuron i of s to neuron j of t) changes
z_j, which changes every neuron downstream of it, each change passing through one
chain of edges to the loss. Following one path j = u₀ → u₁ → … → u_r = k (k an
output neuron, each hop an edge of the graph that is not removed) the rates multiply:

    a_i · f'(z_u₀) · w_u₁u₀ · f'(z_u₁) · w_u₂u₁ · … · w_u_r u_(r−1) · ∂L/∂z_k

(∂z_j/∂w_ji = a_i; ∂a_u/∂z_u = f'(z_u); ∂z_v/∂a_u = w_vu; the last factor is the
output neuron's error, δ_k of the trace for one row, which carries the loss: y − t for a
fused output). For j in the output layer the only path is j itself: a_i · ∂L/∂z_j.

Backpropagation adds these products without listing them: dL/dw_ji (the data part) is
the sum over all paths. For a batch of N rows each path's product is the mean over the
rows (each row has its own a, f' and ∂L/∂z). Regularization adds rate·w (L2) or
rate·sign w (L1), which runs through no path. Paths are listed in depth-first order
(outgoing connections in the network's order, neurons in index order), up to
``limit``; ``count`` is how many there are in all (counted without listing them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .network import Network
from .notation import neuron_label
from .trace import layer_traces

__all__ = ["Path", "PathSum", "paths_to_loss"]

DEFAULT_LIMIT = 64


@dataclass
class Path:
    """One route: ``neurons`` [(layer, index), …] from the weight's target neuron to an
    output neuron; ``factors`` [(symbol, value), …] in the order of the product, values
    for the first row (N = 1: the traced sample); ``product`` is the mean over the rows,
    ``magnitude`` the mean of the rows' |product| (what rounding errors scale with)."""

    neurons: list[tuple[str, int]]
    factors: list[tuple[str, float]]
    product: float
    magnitude: float


@dataclass
class PathSum:
    """Every path of one weight, the sum of their products, and dL/dw."""

    source: str
    target: str
    j: int
    i: int
    N: int
    paths: list[Path] = field(default_factory=list)
    count: int = 0  # paths in all; len(paths) of them are listed
    listed_sum: float = 0.0
    rest_sum: float = 0.0  # the unlisted paths' products, summed (the backprop way)
    penalty: float = 0.0  # regularization's rate·w or rate·sign w
    gradient: float = 0.0  # dL/dw = listed_sum + rest_sum + penalty
    removed: bool = False  # the edge is removed (masked): no path, dL/dw = 0

    @property
    def path_sum(self) -> float:
        return self.listed_sum + self.rest_sum


def paths_to_loss(net: Network, source: str, target: str, j: int, i: int, X, T,
                  limit: int | None = DEFAULT_LIMIT) -> PathSum:
    """The paths of weight w_ji of ``source`` → ``target`` for rows ``X`` (raw inputs) and
    targets ``T``, at the network's current parameters (see the module docstring).
    ``limit`` None lists them all."""
    if (source, target) not in net.weights:
        raise ValueError(f"there is no connection {source} → {target}")
    rows, cols = net.weights[source, target].shape
    if not (0 <= j < rows and 0 <= i < cols):
        raise ValueError(f"w[{source}→{target}][{j},{i}] is out of range: the weights are {rows}×{cols}")
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    T = np.atleast_2d(np.asarray(T, dtype=np.float64))
    N = X.shape[0]
    result = PathSum(source, target, j, i, N)
    mask = net.masks.get((source, target))
    if mask is not None and mask[j, i] == 0:
        result.removed = True
        return result
    traces = layer_traces(net, X, T)
    output = net.output_layer
    fprime = {}
    for name in net.order()[1:]:
        if name != output:
            act = get_activation(net.layer(name).activation)
            fprime[name] = act.derivative(traces[name].z, traces[name].a)
    error_out = N * traces[output].delta  # ∂L_n/∂z_k per row
    edges = {name: [t for t in net.outgoing(name)] for name in net.order()}

    def live(u_layer: str, v_layer: str) -> np.ndarray:
        m = net.masks.get((u_layer, v_layer))
        return np.ones(net.weights[u_layer, v_layer].shape, bool) if m is None else m != 0

    # how many paths lead from each neuron to the loss (to count without listing)
    counts: dict[str, np.ndarray] = {output: np.ones(net.layer(output).units, dtype=object)}
    for name in reversed(net.order()):
        if name == output:
            continue
        total = np.zeros(net.layer(name).units, dtype=object)
        for v in edges[name]:
            if v in counts:
                total = total + live(name, v).T.astype(object) @ counts[v]
        counts[name] = total
    result.count = int(counts[target][j])

    a_i = traces[source].a[:, i]
    listed = []

    def walk(layer: str, k: int, running: np.ndarray, factors: list, neurons: list) -> None:
        if limit is not None and len(listed) >= limit:
            return
        if layer == output:
            product = running * error_out[:, k]
            listed.append(Path(list(neurons), factors + [(f"∂L/∂z[{neuron_label(layer, k)}]", float(error_out[0, k]))],
                               float(product.mean()), float(np.abs(product).mean())))
            return
        fp = fprime[layer][:, k]
        for v in edges[layer]:
            W, ok = net.weights[layer, v], live(layer, v)
            for q in range(W.shape[0]):
                if not ok[q, k]:
                    continue
                w = float(W[q, k])
                walk(v, q, running * fp * w,
                     factors + [(f"f'(z[{neuron_label(layer, k)}])", float(fp[0])), (f"w[{layer}→{v}][{q},{k}]", w)],
                     neurons + [(v, q)])
                if limit is not None and len(listed) >= limit:
                    return

    walk(target, j, a_i.copy(), [(f"a[{neuron_label(source, i)}]", float(a_i[0]))], [(target, j)])
    result.paths = listed
    result.listed_sum = float(sum(p.product for p in listed))
    data_gradient = float((N * traces[target].delta[:, j] * a_i).sum() / N)
    result.rest_sum = data_gradient - result.listed_sum if len(listed) < result.count else 0.0
    _, pgrad = net.regularization()
    if pgrad is not None:
        block = net.parameter_layout().weight(source, target)
        full = np.zeros_like(net.flat)
        full[: net.n_weights] = pgrad
        result.penalty = float(block.take(full)[j, i])
    result.gradient = result.path_sum + result.penalty
    return result
