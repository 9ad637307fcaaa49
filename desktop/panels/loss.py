"""The loss panel: the loss per step and per epoch, and accuracy per epoch, against the step.

Two plots in one ``GraphicsLayoutWidget`` sharing the x axis (step number); the
right-click menu exports them to PNG/SVG/CSV. Top: the mini-batch loss of every
step (thin grey; each measured before its step's update), the mean loss of each epoch's
batches (black, markers at the step where the epoch ended) and the validation loss
(purple). Bottom (classification only): training and validation accuracy per epoch, in
the same colours. The legend is a row above the plots (the log-scale box and the figures below them), never on the data, and lists
"validation" only when the network holds samples out for validation. Curves are made
once; afterwards only ``setData``. A curve of one point is drawn as a dot. Log scale (y)
is a toggle; in log scale points ≤ 0 are left out.

The line under the plots says what each figure is, so it never contradicts the status bar
(whose numbers are measured on all the data at the end of a run).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.datasets import split_indices
from desktop import colours
from desktop.naming import name

from .plotting import LegendLabel, cache_axes, finite_xy, plain_axes
from .ranges import RangeKeeper

#: epochs are marked with symbols while there are at most this many
MAX_MARKERS = 40
#: a curve with at most this many points gets a dot per point (one point draws no line)
MAX_DOTS = 3

BATCH_LABEL = "batch"
TRAIN_LABEL = "epoch mean"
VALIDATION_LABEL = "validation"
LEGEND_HELP = ("grey: the loss of each step's mini-batch (before its update); black: the mean over each "
               "epoch's batches as trained (loss and accuracy); purple: the validation set at the end of each "
               "epoch")
#: pixels of both left axes, so that the linked step axes of the two plots line up
LEFT_AXIS_WIDTH = 56
#: the plots never get smaller than this (pixels), however crowded the window
MIN_PLOT_HEIGHT = 110


def has_validation(network) -> bool:
    """True when training ``network`` holds samples out for validation."""
    if network is None or network.dataset is None:
        return False
    t = network.training
    if t.validation_fraction <= 0:
        return False
    return len(split_indices(len(network.dataset), t.validation_fraction, t.seed)[1]) > 0


class LossPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.legend = LegendLabel()
        self.loss_plot = self.plots.addPlot(row=0, col=0, axisItems=plain_axes("left", "bottom"))
        self.accuracy_plot = self.plots.addPlot(row=1, col=0, axisItems=plain_axes("left", "bottom"))
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 1)
        self.loss_plot.setLabel("left", "loss")
        self.accuracy_plot.setLabel("left", "accuracy")
        self.accuracy_plot.setLabel("bottom", "step")
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(0, 1.0, padding=0.05)
        self.accuracy_plot.setMouseEnabled(y=False)
        self.accuracy_plot.getAxis("left").setTicks([[(0.0, "0 %"), (0.5, "50 %"), (1.0, "100 %")]])
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)  # equal widths: the two step axes line up
            cache_axes(plot)
        # "0 %" and "100 %" sit on the ends of a short axis: let them overflow it (an axis with
        # grid lines would clip them to the plot)
        self.accuracy_plot.showGrid(x=True, y=False)
        self.accuracy_plot.getAxis("left").setStyle(hideOverlappingLabels=False)
        batch, train, val = (colours.rgb(c) for c in (colours.BATCH, colours.TRAIN, colours.VALIDATION))
        pen = lambda c: pg.mkPen(c, width=1)  # noqa: E731
        self.step_curve = self.loss_plot.plot(pen=pen(batch), symbolBrush=batch, symbolPen=None, symbolSize=5)
        self.step_curve.setDownsampling(auto=True, method="peak")
        self.step_curve.setClipToView(True)
        self.train_curve = self.loss_plot.plot(pen=pen(train), symbol="o", symbolSize=4, symbolBrush=train,
                                               symbolPen=None)
        self.val_curve = self.loss_plot.plot(pen=pen(val), symbol="t", symbolSize=6, symbolBrush=val, symbolPen=None)
        self.train_acc_curve = self.accuracy_plot.plot(pen=pen(train), symbolBrush=train, symbolPen=None, symbolSize=4)
        self.val_acc_curve = self.accuracy_plot.plot(pen=pen(val), symbolBrush=val, symbolPen=None, symbolSize=5)
        self._legend_samples = {BATCH_LABEL: (batch, "━━"), TRAIN_LABEL: (train, "━●━"), VALIDATION_LABEL: (val, "━▲━")}
        self.range = RangeKeeper(self.loss_plot)
        self.accuracy_plot.getViewBox().disableAutoRange(axis="y")
        self.log_scale = name(QCheckBox("Log scale"), "loss_log_scale", "Log scale")
        self.log_scale.setToolTip("Show the loss on a logarithmic axis")
        self.log_scale.toggled.connect(self._set_log)
        self.summary = QLabel("Press Play to train.")
        self.summary.setWordWrap(True)
        self.summary.setToolTip("The batch loss is measured before its step's update; an epoch's loss and accuracy "
                                "are the mean over its batches as they were trained. The status bar shows the "
                                "loss on all the data at the weights now.")
        # however long the figures, the header never widens the dock (it wraps instead)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.log_scale)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.legend)
        layout.addWidget(self.plots, 1)
        layout.addLayout(bottom)
        self.plots.setMinimumHeight(MIN_PLOT_HEIGHT)
        self._snap = None
        self.validation = None
        self._set_legend(False)

    def legend_entries(self) -> list[str]:
        return self.legend.entries()

    def _set_legend(self, validation: bool) -> None:
        """The legend (for both plots: the accuracy curves use the same colours)."""
        self.validation = validation
        self.legend.set_entries([(c, glyph, text) for text, (c, glyph) in self._legend_samples.items()
                                 if text != VALIDATION_LABEL or validation])
        self.legend.setToolTip(LEGEND_HELP)

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        self._set_legend(has_validation(network))
        self._snap = None
        self.range.reset()
        for curve in (self.step_curve, self.train_curve, self.val_curve, self.train_acc_curve, self.val_acc_curve):
            curve.setData([], [])
        self.show_accuracy(network is not None and network.dataset is not None and network.dataset.is_classification)
        self.summary.setText("Press Play to train.")

    def show_snapshot(self, snap) -> None:
        if snap is self._snap:
            return  # drawn already
        self._draw(snap)

    def _draw(self, snap) -> None:
        self._snap = snap
        log = self.log_scale.isChecked()
        batch = finite_xy(snap.loss_steps, snap.loss_values, positive=log)
        set_symbol(self.step_curve, "o" if len(batch[0]) <= MAX_DOTS else None)
        self.step_curve.setData(*batch)
        epochs = snap.epoch_steps if len(snap.epoch_steps) == len(snap.epoch_numbers) else snap.epoch_numbers
        markers = len(epochs) <= MAX_MARKERS
        set_symbol(self.train_curve, "o" if markers else None)
        set_symbol(self.val_curve, "t" if markers else None)
        train = finite_xy(epochs, snap.epoch_column("train_loss"), positive=log)
        val = finite_xy(epochs, snap.epoch_column("validation_loss"), positive=log)
        self.train_curve.setData(*train)
        self.val_curve.setData(*val)
        xs = np.concatenate([batch[0], train[0], val[0]])
        ys = np.concatenate([batch[1], train[1], val[1]])
        if xs.size:
            if log:
                ys = np.log10(ys)  # a log-mode view box works in log10 coordinates
            self.range.update(float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max()), tight=snap.finished)
        train_acc = finite_xy(epochs, snap.epoch_column("train_accuracy"))
        val_acc = finite_xy(epochs, snap.epoch_column("validation_accuracy"))
        set_symbol(self.train_acc_curve, "o" if markers else None)
        set_symbol(self.val_acc_curve, "t" if markers else None)
        self.train_acc_curve.setData(*train_acc)
        self.val_acc_curve.setData(*val_acc)
        self.show_accuracy(len(train_acc[0]) > 0 or len(val_acc[0]) > 0)
        if snap.finished:  # while running the status bar says the same; a changing label costs a relayout
            self.summary.setText(summary_text(snap) if snap.step else "Press Play or Step to train.")

    def show_accuracy(self, on: bool) -> None:
        """Show the accuracy plot (classification), or give its room to the loss plot."""
        if on == self.accuracy_plot.isVisible():
            return
        self.accuracy_plot.setVisible(on)
        self.accuracy_plot.setMaximumHeight(1e6 if on else 0)
        self.plots.ci.layout.setRowStretchFactor(1, 1 if on else 0)

    def _set_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self.range.relative_span = not on
        self.range.reset()
        if self._snap is not None:
            self._draw(self._snap)


def set_symbol(curve, symbol) -> None:
    """Give ``curve`` this symbol (None: a plain line), only if it has another: setting it costs a
    rebuild of the curve's points every frame."""
    if curve.opts["symbol"] != symbol:
        curve.setSymbol(symbol)


def summary_text(snap) -> str:
    """What the plots end with, each figure named: 'last batch loss 0.0123 (step 120, before its
    update) · epoch 30 mean: loss 0.0150, accuracy 97.5 %'. (The validation figures and the loss on
    all the data now are in the status bar.)"""
    parts = []
    if snap.last_loss is not None and np.isfinite(snap.last_loss):
        parts.append(f"last batch loss {snap.last_loss:.4g} (step {snap.step}, before its update)")
    e = snap.last_epoch or {}
    if e.get("train_loss") is not None:
        text = f"epoch {e.get('epoch', snap.epoch)} mean: loss {e['train_loss']:.4g}"
        if e.get("train_accuracy") is not None:
            text += f", accuracy {100 * e['train_accuracy']:.1f} %"
        parts.append(text)
    return " · ".join(parts)
