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

``paths_from_neuron`` does the same for a neuron's activation: dL/da_k is the sum over the
paths from a_k to the loss (w · f'(z) · … · ∂L/∂z). From an input neuron of the
skip_connection lesson there are two kinds of route: through h, and straight to y.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .network import Network
from .notation import neuron_label, neuron_symbol, slope_label, weight_label
from .trace import layer_traces

__all__ = ["Path", "PathSum", "paths_from_neuron", "paths_to_loss"]

DEFAULT_LIMIT = 64


@dataclass
class Path:
    """One route: ``neurons`` [(layer, index), …] from the weight's target neuron to an
    output neuron; ``factors`` [(symbol, value), …] in the order of the product, named as the
    lessons name them (``core.notation``: a_x0, σ'(z_h0), w[h→y][0,0], δ_y0), values
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


class _Routes:
    """The traced numbers every path needs, the path counts, and the depth-first listing."""

    def __init__(self, net: Network, X, T, limit: int | None):
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))
        T = np.atleast_2d(np.asarray(T, dtype=np.float64))
        self.net, self.limit, self.N = net, limit, X.shape[0]
        self.traces = traces = layer_traces(net, X, T)
        self.output = output = net.output_layer
        self.fprime = {}
        for name in net.order()[1:]:
            if name != output:
                act = get_activation(net.layer(name).activation)
                self.fprime[name] = act.derivative(traces[name].z, traces[name].a)
        self.error_out = self.N * traces[output].delta  # ∂L_n/∂z_k per row
        # how many paths lead from each neuron's z to the loss (to count without listing)
        self.counts: dict[str, np.ndarray] = {output: np.ones(net.layer(output).units, dtype=object)}
        for name in reversed(net.order()):
            if name == output:
                continue
            total = np.zeros(net.layer(name).units, dtype=object)
            for v in net.outgoing(name):
                total = total + self.live(name, v).T.astype(object) @ self.counts[v]
            self.counts[name] = total
        self.listed: list[Path] = []

    def live(self, u: str, v: str) -> np.ndarray:
        m = self.net.masks.get((u, v))
        return np.ones(self.net.weights[u, v].shape, bool) if m is None else m != 0

    def full(self) -> bool:
        return self.limit is not None and len(self.listed) >= self.limit

    def onward(self, layer: str, k: int, running: np.ndarray, factors: list, neurons: list) -> None:
        """Every hop a_k → z_q of the next layers, then on from z_q (``walk``)."""
        for v in self.net.outgoing(layer):
            W, ok = self.net.weights[layer, v], self.live(layer, v)
            for q in range(W.shape[0]):
                if not ok[q, k]:
                    continue
                w = float(W[q, k])
                self.walk(v, q, running * w, factors + [(weight_label(layer, v, q, k), w)], neurons + [(v, q)])
                if self.full():
                    return

    def walk(self, layer: str, k: int, running: np.ndarray, factors: list, neurons: list) -> None:
        """From z_k of ``layer`` to the loss: f'(z_k), then onward; at the output ∂L/∂z_k."""
        if self.full():
            return
        if layer == self.output:
            product = running * self.error_out[:, k]
            self.listed.append(Path(list(neurons), factors + [(neuron_symbol("δ", layer, k),
                                                               float(self.error_out[0, k]))],
                                    float(product.mean()), float(np.abs(product).mean())))
            return
        fp = self.fprime[layer][:, k]
        slope = slope_label(self.net.layer(layer).activation, neuron_label(layer, k))
        self.onward(layer, k, running * fp, factors + [(slope, float(fp[0]))], neurons)

    def finish(self, result: "PathSum", total: float) -> "PathSum":
        result.paths = self.listed
        result.listed_sum = float(sum(p.product for p in self.listed))
        result.rest_sum = total - result.listed_sum if len(self.listed) < result.count else 0.0
        result.gradient = result.path_sum + result.penalty
        return result


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
    N = np.atleast_2d(np.asarray(X)).shape[0]
    result = PathSum(source, target, j, i, N)
    mask = net.masks.get((source, target))
    if mask is not None and mask[j, i] == 0:
        result.removed = True
        return result
    routes = _Routes(net, X, T, limit)
    result.count = int(routes.counts[target][j])
    a_i = routes.traces[source].a[:, i]
    routes.walk(target, j, a_i.copy(), [(neuron_symbol("a", source, i), float(a_i[0]))], [(target, j)])
    _, pgrad = net.regularization()
    if pgrad is not None:
        block = net.parameter_layout().weight(source, target)
        full = np.zeros_like(net.flat)
        full[: net.n_weights] = pgrad
        result.penalty = float(block.take(full)[j, i])
    data_gradient = float((N * routes.traces[target].delta[:, j] * a_i).sum() / N)
    return routes.finish(result, data_gradient)


def paths_from_neuron(net: Network, layer: str, k: int, X, T, limit: int | None = DEFAULT_LIMIT) -> PathSum:
    """dL/da_k of neuron k of ``layer`` (any but the output layer; the input layer too, where
    a_k is the input x_k) as a sum over its paths to the loss: w · f'(z) · w · … · ∂L/∂z of an
    output neuron, each product the mean over the rows. ``PathSum.source`` is the layer,
    ``j`` the neuron (``target`` is "", ``i`` is −1); ``gradient`` is dL/da_k (no penalty)."""
    names = {l.name for l in net.layers}
    if layer not in names:
        raise ValueError(f"there is no layer called {layer!r}")
    if layer == net.output_layer:
        raise ValueError(f"{layer!r} is the output layer: dL/da there is the loss's own derivative, no path")
    units = net.layer(layer).units
    if not 0 <= k < units:
        raise ValueError(f"neuron {k} is out of range: {layer!r} has {units} neurons")
    routes = _Routes(net, X, T, limit)
    result = PathSum(layer, "", k, -1, routes.N)
    result.count = int(sum((routes.live(layer, v)[:, k].astype(object) * routes.counts[v]).sum()
                           for v in net.outgoing(layer)))
    routes.onward(layer, k, np.ones(routes.N), [], [(layer, k)])
    dL_da = sum(routes.N * routes.traces[v].delta @ net.weights[layer, v] for v in net.outgoing(layer))
    return routes.finish(result, float(dL_da[:, k].mean()))
