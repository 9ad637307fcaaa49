"""Neuron thumbnails: a neuron's activation a over the input plane, as a small image.

For a network with two inputs, the worker sends every hidden and output neuron's
activation on a grid over the data's plane (``OutputView.neurons``: (G, G, units), row
= x2 from low to high, column = x1). ``activation_image`` turns one neuron's (G, G)
values into a ``QImage`` in the window's colour language (``desktop/colours.py``): low
orange, middle near-white, high blue, with x2 growing upward as in the output map.

The range is the activation's own where it has one, so two neurons compare: sigmoid and
softmax [0, 1] (0.5 white), tanh [−1, 1] (0 white); unbounded activations (identity,
ReLU, leaky ReLU) are scaled by the largest |a| of that neuron (0 white).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from desktop import colours

#: activation → (centre, half range) of the colour scale; None: from the values
FIXED_RANGES = {"sigmoid": (0.5, 0.5), "softmax": (0.5, 0.5), "tanh": (0.0, 1.0)}


def colour_range(values: np.ndarray, activation: str) -> tuple[float, float]:
    """(centre, half range) of the colour scale for ``values`` of ``activation``."""
    if activation in FIXED_RANGES:
        return FIXED_RANGES[activation]
    finite = np.abs(values[np.isfinite(values)])
    half = float(finite.max()) if finite.size else 0.0
    return 0.0, half if half > 0 else 1.0


def activation_rgb(values: np.ndarray, activation: str) -> np.ndarray:
    """(G, G, 3) uint8 colours of ``values`` (G, G): orange below the centre, blue above;
    NaN is grey. Row 0 is the lowest x2."""
    centre, half = colour_range(values, activation)
    t = np.clip((np.nan_to_num(values, nan=centre) - centre) / half, -1.0, 1.0)[..., None]
    middle = np.array(colours.rgb(colours.MIDDLE), dtype=np.float64)
    low = np.array(colours.rgb(colours.NEGATIVE), dtype=np.float64)
    high = np.array(colours.rgb(colours.POSITIVE), dtype=np.float64)
    rgb = np.where(t < 0, middle + (low - middle) * -t, middle + (high - middle) * t)
    rgb[~np.isfinite(values)] = colours.rgb(colours.ZERO)
    return np.round(rgb).astype(np.uint8)


def activation_image(values: np.ndarray, activation: str) -> QImage:
    """A QImage of ``values`` (G, G) with x2 growing upward (see the module docstring)."""
    rgb = np.ascontiguousarray(activation_rgb(values, activation)[::-1])
    height, width, _ = rgb.shape
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
