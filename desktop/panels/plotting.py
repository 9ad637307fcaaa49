"""Small helpers the live panels share: finite-only data, a snapshot's epoch curves, colours, colormaps.

Plots never receive NaN or infinity: ``finite_xy`` drops such points, and
``finite_image`` replaces them by 0 before an image is drawn.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

from desktop import colours

from .tick_steps import labelled_ticks, next_step, plain_number, previous_step, two_ticks

#: pyqtgraph's exporters that cannot work here, so that a plot's right-click Export… never offers
#: them: the SVG exporter fails on every plot with Qt 6.11 (it reads Qt's SVG path data as "x,y"
#: pairs, which Qt no longer writes: pyqtgraph issue 3485), the Matplotlib one needs matplotlib,
#: which Backprop Studio does not install
BROKEN_EXPORTERS = ("SVGExporter", "MatplotlibExporter")


def offer_working_exporters() -> None:
    """Leave only the exporters that work (PNG and other pictures, CSV) in every plot's Export… dialog.

    Called when a plot's right-click menu is first built (``LazyMenuViewBox.getMenu``), the only way
    to Export…: pyqtgraph's exporters (and the XML modules of the SVG one) load then, not at start."""
    from pyqtgraph.exporters import Exporter

    Exporter.Exporters[:] = [e for e in Exporter.Exporters if e.__name__ not in BROKEN_EXPORTERS]

#: class k's colour (the window's one colour language: desktop/colours.py)
CLASS_COLOURS = [colours.rgb(c) for c in colours.CLASSES]


def colour(k: int) -> tuple[int, int, int]:
    """The hue of connection ``k`` in the weight trajectories."""
    return colours.connection_rgb(k)


