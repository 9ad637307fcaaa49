"""The Loss panel's accuracy axis ticks: as many of "0 %", "50 %", "100 %" as fit apart on its height."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

#: the accuracy axis's ticks, from the most to the fewest: the first whose labels fit apart is used
ACCURACY_TICKS = ([(0.0, "0 %"), (0.5, "50 %"), (1.0, "100 %")], [(0.0, "0 %"), (1.0, "100 %")])
#: pixels between two tick labels of the accuracy axis, at least
TICK_GAP = 2


def axis_text_height(axis) -> float:
    """How tall ``axis`` writes a tick label, in pixels (as pyqtgraph measures it: 0.8 of the line)."""
    return 0.8 * QFontMetricsF(axis.style.get("tickFont") or axis.font()).height()


def accuracy_ticks(height: float, y_range, text_height: float) -> list[tuple[float, str]]:
    """The first of ``ACCURACY_TICKS`` whose labels, ``text_height`` px tall, keep ``TICK_GAP`` px
    apart on an axis ``height`` px long showing ``y_range`` (the two ends when none does)."""
    low, high = y_range
    per_unit = height / (high - low) if high > low else 0.0
    for ticks in ACCURACY_TICKS:
        step = min(b[0] - a[0] for a, b in zip(ticks, ticks[1:]))
        if step * per_unit >= text_height + TICK_GAP:
            return ticks
    return ACCURACY_TICKS[-1]
