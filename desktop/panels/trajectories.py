"""The weight-trajectory panel: the value of every watched weight over training, from step 0.

Each connection has one hue (``desktop/colours.py``: no blue or orange, those are signs);
its weights get up to ``SHADES`` shades of it, neighbouring weights different ones, under one key
("x → h (4 weights)"). A network of at most ``OWN_KEYS`` weights (the guided lessons' perceptrons)
gives each weight a hue and a key of its own, named as the lessons and the Inspector write it
(``w[x→y][0,1]``), so "watch w₁" points at one curve without hovering. One
curve per (connection, shade) draws all of its weights as one polyline with a NaN
between one weight's path and the next (``connect="finite"``), never one item per weight;
one graphics item paints every curve (``desktop.panels.trajectory_lines``);
the index arrays that lay the weights out are built once per shape, and a snapshot already
drawn is not drawn again. At most ``POINT_BUDGET`` samples are
drawn in total (older samples are thinned evenly), however long training runs; beyond about
two samples a pixel column, each column's lowest and highest value are drawn instead
(``column_envelope``: the same picture from fewer points, drawn again when the student zooms).
A curve of a single sample (the starting weights, before any step) is drawn as a dot.

The legend sits above the plot, never on the data; the "Show" box filters the plot to one
connection (a hidden connection's curves are given their points when shown). Hovering near a
curve names the weight (tooltip and the label under the plot), searching every drawn sample
(its value "?" while a lesson hides it, ``pending``); clicking selects it (``weight_clicked``), and one
extra curve highlights the selected weight, twice as wide in its own colour (black once drew it under a key
of another colour: review 18 #5).

While a lesson holds back a shown weight (a question asks its value after training), the weight axis
writes no scale and every curve is drawn over its own range (``own_ranges``: its lowest value at the
bottom, its highest at the top), so the curves show how each weight moves but no two share a scale: the
starting weights the student knows (their heights at step 0) give no ruler to measure where a held
weight ends. The line under the plot says so, in as many words as its room takes: the panel's height
is shared among the legend rows, the plot and that line as the Loss panel's is (``LossRoom``), so the
line is never drawn over the plot's step axis.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from core.notation import counted, weight_label
from desktop import colours
from desktop.naming import name

from .fitting_label import FittingLabel
from .loss_room import LossRoom
from .legend_label import LegendLabel
from .plotting import cache_axes, colour, column_envelope, finite_image, lazy_menu_view, step_axes
from .ranges import RangeKeeper
from .restored_mark import RestoredMark
from .trajectory_lines import TrajectoryGroup, TrajectoryLines

#: the line under the plot while a lesson holds back a shown weight (after ``held_words``), longest first
HELD_NOTES = ("so each curve is drawn over its own range (its lowest value at the bottom), without a scale.",
              "each curve is scaled to its own range.")
#: the line's shortest form, without ``held_words``
HELD_SHORTEST = "Until you answer, each curve is scaled to its own range."
#: the line under the plot takes at most this many lines (fewer when the panel is short)
NOTE_LINES = 3
POINT_BUDGET = 24_000
CLICK_TOLERANCE_PX = 8
#: at most this many shades of a connection's hue
SHADES = 5
#: a network of at most this many weights draws each in its own hue, under its own key
OWN_KEYS = 4
ALL = -1  # the "Show" box's data: ALL or the index of a connection
HINT = "Hover a curve to name its weight; click it to select it."
#: the plot never gets smaller than this (pixels)
MIN_PLOT_HEIGHT = 80


class TrajectoryPanel(QWidget):
    #: the student clicked a curve: (source, target, j, i)
    weight_clicked = Signal(str, str, int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w", axisItems=step_axes(), viewBox=lazy_menu_view())
        self.plot = self.plot_widget.getPlotItem()
        self.legend = LegendLabel()
        self.plot.setLabel("bottom", "step (0 = the starting weights)")
        self.plot.getAxis("left").set_titles("weight value", "weight", "w")  # whole on a short plot
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        cache_axes(self.plot)
        self.filter = name(QComboBox(), "trajectories_connection", "Show trajectories of")
        self.filter.setToolTip("Show the weights of every connection, or of one")
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.label = FittingLabel(HINT, max_lines=NOTE_LINES)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        head = QVBoxLayout()
        head.setSpacing(layout.spacing())
        head.addLayout(top)
        head.addWidget(self.legend)
        layout.addLayout(head)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.label)
        self.room = LossRoom(self, head, self.plot_widget, self.label, MIN_PLOT_HEIGHT, NOTE_LINES)
        self.range = RangeKeeper(self.plot)
        self.lines = TrajectoryLines(self._export_data)  # paints every curve below
        self.lines.add_to(self.plot)
        self.highlight_curve = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0), width=2))
        self.highlight_curve.setZValue(10)
        self.plot.addItem(self.highlight_curve)
        self.restored = RestoredMark(self.plot)  # the weights early stopping put back (the canvas holds them)
        #: per connection (source, target): its curves, one per shade (painted by ``lines``)
        self.curves: dict[tuple[str, str], list[TrajectoryGroup]] = {}
        self.parameter_layout = None
        self.blocks = []
        self.selected: tuple[str, str, int, int] | None = None
        #: pending(target layer) → the words in place of the weights into that layer while they are
        #: hidden (a lesson asks one after k steps), None when they may be shown (set by the training UI)
        self.pending = lambda target: None
        self.hover_text = ""
        self._no_hover()
        self._width = 0.0  # one pixel column of the last drawing, in steps
        self._reduced = False  # the last drawing drew the columns' envelope, not every sample
        self._drawing = False
        self._snap = None
        self._plan = None  # ((watched bytes, samples), [(curve, columns, owners) per drawn group])
        self._own_ranges = False  # the last drawing drew each curve over its own range (a weight held)
        self.plot.getViewBox().sigXRangeChanged.connect(self._view_changed)
        self.plot.getViewBox().sigResized.connect(self._view_changed)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.plot.scene().sigMouseMoved.connect(self._moved)

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        self.lines.remove_groups()
        self.curves.clear()
        self.highlight_curve.setData([], [])
        self.restored.hide()
        self._snap = None
        self._plan = None
        self.range.reset()
        self._no_hover()
        self._reduced = False
        self.parameter_layout = network.parameter_layout() if network is not None else None
        self.blocks = self.parameter_layout.weight_blocks if network is not None else []
        self.legend.set_entries(self._make_curves())
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("All connections", ALL)
        for k, block in enumerate(self.blocks):
            self.filter.addItem(f"{block.source} → {block.target}", k)
        index = self.filter.findData(current) if current is not None and current < len(self.blocks) else 0
        self.filter.setCurrentIndex(index if index >= 0 else 0)
        self.filter.blockSignals(False)
        self._apply_filter()

    def _make_curves(self) -> list[tuple]:
        """One curve per (connection, shade) in ``self.curves``; returns the legend's entries. A network
        of at most ``OWN_KEYS`` weights draws each weight in its own hue under its own key, named as the
        lessons write it (w[x→y][0,1]): a lesson that says "watch w₁" can be followed by its colour."""
        legend = []
        if sum(block.size for block in self.blocks) <= OWN_KEYS:
            n = 0
            for block in self.blocks:
                curves = []
                for j, i in np.ndindex(block.rows, block.cols):  # the order of the block's flat index
                    hue = colour(n)
                    n += 1
                    curves.append(self.lines.group(hue))
                    legend.append((hue, "━━", weight_label(block.source, block.target, j, i)))
                self.curves[block.edge] = curves
            return legend
        for k, block in enumerate(self.blocks):
            hue = colour(k)
            self.curves[block.edge] = [self.lines.group(shade)
                                       for shade in colours.shades(hue, min(SHADES, block.size))]
            legend.append((hue, "━━", f"{block.source} → {block.target} ({counted(block.size, 'weight')})"))
        return legend

    def _no_hover(self) -> None:
        self._hover = (np.zeros(0), np.zeros((0, 0)), np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp))
        self._hover_values = self._hover[1]
        self._hover_points = None

    def curve_of(self, source: str, target: str, j: int, i: int) -> TrajectoryGroup:
        """The curve item that draws W[j, i] of ``source`` → ``target``."""
        block = next(b for b in self.blocks if b.edge == (source, target))
        curves = self.curves[block.edge]
        return curves[(j * block.cols + i) % len(curves)]

    def shown_connections(self) -> list[tuple[str, str]]:
        shown = self.filter.currentData()
        return [b.edge for k, b in enumerate(self.blocks) if shown in (ALL, None) or k == shown]

    def show_snapshot(self, snap) -> None:
        if snap is self._snap:
            return  # drawn already
        self._snap = snap
        self._draw(snap)

    def _draw(self, snap) -> None:
        steps, data, watched = snap.trajectory_steps, snap.trajectories, snap.watched
        m = len(steps)
        stride = max(1, -(-m * max(len(watched), 1) // POINT_BUDGET))
        if stride > 1:  # thin evenly, but always keep the newest sample
            keep = np.arange(0, m, stride)
            if keep[-1] != m - 1:
                keep = np.append(keep, m - 1)
            steps, data = steps[keep], data[keep]
        data = values = finite_image(data)
        self._own_ranges = self.held_words() is not None
        if self._own_ranges:
            data = own_ranges(values)
        steps = np.asarray(steps, dtype=np.float64)
        n = len(steps)
        shown = set(self.shown_connections())
        groups = self._groups(watched)
        columns = np.concatenate([np.zeros(0, dtype=np.intp)] + [mine for _, block, mine in groups
                                                                  if block.edge in shown])
        self._hover, self._hover_points = (steps, data, watched, columns), None
        self._hover_values = values  # the weights' values, which the hover names (the drawn ``data`` may be scaled)
        self._drawing = True
        try:
            if n and len(columns):
                ys = data[:, columns]
                self.range.update(float(steps.min()), float(steps.max()), float(ys.min()), float(ys.max()),
                                  tight=snap.finished)
            self._width = self._column_width()
        finally:
            self._drawing = False
        # beyond about two samples a pixel column, each column's lowest and highest value draw the same picture
        reduced = column_envelope(steps, data, self._width)
        self._reduced = reduced is not None
        xd, yd = (steps, data) if reduced is None else reduced
        nd = len(xd)
        if nd:
            low, high = yd.min(axis=0), yd.max(axis=0)  # per weight
        with self.lines.batch():  # the item's bounds measured and told to the view once for all groups
            for curve, block, mine in groups:
                if block.edge not in shown:
                    continue  # hidden by the "Show" box: drawn when shown again (``_filter_changed``)
                if len(mine) == 0 or n == 0:
                    if curve.x.size:
                        curve.setData([], [])
                    continue
                # one row per weight: its values, then NaN (the pen lifts between weights)
                x = np.empty((len(mine), nd + 1))
                x[:, :nd] = xd
                x[:, nd] = np.nan
                y = np.empty_like(x)
                y[:, :nd] = yd[:, mine].T
                y[:, nd] = np.nan
                symbol = "o" if n == 1 else None
                if curve.opts["symbol"] != symbol:  # setting a symbol costs a rebuild of the points
                    curve.setSymbol(symbol)
                curve.setData(x.ravel(), y.ravel(), bounds=(float(xd[0]), float(xd[-1]), float(low[mine].min()),
                                                            float(high[mine].max())), row=nd + 1)
        self.restored.update(snap)
        self._draw_highlight()
        self._hold_scale()

    def held_words(self) -> str | None:
        """'Weights into y: ? (shows once you answer)' while a lesson holds back the weights of a shown
        connection (``pending``), else None."""
        for target in dict.fromkeys(target for _, target in self.shown_connections()):
            words = self.pending(target)
            if words:
                return f"Weights into {target}: {words}"
        return None

    def _hold_scale(self) -> None:
        """While a lesson holds back a shown weight (a question asks its value after training), the weight
        axis writes no scale, so the curves show how the weights move but not where they end; the line
        under the plot says why (the words every panel writes in place of such a weight)."""
        held = self.held_words()
        axis = self.plot.getAxis("left")
        if axis.style["showValues"] != (held is None):  # setStyle redraws the axis: only when it changes
            axis.setStyle(showValues=held is None)
        if self.selected is None:
            if held is None:
                self.label.setText(HINT)
            else:
                self.label.set_texts([*(f"{held}, {note}" if k == 0 else f"{held}: {note}"
                                        for k, note in enumerate(HELD_NOTES)), HELD_SHORTEST])
            self.label.setToolTip("" if held is None else f"{held}, {HELD_NOTES[0]}")

    @property
    def _points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(x, y as drawn, owner's flat parameter index) of every drawn sample of the shown connections
        (before the pixel columns' envelope): what hovering and clicking search. Made when first asked for."""
        if self._hover_points is None:
            steps, data, watched, columns = self._hover
            if len(steps) == 0 or len(columns) == 0:
                self._hover_points = (np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.intp))
            else:
                self._hover_points = (np.tile(steps, len(columns)), data[:, columns].T.ravel(),
                                      np.repeat(watched[columns], len(steps)))
        return self._hover_points

    def _point_value(self, k: int) -> float:
        """The weight's value at ``_points``' sample ``k`` (drawn at another height while the curves are
        scaled each to its own range)."""
        steps, _, _, columns = self._hover
        return float(self._hover_values[k % len(steps), columns[k // len(steps)]])

    def _export_data(self) -> tuple:
        """(x, y) for right-click → Export… → CSV: every drawn sample of each shown weight (not the
        pixel columns' envelope), in the order of their parameter index, a NaN after each weight."""
        steps, data, watched, columns = self._hover
        if len(steps) == 0 or len(columns) == 0:
            return None, None
        columns = columns[np.argsort(watched[columns], kind="stable")]
        x = np.empty((len(columns), len(steps) + 1))
        x[:, :-1], x[:, -1] = steps, np.nan
        y = np.empty_like(x)
        y[:, :-1], y[:, -1] = data[:, columns].T, np.nan
        return x.ravel(), y.ravel()

    def _column_width(self) -> float:
        """One pixel of the plot's width in steps (0 before the plot is laid out)."""
        vb = self.plot.getViewBox()
        pixels = vb.width() * self.plot_widget.devicePixelRatioF()
        x0, x1 = vb.viewRange()[0]
        return (x1 - x0) / pixels if pixels >= 2 else 0.0

    def _view_changed(self, *_) -> None:
        """The student zoomed, or the plot was resized: columns of another width need other envelopes."""
        if self._drawing or not self._reduced or self._snap is None:
            return
        width = self._column_width()
        if abs(width - self._width) > 0.01 * self._width:
            self._draw(self._snap)

    def _groups(self, watched: np.ndarray) -> list:
        """(curve, block, columns of ``watched`` it draws) for every curve; built once per ``watched``."""
        key = watched.tobytes()
        if self._plan is None or self._plan[0] != key:
            groups = []
            for block in self.blocks:
                curves = self.curves[block.edge]
                cols = np.flatnonzero((watched >= block.start) & (watched < block.start + block.size))
                for shade, curve in enumerate(curves):
                    groups.append((curve, block, cols[(watched[cols] - block.start) % len(curves) == shade]))
            self._plan = (key, groups)
        return self._plan[1]

    def _filter_changed(self, _index: int) -> None:
        self._apply_filter()
        self.range.reset()
        if self._snap is not None:
            self._draw(self._snap)

    def _apply_filter(self) -> None:
        shown = set(self.shown_connections())
        for edge, curves in self.curves.items():
            for curve in curves:
                curve.setVisible(edge in shown)
        self._hold_scale()

    def show_connection(self, source: str | None, target: str | None = None) -> None:
        """Show only ``source`` → ``target`` (None: every connection)."""
        edges = [b.edge for b in self.blocks]
        if source is None:
            self.filter.setCurrentIndex(0)
        elif (source, target) in edges:
            self.filter.setCurrentIndex(1 + edges.index((source, target)))

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
            self._no_highlight()
            if self.selected is None:
                self._hold_scale()
            return
        source, target, j, i = self.selected
        label = weight_label(source, target, j, i)
        if snap is None or index not in snap.watched:
            self._no_highlight()
            self.label.setText(f"{label}: not watched" if snap is not None else label)
            return
        col = int(np.flatnonzero(snap.watched == index)[0])
        x, y = np.asarray(snap.trajectory_steps, dtype=np.float64), finite_image(snap.trajectories[:, col])
        drawn = own_ranges(y[:, None])[:, 0] if self._own_ranges else y
        reduced = column_envelope(x, drawn[:, None], self._width)  # the same picture from fewer points
        xd, yd = (x, drawn) if reduced is None else (reduced[0], reduced[1][:, 0])
        hue = self.curve_of(source, target, j, i).pen.color()  # the colour its key shows
        if self.highlight_curve.opts["pen"].color() != hue:
            self.highlight_curve.setPen(pg.mkPen(hue, width=2))
        self.highlight_curve.setData(xd, yd, symbol="o" if len(x) == 1 else None, symbolBrush=hue, symbolPen=hue,
                                     symbolSize=7)
        hidden = self.pending(target)
        value = f" = {hidden}" if hidden else f" = {y[-1]:.6g} at step {int(x[-1])}" if len(y) else ""
        self.label.setText(f"selected: {label}{value}")

    def follow_hidden(self) -> None:
        """The selected weight's readout and the axis's scale again, after what ``pending`` hides changed
        (the curves drawn again when they go to or from their own ranges)."""
        if self._snap is not None and self._own_ranges != (self.held_words() is not None):
            self.range.reset()
            self._draw(self._snap)
        if self.selected is not None:
            self._draw_highlight()
        self._hold_scale()

    def _no_highlight(self) -> None:
        if self.highlight_curve.getOriginalDataset()[0] is not None:  # not again every frame
            self.highlight_curve.setData([], [])

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

    def _moved(self, scene_pos) -> None:
        vb = self.plot.getViewBox()
        inside = vb.sceneBoundingRect().contains(scene_pos)
        text = self.describe_point(vb.mapSceneToView(scene_pos)) if inside else ""
        if text == self.hover_text:
            return
        self.hover_text = text
        self.plot_widget.setToolTip(text)
        if text:
            QToolTip.showText(self.plot_widget.mapToGlobal(self.plot_widget.mapFromScene(scene_pos)), text, self.plot_widget)
        else:
            QToolTip.hideText()

    def describe_point(self, point) -> str:
        """'w[x→h][1,0]: 0.532 at step 120' for the curve near ``point`` (view coordinates), else ''."""
        near = self._nearest(point)
        if near is None:
            return ""
        (source, target, j, i), step, value = near
        hidden = self.pending(target)
        return f"{weight_label(source, target, j, i)}: {hidden or format(value, '.4g')} at step {int(step)}"

    def weight_near(self, point) -> tuple[str, str, int, int] | None:
        """(source, target, j, i) of the drawn trajectory closest to ``point`` (view coordinates), within a few pixels."""
        near = self._nearest(point)
        return None if near is None else near[0]

    def _nearest(self, point):
        x, y, owners = self._points
        if x.size == 0 or self.parameter_layout is None:
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
        return (block.source, block.target, j, i), float(x[k]), self._point_value(k)


def own_ranges(data: np.ndarray) -> np.ndarray:
    """Each column of ``data`` (samples, weights) mapped onto [0, 1] by its own lowest and highest value,
    (w − min)/(max − min); a column that never moves is drawn at ½."""
    low, high = data.min(axis=0, initial=np.inf), data.max(axis=0, initial=-np.inf)
    span = high - low
    moving = span > 0
    out = np.full_like(data, 0.5)
    out[:, moving] = (data[:, moving] - low[moving]) / span[moving]
    return out
