"""Finite-difference check of backpropagation.

For every parameter θ_k: the centred difference (L(θ + h·e_k) − L(θ − h·e_k)) / 2h
is compared with the analytic dL/dθ_k of ``loss_and_gradients``; the relative
error is |a − n| / max(|a| + |n|, floor). ``check_parameter`` does the same for
one weight or bias, with the error |a − n| / max(|a|, |n|, 1e-12) and a readable
``lines()`` for the inspector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .notation import format_number as fmt
from .network import Network


@dataclass
class GradCheckResult:
    analytic: np.ndarray  # (n_params,)
    numeric: np.ndarray  # (n_params,)
    relative_error: np.ndarray  # (n_params,)
    names: list[str]

    @property
    def max_error(self) -> float:
        return float(self.relative_error.max(initial=0.0))

    def worst(self) -> str:
        if not self.names:
            return "no parameters"
        k = int(self.relative_error.argmax())
        return (f"{self.names[k]}: analytic {self.analytic[k]:.10g}, numeric {self.numeric[k]:.10g}, "
                f"relative error {self.relative_error[k]:.3g}")


def gradcheck(net: Network, X, T, h: float = 1e-5, floor: float = 1e-8) -> GradCheckResult:
    """Compare every analytic gradient (weights and biases) with a centred difference.

    The network's parameters are restored afterwards. Masked weights are skipped
    (their gradient is 0 by definition, and so is the analytic one).
    """
    _, grads = net.loss_and_gradients(X, T)
    X, T = net._check_inputs(X), net._check_targets(T)
    analytic = grads.flat.copy()
    numeric = np.zeros_like(analytic)
    theta = net.flat
    mask = net.mask_vector()

    def total_loss() -> float:  # what loss_and_gradients returns, without the backward pass
        loss, _ = net._loss_and_grad(X, T, None)
        return loss + net.regularization()[0]

    for k in range(theta.size):
        if mask is not None and mask[k] == 0:
            continue
        old = theta[k]
        theta[k] = old + h
        plus = total_loss()
        theta[k] = old - h
        minus = total_loss()
        theta[k] = old
        numeric[k] = (plus - minus) / (2 * h)
    error = np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), floor)
    return GradCheckResult(analytic, numeric, error, net.parameter_names())


@dataclass
class ParameterCheck:
    """One parameter's backprop gradient beside its centred finite difference.

    ``numeric`` = (L(θ + h) − L(θ − h)) / ((θ + h) − (θ − h)) of the full loss
    (regularization included, as ``loss_and_gradients`` returns it);
    ``relative_error`` = |analytic − numeric| / max(|analytic|, |numeric|, 1e-12).
    """

    kind: str  # "weight" or "bias"
    key: tuple
    name: str
    value: float
    h: float
    loss_plus: float
    loss_minus: float
    numeric: float
    analytic: float
    relative_error: float

    @property
    def verdict(self) -> str:
        if self.relative_error <= 1e-7:
            return "they agree"
        if self.relative_error <= 1e-4:
            return "close: normal near a relu kink or for a tiny gradient, otherwise suspicious"
        return "they disagree: backprop or the loss is wrong here"

    def lines(self, digits: int = 4) -> list[str]:
        """The check written out; the losses get 12 digits, so that their difference shows."""
        d, p = digits, self.name
        return [
            f"numerical check of {p} = {fmt(self.value, d)} with h = {fmt(self.h, 3)}:",
            f"L(θ + h) = {fmt(self.loss_plus, 12)},  L(θ − h) = {fmt(self.loss_minus, 12)}",
            f"(L(θ + h) − L(θ − h)) / 2h = {fmt(self.numeric, d)}",
            f"backprop: dL/d{p} = {fmt(self.analytic, d)}",
            f"relative error |a − b| / max(|a|, |b|) = {fmt(self.relative_error, 2)}: {self.verdict}",
        ]


def check_parameter(net: Network, X, T, kind: str, key: tuple, h: float = 1e-5) -> ParameterCheck:
    """Check one parameter: ``kind="weight"`` with key (src, tgt, j, i) — the edge src[i] → tgt[j] —
    or ``kind="bias"`` with key (layer, j).

    X: (batch, n_in), T: (batch, n_out). The parameter is moved by ±h and put back
    exactly (every parameter is bit for bit as before). A removed edge is refused
    with ``ValueError``.
    """
    _, grads = net.loss_and_gradients(X, T)
    if kind == "weight":
        src, tgt, j, i = key
        view, gview, index = net.weights[src, tgt], grads.weights[src, tgt], (j, i)
        if not (0 <= j < view.shape[0] and 0 <= i < view.shape[1]):
            raise IndexError(f"{src}→{tgt} has no edge [{j}, {i}]; its shape is {view.shape}")
        if not net.edge_enabled(src, tgt, j, i):
            raise ValueError(f"edge {src}[{i}] → {tgt}[{j}] is removed: its weight and gradient are 0")
        name = f"w[{src}→{tgt}][{j},{i}]"
    elif kind == "bias":
        layer, j = key
        if layer not in net.biases:
            raise ValueError(f"layer {layer!r} has no bias")
        view, gview, index = net.biases[layer], grads.biases[layer], (j,)
        if not 0 <= j < view.shape[0]:
            raise IndexError(f"layer {layer!r} has no neuron {j}")
        name = f"b[{layer}][{j}]"
    else:
        raise ValueError(f"kind must be 'weight' or 'bias', not {kind!r}")
    analytic = float(gview[index])
    old = view[index]
    plus, minus = old + h, old - h
    try:
        view[index] = plus
        loss_plus = net.loss_and_gradients(X, T)[0]
        view[index] = minus
        loss_minus = net.loss_and_gradients(X, T)[0]
    finally:
        view[index] = old
    numeric = (loss_plus - loss_minus) / (plus - minus)
    error = abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-12)
    return ParameterCheck(kind, tuple(key), name, float(old), h, loss_plus, loss_minus, numeric, analytic, error)
