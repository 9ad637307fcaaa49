"""The loss as a function of one weight: L(w) with every other parameter fixed.

For the edge from neuron i of layer ``src`` to neuron j of layer ``tgt`` (W[j, i]
of the connection src → tgt, shape (units of tgt, units of src)), ``loss_curve``
evaluates the full loss L(w) = data loss + regularization, as
``net.loss_and_gradients(X, T)[0]`` gives it, on a grid of w around the current
value w0, and returns it with the backprop slope g = dL/dw at w0, the tangent
L(w0) + g·(w − w0), and where one plain gradient-descent step lands:
w1 = w0 − lr·g. Earlier values of the weight (from a training run) can be placed on
the same curve: L(w_t) with every other parameter as it is now. The network is left
exactly as it was.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from dataclasses import dataclass, field

import numpy as np

from .hand_check import checks_by_hand, stated, written, written_factor
from .notation import format_change, format_loss_parts, format_number, weight_label
from .network import Network
from .settings import OptimizerSettings

__all__ = ["LossCurve", "loss_curve"]


@dataclass
class LossCurve:
    """L(w) for one weight: ``w`` and ``loss`` are (points,) arrays; NaN where the loss is not finite.

    ``gradient`` is backprop's dL/dw at ``w0`` (regularization included), ``loss0`` = L(w0),
    ``next_w`` = w0 − learning_rate·gradient and ``next_loss`` = L(next_w): one plain SGD
    step: the step training takes with plain SGD; drawn for comparison with momentum and Adam,
    which step differently (``lines`` says so).
    ``earlier_w`` (k,) are earlier values of this weight given by the caller (oldest first),
    ``earlier_loss`` (k,) = L at them on this curve (the other parameters as they are now).
    ``penalty0`` is the regularization penalty in ``loss0`` (None without one: L is the data
    loss alone); ``optimizer`` the network's ``OptimizerSettings`` (which step training takes).
    """

    source: str
    target: str
    j: int
    i: int
    w: np.ndarray
    loss: np.ndarray
    w0: float
    loss0: float
    gradient: float
    learning_rate: float
    next_w: float
    next_loss: float
    span: float
    earlier_w: np.ndarray = field(default_factory=lambda: np.zeros(0))
    earlier_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    penalty0: float | None = None
    optimizer: OptimizerSettings = field(default_factory=OptimizerSettings)

    def tangent(self, w):
        """The tangent line at w0: L(w0) + g·(w − w0), for a float or an array of w."""
        return self.loss0 + self.gradient * (np.asarray(w, dtype=np.float64) - self.w0)

    def lines(self, digits: int = 4, data: str = "the data given") -> list[str]:
        """A caption for the plot: which loss is drawn (of ``data``, in words: 'sample 0 (x = [1, 0],
        t = [1])'), its value and slope at w0, and the step: the step training takes with plain SGD;
        with momentum or Adam, the plain SGD step drawn for comparison, and why training's differs."""
        d = digits
        name = weight_label(self.source, self.target, self.j, self.i)
        slope = stated(self.gradient, d)  # "≈ 0" when it is rounding noise (the Inspector writes "≈0")
        factor = written_factor(self.gradient, d)
        loss0 = format_number(self.loss0, d) if self.penalty0 is None else format_loss_parts(self.loss0, self.penalty0, d)
        at_w0 = f"L = {loss0}" if np.isfinite(self.loss0) else TOO_LARGE_HERE
        what = "" if self.penalty0 is None else " + the regularization penalty"
        w0, next_w, delta = format_change(self.w0, self.next_w, d, most=d + 6)  # 5 − 0.5·8.1e−6 = 4.999996, not 5
        lr = format_number(self.learning_rate, d)
        hand = _exact(w0) - _exact(lr) * written(self.gradient, d)  # "≈" when the numbers as written do not give next_w
        sign = "=" if checks_by_hand(hand, next_w) else "≈"
        sgd = (f"w0 − lr·dL/dw = {w0} − {lr}·{factor} {sign} {next_w}"
               + ("" if delta is None else f" (Δw = {delta})") + f", where {loss_said(self.next_loss, d)}")
        return [
            f"L(w) for w = {name}, every other parameter fixed: the loss of {data}{what}",
            f"at w0 = {format_number(self.w0, d)}: {at_w0}, slope dL/dw {slope} "
            "(backprop)",
            self.step_words() + ": " + sgd + self._other_step(),
        ]

    def step_words(self) -> str:
        """What the orange line is: 'one SGD step' (the step training takes), or, for momentum and
        Adam, 'a plain SGD step, for comparison'."""
        o = self.optimizer
        return "one SGD step" if o.name == "sgd" and not o.momentum else "a plain SGD step, for comparison"

    def optimizer_name(self) -> str:
        """'SGD', 'SGD with momentum μ = 0.9', 'SGD with Nesterov momentum μ = 0.9' or 'Adam', with lr."""
        o = self.optimizer
        lr = f"lr = {format_number(o.learning_rate)}"
        if o.name == "adam":
            return f"Adam, {lr}"
        if o.momentum:
            return f"SGD with {'Nesterov ' if o.nesterov else ''}momentum μ = {o.momentum:g}, {lr}"
        return f"SGD, {lr}"

    def _other_step(self) -> str:
        o = self.optimizer
        if o.name == "adam":
            return ("; this network trains with Adam, whose step lr·[m/(1 − β₁ᵗ)] / (√[v/(1 − β₂ᵗ)] + ε) (m, v: the "
                    "running means of g and g², divided for their bias) depends on earlier gradients (not drawn; the step-through's "
                    "Update phase draws it)")
        if o.momentum:
            return (f"; this network trains with SGD with momentum μ = {o.momentum:g}, whose step also carries "
                    "the earlier ones (not drawn; the step-through's Update phase draws it)")
        return ""


