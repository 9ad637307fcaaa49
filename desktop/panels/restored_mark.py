"""The weight-trajectory plot's mark of the weights early stopping restored: a dashed vertical line in the
validation colour, as the Loss plot's line of the best validation epoch, at the step whose weights the network
holds again (``Snapshot.restored_step``), labelled "restored: step S (epoch E)".

The curves run on to the last step trained (early_stopping: to step ~104), while the canvas holds the weights
after step S (24): without the line the curves' right ends read as the weights on the canvas (review 24 #9).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from desktop import colours


class RestoredMark:
    """A dashed line with its words on ``plot``; ``update(snap)`` moves it to the restored step or hides it."""

    def __init__(self, plot):
        colour = colours.rgb(colours.VALIDATION)
        self.line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine),
                                    label="", labelOpts={"position": 0.95, "color": colour, "anchors": [(0, 0), (0, 0)],
                                                         "fill": pg.mkBrush(255, 255, 255, 230)})
        self.line.setZValue(-3)
        plot.addItem(self.line, ignoreBounds=True)
        self.words = ""  #: what the line's label says ("" while hidden)
        self.hide()

    def hide(self) -> None:
        self.words = ""
        self.line.setVisible(False)

    def update(self, snap) -> None:
        """Stand at ``snap.restored_step`` with "restored: step S (epoch E)"; hidden when no weights were restored."""
        step, epoch = getattr(snap, "restored_step", None), getattr(snap, "restored_epoch", None)
        if step is None or epoch is None:
            self.hide()
            return
        words = f"restored: step {int(step)} (epoch {int(epoch)})"
        self.line.setVisible(True)  # (first: pyqtgraph writes no words into a hidden line's label)
        if words != self.words:
            self.words = words
            self.line.setPos(float(step))
            self.line.label.setFormat(words)