def finite_xy(x: np.ndarray, y: np.ndarray, positive: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """float64 (x, y) with the points where either is non-finite removed (and y ≤ 0 when ``positive``).

    When none is removed (nearly always), ``x`` and ``y`` themselves (as float64): the panels give it a
    snapshot's whole histories every frame, and they never write into what they get."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    keep = np.isfinite(x) & np.isfinite(y)
    if positive:
        keep &= y > 0
    if keep.all():
        return x, y
    return x[keep], y[keep]


def epoch_curve(snap, column: str) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values) of one ``EPOCH_COLUMNS`` column: each epoch at the step where it ended,
    beginning at step 0 with the value on all the data before training (when measured)."""
    epochs = snap.epoch_steps if len(snap.epoch_steps) == len(snap.epoch_numbers) else snap.epoch_numbers
    values = snap.epoch_column(column)
    start = (snap.start_evaluation or {}).get(column)
    if start is None:
        return epochs, values
    return np.concatenate(([0.0], epochs)), np.concatenate(([start], values))  # (np.r_'s parsing costs more)


def column_envelope(x: np.ndarray, ys: np.ndarray, column_width: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The same picture from fewer points: (x', ys') with each pixel column's lowest and highest value.

    ``x`` (n,) increasing steps, ``ys`` (n, k): k curves sampled at ``x``; a column is ``column_width``
    wide in x (one pixel of the plot), counted from x = 0 (so panning keeps the columns). Per column
    that holds samples, two points: at its first and its last sample's x, the column's min and max of
    each curve, in the order the curve goes (max first where it falls from the column's first to its
    last sample). The first and the last sample are kept exactly, before and after. A polyline through
    these lights the same pixels as one through all n samples, give or take a pixel where a column
    meets the next. None when that would not cut the points (at most about two samples a column).
    Shapes: x' (m,), ys' (m, k) with m = 2 · columns + 2.
    """
    n = len(x)
    if n < 8 or not column_width > 0 or not np.isfinite(column_width):
        return None
    col = np.floor(np.asarray(x, dtype=np.float64) / column_width)
    new_column = np.empty(n, dtype=bool)  # (np.r_ costs more than the comparison, every frame)
    new_column[0] = True
    np.not_equal(col[1:], col[:-1], out=new_column[1:])
    starts = np.flatnonzero(new_column)
    if 2 * len(starts) + 2 >= n:
        return None
    ends = np.empty_like(starts)
    ends[:-1] = starts[1:] - 1
    ends[-1] = n - 1
    low = np.minimum.reduceat(ys, starts, axis=0)
    high = np.maximum.reduceat(ys, starts, axis=0)
    rising = ys[ends] >= ys[starts]
    out_x = np.empty(2 * len(starts) + 2)
    out_x[0], out_x[-1] = x[0], x[-1]
    out_x[1:-1:2], out_x[2:-1:2] = x[starts], x[ends]
    out_y = np.empty((len(out_x),) + ys.shape[1:], dtype=np.result_type(ys, np.float64))
    out_y[0], out_y[-1] = ys[0], ys[-1]
    out_y[1:-1:2] = np.where(rising, low, high)
    out_y[2:-1:2] = np.where(rising, high, low)
    return out_x, out_y


def finite_image(a: np.ndarray) -> np.ndarray:
    """A float64 copy with non-finite entries set to 0."""
    a = np.asarray(a, dtype=np.float64)
    if np.isfinite(a).all():  # (nearly always: a plain copy, a quarter of nan_to_num's time)
        return a.copy()
    return np.nan_to_num(a, nan=0.0, posinf=0.0, neginf=0.0)


def symmetric_limit(a: np.ndarray) -> float:
    """max |a| (finite entries): the half-width of a symmetric colour scale (1 when all are 0)."""
    m = float(np.max(np.abs(a))) if a.size else 0.0
    return m if np.isfinite(m) and m > 0 else 1.0


def diverging_map(light: float = 0.0) -> pg.ColorMap:
    """The map for signed values, as on the canvas: negative orange, 0 near-white, positive blue.

    ``light`` mixes the ends with white (a background that points are drawn on).
    """
    ends = [colours.lighter(colours.rgb(c), light) for c in (colours.NEGATIVE, colours.POSITIVE)]
    return pg.ColorMap([0.0, 0.5, 1.0], [ends[0], colours.rgb(colours.MIDDLE), ends[1]])


def magnitude_map() -> pg.ColorMap:
    """The map for magnitudes (|dL/dw|): white at 0, darker grey for larger (no hue: no sign)."""
    return pg.ColorMap([0.0, 1.0], [(255, 255, 255), colours.rgb(colours.MAGNITUDE)])


#: pixels a vertical axis's end labels keep inside it, and two labels apart, beyond their own height
EDGE_SLACK = 1.0


class PlainAxis(pg.AxisItem):
    """An axis with plain tick numbers: never pyqtgraph's SI scaling ("weight (x0.001)") and no
    more decimals than the tick spacing needs. ``whole_numbers``: an axis that counts (steps,
    epochs) ticks whole numbers only, never "0 0.2 0.4 0.6 0.8" at step 0."""

    def __init__(self, orientation: str, whole_numbers: bool = False, end_room: tuple[float, float] = (0.0, 0.0),
                 **kwargs):
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self.whole_numbers = whole_numbers
        #: pixels a horizontal axis's labels may reach past its (left, right) ends, grid lines or not
        #: (pyqtgraph drops a label that would: the "0" of a 124 px step axis of −0.03 … 1.03 stuck out
        #: 0.4 px, and the axis read a lone "1")
        self.end_room = end_room
        #: the ``AlignedAxes`` this axis is one of (None: pyqtgraph sizes it alone)
        self.aligned: AlignedAxes | None = None

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph)
        """pyqtgraph's drawing, which measures the widest tick label (``textWidth``); then the aligned
        axes take the width the widest of them needs."""
        specs = super().generateDrawSpecs(p)
        if self.aligned is not None:
            self.aligned.fit()
        return specs

    def tickStrings(self, values, scale, spacing):
        if self.logMode:
            return self.logTickStrings(values, scale, spacing)
        if getattr(self, "label_step", None):  # 0.5 and 1.5 with a step of 1: their decimal is a digit
            spacing = self.label_step
        return [plain_number(v * scale, spacing * scale) for v in values]

    def tickSpacing(self, minVal, maxVal, size):
        """pyqtgraph's tick steps, but the labelled step grows to the next step (``next_step``: 1, 2, 4, 5
        × 10^k) until its labels fit: side by side on a horizontal axis ("0.95", "1", "1.05", never
        "0.9510005"; on a narrow plot "0.5  1", not a lone "1"), one above the other on a vertical
        one (a 30 px tall loss plot ran "0.71", "0.70", "0.69" together)."""
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels or self.logMode or maxVal <= minVal:
            return levels
        fm = QFontMetrics(self.style.get("tickFont") or self.font())
        horizontal = self.orientation in ("top", "bottom")

        def fits(step: float) -> bool:
            """Two neighbouring labels ``step`` apart do not touch: their centres are further apart in
            pixels than a label is wide (horizontal, with a gap an eye sees) or tall (vertical)."""
            if horizontal:
                labels = [plain_number(v, step) for v in (minVal, maxVal, (minVal + maxVal) / 2)]
                room = max(fm.horizontalAdvance(t) for t in labels) + 12
            else:
                room = fm.height() + 2
            return (maxVal - minVal) / step * room <= size

        spacing, offset = levels[0]
        if self.whole_numbers:
            spacing = max(spacing, 1.0)  # the next step of a whole number stays whole
        for _ in range(12):
            if fits(spacing):
                break
            spacing = next_step(spacing)
        # at least two labelled ticks, so that the axis has a scale (a 35 px loss plot read a lone "1"):
        # a finer step while its labels stay apart (closer than fits() asks: pyqtgraph takes a label's
        # height as 0.8 of its line's, about its digits' ink). pyqtgraph drops a label that would stick
        # out of the axis: only ticks that far from the ends count.
        label = 0.8 * fm.height() if not horizontal else fm.horizontalAdvance(plain_number(maxVal, spacing)) + 4
        # (vertical: a pixel more, since pyqtgraph places the labels on a span about 2 px longer than the
        # axis it keeps them in: a 26 px axis of 0 … 1 dropped the "0.8" of "0.4, 0.8")
        inset = (0.4 * fm.height() + EDGE_SLACK if not horizontal else max(0.0, label / 2 - self._overhang())) \
            * (maxVal - minVal) / size
        for _ in range(12):
            finer = previous_step(spacing)
            # the finer step's own labels must stay apart: spiral's 68 px x₀ axis measured "1" and took
            # 0.5, whose "−1.0 −0.5 0 0.5 1.0" ran together into "−1.00.50 0.51.0"
            finer_label = label if not horizontal else \
                max(fm.horizontalAdvance(plain_number(v, finer)) for v in (minVal, maxVal, -finer, finer)) + 4
            if labelled_ticks(minVal + inset, maxVal - inset, spacing) >= 2 or not self._whole(finer) \
                    or finer / (maxVal - minVal) * size < finer_label:
                break
            spacing = finer
        self.label_step = None  # the step whose decimals the labels need, when they are not at multiples of spacing
        half = spacing / 2  # ticks at the odd multiples of half the step: 0.69, 0.71 for 0.02
        if labelled_ticks(minVal + inset, maxVal - inset, spacing) < 2 and self._whole(half) and \
                labelled_ticks(minVal + inset - half, maxVal - inset - half, spacing) >= 2:
            self.label_step = half  # (a 40 px plot of 0.68 … 0.72 labelled only 0.70 at 0.68, 0.70, 0.72)
            return [(spacing, half)]
        if not horizontal and labelled_ticks(minVal + inset, maxVal - inset, spacing) < 2:
            pair = two_ticks(minVal + inset, maxVal - inset, (label + EDGE_SLACK) * (maxVal - minVal) / size, spacing,
                             self._whole)
            if pair is not None:  # (the Loss panel's 26 px plot at 1024×700 read a lone "0.4" of −0.08 … 0.69)
                first, last, self.label_step = pair
                return [(last - first, first)]
        # a finer level stays only when its labels fit too: pyqtgraph labels a finer level whenever
        # its own estimate finds room, which ran "−2 −1 0 1 2" together into "−2−10 1 2"
        return [(spacing, offset)] + [(s, o) for s, o in levels[1:] if s < spacing and fits(s) and self._whole(s)]

    def set_titles(self, *titles: str) -> None:
        """The axis's title: the first of ``titles`` (longest first: "weight value", "weight", "w") that
        fits the axis's length whole, chosen again when it is resized (a short plot cut the first to
        "weight valu")."""
        self.titles = titles
        self._fit_title()

    def resizeEvent(self, ev=None):  # noqa: N802 (Qt's name)
        super().resizeEvent(ev)
        self._fit_title()

    def _fit_title(self) -> None:
        titles = getattr(self, "titles", ())
        if not titles:
            return
        length = self.height() if self.orientation in ("left", "right") else self.width()
        fm = QFontMetrics(self.label.font())
        title = next((t for t in titles if fm.horizontalAdvance(t) + 8 <= length), titles[-1])
        if title != self.labelText:
            self.setLabel(title)

    def boundingRect(self):  # noqa: N802 (Qt's name)
        """pyqtgraph's, reaching ``end_room`` px past a horizontal axis's ends: its labels are drawn there."""
        rect = super().boundingRect()
        if any(self.end_room) and self.orientation in ("top", "bottom"):
            rect |= self.mapRectFromParent(self.geometry()).adjusted(-self.end_room[0], 0, self.end_room[1], 0)
        return rect

    def _overhang(self) -> float:
        """The pixels a label may reach past the axis's ends before pyqtgraph hides it (its
        ``hideOverlappingLabels``: True 0, False 15, a number that many; at both ends ``end_room``'s at least)."""
        if self.grid is not False and self.linkedView() is not None:
            return min(self.end_room)  # (an axis with grid lines spans the plot: pyqtgraph lets no label past it)
        hide = self.style.get("hideOverlappingLabels", True)
        return max(min(self.end_room), 0.0 if hide is True else 15.0 if hide is False else float(hide))

    def _whole(self, spacing: float) -> bool:
        """A tick step this axis may use: any, or a whole number ≥ 1 on a ``whole_numbers`` axis."""
        return not self.whole_numbers or (spacing >= 1 and float(spacing).is_integer())


