"""Giving the loss panel's curves their points and symbols only when they change (each costs a redraw), and
whether a network's run has validation data to draw (``desktop.panels.loss``)."""

from __future__ import annotations

import numpy as np

from core.datasets import split_indices


def has_validation(network) -> bool:
    """True when training ``network`` holds samples out for validation."""
    if network is None or network.dataset is None:
        return False
    t = network.training
    if t.validation_fraction <= 0:
        return False
    return len(split_indices(len(network.dataset), t.validation_fraction, t.seed)[1]) > 0


def set_data(curve, xy: tuple[np.ndarray, np.ndarray]) -> None:
    """Give ``curve`` these points, only if it holds others: an unchanged curve (an epoch curve
    between epochs, an empty validation curve) costs nothing in a frame."""
    old = curve.getOriginalDataset()
    if old[0] is None or old[1] is None:  # pyqtgraph keeps no arrays for a curve given none
        if len(xy[0]) == 0:
            return
    elif len(old[0]) == len(xy[0]) and np.array_equal(old[0], xy[0]) and np.array_equal(old[1], xy[1]):
        return
    curve.setData(*xy)


def set_symbol(curve, symbol) -> None:
    """Give ``curve`` this symbol (None: a plain line), only if it has another: setting it costs a
    rebuild of the curve's points every frame."""
    if curve.opts["symbol"] != symbol:
        curve.setSymbol(symbol)
