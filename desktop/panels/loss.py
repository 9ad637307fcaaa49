"""The loss panel: the loss per step and per epoch, and accuracy per epoch, against the step.

Two plots in one ``GraphicsLayoutWidget`` sharing the x axis (step number); the
right-click menu exports them to PNG/SVG/CSV. Top: the mini-batch loss of every
step (thin), the training loss of each epoch and the validation loss (markers at
the step where the epoch ended). Bottom (classification only): training and
validation accuracy per epoch. Curves are made once; afterwards only ``setData``.
Log scale (y) is a toggle; in log scale points ≤ 0 are left out.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.naming import name

from .plotting import cache_axes, finite_xy
from .ranges import RangeKeeper

#: epochs are marked with symbols while there are at most this many
MAX_MARKERS = 40


class LossPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.loss_plot = self.plots.addPlot(row=0, col=0)
        self.accuracy_plot = self.plots.addPlot(row=1, col=0)
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 1)
        self.loss_plot.setLabel("left", "loss")
        self.accuracy_plot.setLabel("left", "accuracy")
        self.accuracy_plot.setLabel("bottom", "step")
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(0, 1.0, padding=0.05)
        self.accuracy_plot.setMouseEnabled(y=False)
        self.accuracy_plot.getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.getAxis("left").enableAutoSIPrefix(False)
            cache_axes(plot)
        legend = self.loss_plot.addLegend(offset=(-5, 5), brush=pg.mkBrush(255, 255, 255, 200))
        legend.setColumnCount(3)
        acc_legend = self.accuracy_plot.addLegend(offset=(-5, -5), brush=pg.mkBrush(255, 255, 255, 200))
        acc_legend.setColumnCount(2)
        pen = lambda c: pg.mkPen(c, width=1)  # noqa: E731
        self.step_curve = self.loss_plot.plot(pen=pen((150, 190, 225)), name="batch")
        self.step_curve.setDownsampling(auto=True, method="peak")
        self.step_curve.setClipToView(True)
        self.train_curve = self.loss_plot.plot(pen=pen((20, 80, 160)), name="train (epoch)",
                                               symbol="o", symbolSize=4, symbolBrush=(20, 80, 160), symbolPen=None)
        self.val_curve = self.loss_plot.plot(pen=pen((214, 39, 40)), name="validation",
                                             symbol="t", symbolSize=5, symbolBrush=(214, 39, 40), symbolPen=None)
        self.train_acc_curve = self.accuracy_plot.plot(pen=pen((20, 80, 160)), name="train")
        self.val_acc_curve = self.accuracy_plot.plot(pen=pen((214, 39, 40)), name="validation")
        self.range = RangeKeeper(self.loss_plot)
        self.accuracy_plot.getViewBox().disableAutoRange(axis="y")
        self.log_scale = name(QCheckBox("Log scale"), "loss_log_scale", "Log scale")
        self.log_scale.setToolTip("Show the loss on a logarithmic axis")
        self.log_scale.toggled.connect(self._set_log)
        self.summary = QLabel("Press Play to train.")
        top = QHBoxLayout()
        top.addWidget(self.log_scale)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.plots, 1)
        self._snap = None

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        self._snap = None
        self.range.reset()
        for curve in (self.step_curve, self.train_curve, self.val_curve, self.train_acc_curve, self.val_acc_curve):
            curve.setData([], [])
        self.summary.setText("Press Play to train.")

    def show_snapshot(self, snap) -> None:
        self._snap = snap
        log = self.log_scale.isChecked()
        batch = finite_xy(snap.loss_steps, snap.loss_values, positive=log)
        self.step_curve.setData(*batch)
        epochs = snap.epoch_steps if len(snap.epoch_steps) == len(snap.epoch_numbers) else snap.epoch_numbers
        markers = len(epochs) <= MAX_MARKERS
        self.train_curve.setSymbol("o" if markers else None)
        self.val_curve.setSymbol("t" if markers else None)
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
        self.train_acc_curve.setData(*train_acc)
        self.val_acc_curve.setData(*val_acc)
        self.accuracy_plot.setVisible(len(train_acc[0]) > 0 or len(val_acc[0]) > 0)
        if snap.finished:  # while running the status bar says the same; a changing label costs a relayout
            self.summary.setText(summary_text(snap))

    def _set_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self.range.reset()
        if self._snap is not None:
            self.show_snapshot(self._snap)


def summary_text(snap) -> str:
    """'step 120 · epoch 30 · loss 0.0123' with validation loss and accuracy when known."""
    parts = [f"step {snap.step}", f"epoch {snap.epoch}"]
    if snap.last_loss is not None and np.isfinite(snap.last_loss):
        parts.append(f"batch loss {snap.last_loss:.4g}")
    e = snap.last_epoch or {}
    if e.get("validation_loss") is not None:
        parts.append(f"val loss {e['validation_loss']:.4g}")
    if e.get("train_accuracy") is not None:
        parts.append(f"accuracy {100 * e['train_accuracy']:.1f} %")
    return " · ".join(parts)