def plain_axes(*names: str, whole_numbers: tuple[str, ...] = ()) -> dict:
    """``axisItems`` for a ``PlotItem``/``PlotWidget``: a ``PlainAxis`` for each of ``names``; those
    also in ``whole_numbers`` (a step or epoch axis) tick whole numbers only."""
    return {n: PlainAxis(n, whole_numbers=n in whole_numbers) for n in (names or ("left", "bottom"))}


#: pixels a step axis's first label (step 0 on the plot's left edge) may reach past the plot: nothing is
#: drawn under the left axis (half a "10" and more)
STEP_END_ROOM = 8.0


def step_axes(right_room: float = 0.0) -> dict:
    """``axisItems`` of a plot against the step (or epoch): plain numbers, whole ones along the bottom,
    whose first label may reach ``STEP_END_ROOM`` px left of the plot and its last ``right_room`` px right
    of it (the room the plot's layout keeps there: a label past the view's edge is cut)."""
    axes = plain_axes("left", "bottom", whole_numbers=("bottom",))
    axes["bottom"].end_room = (STEP_END_ROOM, right_room)
    return axes


#: pixels between a vertical axis's title and its widest tick label
TITLE_GAP = 4


def needed_width(axis: pg.AxisItem) -> int:
    """The width a left axis needs for its widest tick label (pyqtgraph's ``textWidth``, measured
    when it last drew its labels), the gap to the plot, and its upright title beside them.

    pyqtgraph draws a left axis's title from TITLE_NUDGE px left of the axis's edge, as wide as
    the title's line is high (its text item less the document's margin), and the tick labels
    right-aligned ``tickLength`` + ``tickTextOffset`` px from the plot."""
    width = axis.textWidth + axis.style["tickTextOffset"][0] + max(0, axis.style["tickLength"])
    if axis.label.isVisibleTo(axis):
        margin = axis.label.document().documentMargin()
        width += axis.label.boundingRect().height() - margin - TITLE_NUDGE + TITLE_GAP
    return math.ceil(width)


