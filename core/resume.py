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
import hashlib
from dataclasses import dataclass

import numpy as np

from .datasets import split_indices
from .task import is_classifier


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
    #: early stopping's memory (``EarlyStopping``), None before any epoch measured a validation loss
    early: "EarlyStopping | None" = None

    @classmethod
    def of(cls, trainer, extra=None) -> "RunProgress":
        """``trainer``'s counters and histories now (copies)."""
        return copy.deepcopy(cls(trainer.step_count, trainer.epoch, trainer.last_loss, trainer.last_epoch,
                                 trainer.history, extra, EarlyStopping.of(trainer)))

    def apply(self, trainer) -> None:
        """``trainer`` goes on counting and recording from these (copies: it records into its own history)."""
        mine = copy.deepcopy(self)
        trainer.step_count, trainer.epoch = mine.step_count, mine.epoch
        trainer.last_loss, trainer.last_epoch, trainer.history = mine.last_loss, mine.last_epoch, mine.history
        (mine.early or EarlyStopping()).apply(trainer)


@dataclass
class EarlyStopping:
    """What early stopping remembers of a run: the lowest validation loss so far (``best_validation``), its epoch
    and the step it ended at, that epoch's weights (P,) when they are to be restored (else None), the epochs
    since it, and the epoch whose weights were restored into the network when the run stopped (None: the
    weights are the last step's). A run that goes on with it stops and restores as it would have straight."""

    best_validation: float = np.inf
    best_epoch: int | None = None
    best_step: int | None = None
    best_params: np.ndarray | None = None
    epochs_since_best: int = 0
    restored_epoch: int | None = None

    @classmethod
    def of(cls, trainer) -> "EarlyStopping | None":
        if trainer.best_epoch is None and trainer.restored_epoch is None:
            return None
        return cls(float(trainer._best_validation), trainer.best_epoch, trainer.best_step,
                   None if trainer._best_params is None else trainer._best_params.copy(),
                   int(trainer._epochs_since_best), trainer.restored_epoch)

    def apply(self, trainer) -> None:
        trainer._best_validation, trainer.best_epoch, trainer.best_step = (self.best_validation, self.best_epoch,
                                                                           self.best_step)
        trainer._best_params = None if self.best_params is None else self.best_params.copy()
        trainer._epochs_since_best, trainer.restored_epoch = self.epochs_since_best, self.restored_epoch
        if self.ended(trainer.net.training.early_stopping_patience):
            trainer.stop_reason = "early_stopped"  # these weights are where it ended its run (until the next run)

    def ended(self, patience: int | None) -> bool:
        """Whether early stopping had ended the run at this point: it restored an epoch's weights, or ``patience``
        epochs had passed since the best one (it stopped and kept the last weights)."""
        return self.restored_epoch is not None or (patience is not None and self.epochs_since_best >= patience)


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


def run_settings(t):
    """The training settings ``t`` as far as they shape a run's steps: all but the learning rate and batch size
    (the toolbar changes them during a run without ending it) and early stopping's patience and restore
    (when a run stops, not what its steps do: ``train --patience``)."""
    return dataclasses.replace(t, batch_size=0, optimizer=dataclasses.replace(t.optimizer, learning_rate=0.0),
                               early_stopping_patience=None, early_stopping_restore_best=True)


def dataset_digest(data) -> bytes:
    """A digest of a ``Dataset``'s inputs and targets (b"" for None), computed once per dataset (datasets are
    never changed in place: another choice in the Dataset panel is another dataset)."""
    if data is None:
        return b""
    kept = data.__dict__.get("_run_digest")
    if kept is None:
        h = hashlib.blake2b(digest_size=16)
        for a in (data.inputs, data.targets):
            h.update(repr(a.shape).encode())
            h.update(np.ascontiguousarray(a).tobytes())
        kept = data.__dict__["_run_digest"] = h.digest()
    return kept


