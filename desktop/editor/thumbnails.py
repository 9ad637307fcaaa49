"""Neuron thumbnails: a neuron's activation a over the input plane, as a small image.

For a network with one input the thumbnail is a curve instead (``curve_image``): the
neuron's a (up) over x (right) across the data's range, on the same fixed or own range.

For a network with two inputs, the worker sends every hidden and output neuron's
activation on a grid over the data's plane (``OutputView.neurons``: (G, G, units), row
= x1 from low to high, column = x0). ``activation_image`` turns one neuron's (G, G)
values into a ``QImage`` with x1 growing upward as in the output map.

Colours keep one meaning per hue across the window (``desktop/colours.py``): blue and orange
are signs (weights, gradients) and classes, so a **hidden** neuron's map has no hue (``"grey"``:
white = low a, dark grey = high a); an **output** neuron of a classifier is drawn in its class's
colour: one sigmoid output orange (0, class 0) → white → blue (1, class 1) as the output map,
softmax output k white (low) → class k's colour (high), so y0 is orange where class 0 is.

The range is the activation's own where it has one, so two neurons compare: sigmoid and
softmax [0, 1] (0.5 white), tanh [−1, 1] (0 white); unbounded activations (identity,
ReLU, leaky ReLU) are scaled by the largest |a| of that neuron (0 … max when none is negative).

The traced sample is a dot on every thumbnail (``curve_mark``, ``plane_mark``, drawn by
``paint_mark``): on a curve at (x, a), so the number beside the neuron is the curve's height
there; on a map where the sample lies. A one-sample lesson's range is the sample ± a margin
(``core.datasets.axis_bounds``): the dot sits in the middle and the curve shows a near it.
"""

from __future__ import annotations

import functools

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from desktop import colours

#: activation → (centre, half range) of the colour scale; None: from the values
FIXED_RANGES = {"sigmoid": (0.5, 0.5), "softmax": (0.5, 0.5), "tanh": (0.0, 1.0)}


def colour_range(values: np.ndarray, activation: str) -> tuple[float, float]:
    """(centre, half range) of the colour scale for ``values`` of ``activation``."""
    if activation in FIXED_RANGES:
        return FIXED_RANGES[activation]
    finite = values[np.isfinite(values)]
    half = float(np.abs(finite).max()) if finite.size else 0.0
    if half > 0 and finite.min() >= 0:  # ReLU: 0 … max, not a half-empty −max … max
        return half / 2, half / 2
    return 0.0, half if half > 0 else 1.0


#: a hidden neuron's map: no hue, white (low) → this grey (high)
GREY_HIGH = "#3A3A3A"


