"""Optimizers on the flat parameter vector, with PyTorch's update rules.

θ and g are 1-D arrays of the same length (all weights, then all biases).

* SGD: v ← μ·v + g;  θ ← θ − lr·v          (PyTorch: buffer starts at g, same thing)
  Nesterov: θ ← θ − lr·(g + μ·v)
* Adam: m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;
  θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)   (PyTorch's order of operations)
"""

from __future__ import annotations

import math

import numpy as np

from .settings import OptimizerSettings


class SGD:
    def __init__(self, size: int, learning_rate: float, momentum: float = 0.0, nesterov: bool = False):
        if nesterov and momentum <= 0:
            raise ValueError("nesterov needs a momentum greater than 0")
        self.learning_rate = float(learning_rate)
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)
        self.velocity = np.zeros(size) if momentum else None
        self._scratch = np.empty(size)  # reused every step: no temporary per update

    def update(self, theta: np.ndarray, grad: np.ndarray) -> None:
        """Apply one step to ``theta`` in place."""
        theta -= self.step_vector(grad)

    def step_vector(self, grad: np.ndarray) -> np.ndarray:
        """Advance the state by one step and return Δ with θ_new = θ − Δ.

        Δ lives in a buffer the next call overwrites.
        """
        step = self._scratch
        if self.velocity is None:
            return np.multiply(grad, self.learning_rate, out=step)
        v = self.velocity
        v *= self.momentum
        v += grad
        if self.nesterov:
            np.multiply(v, self.momentum, out=step)
            step += grad
            step *= self.learning_rate
            return step
        return np.multiply(v, self.learning_rate, out=step)

    def state(self) -> dict:
        return {"velocity": None if self.velocity is None else self.velocity.copy()}

    def set_state(self, state: dict) -> None:
        if state["velocity"] is not None:
            self.velocity = state["velocity"].copy()


class Adam:
    def __init__(self, size: int, learning_rate: float, beta1=0.9, beta2=0.999, eps=1e-8):
        self.learning_rate = float(learning_rate)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self.m = np.zeros(size)
        self.v = np.zeros(size)
        self.t = 0
        self._scratch = np.empty(size)

    def update(self, theta: np.ndarray, grad: np.ndarray) -> None:
        """Apply one step to ``theta`` in place."""
        theta -= self.step_vector(grad)

    def step_vector(self, grad: np.ndarray) -> np.ndarray:
        """Advance the state by one step and return Δ with θ_new = θ − Δ (a reused buffer)."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        m, v, step = self.m, self.v, self._scratch
        m *= b1
        m += np.multiply(grad, 1 - b1, out=step)
        v *= b2
        np.multiply(grad, grad, out=step)
        step *= 1 - b2
        v += step
        bias1 = 1 - b1**self.t
        bias2 = 1 - b2**self.t
        denom = np.sqrt(v, out=step)
        denom /= math.sqrt(bias2)
        denom += self.eps
        np.divide(m, denom, out=step)
        step *= self.learning_rate / bias1
        return step

    def state(self) -> dict:
        return {"m": self.m.copy(), "v": self.v.copy(), "t": self.t}

    def set_state(self, state: dict) -> None:
        self.m, self.v, self.t = state["m"].copy(), state["v"].copy(), state["t"]


def make_optimizer(settings: OptimizerSettings, size: int):
    """The optimizer ``settings`` describe, for a parameter vector of ``size`` entries."""
    if not np.isfinite(settings.learning_rate) or settings.learning_rate <= 0:
        raise ValueError(f"learning rate must be a positive number; got {settings.learning_rate}")
    if settings.name == "sgd":
        return SGD(size, settings.learning_rate, settings.momentum, settings.nesterov)
    if settings.name == "adam":
        return Adam(size, settings.learning_rate, settings.beta1, settings.beta2, settings.eps)
    raise ValueError(f"unknown optimizer {settings.name!r}; expected sgd or adam")
