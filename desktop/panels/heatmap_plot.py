"""The parts of the gradient-heatmap panel (``heatmaps.py``): one connection's plot, its cells'
text items, its colour bar, and the words and ticks its cells and axes get.

A plot shows dL/dW of one connection as an image, rows = target neurons j (top to bottom),
columns = source neurons i, pixel (j, i) centred on (i, j); its title names the connection,
its axes number the neurons (all of them while their labels fit).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from core.hand_check import format_computed
from core.notation import format_number

from .plotting import bar_ticks, cache_axes, lazy_menu_view, set_bar_ticks

#: the height of a plot's title row (pyqtgraph's 30 px would take a third of a laptop's panel)
TITLE_HEIGHT = 16
#: the neuron ticks' length: none, the labels number the rows and columns (pyqtgraph's −5 points into
#: the plot, across the first column's and the bottom row's cells: "1 ‒−0.006018" with a tick through
#: the 0; pointing out, they would take the height of the numbers of a three-row heatmap's cells)
TICK_LENGTH = 0
#: the point size of the numbers in the cells: a laptop's 1 × 4 cells (about 42 px wide) hold "−0.12"
#: at 8 pt with a gap, not at the window's 9 (they were left blank)
CELL_POINTS = 8.0
#: a row's neuron number needs this many pixels down beside the row: its digit's ink and a little air
#: (a line's 14 px left a three-row heatmap's rows of 12 px labelled 0 and 2 only)
ROW_LABEL_PITCH = 11
#: rows at least this many pixels apart (but under ``ROW_LABEL_PITCH``) are all numbered in a font of
#: this pixel size (circles' x → h at 1024×700: four rows of 9 px labelled "0, 3" only), the size of the
#: cells' small font (``heatmap_writing.SMALL_CELL_PIXELS``: rows of 9 px hold its numbers); closer rows
#: are numbered every other row (``EVERY_ROW_PITCH``), or first, middle and last with the title saying
#: their order ("x → h (0–9 ↓)")
SMALL_ROW_PITCH = 8
#: rows closer than this (but at least ``SMALL_ROW_PITCH`` apart) number every other row in that font: all
#: of them ran into each other (skip_connection's x → h at 1024×700, six rows of 8 px: "0" to "5", 7 px of
#: ink each, touching); every other one is two rows apart and still says their order. Rows of 9 px keep
#: all their numbers, 2 px apart (circles' x → h: "0, 3" only was review 12's complaint). Four or more rows
#: lower than ``SMALL_ROW_PITCH`` (too low for numbers in cells: sine_regression's x → h at 1024×700, ten rows
#: of 5.4 px) number every other row too, while two rows are this far apart; lower still, first, middle, last
EVERY_ROW_PITCH = 9
#: pixels above a colour bar's end: with the panel's margin, half a tick label's height
BAR_TOP_ROOM = 4
#: a colour scale whose full colour is below this |dL/dw| is "tiny": the caption begins by saying so, and
#: the cells may round to 1 digit ("8e−6": how small they are is the lesson)
TINY_SCALE = 1e-3


def cell_text(value: float, digits: int = 4) -> str:
    """A gradient as printed in its cell: ``digits`` significant digits (the canvas's, so that one
    dL/dw reads alike on both; fewer where they do not fit: '8.1e−6'); '0' for exactly 0 and '≈0'
    for rounding noise (|value| ≤ 1e−12, ``core.hand_check``: as the canvas and the Inspector write it),
    which would otherwise read as a real number."""
    return format_computed(value, digits)


def digits_to_try(m: float, digits: int = 4) -> tuple[int, ...]:
    """The significant digits a heatmap's cells try, most first, on a colour scale of full colour ``m``:
    the canvas's ``digits``, then fewer down to 2 ('8.1e−6'; the line under the plots then says they
    are rounded); on a tiny scale (``TINY_SCALE``) down to 1 ('8e−6'): the lesson is how small they
    are, which even one digit tells."""
    least = 1 if m < TINY_SCALE else 2
    return tuple(range(max(digits, least), least - 1, -1))


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


def scale_text(value: float) -> str:
    """A colour scale's end as written on its bar and in the caption: 3 significant digits in the notation
    of the cells and the canvas (``format_number``: "0.02", "5e−6"). A scale rounded to a 1-2-5 number
    carries float noise (5·10⁻⁶ computes as 4.999999999999996e−6), which its decimals printed in full
    ("0.000004999999999999996") beside a cell's "4.351e−12"."""
    return format_number(value, 3)


def tiny_words(m: float, magnitude: bool) -> str:
    """'' for a colour scale of ordinary size; for a tiny one (full colour at ``m`` < ``TINY_SCALE``), the
    caption's first words: 'Tiny gradients: full colour at only ±2e−5 (the bar's ends). '"""
    if not 0 < m < TINY_SCALE:
        return ""
    return f"Tiny gradients: full colour at only {'' if magnitude else '±'}{scale_text(m)} (the bar's ends). "