@functools.lru_cache(maxsize=64)
def _colour_stops(colouring: str | int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(colour at t = 0, its change per unit of t below 0, above 0), RGB floats: a colour is
    ``at_zero + t · slope`` with t in [−1, 1] (see ``activation_rgb``)."""
    white = np.array((255.0, 255.0, 255.0))
    if colouring == "classes":
        middle = np.array(colours.rgb(colours.MIDDLE), dtype=np.float64)
        low = np.array(colours.class_rgb(0), dtype=np.float64)
        high = np.array(colours.class_rgb(1), dtype=np.float64)
        return middle, middle - low, high - middle
    high = np.array(colours.class_rgb(colouring) if isinstance(colouring, int) else colours.rgb(GREY_HIGH),
                    dtype=np.float64)
    half_way = (high - white) / 2.0  # white at t = −1, ``high`` at t = 1
    return white + half_way, half_way, half_way


def activation_rgb(values: np.ndarray, activation: str, colouring: str | int = "grey") -> np.ndarray:
    """(G, G, 3) uint8 colours of ``values`` (G, G); NaN is the zero grey. Row 0 is the lowest x1.

    ``colouring``: "grey" (a hidden neuron: white → dark grey over the activation's range),
    "classes" (one sigmoid output: orange → white → blue, class 0 → class 1) or an int k
    (softmax output k: white → class k's colour). With t = (a − centre) / half range, clipped to
    [−1, 1], the colour runs linearly from the low end's (t = −1) through t = 0's to the high end's."""
    centre, half = colour_range(values, activation)
    t = np.subtract(values, centre)
    t /= half
    np.clip(t, -1.0, 1.0, out=t)  # (NaN stays NaN: it is painted the zero grey below)
    at_zero, below, above = _colour_stops(colouring)
    t = t[..., None]
    rgb = t * (np.where(t < 0, below, above) if below is not above else above)
    rgb += at_zero
    bad = ~np.isfinite(values)
    if bad.any():
        rgb[bad] = colours.rgb(colours.ZERO)
    return np.rint(rgb).astype(np.uint8)


def colouring_words(colouring: str | int) -> str:
    """What the colours of a thumbnail mean, for its enlarged view."""
    if colouring == "classes":
        return "orange = 0 (class 0), blue = 1 (class 1)"
    if isinstance(colouring, int):
        return f"white = low, class {colouring}'s colour = high"
    return "white = low, dark grey = high"


def activation_image(values: np.ndarray, activation: str, colouring: str | int = "grey") -> QImage:
    """A QImage of ``values`` (G, G) with x1 growing upward (see the module docstring)."""
    rgb = np.ascontiguousarray(activation_rgb(values, activation, colouring)[::-1])
    height, width, _ = rgb.shape
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


#: a curve thumbnail's size in pixels (it is scaled into the neuron's circle)
CURVE_SIZE = 64


def curve_points(values: np.ndarray, activation: str, size: int = CURVE_SIZE) -> np.ndarray:
    """(G, 2) pixel points of the curve of ``values`` (G,) over x: x from 0 (lowest x) to size,
    y from size (the range's low end) to 0 (its high end), with a margin of an eighth a side so
    the line stays inside the round neuron; NaN at the range's centre."""
    centre, half = colour_range(values, activation)
    t = np.clip((np.nan_to_num(values, nan=centre) - centre) / half, -1.0, 1.0)
    margin = size / 8
    xs = np.linspace(margin, size - margin, len(values))
    ys = size / 2 - t * (size / 2 - margin)
    return np.column_stack([xs, ys])


def curve_image(values: np.ndarray, activation: str) -> QImage:
    """A white QImage with the curve of a over x (``curve_points``) in dark grey and the range's
    centre (a = 0.5 for a sigmoid, 0 for tanh) as a faint line."""
    image = QImage(CURVE_SIZE, CURVE_SIZE, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#C8C8C8"), 1.5))
    painter.drawLine(QPointF(0, CURVE_SIZE / 2), QPointF(CURVE_SIZE, CURVE_SIZE / 2))
    painter.setPen(QPen(QColor(GREY_HIGH), 4.0))
    painter.drawPolyline(QPolygonF([QPointF(float(x), float(y)) for x, y in curve_points(values, activation)]))
    painter.end()
    return image


def curve_mark(values: np.ndarray, activation: str, u: float, a: float) -> tuple[float, float]:
    """Where the point (x, a) lies on ``curve_image``'s image, as fractions (right, down) of its
    size: ``u`` is x's fraction of the curve's range of x, ``a`` the neuron's activation there
    (the same mapping as ``curve_points``)."""
    centre, half = colour_range(values, activation)
    t = float(np.clip((a - centre) / half, -1.0, 1.0)) if np.isfinite(a) else 0.0
    margin = 1 / 8
    return margin + float(np.clip(u, 0.0, 1.0)) * (1 - 2 * margin), 0.5 - t * (0.5 - margin)


def plane_mark(u: float, v: float) -> tuple[float, float]:
    """Where a point at fractions (u of x0's range, v of x1's range) lies on ``activation_image``'s
    image, as fractions (right, down): x1 grows upward."""
    return min(max(float(u), 0.0), 1.0), 1.0 - min(max(float(v), 0.0), 1.0)


def paint_mark(painter: QPainter, box: QRectF, mark: tuple[float, float]) -> None:
    """The traced sample's dot at ``mark`` (fractions of ``box``): dark, ringed in white, so it shows
    on a white curve thumbnail and on a dark map alike."""
    centre = QPointF(box.left() + mark[0] * box.width(), box.top() + mark[1] * box.height())
    radius = max(box.width() * 0.05, 2.5)
    pen = _MARK_PENS.get(radius)
    if pen is None:  # one pen per size of thumbnail (a neuron's, the enlarged one's; a new zoom's)
        if len(_MARK_PENS) > 32:
            _MARK_PENS.clear()
        pen = _MARK_PENS[radius] = QPen(_MARK_RING, max(radius * 0.45, 1.2))
    painter.save()
    painter.setPen(pen)
    painter.setBrush(_MARK_DOT)
    painter.drawEllipse(centre, radius, radius)
    painter.restore()


_MARK_RING, _MARK_DOT = QColor("white"), QColor("#111111")
_MARK_PENS: dict[float, QPen] = {}
