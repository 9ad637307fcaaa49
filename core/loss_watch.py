"""Did training make the network worse? The two rules, with no Qt and no threads.

* **A run that ends clearly worse than it started fails** (``backprop-studio train``):
  ``worse_run(before, after)`` compares the loss on all training samples measured
  before the run with the same loss measured after it. A run is worse when the loss after
  it is more than ``WORSE_MARGIN`` (10 %) above the loss before it; a smaller rise is the
  wobble of a run continued near a minimum, not a failure. A run that diverged to NaN or
  infinity is caught earlier by the trainer's divergence guard.
* **The loss is rising** (the window's warning, shown without stopping the run):
  ``LossRiseWatch`` follows the epoch losses of one training session. An epoch loss
  *clearly exceeds its best so far* when it is more than ``RISE_FACTOR`` (4) times the
  lowest loss seen so far — the loss before training counts as the first — and above
  it by more than ``RISE_MARGIN`` (1 %) of that first loss (so that the noise of a loss
  that is already almost 0 never counts). The warning stands while the newest epoch
  is that high and goes away when an epoch comes back down.

The margin of 10 % was measured on the bundled lessons (``tests/benchmarks/bench_worse_run.py``:
every lesson, its own optimizer settings, plain SGD, SGD with momentum 0.9 and Adam, seeds 0
and 1, runs of 300 steps). Runs at the usual learning rates never rose from an untrained start
(104 of 104 fell) and rose by at most 4.4 % when continuing a trained network in a new
trainer, as ``train a.bpnet --out b.bpnet`` does (2 of 104 rose: sine_regression and exam_csv
with momentum, whose restarted velocity overshoots); at 100× the learning rate 112 of 180
finite runs rose, 108 of them by more than 10 %, and at 1000× all 151 rising runs rose by
more than 50 % (the others diverged, or fell). With runs of 2000 steps (seed 0) the figures
agree: good runs from trained starts rose by at most 4.2 % (exam_csv), and 50 of the 52
rising runs at 100× rose by more than 10 %. The old rule (any rise) refused the issue's
continued exam_csv run for a 0.3 % wobble.

The factor 4 was measured on the bundled lessons. At their own learning rates, with their
own seed and five others, over 300 epochs, one run of 72 passes it (a single spike of
exam_csv with seed 5, Adam at 0.05); at 1000× the learning rate every lesson passes it
within its first two epochs.
"""

from __future__ import annotations

import math

from .notation import format_number

RISE_FACTOR = 4.0
RISE_MARGIN = 0.01
#: a run that ends with the training loss more than this fraction above where it started is worse
WORSE_MARGIN = 0.10

__all__ = ["RISE_FACTOR", "RISE_MARGIN", "WORSE_MARGIN", "LossRiseWatch", "worse_run", "worse_run_message"]


def worse_run(before: float, after: float) -> bool:
    """True when the training loss ``after`` a run is more than ``WORSE_MARGIN`` (10 %) above the
    loss ``before`` it, or not a number: after > before + 0.1·|before|."""
    if math.isnan(after):
        return True
    return after - before > WORSE_MARGIN * abs(before)


def worse_run_message(before: float, after: float, learning_rate: float) -> str:
    """Two sentences for a run that made the loss worse: both numbers, the rise, and what to try."""
    rise = (f"{format_number(100 * (after - before) / before, 3)} % higher" if before > 0 and math.isfinite(after)
            else "higher")
    return (f"training made the loss worse: the training loss went from {format_number(before, 6)} to {format_number(after, 6)}. "
            f"That is {rise}, more than the {100 * WORSE_MARGIN:g} % a run may wobble near a minimum; "
            f"the learning rate ({format_number(learning_rate, 6)}) is probably too high: try a smaller one, "
            f"such as {format_number(learning_rate / 10, 6)}")


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

    def epochs(self, losses) -> bool:
        """Record several epochs' training losses in order: the same state as ``epoch`` for each,
        in one pass (only the newest epoch's own comparison decides ``rising``)."""
        if not len(losses):
            return self.rising
        earlier = [float(loss) for loss in losses[:-1] if math.isfinite(loss)]
        if earlier:
            if self.first is None:
                self.first = earlier[0]
            self.best = min(self.best, min(earlier))
        return self.epoch(float(losses[-1]))

    def message(self) -> str:
        """The warning's text ("" while the loss is not rising)."""
        if not self.rising:
            return ""
        return (f"Loss is rising — learning rate too high? (the last epoch's loss, {self.latest:.4g}, "
                f"is over {RISE_FACTOR:g}× its best so far, {self.best:.4g})")
