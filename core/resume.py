"""Where a training run left off, besides the weights: what a ``Trainer`` needs to go on exactly as if it
had never stopped (``Trainer.resume_state`` takes it, ``Trainer.resume`` goes on from it).

A run's next steps depend on more than the weights θ: the optimizer's state (SGD with momentum: the
velocity v, (P,); Adam: the moments m and v, (P,) each, and its step count t, which the bias correction
1 − β^t uses) and which rows the next mini-batches take (the shuffling generator's state, this epoch's
shuffle and how far through it the run is). A trainer made afresh at θ starts v, m, v at 0, t at 0 and
the shuffle from the seed: for plain SGD with one batch of all the data that is the same, for momentum,
Adam or shuffled mini-batches it is not.

The step and epoch counters and the recorded histories are not part of it (a trainer that resumes counts
its steps from 0, as any new session does): they are a ``RunProgress`` (``Trainer.progress``), megabytes
for a long run (the histories), which a caller keeps where it can afford them and gives back with
``Trainer.resume(state, progress)``: the trainer then goes on counting from the run's step and epoch, its
loss curve and weight paths as the run left them (an Undo then Redo of a run shows the run again, not "step 0").
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

import numpy as np


@dataclass
class RunProgress:
    """How far a run got, besides where its optimizer is: its counters and what it recorded (copies)."""

    step_count: int  # steps trained since the session began
    epoch: int  # epochs completed
    last_loss: float | None  # the loss of the last step
    last_epoch: object  # the last epoch's ``EpochStats`` (None before the first epoch ended)
    history: object  # the trainer's ``core.history.History`` (a deep copy)
    #: what the caller records beside the history (the training window's epoch-end steps), or None
    extra: object = None

    @classmethod
    def of(cls, trainer, extra=None) -> "RunProgress":
        """``trainer``'s counters and histories now (copies)."""
        return copy.deepcopy(cls(trainer.step_count, trainer.epoch, trainer.last_loss, trainer.last_epoch,
                                 trainer.history, extra))

    def apply(self, trainer) -> None:
        """``trainer`` goes on counting and recording from these (copies: it records into its own history)."""
        mine = copy.deepcopy(self)
        trainer.step_count, trainer.epoch = mine.step_count, mine.epoch
        trainer.last_loss, trainer.last_epoch, trainer.history = mine.last_loss, mine.last_epoch, mine.history


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


def same_run_settings(a, b) -> bool:
    """True when the training settings ``a`` and ``b`` (``TrainingSettings``) describe the same run: equal but for
    the learning rate and batch size (which may change during a run without ending it) and early stopping's
    patience (``train --patience``: when a run stops, not what its steps do)."""
    def plain(t):
        return dataclasses.replace(t, batch_size=0, optimizer=dataclasses.replace(t.optimizer, learning_rate=0.0),
                                   early_stopping_patience=None, early_stopping_restore_best=True)
    return plain(a) == plain(b)


@dataclass
class SavedRun:
    """A run's end as a ``.bpnet`` file keeps it (its ``progress`` section; ``Network.progress``): the trainer's
    ``state`` and ``progress`` at the file's weights, taken under the training ``settings`` (a copy).

    ``progress.extra`` is what the window records beside the history: (the step at which each epoch ended,
    a ``DecimatingBuffer`` (capacity of ``history.epochs``, width 1; x = the epoch), the loss and accuracy on
    all the data before the run's first step (``EpochStats`` fields as a dict, or None)), or None.
    """

    state: ResumeState
    progress: RunProgress
    settings: object
    #: the ``Dataset`` the run trained on (None: not known; then only its number of training rows is checked)
    dataset: object = None

    @classmethod
    def of(cls, trainer, extra=None) -> "SavedRun":
        """Where ``trainer`` is now (copies), to save with its network."""
        return cls(trainer.resume_state(), trainer.progress(extra), trainer.net.training.copy(), trainer.dataset)

    def fits(self, net) -> bool:
        """True when ``net`` holds this run's end: its weights bit for bit, the same number of them, the same
        optimizer, the same run settings and dataset (a weight edited, a layer added, other data since: False)."""
        return (self.state.fits(net) and same_run_settings(self.settings, net.training)
                and (self.dataset is None or self.dataset is net.dataset))


def resume_saved(trainer) -> bool:
    """Let ``trainer`` go on with the run its network's file kept (``trainer.net.progress``, a ``SavedRun``) when
    that still describes the network: its counters, optimizer state, shuffle and histories. False (the trainer
    unchanged: a new run from step 0) when there is none or it no longer fits (weights or settings edited)."""
    saved = trainer.net.progress
    return saved is not None and saved.fits(trainer.net) and trainer.resume(saved.state, saved.progress)