#: what the caption says for a loss that overflows (never "nan" or "∞" over an empty plot)
TOO_LARGE_HERE = "L is too large to compute here (the weights diverged)"


def loss_said(loss: float, digits: int = 4) -> str:
    """'L = 0.2500', or for a loss that is not finite where a step lands, that it is too large to compute."""
    return f"L = {format_number(loss, digits)}" if np.isfinite(loss) else "L is too large to compute (this step diverges)"


def _full_loss(net: Network, X: np.ndarray, T: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        try:
            loss = net.data_loss(X, T) + net.regularization()[0]
        except (FloatingPointError, OverflowError):
            return float("nan")
    return float(loss) if np.isfinite(loss) else float("nan")


def loss_curve(net: Network, src: str, tgt: str, j: int, i: int, X, T, span: float | None = None,
               points: int = 101, earlier=None) -> LossCurve:
    """L(w) of the edge ``src``[i] → ``tgt``[j] over w in [w0 − span, w0 + span] (``points`` values).

    X: (batch, n_in), T: (batch, n_out). The default span, max(1, 2·|w0|, 3·|lr·g|), shows
    the curve's shape around w0 and keeps one SGD step w0 − lr·g inside the plot. With an
    odd ``points`` the middle value is exactly w0. ``earlier`` (optional, (k,)): earlier
    values of the weight, evaluated on the same curve; the default span also reaches them.
    Non-finite losses become NaN (never an error); every parameter is bit for bit as before
    afterwards. A removed edge is refused with ``ValueError``.
    """
    view = net.weights[src, tgt]
    if not (0 <= j < view.shape[0] and 0 <= i < view.shape[1]):
        raise IndexError(f"{src}→{tgt} has no edge [{j}, {i}]; its shape is {view.shape}")
    if not net.edge_enabled(src, tgt, j, i):
        raise ValueError(f"edge {src}[{i}] → {tgt}[{j}] is removed: its weight is fixed at 0")
    if int(points) < 2:
        raise ValueError("a loss curve needs at least 2 points")
    X, T = net._check_inputs(X), net._check_targets(T)
    loss0, grads = net.loss_and_gradients(X, T)
    w0 = float(view[j, i])
    g = float(grads.weights[src, tgt][j, i])
    lr = float(net.training.optimizer.learning_rate)
    earlier = np.zeros(0) if earlier is None else np.asarray(earlier, dtype=np.float64).ravel()
    earlier = earlier[np.isfinite(earlier)]
    if span is None:
        reach = 1.1 * float(np.abs(earlier - w0).max()) if earlier.size else 0.0
        span = max(1.0, 2.0 * abs(w0), 3.0 * abs(lr * g), reach)
    span = float(span)
    if not (np.isfinite(span) and span > 0):
        raise ValueError(f"span must be a positive number, not {span!r}")
    with np.errstate(all="ignore"):
        grid = w0 + span * np.linspace(-1.0, 1.0, int(points))
    if grid.size % 2:
        grid[grid.size // 2] = w0
    next_w = w0 - lr * g
    losses = np.empty_like(grid)
    earlier_loss = np.empty_like(earlier)
    old = view[j, i]
    try:
        for values, out in ((grid, losses), (earlier, earlier_loss)):
            for k, w in enumerate(values):
                view[j, i] = w
                out[k] = _full_loss(net, X, T)
        view[j, i] = next_w
        next_loss = _full_loss(net, X, T)
    finally:
        view[j, i] = old
    settings = net.training
    penalized = settings.regularization != "none" and settings.regularization_rate != 0
    return LossCurve(src, tgt, j, i, grid, losses, w0, float(loss0), g, lr, next_w, next_loss, span,
                     earlier.copy(), earlier_loss, penalty0=net.regularization()[0] if penalized else None,
                     optimizer=copy.deepcopy(settings.optimizer))


def _exact(text: str) -> Decimal:
    """The exact value of a written number ("−8.112e−6")."""
    return Decimal(text.replace("−", "-"))
