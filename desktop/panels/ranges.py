"""Steady axes for live plots: ranges that change seldom, so axes are not redrawn every frame.

Redrawing an axis (ticks and their text) is the most expensive part of a
pyqtgraph frame. ``RangeKeeper`` replaces auto-range while training: the x range
grows to the next 1-2-5 number (×1.25 head-room) only when the data reaches its
end, and the y range changes only when the data leaves it or fills less than a
third of it. When the student pans or zooms, the keeper stops following until
auto-range is switched back on (the plot's "A" button or "View All").
"""

from __future__ import annotations

import math

import numpy as np


def nice_ceil(value: float) -> float:
    """The smallest number of the form {1, 2, 5}·10^k that is ≥ ``value`` (> 0), the float nearest that
    decimal (5e−6, not 5·10.0**−6 = 4.999999999999996e−6, whose noise a scale's text would carry)."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for m in (1, 2, 5, 10):
        candidate = float(f"{m}e{exponent}")
        if candidate >= value * (1 - 1e-12):
            return candidate
    return 10.0 ** (exponent + 1)


def steady_level(current: float | None, needed: float) -> float:
    """A colour-scale half-width: kept while ``needed`` lies within [current/5, current]; else re-rounded."""
    if current is not None and current / 5 <= needed <= current:
        return current
    return nice_ceil(needed)


#: the y range spans at least this fraction of |y| (a flat curve at 0.8 shows 0.78 … 0.82, not
#: 0.79999998 … 0.80000002) and at least ``MIN_SPAN``
RELATIVE_SPAN = 0.05
MIN_SPAN = 1e-3


#: pixels kept between the data's highest (lowest) value and the plot's edge: a marker's half height
#: (the validation loss's ▼, 6 px, was cut in half by the top of a 40 px high plot)
MARKER_ROOM = 5


class RangeKeeper:
    """Keeps a plot's range steady (see the module docstring); x is a step count, so its range
    is at least ``min_width`` wide (one step shows 0 … 2, not 0 … 1e-12)."""

    def __init__(self, plot_item, fixed_y: tuple[float, float] | None = None, min_width: float = 1.0):
        self.vb = plot_item.getViewBox()
        self.fixed_y = fixed_y
        self.min_width = min_width
        #: False for a log-scale axis (y in log10 units), where a relative span makes no sense
        self.relative_span = True
        self.follow = True
        self.x = None
        self.y = fixed_y
        self._setting = False
        self._start = 0.0  # where the data's x range starts (the view starts a little left of it)
        self._last = None  # the last update's arguments: a resize fits them again
        self.vb.disableAutoRange()
        self.vb.sigRangeChangedManually.connect(self._manual)
        self.vb.sigResized.connect(self._resized)

    def _resized(self, *args) -> None:
        """Another height keeps another number of view units for ``MARKER_ROOM``'s pixels: fit y again."""
        if self._last is not None and self.follow and self.fixed_y is None:
            self.y = None
            self.update(*self._last)

    def _manual(self, *args) -> None:
        self.follow = False

    def reset(self) -> None:
        self.follow, self.x, self.y, self._last = True, None, self.fixed_y, None
        self._start = 0.0
        self.vb.disableAutoRange()

    def update(self, xmin: float, xmax: float, ymin: float, ymax: float, tight: bool = False) -> None:
        """Make sure [xmin, xmax] × [ymin, ymax] (view coordinates) is in view, changing the range seldom.

        ``tight`` (when a run has ended): fit the data, head-room dropped (a margin for markers stays).
        """
        if not self.follow:
            if not any(self.vb.autoRangeEnabled()):
                return
            self.reset()  # the student asked for auto-range again: follow the data
        self._last = (xmin, xmax, ymin, ymax, tight)
        if not all(math.isfinite(v) for v in (xmin, xmax, ymin, ymax)):
            return
        x, y = self.x, self.y
        if tight:
            x = y = None
        if x is None or xmax > x[1] or xmin < self._start:
            start = self._start = min(0.0, xmin)
            width = max(xmax - start, self.min_width, 1e-12)
            end = start + (width if tight else nice_ceil(width * 1.25))
            # a little room left of step 0 (and right of a finished run's last step): their dots are not cut
            x = (start - 0.03 * (end - start), end + (0.03 * (end - start) if tight else 0.0))
        if self.fixed_y is None:
            span = ymax - ymin
            if self.relative_span:
                least = max(max(abs(ymax), abs(ymin)) * RELATIVE_SPAN, MIN_SPAN)
            else:  # log10 units: a tenth of a decade
                least = 0.1
            if span < least:  # a flat curve: centre it in a range of readable width
                mid = (ymin + ymax) / 2
                ymin, ymax, span = mid - least / 2, mid + least / 2, least
            if y is None or ymin < y[0] or ymax > y[1] or span < (y[1] - y[0]) / 3:
                height = self.vb.height()  # pixels (0 before the first layout: the resize comes back here)
                room = span * MARKER_ROOM / (height - 2 * MARKER_ROOM) if height > 4 * MARKER_ROOM else 0.0
                pad = max(0.1 * span, room)
                y = (ymin - pad, ymax + pad)  # room for the markers at both ends: not cut by the plot's edge
        if (x, y) != (self.x, self.y):
            self.x, self.y = x, y
            self.vb.setRange(xRange=x, yRange=y, padding=0)


def value_range(*arrays: np.ndarray) -> tuple[float, float]:
    """(low, high) holding every finite value of ``arrays``, never empty: a single value v
    becomes v ± max(10 % of |v|, 0.1)."""
    finite = [a[np.isfinite(a)] for a in (np.asarray(x, dtype=np.float64).ravel() for x in arrays)]
    values = np.concatenate(finite) if finite else np.zeros(0)
    if values.size == 0:
        return 0.0, 1.0
    lo, hi = float(values.min()), float(values.max())
    if hi - lo < 1e-9 * max(1.0, abs(hi)):
        pad = max(0.1 * abs(hi), 0.1)
        lo, hi = lo - pad, hi + pad
    return lo, hi


def kept_range(current: tuple[float, float] | None, lo: float, high: float) -> tuple[float, float] | None:
    """The range an axis should show for data spanning (``lo``, ``high``) while it shows ``current``:
    None (keep it) unless the data leave it or fill less than a third of it (×0.8); then the data's
    span with a 10 % margin a side."""
    if current is not None and lo >= current[0] and high <= current[1] \
            and (high - lo) >= (current[1] - current[0]) / 3 * 0.8:
        return None
    margin = 0.1 * (high - lo)
    return lo - margin, high + margin
