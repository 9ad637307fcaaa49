"""Finite-difference check of backpropagation.

For every parameter θ_k: the centred difference (L(θ + h·e_k) − L(θ − h·e_k)) / 2h
is compared with the analytic dL/dθ_k of ``loss_and_gradients``; the relative
error is |a − n| / max(|a| + |n|, floor).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
