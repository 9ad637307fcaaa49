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
the derivation as plain Unicode text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .backprop import LayerTrace, backward_pass
from .features import FEATURES
from .losses import get_loss
from .network import Network
from .notation import MINUS, difference_digits, exact_enough, format_number, neuron_label, weight_label
from .notation import factor as _f

MAX_SAMPLES_SHOWN = 8

__all__ = [
    "Contribution", "EdgeExplanation", "GradientExplanation", "NeuronExplanation", "NeuronState",
    "explain_edge", "explain_gradient", "explain_neuron",
]


def _sum(values, d: int) -> str:
    return " + ".join(_f(v, d) for v in values) if values else "0"


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
class NeuronState:
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

    def derivation(self, d: int) -> list[str]:
        """The lines that derive δ's factors: f'(z) and dL/da, or δ directly."""
        if self.how == "input":
            return []
        if self.how == "fused":
            return [self._fused_line(d)]
        if self.how == "coupled":
            return [self._dlda_line(d), *self._coupled_lines(d)]
        return [self._fprime_line(d), self._dlda_line(d)]

    def delta_line(self, d: int) -> str:
        """δ as a product of the derived factors (or the value just derived)."""
        me = self.label
        if self.how == "elementwise":
            return (f"δ_{me} = f'(z_{me}) · dL/da_{me} = {_f(self.f_prime, d)} · {_f(self.dL_da, d)} = "
                    f"{format_number(self.delta, d)}")
        return f"δ_{me} = {format_number(self.delta, d)}"

    def _fprime_line(self, d: int) -> str:
        me, z, a, fp = self.label, self.z, self.a, self.f_prime
        head = f"f = {self.activation}, z_{me} = {format_number(z, d)}:  "
        name = self.activation
        if name == "identity":
            return head + "f'(z) = 1"
        if name == "sigmoid":
            return head + f"σ'(z) = σ(z)(1 − σ(z)) = {_f(a, d)} · (1 − {_f(a, d)}) = {format_number(fp, d)}"
        if name == "tanh":
            return head + f"tanh'(z) = 1 − tanh²(z) = 1 − {_f(a, d)}² = {format_number(fp, d)}"
        if name == "relu":
            side = "> 0" if z > 0 else ("= 0" if z == 0 else "< 0")
            return head + f"relu'(z) = 1 if z > 0 else 0 (0 at exactly 0); z {side}, so {format_number(fp, d)}"
        if name == "leaky_relu":
            side = "> 0" if z > 0 else "≤ 0"
            return head + f"leaky_relu'(z) = 1 if z > 0 else 0.01; z {side}, so {format_number(fp, d)}"
        return head + f"f'(z) = {format_number(fp, d)}"

    def _dlda_line(self, d: int) -> str:
        me = self.label
        if self.target is not None:
            y, t, n = self.a, self.target, self.n
            dd = difference_digits(y, t, d)
            ny = exact_enough(y, dd)
            nt = exact_enough(t, dd)
            nt = f"({nt})" if nt.startswith(MINUS) else nt
            if self.loss == "mse":
                return f"dL/da_{me} = 2(y − t)/N = 2·({ny} − {nt})/{n} = {format_number(self.dL_da, d)}"
            if self.loss == "half_mse":
                return f"dL/da_{me} = (y − t)/N = ({ny} − {nt})/{n} = {format_number(self.dL_da, d)}"
            # binary_cross_entropy and cross_entropy never get here: the network refuses them after
            # any output but their partner (Network.problems), and with it δ is fused (_fused_line)
            return f"dL/da_{me} = {format_number(self.dL_da, d)}"
        kept = [c for c in self.contributions if not c.removed]
        layers = list(dict.fromkeys(c.layer for c in self.contributions))
        symbols = " + ".join(f"Σ_k w[{self.layer}→{k}][k,{self.j}] · δ_{neuron_label(k, 'k')}" for k in layers)
        terms = " + ".join(f"{_f(c.weight, d)}·{_f(c.delta, d)}" for c in kept) or "0"
        note = ""
        if len(kept) < len(self.contributions):
            note = "   (removed edges contribute nothing)" if kept else "   (every edge leaving it is removed)"
        return f"dL/da_{me} = {symbols} = {terms} = {format_number(self.dL_da, d)}{note}"

    def _fused_line(self, d: int) -> str:
        me, y, t, n = self.label, self.a, self.target, self.n
        partner = "sigmoid + binary_cross_entropy: f'(z) cancels the loss's 1/(y(1 − y))"
        if self.loss == "cross_entropy":
            partner = "softmax + cross_entropy: the coupled softmax derivative and −t/y combine"
        if self.loss == "cross_entropy" and self.target_sum != 1.0:
            text = (f"(y·Σ_k t_k − t)/N = ({format_number(y, d)}·{_f(self.target_sum, d)} − {_f(t, d)})/{n}")
        else:
            dd = difference_digits(y, t, d)
            nt = exact_enough(t, dd)
            text = f"(y − t)/N = ({exact_enough(y, dd)} − {f'({nt})' if nt.startswith(MINUS) else nt})/{n}"
        return f"δ_{me} = dL/dz_{me} = {text} = {format_number(self.delta, d)}   ({partner})"

    def _coupled_lines(self, d: int) -> list[str]:
        me, out = self.label, self.layer
        terms = " + ".join(f"{_f(s, d)}·{_f(g, d)}" for s, g in self.coupled)
        return [
            "f = softmax is coupled (each s_k depends on every z), so there is no single f'(z); δ comes directly:",
            f"Σ_k s_k · dL/da_{neuron_label(out, 'k')} = {terms} = {format_number(self.coupled_sum, d)}",
            f"δ_{me} = s_{self.j} · (dL/da_{me} − Σ_k s_k · dL/da_{neuron_label(out, 'k')}) = "
            f"{_f(self.a, d)}·({format_number(self.dL_da, d)} − {_f(self.coupled_sum, d)}) = "
            f"{format_number(self.delta, d)}",
        ]


