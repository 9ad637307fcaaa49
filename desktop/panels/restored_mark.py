"""The weight-trajectory plot's mark of the weights early stopping restored: a dashed vertical line in the
validation colour, as the Loss plot's line of the best validation epoch, at the step whose weights the network
holds again (``Snapshot.restored_step``), under the curves, and "epoch E restored" (the Loss panel caption's
words) at its top on an opaque box above them, right of the line where it fits, else left of it.

The curves run on to the last step trained (early_stopping: to step ~104), while the canvas holds the weights
after step S (24): without the line the curves' right ends read as the weights on the canvas (review 24 #9).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt

from desktop import colours

#: the words stand above every curve (drawn at z ≤ 10)
LABEL_Z = 20


class RestoredMark:
    """A dashed line and its words on ``plot``; ``update(snap)`` moves them to the restored step or hides them."""

    def __init__(self, plot):
        colour = colours.rgb(colours.VALIDATION)
        self.line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine))
        self.line.setZValue(-3)
        plot.addItem(self.line, ignoreBounds=True)
        self.label = pg.TextItem("", color=colour, anchor=(0, 0), fill=pg.mkBrush(255, 255, 255),
                                 border=pg.mkPen(colours.lighter(colour, 0.5)))
        self.label.textItem.document().setDocumentMargin(2)
        self.label.setZValue(LABEL_Z)
        plot.addItem(self.label, ignoreBounds=True)
        self.view_box = plot.getViewBox()
        self.view_box.sigRangeChanged.connect(self._place)
        self.view_box.sigResized.connect(self._place)
        self.words = ""  #: what the label says ("" while hidden)
        self.hide()

    def hide(self) -> None:
        self.words = ""
        self.line.setVisible(False)
        self.label.setVisible(False)

    def update(self, snap) -> None:
        """Stand at ``snap.restored_step`` with "epoch E restored"; hidden when no weights were restored."""
        step, epoch = getattr(snap, "restored_step", None), getattr(snap, "restored_epoch", None)
        if step is None or epoch is None:
            self.hide()
            return
        words = f"epoch {int(epoch)} restored"
        self.line.setVisible(True)
        self.label.setVisible(True)
        if words != self.words or self.line.value() != float(step):
            self.words = words
            self.label.setText(words)
            self.line.setPos(float(step))
        self._place()

    def _place(self, *_) -> None:
        """The words at the plot's top beside the line: right of it where they fit in the plot, else left."""
        if not self.words:
            return
        (_, _), (low, high) = self.view_box.viewRange()
        step = float(self.line.value())
        x = self.view_box.mapViewToScene(QPointF(step, high)).x()
        width = self.label.boundingRect().width()
        right = x + width <= self.view_box.sceneBoundingRect().right()
        anchor = (0 if right else 1, 0)
        if tuple(self.label.anchor) != anchor:
            self.label.setAnchor(anchor)
        self.label.setPos(step, high)
