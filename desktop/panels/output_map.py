"""The output-map panel: what the network computes, against the data.

Two-input datasets (like TensorFlow Playground): the network's output over the
input plane as an image (computed by the worker on a grid; row = x1, column = x0, the
canvas's names of the two input neurons),
with the training points (filled) and validation points (hollow triangles) on top.
Both inputs use the same scale (the aspect ratio is locked), so a spiral looks like a
spiral, unless their ranges differ more than ``MAX_ASPECT`` times.

Colours follow the window's language (``desktop/colours.py``): a low output is orange, a
high one blue. One sigmoid-like output: orange (0) → white (0.5) → blue (1), so the 0.5
contour is the decision boundary, with a colour bar; several outputs (softmax): each pixel
mixes the class colours by their output; regression: the same orange → blue map over a
range that holds both the targets and the outputs, with a colour bar. A legend above the
plot names the classes and the point symbols.

One input and one output (sine_regression, a one-sample lesson): the output y as a line over x₀
(``OutputView.curve``) through the samples at (x₀, t); the y axis spans the targets and the line.

Other datasets: predicted (y axis) against target (x axis), with the line y = t; both
axes span the targets and the predictions, so no prediction falls outside the view.

Two toggles under the map: **Discretize** shows the map as classes instead of a gradient
(classification only: one output is class 1 where it is ≥ 0.5, several outputs the class of the
largest; each region in its class's light colour) and **Validation points** shows or hides the
held-out samples. They change only what is drawn, never the network; the newest grid is kept
so a toggle redraws at once.

With input features the worker's grid is still over the raw plane (x₀, x₁): ``net.forward``
computes the features of each grid point (``core.Network.feature_inputs``).

Clicking a data point emits ``sample_clicked(row)`` (its dataset row): the sample to trace.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QCheckBox, QLabel, QSizePolicy, QWidget

from core.datasets import axis_bounds, plane_bounds, split_indices
from core.task import is_classifier
from desktop import colours
from desktop.naming import name

from . import output_map_arrangement
from .end_title_axis import EndTitleAxis
from .legend_label import LegendLabel
from .output_map_legend import SAMPLE_GREY, map_legend, scatter_legend
from .plotting import (CLASS_COLOURS, cache_axes, class_brushes, class_labels, diverging_map, finite_image,
                       finite_xy, fit_bar_title, lazy_menu_view, plain_axes, set_bar_ticks, set_bar_title)
from .ranges import kept_range, value_range
from .uniform_scatter import UniformScatter, thinned

#: at most this many points in the predicted-against-target scatter
MAX_SCATTER = 1500
#: the input plane keeps equal scales unless one input's range is this many times the other's
MAX_ASPECT = 4.0
#: how much lighter the background map is than the points drawn on it
BACKGROUND_LIGHT = 0.45
#: at most this many training points on the map (an even sample of them): more would hide the map
MAX_MAP_POINTS = 200
#: the points' opacity and size on the map when it holds many (more than ``FEW_POINTS``)
MANY_POINTS_ALPHA, MANY_POINTS_SIZE, FEW_POINTS = 170, 5.5, 60
#: one input: the output's line y(x₀)
CURVE_COLOUR = colours.rgb(colours.POSITIVE)


#: how far past the plot's ends an x-axis tick label may reach and still be drawn (pyqtgraph hides one
#: that reaches further): the room right of the plot when no colour bar is there
LABEL_OVERHANG = 14
#: pixels right of the plot the colour bar and its tick labels take, at least: an x title at the axis's end fits under them
BAR_ROOM = 40


#: Qt's QWIDGETSIZE_MAX (PySide6 does not export it): no maximum width
WIDGET_SIZE_MAX = (1 << 24) - 1


class OutputMapPanel(QWidget):
    #: the student clicked a data point: its dataset row (a hook for picking the traced sample)
    sample_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        axes = {**plain_axes("left"), "bottom": EndTitleAxis("bottom", overhang=LABEL_OVERHANG)}  # (title: see arrange)
        self.plot_widget = pg.PlotWidget(background="w", axisItems=axes, viewBox=lazy_menu_view())
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(x=False, y=False)
        self.plot.getViewBox().disableAutoRange()
        cache_axes(self.plot)
        # a tick near an end of the target (or x₀) axis keeps its label, which may reach past the plot's
        # corner: pyqtgraph hid both of "0.4  0.6" on a small plot, leaving the axis unlabelled
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=LABEL_OVERHANG)
        self.image = pg.ImageItem(axisOrder="row-major", autoLevels=False)
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen(40, 40, 40, 200, width=1))
        self.val_points = pg.ScatterPlotItem(size=9, symbol="t")
        self.pred_points = UniformScatter(size=6, pen=None, brush=pg.mkBrush(40, 40, 40, 170))
        self.diagonal = pg.PlotDataItem(pen=pg.mkPen((120, 120, 120), width=1, style=Qt.PenStyle.DashLine))
        self.curve_line = pg.PlotDataItem(pen=pg.mkPen(CURVE_COLOUR, width=2))
        self.curve_line.setZValue(1)  # over the samples: the points may be many and dense
        for item in (self.curve_line, self.train_points, self.val_points, self.pred_points, self.diagonal):
            self.plot.addItem(item)
        for item in (self.train_points, self.val_points, self.pred_points):
            item.sigClicked.connect(self._points_clicked)
        self.point_map = diverging_map()
        self.background_map = diverging_map(BACKGROUND_LIGHT)
        self.bar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=self.point_map, interactive=False, width=10)
        self.bar.axis.enableAutoSIPrefix(False)
        self.bar.axis.setStyle(hideOverlappingLabels=False)  # the end ticks sit on the bar's ends
        set_bar_ticks(self.bar, 0.0, 1.0)
        self._bar_shown = False
        self._set_margins()
        self._shape: float | None = None  # x span / y span of the data when both axes share a scale
        self.legend = LegendLabel()
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        self.discretize = name(QCheckBox("Discretize"), "output_map_discretize", "Discretize output")
        self.discretize.setToolTip("Show the output as classes (the decision regions) instead of a gradient")
        self.show_validation = name(QCheckBox("Validation points"), "output_map_show_validation",
                                    "Show validation points")
        self.show_validation.setToolTip("Show the samples held out for validation (hollow triangles)")
        self.show_validation.setChecked(True)
        self.discretize.toggled.connect(self._redraw)
        self.show_validation.toggled.connect(self._set_validation_visible)
        self._layout, self._parts = output_map_arrangement.build(
            self, self.legend, [self.discretize, self.show_validation], self.plot_widget, self.label)
        self.plot.getViewBox().sigResized.connect(self._fit_plot_width)
        self.plot.getViewBox().sigResized.connect(lambda *_: fit_bar_title(self.bar))
        self.mode = "empty"
        self._classification = False
        self._target_range = (0.0, 1.0)
        self.value_levels = (0.0, 1.0)
        self.view_range: tuple[float, float] | None = None  # scatter mode: the range of both axes
        self._scatter = self._curve = None  # drawn last: scatter mode's (targets, outputs), curve mode's (x₀, y)
        self._output_hidden = False  # hide_output: the axes span the targets alone (their range would tell y)
        self._input_name = "x₀"  # curve mode: the input's name on the x axis
        self._pending: str | None = None  # hide_output's words while the output is held back (the legend says them)
        self._fitted = False
        self._points = None  # (dataset, training rows, validation rows) on the map
        self._grid = None  # the newest (grid, bounds), redrawn when a toggle changes
        self._validation = False  # the dataset holds samples out
        self._output = None  # the OutputView drawn last (the worker sends one ≤ 10 times a second)
        self._rect = None
        self._update_toggles()

    #: a panel lower than this shows its caption as the plot's tooltip, leaving the map the room
    CAPTION_BELOW = 300

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_caption()
        output_map_arrangement.arrange(self._layout, self._parts, self.legend, self.width(), self.height(),
                                       self.label.isVisibleTo(self))
        low = self.height() < self.CAPTION_BELOW
        if low != self.plot.getAxis("bottom").title_at_end:  # a low panel: x₀ at the axis's end, not under it
            self.plot.getAxis("bottom").set_title_at_end(low)
            self._set_margins()

    def _place_caption(self) -> None:
        short = self.height() < self.CAPTION_BELOW
        self.label.setVisible(not short)
        self.plot_widget.setToolTip(self.label.text() if short else "")

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        """Nothing computed drawn: the data of ``network`` alone (None: none). A map of the same data as
        before (a session loaded for the same network: after an Undo or Redo, an edit) keeps its colour
        bar's range, so the samples keep their colours; the next output rescales it only as a run's
        outputs do (``_show_grid``). Redo after a run drew guided_weight_decay's sample t = 0.5 white on
        the trained output's range instead of light orange on the range it had before the Undo."""
        same_data = self.mode == "map" and self._points is not None and network is not None \
            and self._points[0] is network.dataset
        levels = self.value_levels
        self.image.clear()
        self._grid = None
        self._output = self._rect = None
        self.pred_points.setData([], [])
        self._scatter = None
        self.diagonal.setData([], [])
        self.curve_line.setData([], [])
        self._curve = None
        self._fitted = False
        self.view_range = None
        self.set_dataset(network)
        if same_data and self.mode == "map" and self._bar_shown and not self._classification:
            self.set_bar_levels(*levels)
            self._draw_points()

    def _lock_aspect(self, locked: bool, shape: float = 1.0) -> None:
        """One scale for both axes (``locked``) over data ``shape`` = x span / y span wide."""
        self._shape = shape if locked else None
        self.plot.getViewBox().setAspectLocked(locked, ratio=1.0)
        self._fit_plot_width()

    def _fit_plot_width(self, *_) -> None:
        """With one scale for both axes, the plot's width: the view box as wide as its height
        times the data's shape, plus the axes and the colour bar beside it."""
        if self._shape is None:
            self.plot_widget.setMaximumWidth(WIDGET_SIZE_MAX)
            return
        box = self.plot.getViewBox().size()
        if box.height() < 20:  # not laid out yet
            return
        around = self.plot_widget.width() - box.width()
        width = int(around + box.height() * self._shape) + 2
        if abs(width - self.plot_widget.maximumWidth()) > 2:
            self.plot_widget.setMaximumWidth(max(width, 120))

    def _show_bar(self, on: bool) -> None:
        """The colour bar right of the plot (one output or regression), or none (several classes)."""
        if on == self._bar_shown:
            return
        self._bar_shown = on
        if on:
            self.plot.layout.addItem(self.bar, 2, 5)
            self.plot.layout.setColumnFixedWidth(4, 5)
            self.bar.show()
        else:
            self.plot.layout.removeItem(self.bar)
            self.bar.hide()
        self._set_margins()

    def _set_margins(self) -> None:
        """Room around the plot for the labels that reach past it: the bar's top tick label is centred on
        the plot's top edge (its upper half cut without room above it), and without the bar the x axis's
        last label reaches up to ``LABEL_OVERHANG`` past the plot's right edge (guided_sigmoid_neuron's
        "3" was cut in half at 1024×700)."""
        top = QFontMetrics(self.bar.axis.font()).height() // 2 + 1
        right = 1 if self._bar_shown else LABEL_OVERHANG
        end = self.plot.getAxis("bottom").end_width()  # the x axis's title at its end, under the bar or past it
        right = max(right, end - (BAR_ROOM if self._bar_shown else 0))
        self.plot.layout.setContentsMargins(1, top, right, 1)

    def set_bar_levels(self, low: float, high: float) -> None:
        if (low, high) != self.value_levels:
            self.value_levels = (low, high)
            self.bar.setLevels((low, high))
            set_bar_ticks(self.bar, low, high)

    def set_dataset(self, network) -> None:
        """Draw the data points of ``network.dataset`` (train filled, validation hollow) and the legend."""
        self._validation = False
        self._set_dataset(network)
        self._update_toggles()
        self._place_caption()

    def _set_dataset(self, network) -> None:
        data = None if network is None else network.dataset
        self.train_points.setData([], [])
        self.val_points.setData([], [])
        self._lock_aspect(False)
        if data is None or len(data) == 0:
            self.mode = "empty"
            self._show_bar(False)
            self.legend.set_entries([])
            self.label.setText("No dataset.")
            return
        self._classification = is_classifier(network)
        t = data.targets
        self._target_range = value_range(t)
        train, val = split_indices(len(data), network.training.validation_fraction, network.training.seed)
        if data.inputs.shape[1] == 1 and t.shape[1] == 1:
            self._set_curve_dataset(data, train, val)
            return
        if data.inputs.shape[1] != 2:
            self.mode = "scatter"
            self._show_bar(False)
            self.plot.setLabel("bottom", "target")
            self.plot.setLabel("left", "output")
            self._lock_aspect(True)
            self._set_legend()
            self.label.setText("Predicted against target: points on the dashed line are fitted exactly.")
            return
        self.mode = "map"
        self._validation = len(val) > 0
        names = data.source.get("inputs") if isinstance(data.source.get("inputs"), list) else None
        # the canvas's names for the two inputs: neurons x₀ and x₁ of the input layer, or with input
        # features the raw inputs x₀ and x₁ the features are computed from (x₀², sin x₁, …)
        plane = ("x₀", "x₁")  # with a CSV's own column names beside them: "x₀ (hours)", never a bare "a"
        names = [f"{x} ({column})" for x, column in zip(plane, names)] if names and len(names) == 2 else plane
        self.plot.setLabel("bottom", names[0])
        self.plot.setLabel("left", names[1])
        lo, hi = data.inputs.min(axis=0), data.inputs.max(axis=0)
        spans = np.maximum(hi - lo, 1e-12)
        x0, x1, y0, y1 = plane_bounds(data.inputs)  # the plane the map will cover
        self._lock_aspect(bool(max(spans) / min(spans) <= MAX_ASPECT), (x1 - x0) / (y1 - y0))
        self._points = (data, train, val)
        self._set_legend()
        if self._classification and data.targets.shape[1] == 1:
            self._show_bar(True)
            set_bar_title(self.bar, "output")
            self.set_bar_levels(0.0, 1.0)
        elif self._classification:
            self._show_bar(False)
        else:
            self._show_bar(True)
            set_bar_title(self.bar, "output / target")
            self.set_bar_levels(*self._target_range)
        self._draw_points()
        shown = "the samples" if len(train) <= MAX_MAP_POINTS else \
            f"{MAX_MAP_POINTS} of the {len(train)} training samples, evenly chosen"
        self.label.setText(f"Background: the network's output; points: {shown}.")

    def _set_curve_dataset(self, data, train, val) -> None:
        """Curve mode: the samples at (x₀, t) and, once the worker sends it, the output's line y(x₀)."""
        self.mode = "curve"
        self._validation = len(val) > 0
        self._show_bar(False)
        names = data.source.get("inputs") if isinstance(data.source.get("inputs"), list) else None
        self._input_name = f"x₀ ({names[0]})" if names and len(names) == 1 else "x₀"
        self.plot.setLabel("bottom", self._input_name)
        self.plot.setLabel("left", "y and t")
        self._points = (data, train, val)
        self._set_legend()
        self._draw_points()
        x0, x1 = axis_bounds(data.inputs[:, 0])
        self.plot.setXRange(x0, x1, padding=0)
        self.view_range = None
        self._fit_curve(np.zeros(0))
        shown = "the samples" if len(train) <= MAX_MAP_POINTS else \
            f"{MAX_MAP_POINTS} of the {len(train)} training samples, evenly chosen"
        self.label.setText(f"Line: the network's output y for each {self._input_name}; points: {shown} "
                           f"at their target t. Training pulls the line onto the points.")

    def _set_legend(self) -> None:
        """The legend of the data on the plot and, while it is drawn, the network's output (``map_legend``)."""
        if self.mode == "scatter":
            self.legend.set_entries(scatter_legend(self._pending))
            return
        validation = self._validation and self.show_validation.isChecked()
        self.legend.set_entries(map_legend(self.mode, self._points[0], self._classification,
                                           self._input_name, validation, CURVE_COLOUR, self._pending))

    def _update_toggles(self) -> None:
        """Discretize for a classification map; the validation toggle when samples are held out."""
        classes = self.mode == "map" and self._classification
        self.discretize.setEnabled(classes)
        self.discretize.setToolTip("Show the output as classes (the decision regions) instead of a gradient"
                                   if classes else "Discretize needs a classification dataset of two inputs")
        self.show_validation.setEnabled(self.mode in ("map", "curve") and self._validation)

    def _set_validation_visible(self, on: bool) -> None:
        self.val_points.setVisible(on)
        if self.mode in ("map", "curve") and self._points is not None:
            self._set_legend()

    def _redraw(self) -> None:
        if self._grid is not None and self.mode == "map":
            self._show_grid(*self._grid)

    def discretized(self) -> bool:
        """True when the map shows classes (the toggle is on and the data are classes)."""
        return self.discretize.isChecked() and self._classification

    def _normalise(self, v: np.ndarray) -> np.ndarray:
        lo, hi = self.value_levels if not self._classification else self._target_range
        return np.clip((v - lo) / (hi - lo if hi > lo else 1.0), 0, 1)

    def hide_output(self, pending: str | None) -> None:
        """During a step-through, before Forward reaches the output layer: no output drawn, and
        ``pending`` ("? (appears when Forward reaches y)", or hidden by a lesson's question) said in
        words; None shows the output again."""
        for item in (self.image, self.pred_points, self.curve_line):
            item.setVisible(pending is None)
        if pending != self._pending:
            self._pending = pending
            if self.mode == "scatter" or (self.mode in ("curve", "map") and self._points is not None):
                self._set_legend()
        if self._output_hidden != (pending is not None):
            self._output_hidden = pending is not None
            self.view_range = None
            if self._scatter is not None:
                self._fit_scatter(*self._scatter)
            if self.mode == "curve":
                self._fit_curve(np.zeros(0) if self._curve is None else self._curve[1])
        if pending is not None:
            self._caption = self._caption if getattr(self, "_caption", None) else self.label.text()
            self.label.setText(f"The network's output: {pending}.")
        elif getattr(self, "_caption", None):
            self.label.setText(self._caption)
            self._caption = None

    def show_snapshot(self, snap) -> None:
        out = snap.output
        if out is None or out is self._output:
            return  # no new output in this snapshot, or drawn already
        self._output = out
        if out.grid is not None and self.mode == "map":
            self._show_grid(out.grid, out.bounds)
        elif out.predictions is not None and self.mode == "scatter":
            self._show_predictions(out.predictions, out.targets)
        elif out.curve is not None and self.mode == "curve":
            self._show_curve(out.curve_x, out.curve[:, 0])

    def _show_grid(self, grid: np.ndarray, bounds) -> None:
        self._grid = (grid, bounds)
        grid = finite_image(grid)
        if self.discretized():
            classes = grid.argmax(axis=2) if grid.shape[2] > 1 else (grid[:, :, 0] >= 0.5).astype(int)
            palette = np.array([colours.lighter(CLASS_COLOURS[k % len(CLASS_COLOURS)], BACKGROUND_LIGHT)
                                for k in range(max(2, grid.shape[2]))], float)
            rgb = palette[classes]
        elif self._classification and grid.shape[2] > 1:
            p = np.clip(grid, 0, None)
            p = p / np.maximum(p.sum(axis=2, keepdims=True), 1e-12)
            mix = np.array([colours.lighter(CLASS_COLOURS[k % len(CLASS_COLOURS)], BACKGROUND_LIGHT)
                            for k in range(grid.shape[2])], float)
            rgb = p @ mix
        else:
            values = grid[:, :, 0]
            if self._classification:
                scaled = np.clip(values, 0, 1)
            else:
                lo, hi = value_range(values, self._target_range)
                if not (self.value_levels[0] <= lo and hi <= self.value_levels[1]) \
                        or hi - lo < (self.value_levels[1] - self.value_levels[0]) / 3:
                    self.set_bar_levels(lo, hi)
                    self._draw_points()
                lo, hi = self.value_levels
                scaled = np.clip((values - lo) / (hi - lo), 0, 1)
            rgb = self.background_map.map(scaled, "byte").reshape(values.shape + (4,))[:, :, :3]
        self.image.setImage(np.ascontiguousarray(rgb.astype(np.uint8)), levels=(0, 255))
        x0, x1, y0, y1 = bounds
        if self._rect != bounds:
            self._rect = bounds
            self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        if not self._fitted:
            self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            self._fitted = True

    def _draw_points(self) -> None:
        """The samples, at (x₀, x₁) on the map or at (x₀, t) under the curve: filled (training) and
        hollow triangles (validation); by class, or else on the map by target on the colour bar's
        scale, under the curve grey."""
        data, train, val = self._points
        many = len(train) + len(val) > FEW_POINTS
        for item, idx in ((self.train_points, thinned(train, MAX_MAP_POINTS)),
                          (self.val_points, thinned(val, MAX_MAP_POINTS // 2))):
            x, y = data.inputs[idx, 0], (data.targets[idx, 0] if self.mode == "curve" else data.inputs[idx, 1])
            item.setSize(MANY_POINTS_SIZE + (1.5 if item is self.val_points else 0) if many else
                         (9 if item is self.val_points else 7))
            if self._classification:
                brushes = class_brushes(class_labels(data.targets[idx]), alpha=MANY_POINTS_ALPHA if many else 230)
            elif self.mode == "curve":
                brushes = [pg.mkBrush(*SAMPLE_GREY, MANY_POINTS_ALPHA if many else 230)] * len(idx)
            else:
                brushes = [pg.mkBrush(c) for c in self.point_map.map(self._normalise(data.targets[idx, 0]), "qcolor")]
            if item is self.val_points:
                item.setData(x, y, brush=pg.mkBrush(255, 255, 255, 200),
                             pen=[pg.mkPen(b.color(), width=1.5) for b in brushes], data=idx)
            else:
                item.setData(x, y, brush=brushes, data=idx)

    def _show_predictions(self, predictions: np.ndarray, targets: np.ndarray) -> None:
        x, y = finite_xy(targets.ravel(), predictions.ravel())
        rows = np.repeat(np.arange(len(targets)), targets.shape[1])[: len(x)]
        if len(x) > MAX_SCATTER:  # an even subset: a scatter of thousands of points is slow to draw
            keep = np.linspace(0, len(x) - 1, MAX_SCATTER).astype(np.intp)
            x, y, rows = x[keep], y[keep], rows[keep]
        self.pred_points.setData(x, y, data=rows)
        self._scatter = (x, y)
        self._fit_scatter(x, y)

    def _fit_scatter(self, x: np.ndarray, y: np.ndarray) -> None:
        """The axes' range for targets ``x`` and outputs ``y`` (the targets alone while the output is hidden)."""
        lo, hi = value_range(self._target_range, x) if self._output_hidden else value_range(self._target_range, x, y)
        changed = kept_range(self.view_range, lo, hi)
        if changed is not None:
            self.view_range = a, b = changed
            far = 100 * (b - a)  # the line y = t crosses the whole view, whatever its shape
            self.diagonal.setData([a - far, b + far], [a - far, b + far])
            self.plot.setRange(xRange=(a, b), yRange=(a, b), padding=0)

    def _show_curve(self, x: np.ndarray, y: np.ndarray) -> None:
        self._curve = x, y = finite_xy(x, y)
        self.curve_line.setData(x, y)
        self._fit_curve(y)

    def _fit_curve(self, y: np.ndarray) -> None:
        """The y axis's range for the targets and the line's ``y`` (the targets alone while the output
        is hidden: the range would tell y)."""
        lo, hi = value_range(self._target_range) if self._output_hidden else value_range(self._target_range, y)
        changed = kept_range(self.view_range, lo, hi)
        if changed is not None:
            self.view_range = changed
            self.plot.setYRange(*changed, padding=0)

    def _points_clicked(self, item, points, *args) -> None:
        if len(points):
            row = points[0].data()
            if row is not None:
                self.sample_clicked.emit(int(row))
