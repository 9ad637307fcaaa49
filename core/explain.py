"""The chain rule behind one gradient, written symbolically and then with its numbers.

For the edge from neuron i of layer s to neuron j of layer t, and one sample n
of a batch X (B, n_in), T (B, n_out):

    dL/dw_ji (sample n) = a_i × f'(z_j) × dL/da_j = a_i × δ_j

where a_i is the source neuron's activation, z_j the target's pre-activation,
f' its activation's derivative, δ_j = dL/dz_j, and dL/da_j how the loss changes
with the target's output: at the output layer the loss's derivative, elsewhere
dL/da_j = Σ_k w_kj · δ_k over every edge leaving neuron j (all outgoing
connections are summed). When the output is softmax with cross-entropy (or
sigmoid with binary cross-entropy) δ_j = dL/dz_j is computed directly: f'(z_j)
× dL/da_j does not factor into one element-wise product there. A softmax
output with another loss couples its units: δ_j = s_j·(dL/da_j − Σ_k s_k·dL/da_k).

Normalisation: every loss here is a mean (``mse``, ``half_mse`` and
``binary_cross_entropy`` over all N = B × n_out output elements,
``cross_entropy`` over the N = B samples), and each sample's dL/da carries that
1/N. So the batch gradient of the data loss is the SUM over samples of
a_i·δ_j, which is also the mean of the one-sample gradients. Regularization
adds rate·w (L2) or rate·sign(w) (L1) once, to the batch gradient.

``explain_gradient`` (one sample), ``explain_edge`` (a batch) and
``explain_neuron`` return dataclasses with the numbers and ``lines(digits)``,
the derivation as plain Unicode text (written by their mixins in ``core.explain_text``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .backprop import LayerTrace, backward_pass
from .explain_text import EdgeText, GradientText, NeuronStateText, NeuronText
from .loss_formulas import LOSS_NAMES
from .losses import get_loss
from .network import Network
from .notation import neuron_label

__all__ = [
    "Contribution", "EdgeExplanation", "GradientExplanation", "NeuronExplanation", "NeuronState",
    "explain_edge", "explain_gradient", "explain_neuron",
]


@dataclass
class Contribution:
    """One term w_kj · δ_k of dL/da_j: the edge from neuron j to neuron k of ``layer``.

    ``removed`` edges have weight 0 and contribute nothing.
    """

    layer: str
    k: int
    weight: float
    delta: float
    removed: bool = False

    @property
    def product(self) -> float:
        return self.weight * self.delta


@dataclass
class NeuronState(NeuronStateText):
    """Neuron j of ``layer`` on one sample: its forward values and where its δ = dL/dz comes from.

    ``how`` is "input" (only ``a``), "elementwise" (δ = f'(z)·dL/da), "fused"
    (softmax + cross_entropy or sigmoid + binary_cross_entropy: δ = (y·Σt − t)/N
    directly) or "coupled" (softmax with another loss: δ = s_j·(dL/da_j − Σ_k s_k·dL/da_k),
    with ``coupled`` = [(s_k, dL/da_k)] over the output row).
    At the output layer ``target`` is t_j and ``dL_da`` the loss's derivative; elsewhere
    ``dL_da`` = Σ over ``contributions``. ``loss`` and ``n`` are the batch loss and its
    normaliser N.
    """

    layer: str
    j: int
    sample: int
    how: str
    a: float
    z: float | None = None
    activation: str = ""
    f_prime: float | None = None
    dL_da: float | None = None
    delta: float | None = None
    contributions: list[Contribution] = field(default_factory=list)
    coupled: list[tuple[float, float]] = field(default_factory=list)
    coupled_sum: float | None = None
    target: float | None = None
    target_sum: float = 1.0
    loss: str = ""
    n: int = 1

    @property
    def label(self) -> str:
        return neuron_label(self.layer, self.j)


@dataclass
class GradientExplanation(GradientText):
    """dL/dw_ji for one sample, factor by factor (see the module docstring).

    ``gradient`` = a_in × delta is this sample's term of the batch gradient (with
    the batch loss's normalisation N; for a single sample it is the gradient).
    ``neuron`` is the target neuron's full state, used for the text.
    """

    source: str
    target: str
    j: int
    i: int
    a_in: float
    z: float
    activation: str
    f_prime: float | None  # None when δ_j is computed directly (fused or coupled output)
    dL_da: float | None
    delta: float  # dL/dz_j
    gradient: float  # a_in × delta
    contributions: list[Contribution] = field(default_factory=list)
    note: str = ""
    removed: bool = False
    sample: int = 0
    neuron: NeuronState | None = None


@dataclass
class EdgeExplanation(EdgeText):
    """dL/dw_ji over a batch: one ``GradientExplanation`` per sample, their sum, and regularization.

    ``mean`` is the gradient of the batch's data loss (itself a mean, see the module
    docstring) = Σ over ``samples`` of ``gradient``; ``regularization`` is rate·w (L2),
    rate·sign(w) (L1) or 0; ``total`` = mean + regularization, which is what
    ``net.loss_and_gradients(X, T)`` gives for this weight. ``n`` is the loss's
    normaliser N; ``inputs`` (B, n_in) and ``targets`` (B, n_out) the batch.
    """

    source: str
    target: str
    j: int
    i: int
    weight: float
    samples: list[GradientExplanation]
    mean: float
    regularization: float
    total: float
    regularization_kind: str = "none"
    regularization_rate: float = 0.0
    loss: str = ""
    loss_formula: str = ""
    n: int = 1
    inputs: np.ndarray | None = None
    targets: np.ndarray | None = None
    removed: bool = False
    #: the output layer's name (the loss's words name its neurons: "−ln a_y1")
    output_layer: str = ""

    @property
    def batch_size(self) -> int:
        return len(self.samples)


@dataclass
class NeuronExplanation(NeuronText):
    """Neuron j of ``layer`` over a batch: z, a and δ = dL/dz per sample, and where δ comes from.

    ``samples`` holds one ``NeuronState`` per row. ``delta_sum`` = Σ over samples of δ
    (each δ carries the loss's 1/N) is the gradient of the batch's data loss with
    respect to this neuron's bias (None for the input layer); ``z_mean`` and ``a_mean``
    are batch means. The input layer has only ``a`` (the input value).
    """

    layer: str
    j: int
    activation: str
    samples: list[NeuronState]
    is_input: bool = False
    has_bias: bool = False
    loss: str = ""
    loss_formula: str = ""
    n: int = 1
    inputs: np.ndarray | None = None
    targets: np.ndarray | None = None
    #: the input feature this input neuron computes (``core.features`` name), or None
    feature: str | None = None
    #: the output layer's name (the loss's words name its neurons: "−ln a_y1")
    output_layer: str = ""

    @property
    def z(self) -> np.ndarray | None:
        return None if self.is_input else np.array([s.z for s in self.samples])

    @property
    def a(self) -> np.ndarray:
        return np.array([s.a for s in self.samples])

    @property
    def delta(self) -> np.ndarray | None:
        return None if self.is_input else np.array([s.delta for s in self.samples])

    @property
    def z_mean(self) -> float | None:
        return None if self.is_input else float(np.mean(self.z))

    @property
    def a_mean(self) -> float:
        return float(np.mean(self.a))

    @property
    def delta_sum(self) -> float | None:
        return None if self.is_input else math.fsum(s.delta for s in self.samples)


def _normaliser(loss_name: str, T: np.ndarray) -> int:
    return T.shape[0] if loss_name == "cross_entropy" else T.size


def _batch(net: Network, X, T) -> tuple[np.ndarray, np.ndarray]:
    X = net._check_inputs(X)
    T = net._check_targets(T)
    if X.shape[0] != T.shape[0] or X.shape[0] == 0:
        raise ValueError(f"inputs and targets need the same, non-zero number of rows; got {X.shape[0]} and {T.shape[0]}")
    return X, T


def _neuron_state(net: Network, layer: str, j: int, n: int, layers: dict[str, LayerTrace], loss,
                  T) -> NeuronState:
    """Neuron j of ``layer`` on sample n, from the reference backward pass's ``layers``."""
    values = layers[layer]
    z, a = values.z, values.a
    if z is None:
        return NeuronState(layer, j, n, "input", float(a[n, j]))
    act = get_activation(net.layer(layer).activation)
    is_output = layer == net.output_layer
    fused = values.dL_da is None
    how = "fused" if fused else ("elementwise" if act.elementwise else "coupled")
    state = NeuronState(
        layer, j, n, how, float(a[n, j]), float(z[n, j]), act.name,
        delta=float(values.delta[n, j]), loss=loss.name, n=_normaliser(loss.name, T),
    )
    if is_output:
        state.target = float(T[n, j])
        state.target_sum = float(T[n].sum())
    if not fused:
        state.dL_da = float(values.dL_da[n, j])
    if how == "elementwise":
        state.f_prime = float(act.derivative(z[n : n + 1], a[n : n + 1])[0, j])
    if how == "coupled":
        row_a, row_g = a[n], values.dL_da[n]
        state.coupled = [(float(s), float(g)) for s, g in zip(row_a, row_g)]
        state.coupled_sum = float((row_g * row_a).sum())
    state.contributions = [
        Contribution(k_layer, k, float(net.weights[layer, k_layer][k, j]), float(layers[k_layer].delta[n, k]),
                     not net.edge_enabled(layer, k_layer, k, j))
        for k_layer in net.outgoing(layer)
        for k in range(net.layer(k_layer).units)
    ]
    return state


def explain_edge(net: Network, source: str, target: str, j: int, i: int, X, T) -> EdgeExplanation:
    """The chain rule of dL/dw_ji (the edge ``source``[i] → ``target``[j]) over a batch.

    X: (B, n_in), T: (B, n_out); one row may be given as a vector. Each sample's δ
    uses the batch loss's normalisation, so Σ_samples a_i·δ_j is exactly the batch
    gradient of the data loss (``mean``); ``total`` adds the regularization term and
    equals ``net.loss_and_gradients(X, T)`` for this weight.
    """
    w = net.weights[source, target]
    if not (0 <= j < w.shape[0] and 0 <= i < w.shape[1]):
        raise IndexError(f"{source}→{target} has no edge [{j}, {i}]; its shape is {w.shape}")
    X, T = _batch(net, X, T)
    layers, loss = backward_pass(net, X, T), get_loss(net.training.loss)
    removed = not net.edge_enabled(source, target, j, i)
    act = get_activation(net.layer(target).activation)
    samples = []
    for n in range(X.shape[0]):
        state = _neuron_state(net, target, j, n, layers, loss, T)
        a_in = float(layers[source].a[n, i])
        note = ""
        if state.how == "fused":
            note = f"{LOSS_NAMES.get(loss.name, loss.name)} after {act.name}: δ = (y − t)/N directly"
        elif state.how == "coupled":
            note = "softmax couples its outputs: δ_j = s_j·(dL/da_j − Σ_k s_k·dL/da_k)"
        if removed:
            note = "this edge is removed (masked): its weight and gradient are 0"
        samples.append(GradientExplanation(
            source, target, j, i, a_in, state.z, act.name, state.f_prime, state.dL_da, state.delta,
            0.0 if removed else a_in * state.delta, state.contributions, note, removed, n, state,
        ))
    weight = float(w[j, i])
    _, reg = net.regularization()
    regularization = 0.0 if reg is None else float(reg[net.parameter_layout().weight(source, target).index(j, i)])
    mean = 0.0 if removed else math.fsum(e.gradient for e in samples)
    return EdgeExplanation(
        source, target, j, i, weight, samples, mean, regularization, mean + regularization,
        net.training.regularization, float(net.training.regularization_rate), loss.name, loss.formula,
        _normaliser(loss.name, T), X, T, removed, net.output_layer,
    )


def explain_gradient(net: Network, source: str, target: str, j: int, i: int, x, t) -> GradientExplanation:
    """The chain-rule factors of dL/dw_ji for one sample ``x`` (n_in,) with target ``t`` (n_out,).

    The loss is the data loss on that one sample (regularization is not included).
    """
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    t = np.asarray(t, dtype=np.float64).reshape(1, -1)
    return explain_edge(net, source, target, j, i, x, t).samples[0]


def explain_neuron(net: Network, layer: str, j: int, X, T) -> NeuronExplanation:
    """Neuron j of ``layer`` over a batch X (B, n_in), T (B, n_out): z, a, δ and δ's origin.

    δ uses the batch loss's normalisation (see the module docstring), so
    ``delta_sum`` is the bias gradient of the batch's data loss.
    """
    info = net.layer(layer)
    if not 0 <= j < info.units:
        raise IndexError(f"layer {layer!r} has no neuron {j}; it has {info.units}")
    X, T = _batch(net, X, T)
    layers, loss = backward_pass(net, X, T), get_loss(net.training.loss)
    samples = [_neuron_state(net, layer, j, n, layers, loss, T) for n in range(X.shape[0])]
    is_input = layer == net.input_layer
    return NeuronExplanation(
        layer, j, "" if is_input else info.activation, samples, is_input,
        (not is_input) and layer in net.biases, loss.name, loss.formula, _normaliser(loss.name, T), X, T,
        info.features[j] if is_input and info.features is not None else None, net.output_layer,
    )