def tiny_terse(m: float, magnitude: bool) -> str:
    """``tiny_words`` in a few words for a caption that has room for little else ('Tiny gradients (±5e−5)'), so
    that it can still name the weights shown (``heatmap_words.caption_forms``); '' for an ordinary scale."""
    if not 0 < m < TINY_SCALE:
        return ""
    return f"Tiny gradients ({'' if magnitude else '±'}{scale_text(m)})"


def scale_ticks(low: float, high: float) -> list:
    """A heatmap colour bar's three ticks (``bar_ticks``: the ends and 0), the ends as ``scale_text``
    writes them (the caption's and the cells' notation)."""
    return [[(v, "0" if v == 0 else scale_text(v)) for v, _ in bar_ticks(low, high)[0]]]


def neuron_ticks(n: int, room: int) -> list[int]:
    """Neuron numbers to label on an axis of ``n`` neurons: all when they fit in ``room`` labels, else
    first, middle and last, the middle only when it is as far from both as ``room`` labels are apart
    (four rows with room for three: 0 and 3, not 0, 2 and 3 with 2 and 3 touching)."""
    if n <= room:
        return list(range(n))
    apart = n / max(room, 1)  # rows between two labels that fit
    middle = n // 2
    return [0, middle, n - 1] if room >= 3 and min(middle, n - 1 - middle) >= apart else [0, n - 1]


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
    # the title centred over the whole plot, its axis too: centred over the cells alone, a narrow plot's
    # "x→y ×0.01" ran past its right edge towards the colour bar
    plot.layout.removeItem(plot.titleLabel)
    plot.layout.addItem(plot.titleLabel, 0, 0, 1, 2)
    plot.titleLabel.setMaximumHeight(TITLE_HEIGHT)
    # the layout keeps the plain title's size: ``fit_ticks`` writes a longer one only where the plot holds it
    plot.titleLabel.updateMin = lambda: None
    plot.setToolTip(f"rows: neurons j of {block.target}; columns: neurons i of {block.source}")
    plot.invertY(True)
    plot.hideButtons()
    cache_axes(plot)
    plot.setMenuEnabled(True, enableViewBoxMenu=None)  # the view box's own: built when opened
    for axis in ("bottom", "left"):
        plot.getAxis(axis).enableAutoSIPrefix(False)
        plot.getAxis(axis).setStyle(tickLength=TICK_LENGTH)  # clear of the cells' numbers
    plot.getAxis("left").setStyle(hideOverlappingLabels=False)  # (``fit_ticks`` keeps them apart; the axis
    # measured a whole line a label, 14 px, and dropped the middle row's "1" of three 12 px rows)
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
            set_cell_font(item, cell_font(item))
            item.setPos(i, j)
            plot.addItem(item)
    return cells


def set_cell_font(item: pg.TextItem, font: QFont) -> None:
    """Give a cell's text item ``font`` and centre its ink (the digits) on the cell, not its line box: the
    line keeps room above the digits for accents and below for descenders, unequal, so a centred line drew
    8-px digits about 1 px high, and a 7-px top row (three_classes_softmax at 1024×700) cut their tops."""
    item.setFont(font)
    box = item.textItem.boundingRect()
    if box.height() <= 0:
        return
    metrics = QFontMetricsF(font)
    ink = metrics.tightBoundingRect("0123456789−")
    top = item.textItem.document().documentMargin() + metrics.ascent()  # the baseline, from the box's top
    ink_centre = top + ink.center().y()
    item.setAnchor((0.5, ink_centre / box.height()))


def cell_font(item: pg.TextItem) -> QFont:
    """The font of a cell's number: the text item's own at ``CELL_POINTS``."""
    font = QFont(item.textItem.font())
    font.setPointSizeF(CELL_POINTS)
    return font


