"""The gradient-heatmap panel: dL/dW of every connection as an image.

Per connection one ``ImageItem``: rows = target neurons j (top to bottom),
columns = source neurons i, so pixel (j, i) is dL/dw_ji. Signed gradients use the
diverging CET-D1 map with symmetric levels (−m, m), m = max |g| of that
connection rounded up to a 1-2-5 number and kept while it fits (so the colour
bar is not redrawn every frame), shown by a ``ColorBarItem``; the running mean
of |g| uses a sequential map with levels (0, m). Hovering a pixel shows the neuron pair and the
value (tooltip and the label under the plots).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.naming import name

from .plotting import cache_axes, diverging_map, finite_image, magnitude_map, symmetric_limit
from .ranges import steady_level

MODES = {"latest": "Latest batch gradient dL/dw", "magnitude": "Running mean of |dL/dw|"}
COLUMNS = 2


def neuron_ticks(n: int, room: int) -> list[int]:
    """Neuron numbers to label on an axis of ``n`` neurons: all when they fit in ``room``, else first, middle, last."""
    if n <= room:
        return list(range(n))
    return sorted({0, n // 2, n - 1}) if room >= 3 else [0, n - 1]


class GradientImage(pg.ImageItem):
    """An ``ImageItem`` that reports the hovered pixel: ``on_hover(j, i)`` or ``on_hover(None, None)``."""

    def __init__(self, on_hover):
        super().__init__(axisOrder="row-major", autoLevels=False)
        self._on_hover = on_hover

    def hoverEvent(self, event):
        if event.isExit() or self.image is None:
            self._on_hover(self, None, None)
            return
        pos = event.pos()  # in image pixels: pixel (j, i) covers [i, i+1) × [j, j+1)
        j, i = int(np.floor(pos.y())), int(np.floor(pos.x()))
        rows, cols = self.image.shape[:2]
        if 0 <= j < rows and 0 <= i < cols:
            self._on_hover(self, j, i)
        else:
            self._on_hover(self, None, None)


class HeatmapPanel(QWidget):
    #: the "colour canvas edges by gradient" toggle changed
    canvas_colouring_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode_box = QComboBox()
        for key, text in MODES.items():
            self.mode_box.addItem(text, key)
        self.mode_box.currentIndexChanged.connect(self._redraw)
        self.canvas_toggle = QCheckBox("Colour canvas edges by gradient")
        name(self.mode_box, "heatmaps_mode", "Heatmap shows")
        name(self.canvas_toggle, "heatmaps_colour_canvas", "Colour canvas edges by gradient")
        self.canvas_toggle.toggled.connect(self.canvas_colouring_changed)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.hover_label = QLabel("Hover a cell: rows are target neurons j, columns source neurons i.")
        top = QHBoxLayout()
        top.addWidget(self.mode_box)
        top.addWidget(self.canvas_toggle)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.plots, 1)
        layout.addWidget(self.hover_label)
        self.blocks = []
        self.images: dict[tuple[str, str], GradientImage] = {}
        self.bars: dict[tuple[str, str], pg.ColorBarItem] = {}
        self._snap = None
        self._levels: dict[tuple[str, str], float] = {}
        self._maps = {"latest": diverging_map(), "magnitude": magnitude_map()}

    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, mode: str) -> None:
        self.mode_box.setCurrentIndex(list(MODES).index(mode))

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        blocks = network.parameter_layout().weight_blocks if network is not None else []
        if blocks and blocks == self.blocks:  # same structure: keep the plots, blank the images
            self._snap = None
            for block in blocks:
                self.images[block.edge].setImage(np.zeros((block.rows, block.cols)), levels=(-1.0, 1.0))
            return
        self.plots.clear()
        self.images.clear()
        self.bars.clear()
        self._levels.clear()
        self._snap = None
        self.blocks = blocks
        cmap = self._maps[self.mode]
        columns = max(1, min(len(self.blocks), COLUMNS))
        for k, block in enumerate(self.blocks):
            plot = self.plots.addPlot(row=k // columns, col=k % columns)
            plot.setTitle(f"{block.source} → {block.target}", size="8pt")
            plot.setToolTip(f"rows: neurons j of {block.target}; columns: neurons i of {block.source}")
            plot.invertY(True)
            plot.hideButtons()
            cache_axes(plot)
            plot.setMenuEnabled(True)
            for axis, n, room in (("bottom", block.cols, 8), ("left", block.rows, 4)):
                plot.getAxis(axis).setTicks([[(v, str(v)) for v in neuron_ticks(n, room)]])
                plot.getAxis(axis).enableAutoSIPrefix(False)
            image = GradientImage(self._hovered)
            image.block = block
            image.setImage(np.zeros((block.rows, block.cols)), levels=(-1.0, 1.0))
            image.setRect(QRectF(-0.5, -0.5, block.cols, block.rows))  # pixel (j, i) centred on (i, j)
            plot.addItem(image)
            plot.setRange(xRange=(-0.5, block.cols - 0.5), yRange=(-0.5, block.rows - 0.5), padding=0)
            bar = pg.ColorBarItem(values=(-1, 1), colorMap=cmap, interactive=False, width=10)
            bar.setImageItem(image, insert_in=plot)
            self.images[block.edge] = image
            self.bars[block.edge] = bar

    def show_snapshot(self, snap) -> None:
        self._snap = snap
        magnitude = self.mode == "magnitude"
        source = snap.gradient_magnitude if magnitude else snap.gradient
        if source.size < sum(b.size for b in self.blocks):
            return
        for block in self.blocks:
            values = finite_image(block.take(source))
            m = steady_level(self._levels.get(block.edge), symmetric_limit(values))
            levels = (0.0, m) if magnitude else (-m, m)
            self.images[block.edge].setImage(values, levels=levels)
            if self._levels.get(block.edge) != m:  # a new scale: redraw the colour bar's axis
                self._levels[block.edge] = m
                self.bars[block.edge].setLevels(levels)

    def values(self, source: str, target: str) -> np.ndarray | None:
        """The matrix the heatmap of ``source`` → ``target`` shows now (None before a snapshot)."""
        image = self.images.get((source, target))
        return None if image is None or self._snap is None else image.image.copy()

    def _redraw(self) -> None:
        cmap = self._maps[self.mode]
        for bar in self.bars.values():
            bar.setColorMap(cmap)
        self._levels.clear()
        if self._snap is not None:
            self.show_snapshot(self._snap)

    def _hovered(self, image, j, i) -> None:
        if j is None:
            image.setToolTip("")
            return
        block = image.block
        value = float(image.image[j, i])
        what = "mean |dL/dw|" if self.mode == "magnitude" else "dL/dw"
        text = f"{block.target}[{j}] ← {block.source}[{i}]: {what} = {value:.6g}"
        image.setToolTip(text)
        self.hover_label.setText(text)
