"""Activation functions, each with its derivative beside it.

Every activation maps the pre-activation ``z`` of a layer, shape (batch, units),
to its output ``a = f(z)`` of the same shape.

For the backward pass each activation provides ``backward(z, a, da)``: given
``da = dL/da`` it returns ``dz = dL/dz``. For element-wise activations this is
``f'(z) * da``; softmax couples the units of a row, so it uses the
Jacobian-vector product ``dz = s * (da - Σ_k da_k s_k)``.

``derivative(z, a)`` returns the element-wise f'(z) for the chain-rule
explanation (softmax has none: its Jacobian is not diagonal).

The training hot path uses two faster forms that may overwrite their argument:
``forward_inplace(z)`` returns f(z), computed in z's memory where it can, and
``backward_from_output(a, da)`` returns dL/dz from the output a alone (every
activation here has a derivative expressible through a: relu and leaky_relu
have a > 0 exactly where z > 0), computed in da's memory where it can.
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


def _sigmoid_inplace(z: np.ndarray) -> np.ndarray:
    z *= 0.5
    np.tanh(z, out=z)
    z += 1.0
    z *= 0.5
    return z


def _softmax_inplace(z: np.ndarray) -> np.ndarray:
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def _leaky_inplace(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, LEAKY_SLOPE * z, out=z)  # slope < 1: max(z, 0.01 z) is leaky relu


def _identity_back(a, da):
    return da


def _sigmoid_back(a, da):
    d = a * a
    np.subtract(a, d, out=d)  # a − a² = σ'(z)
    d *= da
    return d


def _tanh_back(a, da):
    d = da * a
    d *= a
    np.subtract(da, d, out=d)  # da − da·a² = (1 − a²)·da
    return d


def _relu_back(a, da):
    da *= a > 0
    return da


def _leaky_back(a, da):
    return np.where(a > 0, da, LEAKY_SLOPE * da)


def _softmax_back(a, da):
    d = da * a
    da -= d.sum(axis=1, keepdims=True)
    da *= a
    return da


@dataclass(frozen=True)
class Activation:
    """One activation: its value, its derivative, its backward product, and the fast forms."""

    name: str
    formula: str
    forward: Callable[[np.ndarray], np.ndarray]
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    elementwise: bool = True
    forward_inplace: Callable[[np.ndarray], np.ndarray] | None = None
    backward_from_output: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None

    def backward(self, z: np.ndarray, a: np.ndarray, da: np.ndarray) -> np.ndarray:
        """dL/dz from dL/da (shapes (batch, units))."""
        if self.elementwise:
            return self.derivative(z, a) * da
        # softmax: dz_j = s_j (da_j − Σ_k da_k s_k)
        return a * (da - (da * a).sum(axis=1, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("identity", "f(z) = z", lambda z: z.copy(), lambda z, a: np.ones_like(z),
                   forward_inplace=lambda z: z, backward_from_output=_identity_back),
        Activation("sigmoid", "f(z) = 1/(1+e^-z)", _sigmoid, lambda z, a: a * (1.0 - a),
                   forward_inplace=_sigmoid_inplace, backward_from_output=_sigmoid_back),
        Activation("tanh", "f(z) = tanh z", np.tanh, lambda z, a: 1.0 - a * a,
                   forward_inplace=lambda z: np.tanh(z, out=z), backward_from_output=_tanh_back),
        Activation(
            "relu",
            "f(z) = max(0, z)",
            lambda z: np.maximum(z, 0.0),
            lambda z, a: (z > 0).astype(z.dtype),
            forward_inplace=lambda z: np.maximum(z, 0.0, out=z),
            backward_from_output=_relu_back,
        ),
        Activation(
            "leaky_relu",
            "f(z) = z if z > 0 else 0.01 z",
            lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
            lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype),
            forward_inplace=_leaky_inplace,
            backward_from_output=_leaky_back,
        ),
        Activation("softmax", "f(z)_k = e^z_k / Σ_j e^z_j", _softmax, None, elementwise=False,
                   forward_inplace=_softmax_inplace, backward_from_output=_softmax_back),
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
