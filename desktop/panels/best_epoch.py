"""The loss panel's mark of the best validation epoch: a dashed vertical line at the step where
the epoch with the lowest validation loss ended, labelled in the x axis's unit, the epoch beside it:
"best validation: step S (epoch E)" (circles' "best: epoch 15" stood at step 150 of an axis in steps).

That epoch is the one early stopping counts its patience from (``core.Trainer.best_epoch``:
the first epoch with the lowest validation loss). Shown only when there is a validation set.
The label sits where it hides none of the curves: left or right of the line, near the top or the
bottom, "best validation: step S (epoch E)" or "best: step S (epoch E)" when the whole words have no such room, on an
opaque background above the curves (it lay under the noisy batch curve, which made it unreadable);
when every place would hide some (a short plot), the panel's legend names the line instead
(``legend_words``: "best: step S (epoch E)", the epoch the early-stopping caption says it restored:
"best: step 297" stood beside "epoch 33 restored" in early_stopping at 1024×700).
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


#: the label's background: opaque, so that it reads over the noisy batch curve it lies on
LABEL_FILL = (255, 255, 255)
#: the label stands above every curve of the plot (they are drawn at z ≤ 0)
LABEL_Z = 20
#: pixels between the label's words and the edge of its box
LABEL_MARGIN = 2
#: where the label's top edge sits, as a fraction of the plot's height from its bottom (its bottom
#: edge at 1 − this, when it stands at the bottom)
LABEL_HEIGHT = 0.97


class BestEpochMarker:
    """A dashed line in the validation colour on ``plot``, under the curves, and its label on an
    opaque background above them; ``update(snap)`` moves or hides both."""

    def __init__(self, plot, legend_changed=None):
        colour = colours.rgb(colours.VALIDATION)
        #: the words the panel's legend carries for the line when no place in the plot is free of
        #: curves ("" while the label stands in the plot); ``legend_changed()`` is called when they change
        self.legend_words = ""
        self.legend_changed = legend_changed
        pen = pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine)
        self.line = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        self.line.setZValue(-3)
        plot.addItem(self.line, ignoreBounds=True)
        self.label = pg.TextItem("", color=colour, anchor=(1, 0), fill=pg.mkBrush(*LABEL_FILL),
                                 border=pg.mkPen(colours.lighter(colour, 0.5)))
        self.label.textItem.document().setDocumentMargin(LABEL_MARGIN)  # a snug box hides less of the curves
        self.label.setZValue(LABEL_Z)
        plot.addItem(self.label, ignoreBounds=True)
        self.view_box = plot.getViewBox() if hasattr(plot, "getViewBox") else plot
        self.view_box.sigRangeChanged.connect(self._place_label)
        self.view_box.sigResized.connect(self._place_label)
        self.line.sigPositionChanged.connect(self._place_label)
        self.epoch: int | None = None
        self.step = 0  #: the step at the end of the best epoch, where the line stands
        self._widths: dict[tuple[str, str], float] = {}  # (words, font key) → _width_of
        self.hide()

    def hide(self) -> None:
        self.epoch = None
        self.line.setVisible(False)
        self.label.setVisible(False)
        self._set_legend_words("")

    def _set_legend_words(self, words: str) -> None:
        if words != self.legend_words:
            self.legend_words = words
            if self.legend_changed is not None:
                self.legend_changed()

    def update(self, snap) -> None:
        best = best_validation(snap)
        if best is None:
            self.hide()
            return
        epoch, step, _ = best
        if epoch == self.epoch and step == self.line.value() and self.line.isVisible():
            if snap.finished:
                self._place_label()  # the curves have grown since the label found its place
            return  # the same mark (most frames of a run): nothing to move or write
        self.epoch, self.step = epoch, int(round(step))
        self.line.setVisible(True)
        if step != self.line.value():
            self.line.setPos(step)  # places the label (sigPositionChanged)
        else:
            self._place_label()

    def _place_label(self, *_) -> None:
        """Where it hides least of the curves (``_points_under``): left or right of the line, near the
        top of the plot or near its bottom, among the places where its words fit inside the plot; the
        whole words before the short ones ("best: epoch E") when they hide no more, left before right,
        top before bottom. The short words on the roomier side, at the top, when nothing fits (the
        early_stopping lesson's label sat top left, over the falling curve, with the top right empty)."""
        if self.epoch is None:
            return
        plot_rect = self.view_box.sceneBoundingRect()
        step = float(self.line.value())
        x = self.view_box.mapViewToScene(QPointF(step, 0.0)).x()
        room = {True: x - plot_rect.left(), False: plot_rect.right() - x}  # {on the left: pixels}
        (_, _), (low, high) = self.view_box.viewRange()
        top, bottom = low + LABEL_HEIGHT * (high - low), low + (1 - LABEL_HEIGHT) * (high - low)
        places = []
        curves = self._drawn_points()  # (read once for the four places)
        # (not "best: step S" alone: the student had to work out which epoch the caption's "epoch E restored" was,
        # review 24 #9; where neither form hides nothing, the legend names the line with its epoch)
        words = (f"best validation: step {self.step} (epoch {self.epoch})", self.short_words())
        for short, text in enumerate(words):
            width = self._text_width(text)
            for on_left in (True, False):
                if room[on_left] >= width:
                    for at_top in (True, False):
                        hidden = self._points_under(step, top if at_top else bottom, on_left, at_top, width, curves)
                        places.append((round(hidden, 6), short, not on_left, not at_top, text, on_left, at_top))
            if any(place[0] == 0 for place in places):
                break  # a place that hides nothing: no shorter words can do better (and none are measured)
        if places:
            hidden, *_, text, on_left, at_top = min(places)
        else:
            hidden, text, on_left, at_top = 1.0, words[-1], room[True] >= room[False], True
        # every place would hide some of the curves (a laptop's short plot): the legend names the line instead
        self.label.setVisible(hidden == 0)
        self._set_legend_words("" if hidden == 0 else self.short_words())  # the epoch the caption restores
        if self.label.toPlainText() != text:
            self.label.setText(text)
        anchor = (1 if on_left else 0, 0 if at_top else 1)
        if tuple(self.label.anchor) != anchor:
            self.label.setAnchor(anchor)
        self.label.setPos(step, top if at_top else bottom)

    def short_words(self) -> str:
        """'best: step 150 (epoch 15)': where the line stands on the step axis, and which epoch ended there."""
        return f"best: step {self.step} (epoch {self.epoch})"

    def _drawn_points(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(x, y) of every visible curve of the plot that holds points."""
        curves = []
        for item in self.view_box.addedItems:
            if isinstance(item, pg.PlotDataItem) and item.isVisible():
                xs, ys = item.getData()
                if xs is not None and len(xs):
                    curves.append((xs, ys))
        return curves

    def _points_under(self, step: float, y: float, on_left: bool, below: bool, width: float | None = None,
                      curves: list | None = None) -> float:
        """How much of the plot's curves (``curves``: ``_drawn_points()``, read now when not given) the
        label's box would hide, its corner at (``step``, ``y``) (view coordinates), left of it or right,
        below it or above: the sum over the curves of the share of each one's drawn points in the box
        (the 50 points of an epoch curve count as much as the 5,000 of the batch curve)."""
        height = self.label.boundingRect().height()
        width = self.label.boundingRect().width() if width is None else width
        pixel_w, pixel_h = self.view_box.viewPixelSize()
        x0, x1 = (step - width * pixel_w, step) if on_left else (step, step + width * pixel_w)
        y0, y1 = (y - height * pixel_h, y) if below else (y, y + height * pixel_h)
        hidden = 0.0
        for xs, ys in self._drawn_points() if curves is None else curves:
            hidden += float(np.mean((xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)))
        return hidden

    def _text_width(self, text: str) -> float:
        """``_width_of`` the label's words, measured once per words and font (the label is placed again
        at every new best epoch and whenever the view moves)."""
        key = (text, self.label.textItem.font().key())
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 64:
                self._widths.clear()
            width = self._widths[key] = _width_of(self.label, text)
        return width


def _width_of(label, text: str) -> float:
    """How wide ``label`` (a pyqtgraph text item) writes ``text``, in pixels."""
    from PySide6.QtGui import QFontMetricsF

    return QFontMetricsF(label.textItem.font()).horizontalAdvance(text) + 2 * label.textItem.document().documentMargin()
