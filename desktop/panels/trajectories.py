"""The weight-trajectory panel: the value of every watched weight over training.

One ``PlotDataItem`` per connection (a colour group), drawing all of its weights
as separate polylines through a ``connect`` array, never one item per weight. At
most ``POINT_BUDGET`` points are drawn in total (older samples are thinned
evenly), however long training runs. One extra curve highlights the selected
weight; clicking near a curve selects that weight (``weight_clicked``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


from .plotting import cache_axes, colour, finite_image
from .ranges import RangeKeeper

POINT_BUDGET = 24_000
CLICK_TOLERANCE_PX = 8


class TrajectoryPanel(QWidget):
    #: the student clicked a curve: (source, target, j, i)
    weight_clicked = Signal(str, str, int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", "step")
        self.plot.setLabel("left", "weight")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        cache_axes(self.plot)
        self.legend = self.plot.addLegend(offset=(-5, 5), brush=pg.mkBrush(255, 255, 255, 200))
        self.label = QLabel("Click a curve (or an edge on the canvas) to pick a weight.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.label)
        self.range = RangeKeeper(self.plot)
        self.highlight_curve = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0), width=2))
        self.highlight_curve.setZValue(10)
        self.plot.addItem(self.highlight_curve)
        self.curves: dict[tuple[str, str], pg.PlotDataItem] = {}
        self.parameter_layout = None
        self.blocks = []
        self.selected: tuple[str, str, int, int] | None = None
        self._points = (np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.intp))
        self._snap = None
        self.plot.scene().sigMouseClicked.connect(self._clicked)

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        for curve in self.curves.values():
            self.plot.removeItem(curve)
            self.legend.removeItem(curve)
        self.curves.clear()
        self.highlight_curve.setData([], [])
        self._snap = None
        self.range.reset()
        self._points = (np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.intp))
        self.parameter_layout = network.parameter_layout() if network is not None else None
        self.blocks = self.parameter_layout.weight_blocks if network is not None else []
        for k, block in enumerate(self.blocks):
            curve = pg.PlotDataItem(pen=pg.mkPen(colour(k), width=1), name=f"{block.source} → {block.target}")
            self.plot.addItem(curve)
            self.curves[block.edge] = curve

    def show_snapshot(self, snap) -> None:
        self._snap = snap
        steps, data, watched = snap.trajectory_steps, finite_image(snap.trajectories), snap.watched
        m = len(steps)
        stride = max(1, -(-m * max(len(watched), 1) // POINT_BUDGET))
        steps = np.asarray(steps[::stride], dtype=np.float64)
        data = data[::stride]
        xs, ys, owners = [], [], []
        for block in self.blocks:
            cols = np.flatnonzero((watched >= block.start) & (watched < block.start + block.size))
            curve = self.curves[block.edge]
            if len(cols) == 0 or len(steps) == 0:
                curve.setData([], [])
                continue
            x = np.tile(steps, len(cols))
            y = data[:, cols].T.ravel()
            connect = np.ones(x.size, dtype=bool)
            connect[len(steps) - 1 :: len(steps)] = False  # no line from one weight's end to the next's start
            curve.setData(x, y, connect=connect)
            xs.append(x)
            ys.append(y)
            owners.append(np.repeat(watched[cols], len(steps)))
        if xs:
            self._points = (np.concatenate(xs), np.concatenate(ys), np.concatenate(owners))
            x_all, y_all = self._points[0], self._points[1]
            self.range.update(float(x_all.min()), float(x_all.max()), float(y_all.min()), float(y_all.max()),
                              tight=snap.finished)
        self._draw_highlight()

    # ------------------------------------------------------------- selection
    def highlight(self, source: str, target: str, j: int, i: int) -> None:
        """Emphasise the trajectory of W[j, i] of ``source`` → ``target`` (from the canvas)."""
        self.selected = (source, target, int(j), int(i))
        self._draw_highlight()

    def clear_highlight(self) -> None:
        self.selected = None
        self._draw_highlight()

    def selected_index(self) -> int | None:
        if self.selected is None:
            return None
        source, target, j, i = self.selected
        for block in self.blocks:
            if block.edge == (source, target) and 0 <= j < block.rows and 0 <= i < block.cols:
                return block.index(j, i)
        return None

    def _draw_highlight(self) -> None:
        index = self.selected_index()
        snap = self._snap
        if index is None:
            self.highlight_curve.setData([], [])
            if self.selected is None:
                self.label.setText("Click a curve (or an edge on the canvas) to pick a weight.")
            return
        source, target, j, i = self.selected
        name = f"w[{j},{i}] of {source} → {target}"
        if snap is None or index not in snap.watched:
            self.highlight_curve.setData([], [])
            self.label.setText(f"{name}: not watched" if snap is not None else name)
            return
        col = int(np.flatnonzero(snap.watched == index)[0])
        x, y = np.asarray(snap.trajectory_steps, dtype=np.float64), finite_image(snap.trajectories[:, col])
        self.highlight_curve.setData(x, y)
        value = f" = {y[-1]:.6g}" if len(y) else ""
        self.label.setText(f"{name}{value}")

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        found = self.weight_near(vb.mapSceneToView(event.scenePos()))
        if found is not None:
            self.highlight(*found)
            self.weight_clicked.emit(*found)

    def weight_near(self, point) -> tuple[str, str, int, int] | None:
        """(source, target, j, i) of the drawn trajectory closest to ``point`` (view coordinates), within a few pixels."""
        x, y, owners = self._points
        if x.size == 0:
            return None
        px, py = self.plot.getViewBox().viewPixelSize()
        dist = np.hypot((x - point.x()) / max(px, 1e-300), (y - point.y()) / max(py, 1e-300))
        k = int(np.argmin(dist))
        if dist[k] > CLICK_TOLERANCE_PX:
            return None
        block, position = self.parameter_layout.locate(int(owners[k]))
        if block.kind != "weight":
            return None
        j, i = position
        return block.source, block.target, j, i
