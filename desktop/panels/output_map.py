"""The output-map panel: what the network computes, against the data.

Two-input datasets (like TensorFlow Playground): the network's output over the
input plane as an image (computed by the worker on a grid; row = x2, column = x1),
with the training points (filled) and validation points (hollow triangles) on top.
One sigmoid-like output: orange (0) → white (0.5) → blue (1), so the 0.5 contour
is the decision boundary; several outputs: each pixel mixes the class colours by
their output; regression: a sequential map over the targets' range.
Other datasets: predicted (y axis) against target (x axis), with the line y = t.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.datasets import split_indices

from .plotting import CLASS_COLOURS, cache_axes, class_brushes, class_labels, finite_image, finite_xy


#: at most this many points in the predicted-against-target scatter
MAX_SCATTER = 1500


def _lighter(c, amount=0.45):
    return tuple(int(v + (255 - v) * amount) for v in c)


class OutputMapPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(x=False, y=False)
        self.plot.getViewBox().disableAutoRange()
        cache_axes(self.plot)
        self.image = pg.ImageItem(axisOrder="row-major", autoLevels=False)
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen(40, 40, 40, 200, width=1))
        self.val_points = pg.ScatterPlotItem(size=9, symbol="t")
        self.pred_points = pg.ScatterPlotItem(size=5, pen=None, brush=pg.mkBrush(31, 119, 180, 150))
        self.diagonal = pg.PlotDataItem(pen=pg.mkPen((120, 120, 120), width=1, style=Qt.PenStyle.DashLine))
        for item in (self.train_points, self.val_points, self.pred_points, self.diagonal):
            self.plot.addItem(item)
        self.label = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.label)
        c0, c1 = _lighter(CLASS_COLOURS[0]), _lighter(CLASS_COLOURS[1])
        self.class_map = pg.ColorMap([0.0, 0.5, 1.0], [c0, (250, 250, 250), c1])
        self.value_map = pg.colormap.get("viridis")
        self.mode = "empty"
        self._classification = False
        self._target_range = (0.0, 1.0)
        self._fitted = False

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        self.image.clear()
        self.pred_points.setData([], [])
        self.diagonal.setData([], [])
        self._fitted = False
        self.set_dataset(network)

    def set_dataset(self, network) -> None:
        """Draw the data points of ``network.dataset`` (train filled, validation hollow)."""
        data = None if network is None else network.dataset
        self.train_points.setData([], [])
        self.val_points.setData([], [])
        if data is None or len(data) == 0:
            self.mode = "empty"
            self.label.setText("No dataset.")
            return
        self._classification = data.is_classification
        t = data.targets
        self._target_range = (float(t.min()), float(t.max())) if t.size else (0.0, 1.0)
        if data.inputs.shape[1] != 2:
            self.mode = "scatter"
            self.plot.setLabel("bottom", "target")
            self.plot.setLabel("left", "network output")
            self.label.setText("Predicted against target (the dashed line is a perfect fit).")
            return
        self.mode = "map"
        self.plot.setLabel("bottom", "x1")
        self.plot.setLabel("left", "x2")
        train, val = split_indices(len(data), network.training.validation_fraction, network.training.seed)
        for item, idx in ((self.train_points, train), (self.val_points, val)):
            x = data.inputs[idx]
            if self._classification:
                brushes = class_brushes(class_labels(data.targets[idx]))
            else:
                brushes = [pg.mkBrush(c) for c in self.value_map.map(self._normalise(data.targets[idx, 0]), "qcolor")]
            if item is self.val_points:
                item.setData(x[:, 0], x[:, 1], brush=pg.mkBrush(255, 255, 255, 200), pen=[pg.mkPen(b.color(), width=1.5) for b in brushes])
            else:
                item.setData(x[:, 0], x[:, 1], brush=brushes)
        self.label.setText("Network output over the input plane; points: training (filled), validation (hollow).")

    def _normalise(self, v: np.ndarray) -> np.ndarray:
        lo, hi = self._target_range
        return np.clip((v - lo) / (hi - lo if hi > lo else 1.0), 0, 1)

    def show_snapshot(self, snap) -> None:
        out = snap.output
        if out is None:
            return
        if out.grid is not None and self.mode == "map":
            self._show_grid(out.grid, out.bounds)
        elif out.predictions is not None and self.mode == "scatter":
            self._show_predictions(out.predictions, out.targets)

    def _show_grid(self, grid: np.ndarray, bounds) -> None:
        grid = finite_image(grid)
        if grid.shape[2] == 1:
            values = grid[:, :, 0]
            if self._classification:
                rgb = self.class_map.map(np.clip(values, 0, 1), "byte")
            else:
                rgb = self.value_map.map(self._normalise(values), "byte")
            rgb = rgb.reshape(values.shape + (4,))[:, :, :3]
        else:
            p = np.clip(grid, 0, None)
            p = p / np.maximum(p.sum(axis=2, keepdims=True), 1e-12)
            colours = np.array([_lighter(CLASS_COLOURS[k % len(CLASS_COLOURS)]) for k in range(grid.shape[2])], float)
            rgb = p @ colours
        self.image.setImage(np.ascontiguousarray(rgb.astype(np.uint8)), levels=(0, 255))
        x0, x1, y0, y1 = bounds
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        if not self._fitted:
            self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            self._fitted = True

    def _show_predictions(self, predictions: np.ndarray, targets: np.ndarray) -> None:
        x, y = finite_xy(targets.ravel(), predictions.ravel())
        if len(x) > MAX_SCATTER:  # an even subset: a scatter of thousands of points is slow to draw
            keep = np.linspace(0, len(x) - 1, MAX_SCATTER).astype(np.intp)
            x, y = x[keep], y[keep]
        self.pred_points.setData(x, y)
        lo, hi = self._target_range
        margin = 0.1 * ((hi - lo) or 1.0)
        if not self._fitted:
            self.diagonal.setData([lo - margin, hi + margin], [lo - margin, hi + margin])
            self.plot.setRange(xRange=(lo - margin, hi + margin), yRange=(lo - margin, hi + margin), padding=0)
            self._fitted = True