class AlignedAxes:
    """The left axes of plots stacked over one x axis (the loss panel's loss, accuracy and
    mean |dL/dw| plots), all as wide as the widest one needs (``needed_width``, at least
    ``minimum``): each title sits beside its tick labels, never on them, and the plots line up."""

    def __init__(self, minimum: int):
        self.minimum = minimum
        self.axes: list[PlainAxis] = []

    def add(self, axis: PlainAxis) -> None:
        axis.aligned = self
        self.axes.append(axis)
        self.fit()

    def width(self) -> int:
        return max([self.minimum] + [needed_width(axis) for axis in self.axes])

    def fit(self) -> None:
        """Give every axis the width (only when it changes: a new width is a new layout)."""
        width = self.width()
        for axis in self.axes:
            if axis.fixedWidth != width:
                axis.setWidth(width)


def bar_ticks(low: float, high: float) -> list:
    """Ticks for a colour bar from ``low`` to ``high``: the two ends and 0 (or the middle), rounded."""
    span = abs(high - low) or 1.0
    mid = 0.0 if low < 0 < high else (low + high) / 2
    spacing = 10 ** math.floor(math.log10(span / 4)) if span > 0 else 1.0
    def text(v):
        t = plain_number(v, spacing)
        return t.rstrip("0").rstrip(".") if "." in t and "e" not in t else t

    return [[(v, text(v)) for v in (low, mid, high)]]


