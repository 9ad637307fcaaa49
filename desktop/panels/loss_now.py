"""The loss plot's "now" point: the loss on all the training data at the weights a finished run left.

The plot's other points are measured before an update (each step's batch loss) or over an epoch's
batches as they were trained, so a run of one Step draws the loss from before it twice (step 0 on
all the data, step 1's batch before its update) and the step looks as if it did nothing. The status
bar writes the loss after it ("now, all training data: loss 0.01504", ``Snapshot.evaluation``); this
point draws that same number at the run's last step, a black ring, and the line under the plots
names it ("○ now, after step 1's update, all training data: 0.01504"). Not drawn at step 0 (the
black curve's first point is that loss already), after early stopping restored an earlier epoch's
weights (its note tells their loss), nor while the loss is held back (``hidden``: a step-through
before its Loss phase, a lesson that asks the loss).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from desktop import colours

#: the ring's glyph in the words under the plots
RING = "○"


def now_loss(snap) -> float | None:
    """The training loss on all the data at the weights ``snap``'s finished run left (None: none to draw)."""
    e = snap.evaluation if snap is not None and snap.finished else None
    if not e or snap.step <= 0 or snap.restored_epoch is not None:
        return None
    loss = e.get("train_loss")
    return float(loss) if loss is not None and np.isfinite(loss) else None


def now_words(snap, loss_text) -> str:
    """'○ now, after step 1's update, all training data: 0.01504' ('' when there is no such point);
    ``loss_text(loss, penalty)`` writes the figure (or what a lesson writes in its place)."""
    loss = now_loss(snap)
    if loss is None:
        return ""
    return (f"{RING} now, after step {snap.step}'s update, all training data: "
            f"{loss_text(loss, snap.evaluation.get('penalty'))}")


class NowPoint:
    """The ring on ``plot``."""

    def __init__(self, plot):
        black = colours.rgb(colours.TRAIN)
        self.item = plot.plot([], [], pen=None, symbol="o", symbolSize=9, symbolBrush=pg.mkBrush(255, 255, 255),
                              symbolPen=pg.mkPen(black, width=2))
        self.item.setZValue(5)

    def show(self, snap, hidden: bool, log: bool) -> tuple[np.ndarray, np.ndarray]:
        """Draw ``snap``'s point (none when ``hidden``, or not positive on a log scale); its (x, y)."""
        loss = None if hidden else now_loss(snap)
        if loss is None or (log and loss <= 0):
            xy = (np.zeros(0), np.zeros(0))
        else:
            xy = (np.array([float(snap.step)]), np.array([loss]))
        old = self.item.getOriginalDataset()
        if old[0] is None and not len(xy[0]):
            return xy  # none drawn, none to draw (a running snapshot's frame): setData would cost a rebuild
        self.item.setData(*xy)
        return xy