@dataclass
class GradientExplanation:
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

    def formula(self) -> str:
        """The product written out with its numbers (one line)."""
        if self.removed:
            return "this edge is removed: its weight and gradient are 0"
        if self.f_prime is None:
            return (f"dL/dw = a_in × δ = {format_number(self.a_in, 6)} × {_f(self.delta, 6)} = "
                    f"{format_number(self.gradient, 6)}")
        return (f"dL/dw = a_in × f'(z) × dL/da = {format_number(self.a_in, 6)} × {_f(self.f_prime, 6)} × "
                f"{_f(self.dL_da, 6)} = {format_number(self.gradient, 6)}")

    def symbolic(self) -> str:
        """dL/dw[s→t][j,i] = a_si · f'(z_tj) · dL/da_tj (or a_si · δ_tj when δ comes directly)."""
        w = weight_label(self.source, self.target, self.j, self.i)
        src, tgt = neuron_label(self.source, self.i), neuron_label(self.target, self.j)
        if self.removed:
            return f"dL/d{w}: this edge is removed: its weight and gradient are 0"
        if self.f_prime is None:
            return f"dL/d{w} = a_{src} · δ_{tgt}   (δ = dL/dz)"
        return f"dL/d{w} = a_{src} · f'(z_{tgt}) · dL/da_{tgt}"

    def steps(self, digits: int = 4, name: str = "dL/dw") -> list[str]:
        """This sample's numbers: a_in, the derivation of the factors, and their product ``name``."""
        d = digits
        if self.removed:
            return ["this edge is removed: its weight and gradient are 0"]
        lines = [f"a_{neuron_label(self.source, self.i)} = {format_number(self.a_in, d)}"]
        if self.neuron is not None:
            lines += self.neuron.derivation(d)
        if self.f_prime is None:
            product = f"{_f(self.a_in, d)} · {_f(self.delta, d)}"
        else:
            product = f"{_f(self.a_in, d)} · {_f(self.f_prime, d)} · {_f(self.dL_da, d)}"
        lines.append(f"{name} = {product} = {format_number(self.gradient, d)}")
        return lines

    def lines(self, digits: int = 4) -> list[str]:
        """The chain rule symbolically, then with this sample's numbers."""
        if self.removed:
            return [self.symbolic()]
        return [self.symbolic(), *self.steps(digits)]


@dataclass
class EdgeExplanation:
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

    @property
    def batch_size(self) -> int:
        return len(self.samples)

    def lines(self, digits: int = 4) -> list[str]:
        """The chain rule symbolically, then numerically for each sample (at most 8), the batch sum,
        the regularization term and the total. The last number is ``total``."""
        d = digits
        first = self.samples[0]
        if self.removed:
            return [first.symbolic()]
        B = self.batch_size
        symbolic = first.symbolic()
        if B > 1:
            head, rest = symbolic.split(" = ", 1)
            symbolic = f"{head} = Σ over the {B} samples of {rest}"
        lines = [symbolic, _loss_line(self.loss, self.loss_formula, B, self.targets, self.n)]
        if B == 1:
            lines += first.steps(d)
        else:
            for e in self.samples[:MAX_SAMPLES_SHOWN]:
                lines.append(_sample_header(e.sample, B, self.inputs, self.targets, d))
                lines += ["  " + s for s in e.steps(d, f"p{e.sample + 1}")]
            if B > MAX_SAMPLES_SHOWN:
                lines.append(f"… and {B - MAX_SAMPLES_SHOWN} more samples (all are in the sum below)")
            lines.append(_batch_sum_line("dL/dw", "p", [e.gradient for e in self.samples], self.mean, d))
        if self.regularization_kind != "none" and self.regularization_rate != 0:
            rate = format_number(self.regularization_rate, d)
            if self.regularization_kind == "l2":
                term = f"+ L2: rate · w = {rate} · {_f(self.weight, d)}"
            else:
                term = f"+ L1: rate · sign(w) = {rate} · {_f(float(np.sign(self.weight)), d)}"
            lines.append(f"{term} = {format_number(self.regularization, d)}")
            lines.append(f"dL/dw with {self.regularization_kind.upper()} = {_f(self.mean, d)} + "
                         f"{_f(self.regularization, d)} = {format_number(self.total, d)}")
        return lines


