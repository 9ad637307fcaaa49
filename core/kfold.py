"""k-fold cross-validation: k trainings, each scored on the rows it never saw.

The n dataset rows (all of them: the file's validation fraction does not apply) are
shuffled with the file's seed (``numpy.random.default_rng(seed).permutation(n)``) and
cut into k consecutive parts (``numpy.array_split``): the folds. They are disjoint,
cover every row once and differ in size by at most one. Fold f (numbered 1..k) holds
out its rows; a fresh copy of the network (its current weights and settings) trains
for E epochs on the other rows, in file order, exactly as ``backprop-studio train
--epochs E`` trains a copy of the file whose dataset holds only those rows with
validation fraction 0 (so no early stopping: there is nothing to validate on). Then:

* ``train_loss``: the data loss on all of the fold's training rows after training, and
  ``penalty``: the regularization penalty (rate·½Σw² or rate·Σ|w|) at the trained weights,
  None without one; ``penalized_train_loss`` = L = ``train_loss`` + ``penalty``, what
  training minimizes (the data loss alone without a penalty);
* ``validation_loss``: the data loss on the fold's held-out rows;
* ``validation_accuracy``: the fraction of held-out rows classified right (None for
  regression).

``mean_validation_loss`` and ``std_validation_loss`` are the mean and the population
standard deviation (divide by k, NumPy's default) of the k validation losses.

Each fold also keeps its per-epoch curves (epoch 0 = before training), both measured at
each epoch's end without changing the training, so that a curve's two points of one epoch
are at the same weights: the training loss L (with the penalty, when on) on all of the
fold's training rows, ending at ``penalized_train_loss``, and the held-out data loss,
ending at ``validation_loss``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .network import Network
from .training import Trainer

__all__ = ["CrossValidationResult", "FoldResult", "KFoldResult", "cross_validate", "fold_rows", "k_fold", "train_fold"]

@dataclass
class FoldResult:
    """One fold's figures; ``validation_rows`` are 0-based dataset row indices, ascending."""

    fold: int
    validation_rows: list[int]
    train_loss: float
    validation_loss: float
    validation_accuracy: float | None
    epochs: list[int] = field(default_factory=list)
    epoch_train_loss: list[float] = field(default_factory=list)
    epoch_validation_loss: list[float] = field(default_factory=list)
    stopped: str = "completed"  # or "diverged" (the figures are then those of the last finite weights)
    message: str = ""
    penalty: float | None = None

    @property
    def penalized_train_loss(self) -> float:
        """L = data loss + penalty on the fold's training rows after training (the data loss
        without a penalty): what the training curve ends at."""
        return self.train_loss + (self.penalty or 0.0)

    def to_json_dict(self) -> dict:
        return {
            "fold": self.fold,
            "validation_rows": list(self.validation_rows),
            "train_loss": self.train_loss,
            "validation_loss": self.validation_loss,
            "validation_accuracy": self.validation_accuracy,
        }


@dataclass
class KFoldResult:
    """The k folds in order, and the mean ± population standard deviation of their figures."""

    k: int
    epochs: int
    folds: list[FoldResult]

    @property
    def mean_validation_loss(self) -> float:
        return float(np.mean([f.validation_loss for f in self.folds]))

    @property
    def std_validation_loss(self) -> float:
        return float(np.std([f.validation_loss for f in self.folds]))

    @property
    def mean_validation_accuracy(self) -> float | None:
        acc = [f.validation_accuracy for f in self.folds]
        return None if any(a is None for a in acc) else float(np.mean(acc))

    @property
    def std_validation_accuracy(self) -> float | None:
        acc = [f.validation_accuracy for f in self.folds]
        return None if any(a is None for a in acc) else float(np.std(acc))

    @property
    def diverged(self) -> list[FoldResult]:
        return [f for f in self.folds if f.stopped == "diverged"]

    def to_json_dict(self) -> dict:
        """``{"k", "folds": [...], "mean_validation_loss", "std_validation_loss"}`` (the README's
        form), plus the accuracy's mean and standard deviation (null for regression)."""
        return {
            "k": self.k,
            "folds": [f.to_json_dict() for f in self.folds],
            "mean_validation_loss": self.mean_validation_loss,
            "std_validation_loss": self.std_validation_loss,
            "mean_validation_accuracy": self.mean_validation_accuracy,
            "std_validation_accuracy": self.std_validation_accuracy,
        }

    def to_json(self) -> str:
        """``to_json_dict`` as JSON text, one fold a line; floats exact (repr), NaN refused."""
        doc = self.to_json_dict()
        folds = ",\n".join("  " + json.dumps(f, allow_nan=False) for f in doc.pop("folds"))
        rest = "".join(f",\n {json.dumps(key)}: {json.dumps(value, allow_nan=False)}" for key, value in doc.items()
                       if key != "k")
        return f'{{\n "k": {self.k},\n "folds": [\n{folds}\n ]{rest}\n}}\n'

    def to_text(self) -> str:
        """A table: one line per fold, then the mean ± standard deviation."""
        classify = self.mean_validation_accuracy is not None
        # with a penalty on, the column is the data loss (the penalty: ``FoldResult.penalty``), and says so
        train = "train data loss" if any(f.penalty is not None for f in self.folds) else "train loss"
        width = max(12, len(train))
        head = f"{'fold':>4}  {'held out':>8}  {train:>{width}}  {'validation loss':>15}"
        if classify:
            head += f"  {'validation accuracy':>19}"
        lines = [f"{self.k}-fold cross-validation, {self.epochs} epochs per fold", head]
        for f in self.folds:
            line = f"{f.fold:>4}  {len(f.validation_rows):>8}  {f.train_loss:>{width}.6g}  {f.validation_loss:>15.6g}"
            if classify:
                line += f"  {100 * f.validation_accuracy:>17.1f} %"
            if f.stopped == "diverged":
                line += "  (diverged)"
            lines.append(line)
        mean = f"mean ± sd   validation loss {self.mean_validation_loss:.6g} ± {self.std_validation_loss:.6g}"
        if classify:
            mean += (f", validation accuracy {100 * self.mean_validation_accuracy:.1f} %"
                     f" ± {100 * self.std_validation_accuracy:.1f} %")
        lines.append(mean)
        return "\n".join(lines)


