"""The weights before a large training step, for when the loss after it is no longer finite.

The trainer's divergence guard checked each step's loss *before* the update: step k + 1 found
L(θ_k) = ∞ (an identity network at learning rate 1e6: y ~ 1e162, y² overflows) and kept θ_k,
"the last finite weights", whose loss was already infinite, and a window whose panels said
"L = nan". Now a *large* step, whose update is long next to the weights (|Δ| > ``LARGE_STEP`` · |θ|,
measured with the θ·θ and Δ·Δ the guard computes anyway), is taken only when the loss of its own
batch stays finite after it; else it is taken back and training stops at θ_{k−1}, whose loss step
k measured finite. ``StepBack`` keeps the copy of θ before a large step (θ_k + Δ_k would not give
θ_{k−1} back: −1e81 + 1e81 = 0, not the 1.5 it was). Ordinary training (|Δ| ≪ |θ|) copies nothing
and computes no extra loss.
"""

from __future__ import annotations

import numpy as np

#: an update longer than this fraction of the weights' length is checked (and the weights copied first)
LARGE_STEP = 0.1

__all__ = ["LARGE_STEP", "StepBack"]


class StepBack:
    """θ before a large step: ``note`` before each update θ ← θ − Δ, ``undo`` to go back."""

    def __init__(self):
        self._copy: np.ndarray | None = None  # θ before the last large step, a reused buffer
        self._copied = False

    def note(self, theta: np.ndarray, delta: np.ndarray, theta_sq: float, delta_sq: float) -> bool:
        """Before ``theta -= delta``; ``theta_sq`` = θ·θ and ``delta_sq`` = Δ·Δ (both finite). True for a
        large step (|Δ|² > ``LARGE_STEP``²·|θ|², a copy of θ kept): the trainer then checks the loss after it."""
        self._copied = delta_sq > LARGE_STEP**2 * theta_sq
        if self._copied:
            if self._copy is None or self._copy.shape != theta.shape:
                self._copy = np.empty_like(theta)
            np.copyto(self._copy, theta)
        return self._copied

    def forget(self) -> None:
        """The weights changed otherwise (early stopping restored the best epoch's): nothing to go back to."""
        self._copied = False

    def undo(self, theta: np.ndarray) -> bool:
        """Put the weights before the last large step back into ``theta`` (in place); False when there is none."""
        if not self._copied:
            return False
        np.copyto(theta, self._copy)
        self._copied = False
        return True
