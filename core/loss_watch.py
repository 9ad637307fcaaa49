"""Did training make the network worse? The two rules, with no Qt and no threads.

* **A run that ends worse than it started fails** (``backprop-studio train``):
  ``worse_run(before, after)`` compares the loss on all training samples measured
  before the run with the same loss measured after it. Higher after than before (by
  any amount) is a failed run: the learning rate is the usual cause. A run that
  diverged to NaN or infinity is caught earlier by the trainer's divergence guard.
* **The loss is rising** (the window's warning, shown without stopping the run):
  ``LossRiseWatch`` follows the epoch losses of one training session. An epoch loss
  *clearly exceeds its best so far* when it is more than ``RISE_FACTOR`` (4) times the
  lowest loss seen so far — the loss before training counts as the first — and above
  it by more than ``RISE_MARGIN`` (1 %) of that first loss (so that the noise of a loss
  that is already almost 0 never counts). The warning stands while the newest epoch
  is that high and goes away when an epoch comes back down.

The factor 4 was measured on the bundled lessons. At their own learning rates, with their
own seed and five others, over 300 epochs, one run of 72 passes it (a single spike of
exam_csv with seed 5, Adam at 0.05); at 1000× the learning rate every lesson passes it
within its first two epochs.
"""

from __future__ import annotations

import math

RISE_FACTOR = 4.0
RISE_MARGIN = 0.01

__all__ = ["RISE_FACTOR", "RISE_MARGIN", "LossRiseWatch", "worse_run", "worse_run_message"]


def worse_run(before: float, after: float) -> bool:
    """True when the training loss ``after`` a run is higher than ``before`` it (both finite or not)."""
    if math.isnan(after):
        return True
    return after > before


def worse_run_message(before: float, after: float, learning_rate: float) -> str:
    """One sentence for a run that made the loss worse: both numbers and what to try."""
    return (f"training made the loss worse: the training loss went from {before:.6g} to {after:.6g}. "
            f"The learning rate ({learning_rate:g}) is probably too high; try {learning_rate / 10:g}")


class LossRiseWatch:
    """Follows one session's epoch losses and says when one clearly exceeds the best so far.

    ``start(loss)`` gives the loss before training (None if unknown); ``epoch(loss)``
    takes each epoch's training loss and returns whether the warning stands now.
    """

    def __init__(self, start: float | None = None):
        self.first: float | None = None
        self.best = math.inf
        self.latest = math.nan
        self.rising = False
        if start is not None:
            self._note(start)

    def _note(self, loss: float) -> None:
        if not math.isfinite(loss):
            return
        if self.first is None:
            self.first = loss
        self.best = min(self.best, loss)

    def epoch(self, loss: float) -> bool:
        """Record an epoch's training loss; True while the newest epoch clearly exceeds the best before it."""
        if self.first is None or math.isnan(loss):
            self.rising = False
        else:
            self.rising = loss > RISE_FACTOR * self.best and loss - self.best > RISE_MARGIN * abs(self.first)
            if self.rising:
                self.latest = loss
        self._note(loss)
        return self.rising

    def message(self) -> str:
        """The warning's text ("" while the loss is not rising)."""
        if not self.rising:
            return ""
        return (f"Loss is rising — learning rate too high? (the last epoch's loss, {self.latest:.4g}, "
                f"is over {RISE_FACTOR:g}× its best so far, {self.best:.4g})")
