"""Small helpers the live panels share: finite-only data, colours, colormaps.

Plots never receive NaN or infinity: ``finite_xy`` drops such points, and
``finite_image`` replaces them by 0 before an image is drawn.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

#: one colour per connection (trajectories) or per class (points); cycles when exhausted
PALETTE = [
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
    (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
]
#: TensorFlow-Playground-like class colours: class 0 orange, class 1 blue
CLASS_COLOURS = [(245, 147, 34), (8, 119, 189), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                 (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]


def colour(k: int, palette=PALETTE) -> tuple[int, int, int]:
    return palette[k % len(palette)]


def finite_xy(x: np.ndarray, y: np.ndarray, positive: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """float64 (x, y) with the points where either is non-finite removed (and y ≤ 0 when ``positive``)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    keep = np.isfinite(x) & np.isfinite(y)
    if positive:
        keep &= y > 0
    return x[keep], y[keep]


def finite_image(a: np.ndarray) -> np.ndarray:
    """A float64 copy with non-finite entries set to 0."""
    return np.nan_to_num(np.asarray(a, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)


def symmetric_limit(a: np.ndarray) -> float:
    """max |a| (finite entries): the half-width of a symmetric colour scale (1 when all are 0)."""
    m = float(np.max(np.abs(a))) if a.size else 0.0
    return m if np.isfinite(m) and m > 0 else 1.0


def diverging_map() -> pg.ColorMap:
    """The diverging map for signed values (negative blue, 0 white-ish, positive red)."""
    return pg.colormap.get("CET-D1")


def magnitude_map() -> pg.ColorMap:
    """A sequential map for magnitudes."""
    return pg.colormap.get("CET-L3")


def class_labels(targets: np.ndarray) -> np.ndarray:
    """Integer class per row: threshold 0.5 for one column, arg-max for one-hot rows."""
    if targets.shape[1] == 1:
        return (targets[:, 0] >= 0.5).astype(int)
    return targets.argmax(axis=1)


def class_brushes(labels: np.ndarray, alpha: int = 230) -> list:
    brushes = [pg.mkBrush(*c, alpha) for c in CLASS_COLOURS]
    return [brushes[k % len(brushes)] for k in labels]


def cache_axes(plot) -> None:
    """Keep each axis of ``plot`` (a ``PlotItem``) as a cached pixmap.

    An axis (with its grid) is otherwise repainted, ticks and text, whenever any
    item next to it changes, which is most of the cost of a live frame; cached, it
    is redrawn only when its range or size changes.
    """
    from PySide6.QtWidgets import QGraphicsItem

    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        if axis is not None:
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
