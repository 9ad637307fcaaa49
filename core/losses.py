"""Loss functions, each with its gradient beside it.

``y`` is the network output and ``t`` the target, both shape (batch, units).
``value(y, t)`` is a float; ``gradient(y, t)`` is dL/dy with the shape of ``y``.

Two losses are computed from the output layer's pre-activation ``z`` when the
output activation is their natural partner, which is both stable and simpler:

* binary_cross_entropy after a sigmoid: L = mean(max(z, 0) − z·t + log(1 + e^(−|z|))),
  dL/dz = (σ(z) − t) / N, with N = number of output elements;
* cross_entropy after a softmax: L = mean over rows of (Σ_k t_k)·logsumexp(z) − Σ_k t_k z_k,
  dL/dz = (softmax(z)·Σ_k t_k − t) / batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

#: Probabilities are clipped to [EPS, 1 − EPS] before a log when no logits are available.
EPS = 1e-12


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
        ),
    )
}


def get_loss(name: str) -> Loss:
    """The loss called ``name``; ``ValueError`` listing the known names otherwise."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; expected one of {', '.join(LOSSES)}") from None
