"""The parts of the gradient-heatmap panel (``heatmaps.py``): one connection's plot, its cells'
text items, its colour bar, and the words and ticks its cells and axes get.

A plot shows dL/dW of one connection as an image, rows = target neurons j (top to bottom),
columns = source neurons i, pixel (j, i) centred on (i, j); its title names the connection,
its axes number the neurons (all of them while their labels fit).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from core.notation import format_number

from .plotting import cache_axes, lazy_menu_view, set_bar_ticks

#: the height of a plot's title row (pyqtgraph's 30 px would take a third of a laptop's panel)
TITLE_HEIGHT = 16


#: the fewest significant digits a cell rounds its number to when the canvas's digits do not fit in
#: it (the line under the plots then says the cells are rounded); fewer fitting neither: no number
#: (two would write −0.4013 as "−0.4", which reads as a number known to one digit)
FEWEST_CELL_DIGITS = 3
#: the line under the plots when some cells are rounded (their digits, the canvas's), and its tooltip
ROUNDED = "Cells rounded to {} digits (the canvas writes {}); hover a cell for its value."
ROUNDED_TIP = ("The cells are too narrow at this size for the canvas's digits: their numbers are rounded to "
               "fewer. Hover a cell for its value in full.")


def cell_text(value: float, digits: int = 4) -> str:
    """A gradient as printed in its cell: ``digits`` significant digits (the canvas's, so that one
    dL/dw reads alike on both); '0' for exactly 0 and '≈0' for rounding noise (|value| < 1e-10),
    which would otherwise read as a real number."""
    if value == 0:
        return "0"
    if abs(value) < 1e-10:
        return "≈0"
    return format_number(value, digits)


def fitting_texts(values: np.ndarray, digits: int, fits) -> tuple[list[str], int] | None:
    """(texts of ``values``' cells row by row, the digits they have): with the canvas's ``digits`` when
    ``fits(texts)``, else with as many fewer as fit (down to ``FEWEST_CELL_DIGITS``); None when none fit."""
    flat = [float(v) for v in np.ravel(values)]
    for d in range(max(digits, FEWEST_CELL_DIGITS), FEWEST_CELL_DIGITS - 1, -1):
        texts = [cell_text(v, d) for v in flat]
        if fits(texts):
            return texts, d
    return None


def cell_room(view_box, width: float, height: float) -> str:
    """How the cells of the plot in ``view_box`` (1 × 1 view unit each) fall short of ``width`` × ``height``
    pixels on screen: "" (they hold it), "narrow", "low" or "small" (both, or not on screen)."""
    if view_box is None:
        return "small"
    px, py = view_box.viewPixelSize()  # view units per pixel
    if px <= 0 or py <= 0:
        return "small"
    wide, high = 1 / px >= width, 1 / py >= height - 1e-6  # (a view's pixel size has rounding noise)
    return "" if wide and high else "low" if wide else "narrow" if high else "small"


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


def connection_plot(layout: pg.GraphicsLayout, block, row: int, col: int, cmap: pg.ColorMap, on_hover):
    """(plot, image): ``block``'s heatmap, blank, added to ``layout`` at (row, col)."""
    plot = layout.addPlot(row=row, col=col, viewBox=lazy_menu_view())
    plot.setTitle(f"{block.source} → {block.target}", size="8pt")
    plot.layout.setRowFixedHeight(0, TITLE_HEIGHT)
    plot.titleLabel.setMaximumHeight(TITLE_HEIGHT)
    plot.setToolTip(f"rows: neurons j of {block.target}; columns: neurons i of {block.source}")
    plot.invertY(True)
    plot.hideButtons()
    cache_axes(plot)
    plot.setMenuEnabled(True, enableViewBoxMenu=None)  # the view box's own: built when opened
    for axis in ("bottom", "left"):
        plot.getAxis(axis).enableAutoSIPrefix(False)
    fit_ticks(plot, block)
    plot.getViewBox().sigResized.connect(lambda *_: fit_ticks(plot, block))
    image = GradientImage(on_hover)
    image.block = block
    image.setColorMap(cmap)
    image.setImage(np.zeros((block.rows, block.cols)), levels=(-1.0, 1.0))
    image.setRect(QRectF(-0.5, -0.5, block.cols, block.rows))  # pixel (j, i) centred on (i, j)
    plot.addItem(image)
    plot.setRange(xRange=(-0.5, block.cols - 0.5), yRange=(-0.5, block.rows - 0.5), padding=0)
    return plot, image


def cell_items(plot, block) -> list[list[pg.TextItem]]:
    """An empty text item centred on each cell of ``block``'s plot, [j][i]."""
    cells = [[pg.TextItem("", anchor=(0.5, 0.5)) for _ in range(block.cols)] for _ in range(block.rows)]
    for j, row in enumerate(cells):
        for i, item in enumerate(row):
            item.setPos(i, j)
            plot.addItem(item)
    return cells


def fit_ticks(plot, block) -> None:
    """Number the neurons on the axes: all of them when their labels fit (about 16 px a
    label across, 14 px a line down), else the first, middle and last."""
    size = plot.getViewBox().size()
    across = int(size.width() // 16) if size.width() > 0 else 8
    down = int(size.height() // 14) if size.height() > 0 else 4
    for name, n, room in (("bottom", block.cols, across), ("left", block.rows, down)):
        axis = plot.getAxis(name)
        ticks = neuron_ticks(n, room)
        if getattr(axis, "neurons", None) != ticks:
            axis.neurons = ticks
            axis.setTicks([[(v, str(v)) for v in ticks]])


def colour_bar(cmap: pg.ColorMap) -> pg.ColorBarItem:
    """A vertical colour bar with the three ticks of ``set_bar_ticks`` (−1, 0, 1 until levels are set)."""
    bar = pg.ColorBarItem(values=(-1, 1), colorMap=cmap, interactive=False, width=10)
    bar.axis.enableAutoSIPrefix(False)
    bar.axis.setStyle(hideOverlappingLabels=False)  # the end ticks (−m, m) sit on the bar's ends
    set_bar_ticks(bar, -1.0, 1.0)
    return bar
