"""The loss as a function of one weight, L(w), every other parameter fixed (``core.loss_curve``).

The curve (the loss of the traced input, as the caption says: not the status bar's mean over
all the training data), the current point (w0, L(w0)), the tangent whose slope is backprop's
dL/dw, where one plain SGD step lands (with momentum or Adam: for comparison, and the caption
says so; in the step-through's Update phase: the optimizer's own step instead), and the
weight's path from training (``ViewState.earlier_weights``; squares too close to tell apart
are named in the caption). It sits in a tab
beside the chain rule, so it is in view without scrolling, and the current point is always
inside the plot.

It follows the step-through like every panel (``ViewState.revealed``): before the Loss phase
no loss is known, so no curve is drawn; until Backward reaches the edge's target layer the
curve is drawn without its tangent and step (their slope is dL/dw).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

import core
from core.notation import change_text

from desktop.naming import name

from .inspector_widgets import note
from .plotting import lazy_menu_view

#: green squares closer than this (pixels, centre to centre) to the next mark cannot be told apart
SQUARE_APART_PX = 6.0
#: the left axis's label, short enough never to be clipped in a narrow inspector
LOSS_AXIS = "L(w)"


class LossOfWeightPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(viewBox=lazy_menu_view())
        name(self.plot, "edge_loss_curve", "Loss as a function of this weight")
        self.plot.setMinimumHeight(170)
        self.plot.setMaximumHeight(300)  # the caption under it stays in view
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
        self.plot.getViewBox().sigResized.connect(self._write_caption)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        self.key_note = note(key_text("one SGD step"))
        box.addWidget(self.key_note)
        box.addWidget(self.plot, 1)
        box.addWidget(self.caption)
        box.addStretch(0)

    def clear(self, caption: str = "") -> None:
        self._lines, self._squares = [], None
        for item in (self.curve_line, self.tangent_line, self.step_line, self.earlier_line, self.now_point):
            item.setData([], [])
        self.caption.setText(caption)

    def show_curve(self, net, key, X, T, view_state, removed: bool) -> None:
        """Draw L(w) of edge ``key`` = (src, tgt, j, i) of ``net`` for (X, T), gated by ``view_state``."""
        if removed:
            self.clear("This edge is removed: its weight stays 0, so the loss does not depend on it.")
            return
        src, tgt, j, i = key
        if not view_state.revealed("loss", tgt):
            self.clear(f"L(w): {view_state.pending('loss', tgt)}: the loss is not known before the Loss phase.")
            return
        slope = view_state.revealed("dL/dw", tgt)
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
        if slope and np.isfinite(end[1]):
            self.step_line.setData([curve.w0, end[0]], [curve.loss0, end[1]])
        else:
            self.step_line.setData([], [])
        self.key_note.setText(key_text(curve.step_words() if taken is None else "this step (the Update phase's)"))
        digits = max(4, view_state.digits)
        lines = curve.lines(digits, view_state.traced_description(with_rows=False))
        if taken is not None:
            lines[-1] = (f"this step, as the Update phase computed it ({curve.optimizer_name()}): "
                         f"w0 = {change_text(curve.w0, end[0], digits)}, "
                         f"where L = {core.format_number(end[1], digits)}")
        if len(X) < view_state.dataset_size():  # say why the status bar's loss is another number
            lines[0] += ", not the status bar's loss (the mean over all the training data)"
        if not slope:  # the slope and the step wait for Backward
            at_w0 = lines[1].split(", slope dL/dw")[0]
            lines = [lines[0], f"{at_w0}, slope dL/dw = {view_state.pending('dL/dw', tgt)}"]
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
        self._write_caption()

    def _write_caption(self, *args) -> None:
        """The caption; which green squares lie on top of another mark depends on the plot's size in
        pixels, so it is written again when the plot is resized."""
        if self._lines:
            squares = self._hidden_squares(*self._squares) if self._squares is not None else ""
            self.caption.setText("\n".join(self._lines) + squares)

    def _hidden_squares(self, curve, steps) -> str:
        """'' when every green square stands apart on the plot, else which ones lie under the next
        one or under ● (the weight hardly moved): '; the squares of steps 437, 499 lie under ● …'."""
        view = self.plot.getViewBox()
        (x0, x1), (y0, y1) = view.viewRange()
        width, height = view.width(), view.height()
        if width <= 1 or height <= 1:  # not laid out yet (the tab is hidden): a small plot
            width, height = 200.0, 120.0
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


def key_text(step_words: str) -> str:
    """The line above the plot: what each mark is; ``step_words`` names the orange step."""
    return f"Loss vs this weight, all others fixed. ● now · dashed: slope dL/dw · orange: {step_words}"


def _steps_text(steps) -> str:
    steps = [int(s) for s in steps]
    return ", ".join(map(str, steps)) if len(steps) <= 8 else f"{steps[0]}, {steps[1]}, … {steps[-1]}"
