"""Every weight trajectory of the panel in one graphics item: ``TrajectoryLines`` paints the groups.

A ``TrajectoryGroup`` is the weights the panel draws in one shade of one connection's hue: one
polyline per weight with a NaN between one weight's path and the next (``connect="finite"``),
or one dot per weight when there is a single sample. Groups are plain objects with the curve
calls the panel needs (``setData``, ``getData``, ``setSymbol``, ``opts["symbol"]``,
``setVisible``, ``isVisible``); the item they belong to paints the visible ones, each with a
1-pixel cosmetic pen, not antialiased (as pyqtgraph's curves are drawn here).

One item instead of one pyqtgraph ``PlotDataItem`` per group: a curve item checks, copies and
measures its data on every ``setData`` and again when painted (its bounds several times a frame),
which for a panel of 6–10 groups was most of a frame's cost. Here a group keeps its arrays and
the bounds the panel measured, and its path is made when it is first painted.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath

#: a single sample's dot: diameter in pixels (pyqtgraph's symbolSize of the curves before)
DOT_SIZE = 6


class TrajectoryGroup:
    """The weights of one connection drawn in one ``colour`` (see the module docstring)."""

    def __init__(self, lines: "TrajectoryLines", colour):
        self.lines = lines
        self.pen = pg.mkPen(colour, width=1)
        self.brush = pg.mkBrush(colour)
        self.opts = {"symbol": None}
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self.bounds: tuple[float, float, float, float] | None = None  # x0, x1, y0, y1 of the finite points
        self.row = 0  # the length of every path and its NaN, when they are all as long
        self._path = None
        self._visible = True

    def setData(self, x, y, bounds: tuple[float, float, float, float] | None = None, row: int = 0,  # noqa: N802
                **_) -> None:
        """``x``, ``y``: the weights' paths, NaN between two; ``bounds`` (x0, x1, y0, y1) of their
        finite points, measured here when not given; ``row``: when every path is ``row - 1`` finite
        points and its NaN, that length (its path is then made without looking for the NaNs)."""
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        self.row = row if row > 1 and self.x.size % row == 0 else 0
        if bounds is None and self.x.size:
            finite = np.isfinite(self.x) & np.isfinite(self.y)
            if finite.any():
                xs, ys = self.x[finite], self.y[finite]
                bounds = (float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max()))
        self.bounds = bounds if self.x.size else None
        self._path = None
        self.lines.changed()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802
        return self.x, self.y

    def setSymbol(self, symbol) -> None:  # noqa: N802
        """"o": a dot per weight (a single sample); None: lines."""
        if symbol != self.opts["symbol"]:
            self.opts["symbol"] = symbol
            self.lines.update()

    def setVisible(self, on: bool) -> None:  # noqa: N802
        if bool(on) != self._visible:
            self._visible = bool(on)
            self.lines.changed()

    def isVisible(self) -> bool:  # noqa: N802
        return self._visible and self.lines.isVisible()

    def path(self) -> QPainterPath:
        if self._path is None:
            self._path = rows_path(self.x, self.y, self.row) if self.row else \
                pg.arrayToQPath(self.x, self.y, connect="finite")
        return self._path


def rows_path(x: np.ndarray, y: np.ndarray, row: int) -> QPainterPath:
    """The path of paths of ``row - 1`` finite points, each followed by a NaN: what pyqtgraph's
    ``arrayToQPath(x, y, connect="finite")`` makes of them (each polygon ends on its last point
    twice, as there), without searching for the NaNs."""
    path = QPainterPath()
    if x.size == 0:
        return path
    points = np.empty((x.size // row, row, 2))
    points[:, :, 0] = x.reshape(-1, row)
    points[:, :, 1] = y.reshape(-1, row)
    points[:, -1] = points[:, -2]
    polygon = pg.functions.create_qpolygonf(row)
    buffer = pg.functions.ndarray_from_qpolygonf(polygon)
    path.reserve(x.size)
    for one in points:
        buffer[:] = one
        path.addPolygon(polygon)
    return path


class TrajectoryLines(pg.GraphicsObject):
    """The graphics item that paints every ``TrajectoryGroup`` made with ``group(colour)``."""

    def __init__(self, export_data=None):
        super().__init__()
        self.groups: list[TrajectoryGroup] = []
        #: () -> (x, y): what right-click → Export… → CSV writes for these curves (None: nothing)
        self.export_data = export_data
        self._bounds: tuple | None = None  # (x0, x1, y0, y1) of the visible groups' finite points
        self._padded: QRectF | None = None  # boundingRect, made when asked for
        self._held = 0  # inside ``batch()``: changes are told once, at its end
        self._changed_while_held = False

    def group(self, colour) -> TrajectoryGroup:
        g = TrajectoryGroup(self, colour)
        self.groups.append(g)
        return g

    def remove_groups(self) -> None:
        self.groups.clear()
        self.changed()

    @contextmanager
    def batch(self):
        """Groups changed inside are measured and told to the view once, at the end (a frame sets every group)."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._changed_while_held:
                self._changed_while_held = False
                self.changed()

    def changed(self) -> None:
        """A group's data or visibility changed: new bounds, and a paint."""
        if self._held:
            self._changed_while_held = True
            return
        shown = [g.bounds for g in self.groups if g._visible and g.bounds is not None]
        bounds = (min(b[0] for b in shown), max(b[1] for b in shown),
                  min(b[2] for b in shown), max(b[3] for b in shown)) if shown else None
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds, self._padded = bounds, None
            self.informViewBoundsChanged()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        if self._padded is None:
            if self._bounds is None:
                self._padded = QRectF()
            else:  # room for the dots and the pen, in pixels: a single step or a constant weight still shows
                px = self.pixelLength(pg.Point(1, 0)) or 0.0
                py = self.pixelLength(pg.Point(0, 1)) or 0.0
                x0, x1, y0, y1 = self._bounds
                self._padded = QRectF(x0 - DOT_SIZE * px, y0 - DOT_SIZE * py,
                                      x1 - x0 + 2 * DOT_SIZE * px, y1 - y0 + 2 * DOT_SIZE * py)
        return self._padded

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph: the view was zoomed or resized)
        self.prepareGeometryChange()
        self._padded = None

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # noqa: N802 (pyqtgraph: "View All")
        if self._bounds is None:
            return (None, None)
        return self._bounds[:2] if ax == 0 else self._bounds[2:]

    # pyqtgraph's CSV export writes every item that implements "plotData" (its getOriginalDataset and
    # name); the item is added to the view box, not as one of the plot's curves (``add_to``)
    def implements(self, interface=None):
        return ["plotData"] if interface is None else interface == "plotData"

    def name(self):
        return None

    def getOriginalDataset(self):  # noqa: N802
        return self.export_data() if self.export_data is not None else (None, None)

    def add_to(self, plot) -> None:
        """Put the item in ``plot`` (a ``PlotItem``): in its view box and its items (so that its
        export finds it), not among its curves (whose downsampling, alpha and log-mode menu
        entries are for pyqtgraph's curve items)."""
        plot.vb.addItem(self)
        plot.items.append(self)
        # pyqtgraph's Plot Options that transform or thin its curve items (log, FFT, dy/dx,
        # downsampling, points, alpha, averaging) would leave these curves as they are: offered no more
        for group in ("transformGroup", "decimateGroup", "pointsGroup", "alphaGroup", "averageGroup"):
            box = getattr(plot.ctrl, group, None)
            if box is not None:
                box.setEnabled(False)
                box.setToolTip("The weight trajectories are drawn as they are")

    def paint(self, painter: QPainter, *args) -> None:
        # as pyqtgraph's curves: not antialiased on screen, antialiased in an exported picture
        antialias = self._exportOpts.get("antialias", True) if self._exportOpts is not False else False
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
        for g in self.groups:
            if not g._visible or g.x.size == 0:
                continue
            if g.opts["symbol"] is None:
                painter.setPen(g.pen)
                painter.drawPath(g.path())
            else:
                self._paint_dots(painter, g)

    @staticmethod
    def _paint_dots(painter: QPainter, g: TrajectoryGroup) -> None:
        """A round dot of ``DOT_SIZE`` pixels at each finite point (its size does not follow the zoom)."""
        transform = painter.transform()
        finite = np.isfinite(g.x) & np.isfinite(g.y)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pg.mkPen(None))
        painter.setBrush(g.brush)
        r = DOT_SIZE / 2
        for x, y in zip(g.x[finite], g.y[finite]):
            painter.drawEllipse(transform.map(QPointF(float(x), float(y))), r, r)
        painter.restore()