def structure_digest(net) -> bytes:
    """The network's structure as a run's steps depend on it (``Network.structure_signature`` without the layers'
    names: a renamed layer computes what it did): units, activations, biases, input features, connections and
    removed edges, in order."""
    layers, edges, masks = net.structure_signature()
    index = {layer[0]: i for i, layer in enumerate(layers)}
    shape = (tuple(layer[1:] for layer in layers), tuple((index[a], index[b]) for a, b in edges),
             tuple(sorted(((index[a], index[b]), removed) for (a, b), removed in masks)))
    return repr(shape).encode()


def run_key(net, dataset=None) -> bytes:
    """The one rule for "a run still describes this network": a short digest of what its next steps depend on,
    the weights (P,) bit for bit, the structure (``structure_digest``), the run settings (``run_settings``: loss,
    optimizer, regularization, validation share, seed) and the dataset's numbers (``dataset`` or ``net.dataset``).
    Equal keys: the run can go on here; another activation, penalty, seed or dataset starts a new run."""
    h = hashlib.blake2b(digest_size=16)
    h.update(np.ascontiguousarray(net.flat).tobytes())
    h.update(structure_digest(net))
    h.update(repr(run_settings(net.training)).encode())
    h.update(dataset_digest(dataset if dataset is not None else net.dataset))
    return h.digest()


@dataclass
class SavedRun:
    """A run's end as a ``.bpnet`` file keeps it (its ``progress`` section; ``Network.progress``): the trainer's
    ``state`` and ``progress`` at the file's weights, and the ``run_key`` of the network and data it ended at.

    ``progress.extra`` is what the window records beside the history: (the step at which each epoch ended,
    a ``DecimatingBuffer`` (capacity of ``history.epochs``, width 1; x = the epoch), the loss and accuracy on
    all the data before the run's first step (``EpochStats`` fields as a dict, or None)), or None
    (``extra_or_default`` fills it in).
    """

    state: ResumeState
    progress: RunProgress
    key: bytes  # run_key of the network (weights, structure, run settings, dataset) the run ended at

    @classmethod
    def of(cls, trainer, extra=None) -> "SavedRun":
        """Where ``trainer`` is now (copies), to save with its network."""
        return cls(trainer.resume_state(), trainer.progress(extra), run_key(trainer.net, trainer.dataset))

    def fits(self, net) -> bool:
        """True when ``net`` holds this run's end (``run_key``: its weights, structure, run settings and dataset) and
        its shuffle lists the training rows ``net``'s dataset has (so that every file written opens again)."""
        if net.dataset is None or net.dataset_problems(net.dataset) or self.key != run_key(net):
            return False
        t, data = net.training, net.dataset
        n_train = len(split_indices(len(data), t.validation_fraction, t.seed)[0])
        outputs = (n_train, data.targets.shape[1]) if is_classifier(net, data) else None
        state = self.state
        return (len(state.order) == n_train
                and (None if state.epoch_outputs is None else state.epoch_outputs.shape) == outputs)

    def extra_or_default(self, trainer):
        """This run's ``progress.extra`` (a copy) or, when it came without one, the default: no epoch ended at a
        known step yet and the loss before the run's first step unknown (``DecimatingBuffer`` of ``trainer``'s
        epoch capacity, None)."""
        from .history import DecimatingBuffer

        extra = self.progress.extra
        if extra is not None:
            return copy.deepcopy(extra)
        return DecimatingBuffer(trainer.history.epochs.capacity, 1), None


def keeps_run(net) -> bool:
    """Whether ``net`` still holds the end of the run its file kept (``Network.progress``): ``SavedRun.fits``."""
    saved = net.progress
    return saved is not None and saved.fits(net)


def resume_saved(trainer) -> bool:
    """Let ``trainer`` go on with the run its network's file kept (``trainer.net.progress``, a ``SavedRun``) when
    that still describes the network (``keeps_run``): its counters, optimizer state, shuffle and histories. False
    (the trainer unchanged: a new run from step 0) when there is none or it no longer fits."""
    return keeps_run(trainer.net) and trainer.resume(trainer.net.progress.state, trainer.net.progress.progress)