def class_labels(targets: np.ndarray) -> np.ndarray:
    """Integer class per row: threshold 0.5 for one column, arg-max for one-hot rows."""
    if targets.shape[1] == 1:
        return (targets[:, 0] >= 0.5).astype(int)
    return targets.argmax(axis=1)


def class_brushes(labels: np.ndarray, alpha: int = 230) -> list:
    """One brush per row: its class's colour."""
    brushes = [pg.mkBrush(*c, alpha) for c in CLASS_COLOURS]
    return [brushes[k % len(brushes)] for k in labels]


class LazyMenuViewBox(pg.ViewBox):
    """pyqtgraph's ``ViewBox`` whose right-click menu is built when it is first asked for.

    pyqtgraph builds each plot's menu (View All, axis ranges, mouse mode, Export…) when the plot
    is made, a few milliseconds each; the window makes a dozen plots at start, most of whose menus
    are never opened. The menu is the same once open, and its Export… offers only the exporters
    that work (``offer_working_exporters``). Give it as ``viewBox=`` to every ``PlotItem``,
    ``PlotWidget`` or ``addPlot`` that has a menu.
    """

    def __init__(self, *args, enableMenu: bool = True, **kwargs):  # noqa: N803 (pyqtgraph's name)
        super().__init__(*args, enableMenu=False, **kwargs)
        self.state["enableMenu"] = enableMenu  # enabled, not built: see getMenu

    def getMenu(self, ev):  # noqa: N802 (pyqtgraph)
        if self.menu is None and self.menuEnabled():
            from pyqtgraph.graphicsItems.ViewBox.ViewBoxMenu import ViewBoxMenu

            offer_working_exporters()  # the menu's Export… (added by the scene) offers only these
            self.menu = ViewBoxMenu(self)
            self.updateViewLists()
        return self.menu

    def getContextMenus(self, event):  # noqa: N802 (pyqtgraph)
        menu = self.getMenu(event) if self.menuEnabled() else None
        return menu.actions() if menu is not None else []


