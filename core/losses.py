"""Loss functions, each with its gradient beside it.

``y`` is the network output and ``t`` the target, both shape (batch, units).
``value(y, t)`` is a float; ``gradient(y, t)`` is dL/dy with the shape of ``y``.

Two losses are computed from the output layer's pre-activation ``z`` when the
output activation is their natural partner, which is both stable and simpler:

* binary_cross_entropy after a sigmoid: L = mean(max(z, 0) − z·t + log(1 + e^(−|z|))),
  dL/dz = (σ(z) − t) / N, with N = number of output elements;
* cross_entropy after a softmax: L = mean over rows of (Σ_k t_k)·logsumexp(z) − Σ_k t_k z_k,
  dL/dz = (softmax(z)·Σ_k t_k − t) / batch.

The two cross-entropies also say which targets they take (``Loss.target_misfit``, checked before
any training by ``Network.dataset_problems``): outside them the formulas still compute, but
what they compute is no loss. binary_cross_entropy needs 0 ≤ t ≤ 1 (with t > 1 the term −z·t
has no lower bound: training drives L below 0, which a cross-entropy never is); cross_entropy
needs each target row to be a probability distribution, t_k ≥ 0 with Σ_k t_k = 1 (one-hot
classes or probabilities; a negative t_k has no lower bound either).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

#: Probabilities are clipped to [EPS, 1 − EPS] before a log when no logits are available.
EPS = 1e-12


#: how far a cross_entropy target row's sum may be from 1 (rounding of probabilities written with 7 or more digits)
SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class TargetMisfit:
    """The first target a loss cannot take: dataset row ``row`` (0-based); ``column`` (0-based) holds
    ``value``, or, when ``column`` is None, the row's targets sum to ``value``."""

    row: int
    column: int | None
    value: float


def _first(bad: np.ndarray, t: np.ndarray) -> TargetMisfit:
    row, column = np.argwhere(bad)[0]
    return TargetMisfit(int(row), int(column), float(t[row, column]))


def _probabilities(t: np.ndarray) -> TargetMisfit | None:
    """Targets (batch, units) that are each a probability, 0 ≤ t ≤ 1 (binary_cross_entropy)."""
    if t.size == 0 or (t.min() >= 0.0 and t.max() <= 1.0):
        return None
    return _first((t < 0.0) | (t > 1.0), t)


def _distributions(t: np.ndarray) -> TargetMisfit | None:
    """Target rows (batch, units) that are each a distribution, t_k ≥ 0 and Σ_k t_k = 1 (cross_entropy)."""
    if t.size == 0:
        return None
    if t.min() < 0.0:
        return _first(t < 0.0, t)
    sums = t.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1.0) > SUM_TOLERANCE)
    return TargetMisfit(int(off[0]), None, float(sums[off[0]])) if off.size else None


def _mse(y, t):
    d = y - t
    return float(np.mean(d * d))


def _mse_grad(y, t):
    return (2.0 / y.size) * (y - t)


def _half_mse(y, t):
    d = y - t
    return 0.5 * float(np.mean(d * d))


def _half_mse_grad(y, t):
    return (1.0 / y.size) * (y - t)


def _bce(y, t):
    p = np.clip(y, EPS, 1.0 - EPS)
    return float(-np.mean(t * np.log(p) + (1.0 - t) * np.log(1.0 - p)))


def _bce_grad(y, t):
    p = np.clip(y, EPS, 1.0 - EPS)
    return (p - t) / (p * (1.0 - p)) / y.size


def _bce_from_logits(z, t):
    return float(np.mean(np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z)))))


def _bce_grad_logits(y, t):
    return (y - t) / y.size


def _ce(y, t):
    p = np.clip(y, EPS, 1.0)
    return float(-np.sum(t * np.log(p)) / y.shape[0])


def _ce_grad(y, t):
    p = np.clip(y, EPS, 1.0)
    return -t / p / y.shape[0]


def _ce_from_logits(z, t):
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    return float(np.sum(t.sum(axis=1) * lse - (t * z).sum(axis=1)) / z.shape[0])


def _ce_grad_logits(y, t):
    return (y * t.sum(axis=1, keepdims=True) - t) / y.shape[0]


@dataclass(frozen=True)
class Loss:
    """A loss: value and gradient on outputs, and optionally on logits of its partner activation."""

    name: str
    formula: str
    value: Callable[[np.ndarray, np.ndarray], float]
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]
    partner: str | None = None
    value_from_logits: Callable[[np.ndarray, np.ndarray], float] | None = None
    #: dL/dz given (y, t) where y = partner(z)
    gradient_logits: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
    #: the output activations this loss accepts (empty: any)
    requires: tuple[str, ...] = ()
    #: why, for the message when another output activation is used
    requires_why: str = ""
    #: the first target (batch, units) this loss cannot take, or None (``None``: it takes any finite number)
    target_misfit: Callable[[np.ndarray], TargetMisfit | None] | None = None
    #: what those targets must be ("targets between 0 and 1") and what to do instead ("for such numbers …"), for
    #: the message (``core.target_fit``)
    targets_needed: str = ""
    targets_advice: str = ""

    def refusal(self, output: str, activation: str) -> str | None:
        """Why this loss cannot follow an output layer ``output`` with ``activation``, or None."""
        if not self.requires or activation in self.requires:
            return None
        return (f"the {self.name} loss needs a {' or '.join(self.requires)} output layer{self.requires_why}; "
                f"{output} uses {activation}")


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("mse", "mean((y − t)²)", _mse, _mse_grad),
        Loss("half_mse", "½·mean((y − t)²)", _half_mse, _half_mse_grad),
        Loss(
            "binary_cross_entropy",
            "mean(−[t·ln y + (1 − t)·ln(1 − y)])",
            _bce,
            _bce_grad,
            partner="sigmoid",
            value_from_logits=_bce_from_logits,
            gradient_logits=_bce_grad_logits,
            # an output that can leave (0, 1) (identity, tanh, relu, leaky_relu) would be clipped
            # before the logarithms: the loss shown would not be the one whose gradient is used.
            # A softmax output stays in (0, 1) but rounds to 0 or 1 when confidently wrong, and the
            # clip then makes the gradient vanish (loss 27.6, dL/dW = 0); its outputs are not
            # independent yes/no probabilities either: cross_entropy is the softmax's loss.
            requires=("sigmoid",),
            requires_why=(" (its logarithms need each output to be a probability between 0 and 1 of "
                          "its own; after a softmax, use cross_entropy)"),
            target_misfit=_probabilities,
            targets_needed="targets between 0 and 1",
            targets_advice="for such numbers use mse and an identity output, or scale the column to 0…1",
        ),
        Loss(
            "cross_entropy",
            "mean over samples of −Σ_k t_k·ln softmax(z)_k",
            _ce,
            _ce_grad,
            partner="softmax",
            value_from_logits=_ce_from_logits,
            gradient_logits=_ce_grad_logits,
            requires=("softmax",),
            target_misfit=_distributions,
            targets_needed="target rows of numbers ≥ 0 that sum to 1",
            targets_advice="for classes give one column of class names; for other numbers use mse and an identity output",
        ),
    )
}


def get_loss(name: str) -> Loss:
    """The loss called ``name``; ``ValueError`` listing the known names otherwise."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; expected one of {', '.join(LOSSES)}") from None