def fit_ticks(plot, block) -> None:
    """Number the neurons on the axes: all of them when their labels fit (about 16 px a
    label across, ``ROW_LABEL_PITCH`` down, or ``SMALL_ROW_PITCH`` in a font that small), else the
    first, middle and last, the title then saying the rows' order where it holds it ("x → h (0–9 ↓)")."""
    size = plot.getViewBox().size()
    across = int(size.width() // 16) if size.width() > 0 else 8
    pitch = size.height() / max(block.rows, 1) if size.height() > 0 else ROW_LABEL_PITCH
    # (rows lower than the small font, as a panel too low for numbered rows makes them: every other row
    # while two rows hold a label with its air, as four or more rows say their order by 0, 2, 4)
    small = pitch < ROW_LABEL_PITCH and (pitch >= SMALL_ROW_PITCH or 2 * pitch >= EVERY_ROW_PITCH and block.rows > 3)
    step = 2 if small and pitch < EVERY_ROW_PITCH else 1  # every other row: their labels apart
    down = block.rows if small else int(size.height() // ROW_LABEL_PITCH) if size.height() > 0 else 4
    left = plot.getAxis("left")
    if getattr(left, "small_labels", False) != small:
        left.small_labels = small
        font = QFont(plot.getAxis("bottom").style.get("tickFont") or QFont())
        if small:
            font.setPixelSize(SMALL_ROW_PITCH)
        left.setStyle(tickFont=font if small else None)
    for name, n, room in (("bottom", block.cols, across), ("left", block.rows, down)):
        axis = plot.getAxis(name)
        ticks = list(range(0, n, step)) if name == "left" and step > 1 else neuron_ticks(n, room)
        if getattr(axis, "neurons", None) != ticks:
            axis.neurons = ticks
            axis.setTicks([[(v, str(v)) for v in ticks]])
    # the left axis as wide as its widest row number, measured now: pyqtgraph measures it when it first
    # paints, and a plot scrolled out of view kept its first guess, 30 px (spiral's h2 → y lost a third
    # of its width to it, and its cells their numbers)
    widest = math.ceil(QFontMetricsF(left.style.get("tickFont") or left.font()).horizontalAdvance(str(block.rows - 1))) + 1
    if getattr(left, "label_width", None) != widest:
        left.label_width = widest
        left.setStyle(autoExpandTextSpace=False, tickTextWidth=widest)
    plain = f"{block.source} → {block.target}"
    left.stepped = step > 1  # (every other row numbered: the labels say the rows' order themselves)
    forms = row_order_titles(block.source, block.target, block.rows) if skips_rows(left, block) else []
    unit = getattr(plot, "cell_unit", "")  # the cells' numbers in units (``heatmap_writing``): the title says it
    if unit:  # (its shortest form whatever the room: the numbers cannot be read without it)
        forms = ([f"{f}, {unit}" for f in forms[:2]] + [f"{forms[-1]} {unit}"] if forms else
                 # (where the plot holds it, what the factor multiplies: "−42" under "(×10⁻⁶)" read as the gradient)
                 [f"{block.source} → {block.target}: dL/dw = cell {unit}"] + unit_titles(block, unit))
        plain = forms[-1]  # ("x → h (×10⁻⁵)" where the plot holds it, else "x→h ×10⁻⁵": the layout leaves it room, ``title_width``)
    label = plot.titleLabel
    font = QFont(label.item.font())
    font.setPointSizeF(8)
    metrics = QFontMetricsF(font)
    room = plot.size().width()  # (centred over the plot)
    title = next((f for f in forms if metrics.horizontalAdvance(f) + 8 <= room), plain)
    if label.text != title:
        label.setText(title, size="8pt")  # (``setTitle`` would make its row 30 px)


def skips_rows(left, block) -> bool:
    """Whether the left axis ``left`` of ``block``'s plot leaves rows unnumbered without saying their order
    itself (first, middle and last: the title says it; every other row, 0, 2, 4, says it)."""
    return len(getattr(left, "neurons", range(block.rows))) < block.rows and not getattr(left, "stepped", False)


def unit_titles(block, unit: str) -> list[str]:
    """A title in units, longest first: "x → y (×0.01)", and where a narrow plot does not hold it (three
    plots and a colour bar share a laptop's panel: "x → y (×0.01" lost its ")"), "x→y ×0.01"."""
    return [f"{block.source} → {block.target} ({unit})", f"{block.source}→{block.target} {unit}"]


def title_width(plot, block, unit: str = "", compact: bool = False) -> float:
    """The pixels across ``block``'s title takes in ``plot``, with a little air: its plain one ("x → h"),
    or the shortest that says the rows' order when their labels leave some out ("x→h 0–5↓"); with the
    ``unit`` its cells may be written in, "x → h (×0.01)" (``compact``: "x→h ×0.01")."""
    font = QFont(plot.titleLabel.item.font())
    font.setPointSizeF(8)
    some = skips_rows(plot.getAxis("left"), block)
    if some:
        title = row_order_titles(block.source, block.target, block.rows)[-1] + (f" {unit}" if unit else "")
    else:
        title = unit_titles(block, unit)[-1 if compact else 0] if unit else f"{block.source} → {block.target}"
    return QFontMetricsF(font).horizontalAdvance(title) + 8


def row_order_titles(source: str, target: str, rows: int) -> list[str]:
    """A heatmap's title with the order of its ``rows`` rows, whose labels left some out, longest first:
    "x → h, rows 0–9 ↓", "x → h (0–9 ↓)", "x→h 0–9↓"."""
    last = rows - 1
    return [f"{source} → {target}, rows 0–{last} ↓", f"{source} → {target} (0–{last} ↓)", f"{source}→{target} 0–{last}↓"]


def colour_bar(cmap: pg.ColorMap) -> pg.ColorBarItem:
    """A vertical colour bar with the three ticks of ``set_bar_ticks`` (−1, 0, 1 until levels are set)."""
    bar = pg.ColorBarItem(values=(-1, 1), colorMap=cmap, interactive=False, width=10)
    bar.axis.enableAutoSIPrefix(False)
    bar.axis.setStyle(hideOverlappingLabels=False)  # the end ticks (−m, m) sit on the bar's ends
    # room above the bar for half its top tick's text, which is centred on the bar's end (the panel's
    # margin of ``heatmap_layout.PLOTS_MARGIN`` cut the top of "1e−6")
    bar.setContentsMargins(0, BAR_TOP_ROOM, 0, BAR_TOP_ROOM)  # (and below: "−0.5" lost its lower half)
    set_bar_ticks(bar, -1.0, 1.0)
    return bar