def lazy_menu_view() -> LazyMenuViewBox:
    """A ``ViewBox`` for a new plot, its menu built on first use (``LazyMenuViewBox``)."""
    return LazyMenuViewBox()


def cache_axes(plot) -> None:
    """Keep each axis of ``plot`` (a ``PlotItem``) as a cached pixmap, and let the hidden ones rest.

    An axis (with its grid) is otherwise repainted, ticks and text, whenever any
    item next to it changes, which is most of the cost of a live frame; cached, it
    is redrawn only when its range or size changes. A hidden axis (pyqtgraph makes a top and
    a right one for every plot) follows the plot's range all the same, and with pyqtgraph's
    SI prefix on it rewrites its (unseen) title at every change of range: off for those.
    """
    from PySide6.QtWidgets import QGraphicsItem

    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        if axis is not None:
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if not axis.isVisibleTo(plot) and axis.autoSIPrefix:
                axis.enableAutoSIPrefix(False)


def set_bar_ticks(bar: pg.ColorBarItem, low: float, high: float, ticks: list | None = None,
                  reserve: tuple[str, ...] = ()) -> None:
    """Give a colour bar the three ticks of ``bar_ticks`` (or ``ticks``, written otherwise) and an axis
    wide enough for them (pyqtgraph's fixed 45 px drops a label like "−0.0005" silently), and for the
    labels in ``reserve`` (another writing the ticks may take: the axis keeps one width whichever shows),
    and, beside them, for its title (``set_bar_title``): a fixed width leaves the title no room, and it sat
    on the middle tick."""
    ticks = bar_ticks(low, high) if ticks is None else ticks
    axis = bar.axis
    axis.setTicks(ticks)
    metrics = QFontMetrics(axis.style.get("tickFont") or axis.font())
    widest = max(metrics.horizontalAdvance(text) for text in [t for _, t in ticks[0]] + list(reserve))
    width = max(30, widest + 14)
    if axis.label.isVisibleTo(axis):  # the title, turned upright, is as wide as its line is high; pyqtgraph
        width += int(axis.label.boundingRect().height()) - TITLE_NUDGE  # draws it TITLE_NUDGE px past the axis's edge
    if axis.width() != width:
        axis.setWidth(width)


#: pyqtgraph places a right (left) axis's title this many pixels past the axis's right (left) edge
TITLE_NUDGE = 5


def set_bar_title(bar: pg.ColorBarItem, title: str) -> None:
    """Name what a colour bar's values are, upright beside its tick labels (never on them)."""
    bar.title = title
    fit_bar_title(bar)


def fit_bar_title(bar: pg.ColorBarItem) -> None:
    """The bar's title on one line when it is no longer than the bar is tall, else on two (a
    short plot cut the end of "output / target"); call it again when the bar's height changes."""
    title = getattr(bar, "title", "")
    axis = bar.axis
    words = title.split()
    text = title
    if len(words) > 1 and QFontMetrics(axis.label.font()).horizontalAdvance(title) + 4 > axis.height():
        def longer_line(k: int) -> tuple[int, int]:  # the longer of the two lines; on a tie, the later cut
            return max(len(" ".join(words[:k])), len(" ".join(words[k:]))), -k

        cut = min(range(1, len(words)), key=longer_line)
        text = " ".join(words[:cut]) + "<br>" + " ".join(words[cut:])
    if text != axis.labelText:
        axis.setLabel(text)
        set_bar_ticks(bar, *bar.levels())
