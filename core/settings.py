"""Training settings a network carries with it (and its file stores)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

OPTIMIZER_NAMES = ("sgd", "adam")
REGULARIZATION_KINDS = ("none", "l1", "l2")


@dataclass
class OptimizerSettings:
    """Which optimizer and its hyper-parameters (PyTorch's names and defaults).

    ``momentum``/``nesterov`` apply to sgd; ``beta1``, ``beta2``, ``eps`` to adam.
    """

    name: str = "sgd"
    learning_rate: float = 0.1
    momentum: float = 0.0
    nesterov: bool = False
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8


@dataclass
class TrainingSettings:
    """How to train: loss, optimizer, mini-batch size, regularization, validation, seed.

    ``regularization`` is "none", "l1" (adds rate·Σ|w|) or "l2" (adds rate·½Σw²),
    over weights only. ``validation_fraction`` of the samples (chosen with ``seed``)
    is held out. ``early_stopping_patience``: stop P epochs after the epoch of the lowest
    validation loss so far (None: never); then, when ``early_stopping_restore_best``, put
    back the weights of that best epoch (else keep the last epoch's).
    """

    loss: str = "mse"
    optimizer: OptimizerSettings = field(default_factory=OptimizerSettings)
    batch_size: int = 32
    regularization: str = "none"
    regularization_rate: float = 0.0
    validation_fraction: float = 0.0
    seed: int = 0
    early_stopping_patience: int | None = None
    early_stopping_restore_best: bool = True

    @property
    def penalized(self) -> bool:
        """Whether the loss has a regularization penalty (a kind other than "none" and a rate ≠ 0)."""
        return self.regularization != "none" and self.regularization_rate != 0

    def copy(self) -> "TrainingSettings":
        """An independent copy (every field is a number or a string but the optimizer's settings)."""
        return replace(self, optimizer=replace(self.optimizer))
