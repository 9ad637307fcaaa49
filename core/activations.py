"""Activation functions, each with its derivative beside it.

Every activation maps the pre-activation ``z`` of a layer, shape (batch, units),
to its output ``a = f(z)`` of the same shape.

For the backward pass each activation provides ``backward(z, a, da)``: given
``da = dL/da`` it returns ``dz = dL/dz``. For element-wise activations this is
``f'(z) * da``; softmax couples the units of a row, so it uses the
Jacobian-vector product ``dz = s * (da - Σ_k da_k s_k)``.

``derivative(z, a)`` returns the element-wise f'(z) for the chain-rule
explanation (softmax has none: its Jacobian is not diagonal).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

LEAKY_SLOPE = 0.01


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), computed without overflow for any z.

    Written as ½·(1 + tanh(z/2)), which is the same function and never
    exponentiates a large number.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _softmax(z: np.ndarray) -> np.ndarray:
    """softmax(z)_k = e^(z_k − max z) / Σ_j e^(z_j − max z), row by row."""
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Activation:
    """One activation: its value, its derivative, and its backward product."""

    name: str
    formula: str
    forward: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    elementwise: bool = True

    def backward(self, z: np.ndarray, a: np.ndarray, da: np.ndarray) -> np.ndarray:
        """dL/dz from dL/da (shapes (batch, units))."""
        if self.elementwise:
            return self.derivative(z, a) * da
        # softmax: dz_j = s_j (da_j − Σ_k da_k s_k)
        return a * (da - (da * a).sum(axis=1, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("identity", "f(z) = z", lambda z: z.copy(), lambda z, a: np.ones_like(z)),
        Activation("sigmoid", "f(z) = 1/(1+e^-z)", _sigmoid, lambda z, a: a * (1.0 - a)),
        Activation("tanh", "f(z) = tanh z", np.tanh, lambda z, a: 1.0 - a * a),
        Activation(
            "relu",
            "f(z) = max(0, z)",
            lambda z: np.maximum(z, 0.0),
            lambda z, a: (z > 0).astype(z.dtype),
        ),
        Activation(
            "leaky_relu",
            "f(z) = z if z > 0 else 0.01 z",
            lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
            lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype),
        ),
        Activation("softmax", "f(z)_k = e^z_k / Σ_j e^z_j", _softmax, None, elementwise=False),
    )
}

#: Activations a hidden layer may use (softmax only makes sense on the output layer).
HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATIONS if name != "softmax")


def get_activation(name: str) -> Activation:
    """The activation called ``name``; ``ValueError`` listing the known names otherwise."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}"
        ) from None