def _check_k(n: int, k) -> int:
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
        raise ValueError(f"k must be a whole number; got {k!r}")
    if not 2 <= k <= n:
        raise ValueError(f"k must be between 2 and the number of samples ({n}); got {k}")
    return int(k)


def fold_rows(n: int, k: int, seed: int) -> list[np.ndarray]:
    """The k folds of n rows: the seeded shuffle cut in k parts, each sorted ascending."""
    k = _check_k(n, k)
    return [np.sort(part) for part in np.array_split(np.random.default_rng(seed).permutation(n), k)]


def train_fold(
    net: Network,
    held_out: np.ndarray,
    *,
    epochs: int | None = None,
    steps: int | None = None,
    fold: int = 1,
    should_stop: Callable[[], bool] | None = None,
    callback: Callable[[Trainer], None] | None = None,
) -> FoldResult | None:
    """Train a copy of ``net`` on every row but ``held_out`` and score it (see the module
    docstring); ``net`` is not changed. None when ``should_stop()`` ended it."""
    n = len(net.dataset)
    held = np.sort(np.asarray(held_out, dtype=np.intp))
    train = np.setdiff1d(np.arange(n), held)
    twin = net.copy()
    # A train run on the training rows alone has no validation rows, hence no early stopping;
    # the held-out rows are scored at each epoch's end (which changes nothing of the training).
    twin.training.early_stopping_patience = None
    trainer = Trainer(twin, train_indices=train, validation_indices=held)
    start = trainer.evaluate()
    epoch_ends = [start]

    def after_step(trainer: Trainer) -> None:
        if trainer.epoch > epoch_ends[-1].epoch:  # an epoch has just ended: score it at these weights
            epoch_ends.append(trainer.evaluate())
        if callback is not None:
            callback(trainer)

    result = trainer.run(steps=steps, epochs=epochs, should_stop=should_stop, callback=after_step)
    if result.reason == "interrupted":
        return None
    end = trainer.evaluate()
    return FoldResult(
        fold=fold,
        validation_rows=[int(r) for r in held],
        train_loss=float(end.train_data_loss),
        validation_loss=float(end.validation_loss),
        validation_accuracy=end.validation_accuracy,
        penalty=None if end.penalty is None else float(end.penalty),
        epochs=[int(e.epoch) for e in epoch_ends],
        epoch_train_loss=[float(e.train_loss) for e in epoch_ends],
        epoch_validation_loss=[float(e.validation_loss) for e in epoch_ends],
        stopped="diverged" if result.reason == "diverged" else "completed",
        message=result.message,
    )


def k_fold(
    net: Network,
    k: int,
    epochs: int,
    *,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> KFoldResult | None:
    """k-fold cross-validation of ``net`` for ``epochs`` epochs per fold (module docstring).

    ``progress(fold_done, k)`` runs after each fold; ``should_stop()`` is asked between
    steps and makes the result None. ``ValueError`` without a dataset, for a k outside
    2..n, or for epochs < 1. ``net`` is not changed.
    """
    if net.dataset is None:
        raise ValueError("the network has no dataset to cross-validate on")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs must be a whole number ≥ 1; got {epochs!r}")
    folds = fold_rows(len(net.dataset), k, net.training.seed)
    results = []
    for f, held in enumerate(folds, start=1):
        one = train_fold(net, held, epochs=int(epochs), fold=f, should_stop=should_stop)
        if one is None:
            return None
        results.append(one)
        if progress is not None:
            progress(f, len(folds))
    return KFoldResult(len(folds), int(epochs), results)



@dataclass
class CrossValidationResult:
    """Validation loss of each fold, and their mean and (population) standard deviation."""

    fold_losses: list[float] = field(default_factory=list)
    fold_accuracies: list[float] | None = None

    @property
    def mean(self) -> float:
        return float(np.mean(self.fold_losses))

    @property
    def std(self) -> float:
        return float(np.std(self.fold_losses))


def cross_validate(net: Network, k: int = 5, *, steps: int | None = None, epochs: int | None = None) -> CrossValidationResult:
    """The short form of ``k_fold``: each fold's validation loss (and accuracy), trained for
    ``steps`` mini-batches or ``epochs`` epochs (default: 10 epochs). ``net`` is not changed."""
    if net.dataset is None:
        raise ValueError("the network has no dataset to cross-validate on")
    if steps is None and epochs is None:
        epochs = 10
    folds = [train_fold(net, held, steps=steps, epochs=epochs, fold=f)
             for f, held in enumerate(fold_rows(len(net.dataset), k, net.training.seed), start=1)]
    accuracies = [f.validation_accuracy for f in folds if f.validation_accuracy is not None]
    return CrossValidationResult([f.validation_loss for f in folds], accuracies or None)
