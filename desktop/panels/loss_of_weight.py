"""The loss as a function of one weight, L(w), every other parameter fixed (``core.loss_curve``).

The curve, the current point (w0, L(w0)), the tangent whose slope is backprop's dL/dw, where
one plain SGD step lands, and the weight's recent path from training. It sits in a tab
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

from desktop.naming import name

from .inspector_widgets import note
from .plotting import lazy_menu_view

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
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(note("Loss vs this weight, all others fixed. ● now · dashed: slope dL/dw · orange: one SGD step"))
        box.addWidget(self.plot, 1)
        box.addWidget(self.caption)
        box.addStretch(0)

    def clear(self, caption: str = "") -> None:
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
        with np.errstate(all="ignore"):
            curve = core.loss_curve(net, src, tgt, j, i, X, T, earlier=None if earlier is None else earlier[1])
        ok = np.isfinite(curve.loss)
        self.curve_line.setData(curve.w[ok], curve.loss[ok])
        self.now_point.setData([curve.w0], [curve.loss0])
        near = np.abs(curve.w - curve.w0) <= curve.span / 3
        if slope:
            self.tangent_line.setData(curve.w[near], curve.tangent(curve.w[near]))
        else:
            self.tangent_line.setData([], [])
        if slope and np.isfinite(curve.next_loss):
            self.step_line.setData([curve.w0, curve.next_w], [curve.loss0, curve.next_loss])
        else:
            self.step_line.setData([], [])
        lines = curve.lines(max(4, view_state.digits))
        if not slope:
            w0, loss0 = core.format_number(curve.w0, max(4, view_state.digits)), \
                core.format_number(curve.loss0, max(4, view_state.digits))
            lines = [lines[0], f"at w0 = {w0}: L = {loss0}, slope dL/dw = {view_state.pending('dL/dw', tgt)}"]
        if earlier is not None and curve.earlier_w.size:
            self.earlier_line.setData(np.append(curve.earlier_w, curve.w0), np.append(curve.earlier_loss, curve.loss0))
            lines.append(f"green squares: this weight at steps {_steps_text(earlier[0])} of training, placed on this "
                         f"curve (the other weights as they are now), leading to w0")
        else:
            self.earlier_line.setData([], [])
        self.caption.setText("\n".join(lines))
        self._keep_in_view(curve, ok)

    def _keep_in_view(self, curve, ok) -> None:
        """The whole curve's w range, and a loss range that always holds the current point."""
        losses = curve.loss[ok]
        low = min(float(losses.min()) if losses.size else curve.loss0, curve.loss0)
        high = max(float(losses.max()) if losses.size else curve.loss0, curve.loss0)
        if not (np.isfinite(low) and np.isfinite(high)):
            return
        pad = 0.05 * (high - low) if high > low else max(abs(high), 1e-3) * 0.1
        self.plot.setRange(xRange=(curve.w[0], curve.w[-1]), yRange=(low - pad, high + pad), padding=0)


def _steps_text(steps) -> str:
    steps = [int(s) for s in steps]
    return ", ".join(map(str, steps)) if len(steps) <= 4 else f"{steps[0]}, {steps[1]}, … {steps[-1]}"
