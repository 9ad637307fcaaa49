"""``Trainer``: mini-batch gradient descent on a network, with the settings it carries.

One step: take the next mini-batch of the epoch's seeded shuffle, compute the loss L (plus regularization)
and dL/dθ by backpropagation, let the optimizer update θ, record history. An epoch ends when every training
sample was used once; then the epoch's train loss (mean of its batch losses, weighted by batch size) and, for
a classifier (``core.task.is_classifier``), its train accuracy (of the batches' outputs as they were
trained), the validation loss and validation accuracy (whole validation set, measured at the end of the
epoch) are recorded.

Knows nothing of threads: the desktop's training session calls ``train_steps`` in chunks. It does choose its
BLAS threads (``Trainer.blas_threads``, ``core/blas.py``): one, for the sizes it runs, within its own steps only.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .blas import blas_threads_for, limit_blas_threads
from .datasets import Dataset, accuracy, split_indices
from .history import History
from .network import Network
from .notation import format_number
from .optimizers import make_optimizer
from .resume import ResumeState, RunProgress
from .step_back import StepBack
from .task import is_classifier


class DivergenceError(ArithmeticError):
    """Training produced a non-finite loss or parameter; the last finite parameters were kept."""


@dataclass
class EpochStats:
    """One epoch's (or one evaluation's) figures. With a regularization penalty on, ``train_loss``
    is L = data loss + ``penalty`` (what training minimizes; ``penalty`` is the mean of the
    batches' rate·½Σw² or rate·Σ|w|, or the penalty at the weights evaluated); ``penalty`` is None
    without one. ``validation_loss`` is always the data loss alone (the penalty does not depend
    on the data)."""

    epoch: int
    train_loss: float
    validation_loss: float | None = None
    train_accuracy: float | None = None
    validation_accuracy: float | None = None
    penalty: float | None = None

    @property
    def train_data_loss(self) -> float:
        """The training loss without the penalty."""
        return self.train_loss - (self.penalty or 0.0)


@dataclass
class RunResult:
    """How a ``Trainer.run`` ended: ``reason`` is one of
    'completed', 'diverged', 'early_stopped', 'loss_threshold', 'interrupted'."""

    reason: str
    steps: int
    epochs: int
    loss: float | None
    message: str = ""


class Trainer:
    """Trains ``net`` in place with ``net.training`` on ``dataset`` (default ``net.dataset``).

    ``train_indices``/``validation_indices`` override the seeded split
    (cross-validation uses them). ``watched`` chooses which parameters the history
    records trajectories for (indices into ``net.flat``).

    ``X``/``T`` (and ``X_val``/``T_val``) are the training (validation) rows as the dataset
    holds them: raw inputs. With input features the trainer computes the input layer's
    columns (``net.feature_inputs``) once, here; steps use those.

    BLAS threads: ``step``, ``train_steps`` and ``run`` limit BLAS to ``blas_threads`` threads while they
    work and then restore the caller's setting, so a plain ``import core`` (a notebook,
    a script) trains as fast as the application, which sets ``OPENBLAS_NUM_THREADS=1``.
    The rule (``core.blas.blas_threads_for``), from the largest matrix product of a step
    (batch × fan-in × fan-out multiply-adds):

    * up to 2**16 multiply-adds and 8192 parameters (XOR, 2-8-8-1): ``None``, the
      setting is not touched (OpenBLAS runs one thread there anyway: the same speed);
    * up to 2**28 (784-1024-1024-10 at batch 256 is 2.1e8): one thread;
    * above: ``None``, BLAS's own choice (not measured).

    Measured on the 2-core machine with other processes running (µs per step, one
    thread vs OpenBLAS's default of two): 784-64-10 batch 32 310 vs 1,511 (paired
    blocks 2.1–73× slower with two), batch 128 858 vs 4,825; 784-256-128-10 batch 32
    1,159 vs 924 (paired 0.77–20×), batch 64 ~1,900 vs 1,335–6,429, batch 128 3,515
    vs 16,304; 784-1024-1024-10 batch 256 65 ms vs 121 ms. Two threads win (by up to
    30 %) only while the other core is idle; one busy core makes them 2–70× slower.
    Entering and leaving the limit cost ~2.8 µs per ``step`` when the caller's setting
    differs (under 1 % of a 784-64-10 step), ~1.2 µs when it already is one thread
    (the application), and once per ``run``.
    """

    def __init__(self, net: Network, dataset: Dataset | None = None, *, train_indices=None, validation_indices=None,
                 watched=None, history_capacity: int = 2048):
        net.validate()
        self.net = net
        settings = net.training
        data = dataset if dataset is not None else net.dataset
        if data is None:
            raise ValueError("the network has no dataset to train on")
        mismatch = net.dataset_problems(data)
        if mismatch:
            raise ValueError("; ".join(mismatch))
        if train_indices is None:
            train_indices, validation_indices = split_indices(len(data), settings.validation_fraction, settings.seed)
        self.dataset = data
        self.train_indices = np.arange(len(data))[train_indices]
        self.X, self.T = data.inputs[train_indices], data.targets[train_indices]
        val = np.asarray(validation_indices if validation_indices is not None else [], dtype=np.intp)
        self.X_val, self.T_val = data.inputs[val], data.targets[val]
        # the input layer's activations: the raw rows themselves, or their input features
        self._A, self._A_val = net._features(self.X), net._features(self.X_val)
        if len(self.X) == 0:
            raise ValueError("there are no training samples")
        self.is_classification = is_classifier(net, data)
        self.optimizer = make_optimizer(settings.optimizer, net.flat.size)
        self.batch_size = settings.batch_size
        self.rng = np.random.default_rng(settings.seed)
        starts = [block.start for block in net.parameter_layout().weight_blocks]
        self.history = History(net.flat.size, net.n_weights, watched, history_capacity, weight_starts=starts)
        self.history.record_start(net.flat)  # trajectories start at the starting weights, step 0
        self.step_count = 0
        self.epoch = 0
        self.last_loss: float | None = None
        self.last_epoch: EpochStats | None = None
        self.stop_reason: str | None = None
        self._grad = np.zeros_like(net.flat)
        self._step_back = StepBack()  # the weights before a large step, if those after it are unusable
        self._epoch_loss_sum = 0.0
        self._epoch_penalty_sum = 0.0
        self._best_validation = np.inf
        self._best_params: np.ndarray | None = None
        #: the epoch of the lowest validation loss so far (early stopping counts its patience from it)
        self.best_epoch: int | None = None
        #: the epoch whose weights early stopping restored into the network (None: the last step's); the next step clears it
        self.restored_epoch: int | None = None
        #: the step after which the best epoch's weights were taken (its last step; None: no best yet)
        self.best_step: int | None = None
        self._epochs_since_best = 0
        # outputs of the epoch's batches, for the train accuracy (classification only)
        self._Y_epoch = np.empty_like(self.T) if self.is_classification else None
        self._new_epoch_order()

    #: Training sets up to this size get one shuffled copy per epoch (batches are then
    #: slices, the fewest NumPy calls); larger ones gather each batch (no second copy of
    #: the data, and the gathered batch stays in cache).
    EPOCH_COPY_BYTES = 1 << 20

    def _new_epoch_order(self) -> None:
        """Shuffle for the next epoch."""
        self._set_order(self.rng.permutation(len(self.X)), 0)

    def _set_order(self, order: np.ndarray, cursor: int) -> None:
        """The epoch's shuffle of the training rows (n_train,) and how many of them were trained on."""
        self._order, self._cursor = order, cursor
        if self._A.nbytes + self.T.nbytes <= self.EPOCH_COPY_BYTES:
            self._X_epoch, self._T_epoch = self._A[self._order], self.T[self._order]
        else:
            self._X_epoch = self._T_epoch = None

    def resume_state(self) -> ResumeState:
        """Where this trainer is, besides its weights (copies): ``core.resume``."""
        return ResumeState(self.net.parameters(), self.net.training.optimizer.name, self.optimizer.state(),
                           copy.deepcopy(self.rng.bit_generator.state), self._order.copy(), self._cursor,
                           self._epoch_loss_sum, self._epoch_penalty_sum,
                           None if self._Y_epoch is None else self._Y_epoch.copy())

    def progress(self, extra=None) -> RunProgress:
        """Its counters and histories (``core.resume.RunProgress``, copies), ``extra`` kept beside them."""
        return RunProgress.of(self, extra)

    def resume(self, state: ResumeState, progress: RunProgress | None = None) -> bool:
        """Go on from ``state`` (taken by ``resume_state`` at these very weights): its optimizer state, data order
        and epoch so far, with ``progress`` (taken with it) its counters and histories (else they stay as they
        are). False, changing nothing, when it is about other weights, another optimizer or other training rows."""
        outputs = state.epoch_outputs
        if not (state.fits(self.net) and len(state.order) == len(self.X)
                and (outputs is None) == (self._Y_epoch is None)
                and (outputs is None or outputs.shape == self._Y_epoch.shape)):
            return False
        self.optimizer.set_state(state.optimizer_state)
        self.rng.bit_generator.state = copy.deepcopy(state.rng)
        self._set_order(state.order.copy(), int(state.cursor))
        self._epoch_loss_sum, self._epoch_penalty_sum = state.epoch_loss_sum, state.epoch_penalty_sum
        if outputs is not None:
            self._Y_epoch[...] = outputs
        if progress is not None:
            progress.apply(self)
        return True

    # ---------------------------------------------------------------- settings
    @property
    def learning_rate(self) -> float:
        return self.optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"learning rate must be a positive number; got {value}")
        self.optimizer.learning_rate = float(value)
        self.net.training.optimizer.learning_rate = float(value)

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        if int(value) != value or value < 1:
            raise ValueError(f"batch size must be a whole number ≥ 1; got {value}")
        self._batch_size = int(value)
        self.net.training.batch_size = int(value)
        rows = min(self._batch_size, len(self.X))
        largest = max((rows * b.shape[0] * b.shape[1] for b in self.net.parameter_layout().weight_blocks), default=0)
        self._blas_limit = limit_blas_threads(blas_threads_for(largest, self.net.flat.size))

    @property
    def blas_threads(self) -> int | None:
        """BLAS threads of this trainer's steps for its network and batch size: 1, or
        ``None`` when it leaves the caller's setting alone (see the class docstring)."""
        return self._blas_limit.threads

    @property
    def steps_per_epoch(self) -> int:
        return -(-len(self.X) // self._batch_size)

    # -------------------------------------------------------------------- steps
    def step(self) -> float:
        """One mini-batch: forward, backward, update. Returns the batch loss (with regularization).

        Raises ``DivergenceError`` (parameters left at the last finite values) when the
        loss, a parameter or its update is non-finite, or when a parameter or its
        update passes ~1e154 in magnitude (the guard checks θ·θ and Δ·Δ, one BLAS
        call each, which overflow there).
        """
        with self._blas_limit, np.errstate(all="ignore"):
            return self._step()

    def train_steps(self, steps: int, after_step: Callable[[float], bool] | None = None, *,
                    stop_loss: float = -math.inf, stop_epoch: float = math.inf,
                    epoch_ends: list | None = None) -> int:
        """Up to ``steps`` steps, each exactly a ``step()``; returns how many were taken.

        The loop ends early after a step whose batch loss is ≤ ``stop_loss``, or that ended epoch
        ``stop_epoch`` or a later one, or after which early stopping stopped training. Each epoch
        that ends appends (the step it ended at, its ``last_epoch.train_loss``) to ``epoch_ends``.
        These tests are written into the loop (an XOR step is ~45 µs and ends an epoch: a function
        called after every step for them cost ~1 % of it). ``after_step(loss)`` runs after every
        step (inside the BLAS limit and with NumPy's floating-point warnings off, as the steps)
        and ends the loop early by returning True. Cheaper than calling ``step()`` in a loop: the
        BLAS thread limit and NumPy's error state are entered once for all the steps (about
        3 µs a step, 7 % of an XOR step). ``DivergenceError`` as from ``step()``; the steps
        before it stay taken.
        """
        taken = 0
        epoch = self.epoch
        with self._blas_limit, np.errstate(all="ignore"):
            while taken < steps:
                loss = self._step()
                taken += 1
                if self.epoch != epoch:
                    epoch = self.epoch
                    if epoch_ends is not None:
                        epoch_ends.append((self.step_count, self.last_epoch.train_loss))
                    if epoch >= stop_epoch or self.stop_reason == "early_stopped":
                        break
                if loss <= stop_loss:
                    break
                if after_step is not None and after_step(loss):
                    break
        return taken

    def clear_stop(self) -> None:
        """Forget why the last run stopped; early stopping counts its patience afresh
        (the best weights so far stay remembered)."""
        self.stop_reason = None
        self._epochs_since_best = 0

    def next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """(X, T) of the mini-batch the next ``step()`` will use (X: raw inputs); changes nothing."""
        if self._A is self.X:
            return self._next_batch()
        idx = self._order[self._cursor : self._cursor + self._batch_size]
        return self.X[idx], self.T[idx]

    def _next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """(input layer's activations, T) of the next mini-batch: what ``step`` computes with."""
        start = self._cursor
        end = start + self._batch_size
        if self._X_epoch is not None:
            return self._X_epoch[start:end], self._T_epoch[start:end]
        idx = self._order[start:end]
        return self._A[idx], self.T[idx]

    def next_batch_indices(self) -> np.ndarray:
        """Dataset row indices (0-based, before the validation split) of the mini-batch the
        next ``step()`` will use, in batch order; changes nothing."""
        return self.train_indices[self._order[self._cursor : self._cursor + self._batch_size]]

    def upcoming_gradient(self) -> tuple[float, np.ndarray]:
        """(loss, dL/dθ) on the next mini-batch at the current parameters, regularization
        included: exactly what the next ``step()`` will use. Changes nothing."""
        loss, grads = self.net.loss_and_gradients(*self.next_batch())
        return loss, grads.flat

    def _step(self) -> float:
        net = self.net
        start = self._cursor
        end = start + self._batch_size
        X, T = self._next_batch()
        grad = self._grad
        loss, y = net._compiled().loss_and_grad(X, T, grad)
        penalty = 0.0  # counted in the epoch's sums below, once the step is taken
        if net.training.regularization != "none":
            penalty, pgrad = net.regularization()
            loss += penalty
            if pgrad is not None:
                grad[: net.n_weights] += pgrad
        if not math.isfinite(loss):
            raise self._diverged(f"the loss became {'∞' if math.isinf(loss) else 'not a number'} at step "
                                 f"{self.step_count + 1}")
        # Divergence guard without a full backup copy: θ·θ and Δ·Δ are finite exactly when every entry is
        # finite and below ~1.34e154 (one BLAS call each); then θ − Δ cannot overflow: θ only changes to finite.
        theta = net.flat
        theta_sq = np.dot(theta, theta)
        if not math.isfinite(theta_sq):
            raise self._diverged(f"a parameter is {_too_big(theta)} before step {self.step_count + 1}")
        delta = self.optimizer.step_vector(grad)
        delta_sq = np.dot(delta, delta)
        if not math.isfinite(delta_sq):
            # the optimizer's state (velocity, Adam's moments) took in the rejected step: start it afresh
            self.optimizer = make_optimizer(net.training.optimizer, theta.size)
            raise self._diverged(f"a parameter's update became {_too_big(delta)} at step {self.step_count + 1}")
        if self._Y_epoch is not None:  # (before a check of the step below computes other outputs)
            self._Y_epoch[start:end] = y
        large = self._step_back.note(theta, delta, theta_sq, delta_sq)
        theta -= delta
        # a large step is taken only when its own batch's loss stays finite after it (StepBack)
        after = net._compiled().loss_and_grad(X, T, None)[0] if large else 0.0
        if not math.isfinite(after):
            self._step_back.undo(theta)
            self.optimizer = make_optimizer(net.training.optimizer, theta.size)
            what = "∞" if math.isinf(after) else "not a number"
            raise self._diverged(f"step {self.step_count + 1} would make the loss {what} (it was not taken)",
                                 f"after step {self.step_count}")
        self.step_count += 1
        self.restored_epoch = None
        self.last_loss = loss
        # the step's gradient buffer becomes the history's latest gradient (no copy);
        # the previous one is overwritten by the next step
        history = self.history
        self._grad, history.latest_gradient = history.latest_gradient, grad
        history.record_step(self.step_count, loss, theta, grad, scratch=self._grad)
        self._epoch_loss_sum, self._epoch_penalty_sum = (self._epoch_loss_sum + loss * X.shape[0],
                                                         self._epoch_penalty_sum + penalty * X.shape[0])
        self._cursor = end
        if end >= len(self.X):
            self._end_epoch()
        return loss

    def _diverged(self, what: str, when: str | None = None) -> DivergenceError:
        self.stop_reason = "diverged"  # when ('after step 2'): the weights kept, the last whose loss is finite
        kept = f"weights {when} were kept, the last whose loss is finite" if when else "last finite weights were kept"
        return DivergenceError(f"Training stopped: {what}. The {kept}. "
                               f"The learning rate ({format_number(self.learning_rate)}) may be too high.")

    def _end_epoch(self) -> None:
        """Epoch statistics: the train loss and accuracy are those of the epoch's batches
        (each measured as the batch was trained, like PyTorch training loops report them);
        the validation loss and accuracy are measured on the whole validation set now."""
        self.epoch += 1
        stats = EpochStats(self.epoch, self._epoch_loss_sum / len(self.X),
                           penalty=self._epoch_penalty_sum / len(self.X) if self.net.training.penalized else None)
        if self._Y_epoch is not None:
            stats.train_accuracy = accuracy(self._Y_epoch, self.T[self._order])
        if len(self.X_val):
            stats.validation_loss, y_val = self.net._compiled().loss_and_grad(self._A_val, self.T_val, None)
            if self.is_classification:
                stats.validation_accuracy = accuracy(y_val, self.T_val)
        self.last_epoch = stats
        nan = float("nan")
        self.history.record_epoch(
            self.epoch,
            stats.train_loss,
            nan if stats.validation_loss is None else stats.validation_loss,
            nan if stats.train_accuracy is None else stats.train_accuracy,
            nan if stats.validation_accuracy is None else stats.validation_accuracy,
        )
        self._epoch_loss_sum = self._epoch_penalty_sum = 0.0
        self._new_epoch_order()
        self._early_stopping(stats)

    def _early_stopping(self, stats: EpochStats) -> None:
        """With a patience P and validation rows: the epoch of the lowest validation loss so
        far is the best; P epochs after it without a lower one, training stops (at epoch
        best + P) and, when the settings say so, the best epoch's weights come back."""
        settings = self.net.training
        patience = settings.early_stopping_patience
        if stats.validation_loss is None:
            return
        if stats.validation_loss < self._best_validation:
            self._best_validation = stats.validation_loss
            self.best_epoch = stats.epoch
            self.best_step = self.step_count
            self._epochs_since_best = 0
            if patience is not None and settings.early_stopping_restore_best:
                self._best_params = self.net.parameters()
            return
        self._epochs_since_best += 1
        if patience is not None and self._epochs_since_best >= patience:
            if settings.early_stopping_restore_best and self._best_params is not None:
                self.net.set_parameters(self._best_params)
                self._step_back.forget()
                self.restored_epoch = self.best_epoch
            self.stop_reason = "early_stopped"

    def early_stop_message(self) -> str:
        """Why and when early stopping ended training, in words (after it did): 'epoch 53 is 20
        epochs after the lowest validation loss (0.2836, epoch 33); the weights of epoch 33
        were restored'."""
        settings = self.net.training
        kept = (f"the weights of epoch {self.best_epoch} were restored"
                if settings.early_stopping_restore_best and self._best_params is not None
                else f"the weights of epoch {self.epoch} were kept")
        if self.best_epoch is None:  # every validation loss so far overflowed (inf or NaN)
            return (f"epoch {self.epoch}: the validation loss has not been a finite number for "
                    f"{self._epochs_since_best} epochs; {kept}")
        return (f"epoch {self.epoch} is {self.epoch - self.best_epoch} epochs after the lowest validation loss "
                f"({self._best_validation:.4g}, epoch {self.best_epoch}); {kept}")

    def evaluate(self) -> EpochStats:
        """Loss and (for classification) accuracy on the whole training and validation sets now.
        With a penalty on, ``train_loss`` is the data loss + the penalty at the weights now, as a
        step's loss is (``EpochStats``)."""
        net = self.net
        with np.errstate(all="ignore"):
            train_loss, y = net._compiled().loss_and_grad(self._A, self.T, None)
            penalty = net.regularization()[0] if self.net.training.penalized else None
            stats = EpochStats(self.epoch, train_loss + (penalty or 0.0), penalty=penalty)
            if self.is_classification:
                stats.train_accuracy = accuracy(y, self.T)
            if len(self.X_val):
                stats.validation_loss, y_val = net._compiled().loss_and_grad(self._A_val, self.T_val, None)
                if self.is_classification:
                    stats.validation_accuracy = accuracy(y_val, self.T_val)
        return stats

    def run(self, steps: int | None = None, epochs: int | None = None, *, loss_threshold: float | None = None,
            callback: Callable[["Trainer"], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> RunResult:
        """Train for ``steps`` mini-batches or ``epochs`` full epochs (exactly one of them).

        Stops early when the loss falls below ``loss_threshold``, when early stopping
        triggers, when ``should_stop()`` returns True, or on divergence (no exception:
        the result says so). ``callback(trainer)`` runs after every step.
        """
        if (steps is None) == (epochs is None):
            raise ValueError("give exactly one of steps or epochs")
        self.clear_stop()
        start_step, start_epoch = self.step_count, self.epoch
        reason, message = "completed", ""
        with self._blas_limit, np.errstate(all="ignore"):
            while True:
                if steps is not None and self.step_count - start_step >= steps:
                    break
                if epochs is not None and self.epoch - start_epoch >= epochs:
                    break
                if should_stop is not None and should_stop():
                    reason = "interrupted"
                    break
                try:
                    loss = self._step()
                except DivergenceError as exc:
                    reason, message = "diverged", str(exc)
                    break
                if callback is not None:
                    callback(self)
                if self.stop_reason == "early_stopped":
                    reason = "early_stopped"
                    message = self.early_stop_message()
                    break
                if loss_threshold is not None and loss <= loss_threshold:
                    reason = "loss_threshold"
                    break
        return RunResult(reason, self.step_count - start_step, self.epoch - start_epoch, self.last_loss, message)


def _too_big(v: np.ndarray) -> str:
    return "non-finite" if not np.isfinite(v).all() else "larger than 1e154"
