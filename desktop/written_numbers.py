"""The canvas's numbers as written (``core.hand_check.format_computed``), kept by (value, digits).

A frame of the canvas writes each of its numbers several times (the cards' and the edges' sizes, their
painting, the legend's reading of every "≈"): ~50 writings a frame of the XOR lesson, most of them of a
number written a moment before. ``format_computed`` is a pure function of the value and the digits, so
its answers are kept (at most ``KEPT``; all dropped at once when full, a run's numbers moving on).
"""

from __future__ import annotations

from core.hand_check import format_computed

#: at most this many (value, digits) kept
KEPT = 4096

_WRITTEN: dict[tuple[float, int], str] = {}


def written(value: float, digits: int) -> str:
    """``format_computed(value, digits)`` (a finite or infinite number; "≈0" for rounding noise)."""
    key = (float(value), int(digits))
    text = _WRITTEN.get(key)
    if text is None:
        if len(_WRITTEN) >= KEPT:
            _WRITTEN.clear()
        text = _WRITTEN[key] = format_computed(key[0], key[1])
    return text