@dataclass
class NeuronExplanation:
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

    def lines(self, digits: int = 4) -> list[str]:
        """z, a and the derivation of δ for each sample (at most 8), then the batch figures."""
        d = digits
        me = neuron_label(self.layer, self.j)
        B = len(self.samples)
        if self.is_input:
            head = [f"neuron {me} (input layer): a_{me} = x_{self.j}, the input value"]
            if self.feature is not None:
                head = [f"neuron {me} (input layer): a_{me} = {FEATURES[self.feature].formula}, an input "
                        "feature computed from the sample's raw inputs x₁, x₂"]
            values = [format_number(s.a, d) for s in self.samples[:MAX_SAMPLES_SHOWN]]
            more = f", … ({B - MAX_SAMPLES_SHOWN} more)" if B > MAX_SAMPLES_SHOWN else ""
            tail = [f"a_{me} = {values[0]}"] if B == 1 else [
                f"a_{me} per sample: {', '.join(values)}{more}; mean {format_number(self.a_mean, d)}"]
            return head + tail
        how = self.samples[0].how
        rule = {"elementwise": f"δ_{me} = dL/dz_{me} = f'(z_{me}) · dL/da_{me}",
                "fused": f"δ_{me} = dL/dz_{me}, straight from the loss",
                "coupled": f"δ_{me} = dL/dz_{me} = s_{self.j} · (dL/da_{me} − Σ_k s_k · "
                           f"dL/da_{neuron_label(self.layer, 'k')})"}[how]
        lines = [f"neuron {me} (layer {self.layer}, {self.activation}):  {rule}",
                 _loss_line(self.loss, self.loss_formula, B, self.targets, self.n)]
        for s in self.samples[:MAX_SAMPLES_SHOWN]:
            body = [f"z_{me} = {format_number(s.z, d)},  a_{me} = {format_number(s.a, d)}", *s.derivation(d)]
            if s.how == "elementwise":
                body.append(s.delta_line(d))
            if B == 1:
                lines += body
            else:
                lines.append(_sample_header(s.sample, B, self.inputs, self.targets, d))
                lines += ["  " + line for line in body]
        if B > MAX_SAMPLES_SHOWN:
            lines.append(f"… and {B - MAX_SAMPLES_SHOWN} more samples (all are in the figures below)")
        bias = f"dL/db_{me}" if self.has_bias else f"Σ δ_{me}"
        if B == 1:
            lines.append(f"{bias} = δ_{me} = {format_number(self.delta_sum, d)}")
        else:
            lines.append(f"batch of {B}: mean z_{me} = {format_number(self.z_mean, d)}, "
                         f"mean a_{me} = {format_number(self.a_mean, d)}")
            lines.append(_batch_sum_line(bias, f"δ_{me}", [s.delta for s in self.samples], self.delta_sum, d))
        return lines


def _vector(v, d: int, cap: int = 6) -> str:
    v = np.asarray(v).ravel()
    text = ", ".join(format_number(x, d) for x in v[:cap])
    return f"[{text}{', …' if v.size > cap else ''}]"


def _sample_header(n: int, B: int, X, T, d: int) -> str:
    if X is None:
        return f"sample {n + 1} of {B}:"
    return f"sample {n + 1} of {B} (x = {_vector(X[n], d)}, t = {_vector(T[n], d)}):"


def _loss_line(name: str, formula: str, B: int, T, n: int) -> str:
    samples = f"{B} sample{'s' if B != 1 else ''}"
    if name == "cross_entropy":
        return f"L = {name} = {formula}; N = {samples}"
    outputs = T.shape[1] if T is not None else n // max(B, 1)
    return f"L = {name} = {formula}; N = {samples} × {outputs} output{'s' if outputs != 1 else ''} = {n}"


def _batch_sum_line(what: str, term: str, values: list[float], total: float, d: int) -> str:
    """``what`` = Σ over samples of ``term``, every term written out (the first 8, then the rest's sum)."""
    shown = values[:MAX_SAMPLES_SHOWN]
    B = len(values)
    numbers = _sum(shown, d)
    if B > len(shown):
        rest = math.fsum(values[len(shown):])
        numbers += f" + (the other {B - len(shown)}: {_f(rest, d)})"
    symbols = " + ".join(f"{term}{k}" if term == "p" else f"{term}(sample {k})" for k in range(1, len(shown) + 1))
    symbols += " + …" if B > len(shown) else ""
    return (f"batch, a sum over the {B} samples (each term already carries the loss's 1/N, so no further "
            f"mean): {what} = {symbols} = {numbers} = {format_number(total, d)}")


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
            note = f"{loss.name} after {act.name}: δ = (y − t)/N directly"
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
        _normaliser(loss.name, T), X, T, removed,
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
        info.features[j] if is_input and info.features is not None else None,
    )
