"""The loss as a function of one weight, L(w), every other parameter fixed (``core.loss_curve``).

The curve (the loss of the traced input, as the caption says: not the status bar's mean over
all the training data), the current point (w0, L(w0)), the tangent whose slope is backprop's
dL/dw, where one plain SGD step lands (with momentum or Adam: for comparison, and the caption
says so; in the step-through's Update phase: the optimizer's own step instead), and the
weight's path from training (``ViewState.earlier_weights``; squares too close to tell apart
are named in the caption). It sits in a tab
beside the chain rule, so it is in view without scrolling, and the current point is always
inside the plot. The key above the plot (in view on a 700-pixel screen, where the caption may
need the scroll bar) says whose loss the curve is, 'L(w) of sample 0', and names only the marks
drawn: the orange step only when it is long enough to see (else the caption says it lies under ●).
The plot is no taller than the Inspector shows without scrolling, so its x axis is read whole.

It follows the step-through like every panel (``ViewState.revealed``): before the Loss phase
no loss is known, so no curve is drawn; until Backward reaches the edge's target layer the
curve is drawn without its tangent and step (their slope is dL/dw). While a guided lesson holds
back the weight after one step (``ViewState.held("updated", …)``), the step is neither drawn nor
worked out: the caption writes "? (…)" with the lesson's words. (A weight after k training steps
asked hides the loss as well: no curve.)
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

import core
from core.notation import change_text
from core.weight_probe import loss_said

from desktop.naming import name

from .inspector_widgets import note
from .plotting import lazy_menu_view

#: green squares closer than this (pixels, centre to centre) to the next mark cannot be told apart
SQUARE_APART_PX = 6.0
#: the left axis's label, short enough never to be clipped in a narrow inspector
LOSS_AXIS = "L(w)"
#: the plot's height in pixels: at least (else it squeezes the curve), and at most (the caption
#: under it stays near); within these, no taller than the Inspector shows without scrolling
MIN_PLOT_HEIGHT, MAX_PLOT_HEIGHT = 170, 300


class LossOfWeightPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(viewBox=lazy_menu_view())
        name(self.plot, "edge_loss_curve", "Loss as a function of this weight")
        self.plot.setMinimumHeight(MIN_PLOT_HEIGHT)
        self.plot.setMaximumHeight(MAX_PLOT_HEIGHT)
        self.plot.setBackground("w")
        self.plot.setLabel("bottom", "this weight w")
        self.plot.setLabel("left", LOSS_AXIS)
        self.plot.getAxis("left").setWidth(58)  # room for the ticks and the label: never "oss L(w)"
        for axis in ("bottom", "left"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.plot.hideButtons()
        self.curve_line = self.plot.plot(pen=pg.mkPen("#0072B2", width=1.5))
        self.tangent_line = self.plot.plot(pen=pg.mkPen("#CC79A7", width=1.5, style=Qt.PenStyle.DashLine))
        self.step_line = self.plot.plot(pen=pg.mkPen("#E69F00", width=1.5), symbol="o", symbolSize=7,
                                        symbolBrush="#E69F00")
        self.earlier_line = self.plot.plot(pen=pg.mkPen("#009E73", width=1), symbol="s", symbolSize=5,
                                           symbolBrush="#009E73", symbolPen=None)
        self.now_point = self.plot.plot(pen=None, symbol="o", symbolSize=10, symbolBrush="#1A1A1A")
        self.caption = note()
        self._lines: list[str] = []  # the caption's lines, and (curve, steps) of the green squares
        self._squares = None
        self._key = None  # (whose loss, tangent drawn, orange step's words, curve): the key's parts
        self.plot.getViewBox().sigResized.connect(self._write_caption)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        self.key_note = note(key_text("the data given", True, False, "one SGD step"))
        box.addWidget(self.key_note)
        box.addWidget(self.plot, 1)
        box.addWidget(self.caption)
        box.addStretch(0)

    def clear(self, caption: str = "") -> None:
        """Nothing drawn, ``caption`` under the plot. The axes go back to 0–1: the last curve's range was
        centred on its weight, which a lesson may now hold back (guided_perceptron step 9: the empty plot's
        x axis ran 0.411 ± 1 around the trained weight, the answer, and its menu wrote the ends)."""
        self._lines, self._squares, self._key = [], None, None
        self.key_note.setText("")  # nothing drawn: no marks to name
        for item in (self.curve_line, self.tangent_line, self.step_line, self.earlier_line, self.now_point):
            item.setData([], [])
        self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.caption.setText(caption)

    def show_curve(self, net, key, X, T, view_state, removed: bool) -> None:
        """Draw L(w) of edge ``key`` = (src, tgt, j, i) of ``net`` for (X, T), gated by ``view_state``."""
        if removed:
            self.clear("This edge is removed: its weight stays 0, so the loss does not depend on it.")
            return
        src, tgt, j, i = key
        if not view_state.revealed("loss", tgt):  # (a lesson's hold says its own reason)
            why = "" if view_state.held("loss", tgt) else ": the loss is not known before the Loss phase"
            self.clear(f"L(w): {view_state.pending('loss', tgt)}{why}.")
            return
        slope = view_state.revealed("dL/dw", tgt, (src, j, i))
        earlier = view_state.earlier_weights(src, tgt, j, i) if view_state.stepping is None else None
        taken = view_state.weight_change(src, tgt, j, i)  # the Update phase: the optimizer's own step
        at = [taken[1]] if taken is not None else None if earlier is None else earlier[1]
        with np.errstate(all="ignore"):
            curve = core.loss_curve(net, src, tgt, j, i, X, T, earlier=at)
        ok = np.isfinite(curve.loss)
        self.curve_line.setData(curve.w[ok], curve.loss[ok])
        self.now_point.setData([curve.w0], [curve.loss0])
        near = np.abs(curve.w - curve.w0) <= curve.span / 3
        if slope:
            self.tangent_line.setData(curve.w[near], curve.tangent(curve.w[near]))
        else:
            self.tangent_line.setData([], [])
        end = (curve.earlier_w[0], curve.earlier_loss[0]) if taken is not None else (curve.next_w, curve.next_loss)
        step_held = view_state.held("updated", tgt, (src, j, i))  # a lesson asks the weight after one step
        if slope and not step_held and np.isfinite(end[1]):
            self.step_line.setData([curve.w0, end[0]], [curve.loss0, end[1]])
        else:
            self.step_line.setData([], [])
        digits = max(4, view_state.digits)
        lines = curve.lines(digits, view_state.traced_description(with_rows=False))
        if taken is not None:
            lines[-1] = (f"this step, as the Update phase computed it ({curve.optimizer_name()}): "
                         f"w0 = {change_text(curve.w0, end[0], digits)}, "
                         f"where {loss_said(end[1], digits)}")
        if len(X) < view_state.dataset_size():  # say why the status bar's loss is another number
            lines[0] += ", not the status bar's loss (the mean over all the training data)"
        if not slope:  # the slope and the step wait for Backward
            at_w0 = lines[1].split(", slope dL/dw")[0]
            lines = [lines[0], f"{at_w0}, slope dL/dw = {view_state.pending('dL/dw', tgt)}"]
        elif step_held:  # where the step lands is the answer: not drawn, not worked out
            lines[2] = f"{curve.step_words()}: w0 − lr·dL/dw = {step_held}"
        self._keep_in_view(curve, ok)
        self._squares = None
        if earlier is not None and taken is None and curve.earlier_w.size:
            self.earlier_line.setData(np.append(curve.earlier_w, curve.w0), np.append(curve.earlier_loss, curve.loss0))
            lines.append(f"green squares: this weight at steps {_steps_text(earlier[0])} of training, placed on this "
                         f"curve (the other weights as they are now), leading to w0")
            self._squares = (curve, earlier[0])
        else:
            self.earlier_line.setData([], [])
        self._lines = lines
        whose = view_state.traced_description(with_rows=False).split(" (")[0]  # 'sample 0', 'the next mini-batch'
        step_words = curve.step_words() if taken is None else "this step (the Update phase's)"
        drawn, _ = self.step_line.getData()
        self._key = (whose, bool(slope), step_words if drawn is not None and len(drawn) else None)
        self._write_caption()

    def _write_caption(self, *args) -> None:
        """The key and the caption; which green squares lie on top of another mark, and whether the
        orange step can be seen, depend on the plot's size in pixels, so they are written again when
        the plot is resized."""
        if not self._lines:
            return
        squares = self._hidden_squares(*self._squares) if self._squares is not None else ""
        lines = list(self._lines)
        whose, tangent, step_words = self._key
        if step_words is not None and not self._step_seen():
            lines[2] += "; the orange step lies under ●: too short to see at this scale"
            step_words = None
        self.key_note.setText(key_text(whose, tangent, self._squares is not None, step_words))
        self.caption.setText("\n".join(lines) + squares)

    def _step_seen(self) -> bool:
        """True when the orange step is at least ``SQUARE_APART_PX`` long on the plot."""
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        width, height = self._plot_pixels()
        w, loss = self.step_line.getData()
        dx = (w[1] - w[0]) / (x1 - x0 or 1.0) * width
        dy = (loss[1] - loss[0]) / (y1 - y0 or 1.0) * height
        return bool(np.hypot(dx, dy) >= SQUARE_APART_PX)

    def _plot_pixels(self) -> tuple[float, float]:
        view = self.plot.getViewBox()
        width, height = view.width(), view.height()
        if width <= 1 or height <= 1:  # not laid out yet (the tab is hidden): a small plot
            return 200.0, 120.0
        return width, height

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_to_view()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_to_view()

    def _fit_to_view(self) -> None:
        """No taller than the room below the plot's top in the Inspector's scroll area (between
        ``MIN_PLOT_HEIGHT`` and ``MAX_PLOT_HEIGHT``): its x axis and title are read without scrolling
        on a 700-pixel screen; the caption under it may need the scroll bar."""
        scroll = self.parent()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parent()
        if scroll is None or scroll.widget() is None:
            return
        top = self.plot.mapTo(scroll.widget(), QPoint(0, 0)).y()
        room = scroll.viewport().height() - top - 4
        height = int(min(MAX_PLOT_HEIGHT, max(MIN_PLOT_HEIGHT, room)))
        if height != self.plot.maximumHeight():
            self.plot.setMaximumHeight(height)

    def _hidden_squares(self, curve, steps) -> str:
        """'' when every green square stands apart on the plot, else which ones lie under the next
        one or under ● (the weight hardly moved): '; the squares of steps 437, 499 lie under ● …'."""
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        width, height = self._plot_pixels()
        px = (np.append(curve.earlier_w, curve.w0) - x0) / (x1 - x0 or 1.0) * width
        py = (np.append(curve.earlier_loss, curve.loss0) - y0) / (y1 - y0 or 1.0) * height
        apart = np.hypot(np.diff(px), np.diff(py))  # square k to the next mark (the last: to ●)
        hidden = [int(step) for step, gap in zip(steps, apart) if not gap >= SQUARE_APART_PX]
        if not hidden:
            return ""
        if np.all(np.hypot(px[:-1] - px[-1], py[:-1] - py[-1]) < SQUARE_APART_PX):
            return (f"; all {len(hidden)} lie under ●: the weight moved by at most "
                    f"{core.format_number(float(np.abs(curve.earlier_w - curve.w0).max()), 2)} in those steps")
        return (f"; the squares of steps {_steps_text(hidden)} lie on the next mark: at this scale the weight's "
                "moves between them are too small to see")

    def _keep_in_view(self, curve, ok) -> None:
        """The whole curve's w range, and a loss range that always holds the current point."""
        losses = curve.loss[ok]
        low = min(float(losses.min()) if losses.size else curve.loss0, curve.loss0)
        high = max(float(losses.max()) if losses.size else curve.loss0, curve.loss0)
        if not (np.isfinite(low) and np.isfinite(high)):
            return
        pad = 0.05 * (high - low) if high > low else max(abs(high), 1e-3) * 0.1
        self.plot.setRange(xRange=(curve.w[0], curve.w[-1]), yRange=(low - pad, high + pad), padding=0)


def key_text(whose: str, tangent: bool, squares: bool, step_words: str | None) -> str:
    """The line above the plot: whose loss, and each mark drawn: the dashed tangent (``tangent``),
    the green squares (``squares``), the orange step named by ``step_words`` (None: not drawn,
    or too short to see): 'L(w) of sample 0, all other weights fixed. ● now · dashed: slope dL/dw ·
    green squares: this weight earlier in training · orange: one SGD step'."""
    marks = ["● now"] + (["dashed: slope dL/dw"] if tangent else []) \
        + (["green squares: this weight earlier in training"] if squares else []) \
        + ([f"orange: {step_words}"] if step_words else [])
    return f"L(w) of {whose}, all other weights fixed. " + " · ".join(marks)


def _steps_text(steps) -> str:
    steps = [int(s) for s in steps]
    return ", ".join(map(str, steps)) if len(steps) <= 8 else f"{steps[0]}, {steps[1]}, … {steps[-1]}"
