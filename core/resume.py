"""Where a training run left off, besides the weights: what a ``Trainer`` needs to go on exactly as if it
had never stopped (``Trainer.resume_state`` takes it, ``Trainer.resume`` goes on from it).

A run's next steps depend on more than the weights θ: the optimizer's state (SGD with momentum: the
velocity v, (P,); Adam: the moments m and v, (P,) each, and its step count t, which the bias correction
1 − β^t uses) and which rows the next mini-batches take (the shuffling generator's state, this epoch's
shuffle and how far through it the run is). A trainer made afresh at θ starts v, m, v at 0, t at 0 and
the shuffle from the seed: for plain SGD with one batch of all the data that is the same, for momentum,
Adam or shuffled mini-batches it is not. The step and epoch counters and the recorded histories are not
part of it: a trainer that resumes counts its steps from 0, as any new session does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class ResumeState:
    """A trainer's state at the weights ``parameters`` (copies; picklable)."""

    parameters: np.ndarray  # (P,) the weights and biases it belongs to (``Network.flat``)
    optimizer: str  # "sgd" or "adam": the optimizer whose state ``optimizer_state`` is
    #: SGD {"velocity": (P,) or None without momentum}; Adam {"m": (P,), "v": (P,), "t": steps taken}
    optimizer_state: dict
    rng: dict  # the shuffling generator's ``bit_generator.state``
    order: np.ndarray  # (n_train,) this epoch's shuffle of the training rows
    cursor: int  # how many rows of ``order`` this epoch has trained on
    epoch_loss_sum: float  # Σ batch loss × batch size over this epoch's steps so far
    epoch_penalty_sum: float  # the same for the regularization penalty
    epoch_outputs: np.ndarray | None  # (n_train, n_out) the outputs of this epoch's batches (classifiers)

    def fits(self, net) -> bool:
        """True when ``net`` holds exactly these weights, bit for bit, with the same optimizer."""
        return (self.parameters.shape == net.flat.shape and np.array_equal(self.parameters, net.flat)
                and self.optimizer == net.training.optimizer.name)
