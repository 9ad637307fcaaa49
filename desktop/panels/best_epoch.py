"""The loss panel's mark of the best validation epoch: a dashed vertical line at the step where
the epoch with the lowest validation loss ended, labelled "best validation: epoch E".

That epoch is the one early stopping counts its patience from (``core.Trainer.best_epoch``:
the first epoch with the lowest validation loss). Shown only when there is a validation set.
The label sits on the side of the line where it fits inside the plot (left of it, else right;
"best: epoch E" when neither side has room for the whole words).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt

from desktop import colours


def best_validation(snap) -> tuple[int, float, float] | None:
    """(epoch, step at its end, validation loss) of the lowest validation loss among the
    snapshot's epochs (the first such epoch), or None when none was measured."""
    if snap is None or len(snap.epoch_numbers) == 0:
        return None
    values = np.asarray(snap.epoch_column("validation_loss"), dtype=float)
    finite = np.isfinite(values)
    if not finite.any():
        return None
    k = int(np.argmin(np.where(finite, values, np.inf)))  # argmin: the first of equal values
    steps = snap.epoch_steps if len(snap.epoch_steps) == len(snap.epoch_numbers) else snap.epoch_numbers
    return int(snap.epoch_numbers[k]), float(steps[k]), float(values[k])


class BestEpochMarker:
    """A dashed line in the validation colour on ``plot``; ``update(snap)`` moves or hides it."""

    def __init__(self, plot):
        pen = pg.mkPen(colours.rgb(colours.VALIDATION), width=1, style=Qt.PenStyle.DashLine)
        self.line = pg.InfiniteLine(angle=90, movable=False, pen=pen,
                                    label="best validation: epoch {value}", labelOpts={
                                        "position": 0.92, "color": colours.rgb(colours.VALIDATION),
                                        "anchors": [(1, 0), (1, 0)]})
        self.line.setZValue(-3)
        plot.addItem(self.line, ignoreBounds=True)
        self.view_box = plot.getViewBox() if hasattr(plot, "getViewBox") else plot
        self.view_box.sigRangeChanged.connect(self._place_label)
        self.view_box.sigResized.connect(self._place_label)
        self.line.sigPositionChanged.connect(self._place_label)
        self.epoch: int | None = None
        self.hide()

    def hide(self) -> None:
        self.epoch = None
        self.line.setVisible(False)

    def update(self, snap) -> None:
        best = best_validation(snap)
        if best is None:
            self.hide()
            return
        epoch, step, _ = best
        if epoch == self.epoch and step == self.line.value() and self.line.isVisible():
            return  # the same mark (most frames of a run): nothing to move or write
        self.epoch = epoch
        self.line.setVisible(True)
        if step != self.line.value():
            self.line.setPos(step)  # places the label (sigPositionChanged)
        else:
            self._place_label()

    def _place_label(self, *_) -> None:
        """Left of the line when the words fit there inside the plot, else right of it; the short
        words on the roomier side when neither fits."""
        if self.epoch is None:
            return
        label = self.line.label
        plot_rect = self.view_box.sceneBoundingRect()
        x = self.view_box.mapViewToScene(QPointF(float(self.line.value()), 0.0)).x()
        left, right = x - plot_rect.left(), plot_rect.right() - x
        text = f"best validation: epoch {self.epoch}"
        if max(left, right) < self._text_width(text):
            text = f"best: epoch {self.epoch}"
        label.setFormat(text)
        anchor = (1, 0) if left >= self._text_width(text) or left >= right else (0, 0)
        label.anchors = [anchor, anchor]
        label.updatePosition()

    def _text_width(self, text: str) -> float:
        return _width_of(self.line.label, text)


def _width_of(label, text: str) -> float:
    """How wide ``label`` (a pyqtgraph text item) writes ``text``, in pixels."""
    from PySide6.QtGui import QFontMetricsF

    return QFontMetricsF(label.textItem.font()).horizontalAdvance(text) + 8
