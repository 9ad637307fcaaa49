"""Where the loss panel draws each loss: at the step whose weights it was measured at, in a full-batch run.

A step's batch loss is measured before its update, and an epoch's mean over its batches as they were
trained (``core.training``): in a run whose every epoch is one step (the batch holds all the training
rows, as in a one-sample lesson), step k's batch loss and epoch k's mean are both the loss on all the
training data at the weights after step k − 1. Drawn at step k (where the step is, where the epoch ended)
they made the curve start flat (0.49 at 0, 0.49 at 1) and lag one step behind the weights: the loss the
student computes after one step sat at step 2 (teacher review 15).

So in a full-batch run (``full_batch``) the plot's x is *the steps taken*: the loss at x = k is the loss on
all the training data at the weights after k steps. Step k's batch loss and epoch k's mean go to k − 1
(``after_step``); step 0's loss before training stays at 0 and epoch 1's mean, the same weights, is not
drawn twice; a finished run's loss after its last update (the ring, ``loss_now``) ends the black curve,
so that x = K is the weights after the K-th step, the ones the run left (the mean |dL/dw| plot, whose
step k gradient is taken at the same weights as its loss, is drawn at k − 1 too). Validation figures are measured
at the end of their epoch, at the weights after its step already, and stay where they are. In any other
run an epoch's mean is one number over several weights: it stays at the step where its epoch ended, and
the axis says "step".
"""

from __future__ import annotations

import numpy as np


def step_axis_title(full_batch_run: bool) -> str:
    """The step axis's title: in a full-batch run x is the number of steps taken (the weights after them)."""
    return "steps taken" if full_batch_run else "step"


def step_axis_help(full_batch_run: bool) -> str:
    """The step axis's tooltip: what x is."""
    if full_batch_run:
        return ("x = k: the loss on all the training data at the weights after k steps (each step's batch is all "
                "the training data, so its loss, measured before its update, is the loss after the step before)")
    return ("the step: a batch's loss is measured before its step's update; an epoch's mean at the step where "
            "the epoch ended; the ring ○ after the last step's update")


def full_batch(snap) -> bool:
    """True when every epoch of ``snap``'s run so far was one step (epoch k ended at step k), so its batch
    held all the training rows: each batch loss and epoch mean is the loss on all the data before the step."""
    if snap is None or len(snap.epoch_numbers) == 0 or len(snap.epoch_steps) != len(snap.epoch_numbers):
        return False
    return bool(np.array_equal(np.asarray(snap.epoch_steps, dtype=np.float64),
                               np.asarray(snap.epoch_numbers, dtype=np.float64)))


def after_step(xy: tuple[np.ndarray, np.ndarray], shift: bool) -> tuple[np.ndarray, np.ndarray]:
    """``xy`` of figures measured before step k's update, drawn at x = k (and the figure before training
    at x = 0): at x = k − 1, the steps taken before it, when ``shift``. Of points that land on one x (epoch
    1's mean on the loss before training, the same weights) the first is kept.
    Shapes: x (n,) increasing, y (n,) → (m,), (m,), m ≤ n."""
    x, y = xy
    if not shift or not len(x):
        return x, y
    x = np.maximum(x - 1.0, 0.0)
    keep = np.empty(len(x), dtype=bool)  # (np.r_ costs more than the comparison itself, every frame)
    keep[0] = True
    np.greater(x[1:], x[:-1], out=keep[1:])
    return x[keep], y[keep]


def with_end(xy: tuple[np.ndarray, np.ndarray], step: int, value: float | None) -> tuple[np.ndarray, np.ndarray]:
    """``xy`` and the point (``step``, ``value``) after its last (a finished run's figure on all the data
    after its last update), when ``value`` is given and ``step`` is past the curve's last x."""
    x, y = xy
    if value is None or not np.isfinite(value) or (len(x) and x[-1] >= step):
        return x, y
    return np.r_[x, float(step)], np.r_[y, float(value)]
