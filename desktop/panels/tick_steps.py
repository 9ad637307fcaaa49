"""The numbers a plot's axis ticks: plain tick labels (``plain_number``) and the steps between ticks
(1, 2, 4, 5 × 10^k: ``next_step``, ``previous_step``), as ``plotting.PlainAxis`` chooses them."""

from __future__ import annotations

import math


def plain_number(value: float, spacing: float) -> str:
    """``value`` rounded to the precision of ``spacing`` (a tick step), without an SI prefix:
    plain decimals from 0.0001 to 99,999, else 3 significant digits with an exponent."""
    if not math.isfinite(value):
        return ""
    if spacing > 0 and abs(value) < spacing * 1e-3:
        return "0"
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-4):
        mantissa, _, exponent = f"{value:.3g}".partition("e")
        return f"{mantissa}e{int(exponent)}".replace("-", "−") if exponent else mantissa.replace("-", "−")
    places = min(8, max(0, math.ceil(-math.log10(spacing) - 1e-9))) if spacing > 0 else 3
    text = f"{value:.{places}f}"
    if text.lstrip("-").strip("0.") == "":
        text = "0"
    return text.replace("-", "−")


def next_step(step: float) -> float:
    """The tick step after ``step``, a power of ten times 1, 2, 4 or 5: 0.2 → 0.4 → 0.5 → 1 → 2 → 4 → 5
    → 10 (labels a student reads at a glance; 0.2 doubled twice jumped from 0.4 to 1 and left a
    narrow plot one tick)."""
    power = 10.0 ** math.floor(math.log10(step) + 1e-9)
    return next(m * power for m in (1.0, 2.0, 4.0, 5.0, 10.0) if m * power > step * (1 + 1e-9))


def previous_step(step: float) -> float:
    """The tick step before ``step`` among ``next_step``'s (1, 2, 4, 5 × 10^k): 1 → 0.5 → 0.4 → 0.2 → 0.1."""
    power = 10.0 ** math.floor(math.log10(step) + 1e-9)
    return next(m * power for m in (5.0, 4.0, 2.0, 1.0, 0.5) if m * power < step * (1 - 1e-9))


def labelled_ticks(low: float, high: float, step: float) -> int:
    """How many multiples of ``step`` lie in [low, high]: the ticks an axis labels at that step."""
    return max(0, math.floor(high / step + 1e-9) - math.ceil(low / step - 1e-9) + 1)


def two_ticks(low: float, high: float, apart: float, step: float, allowed) -> tuple[float, float, float] | None:
    """(first, last, fine): two tick values in [low, high] at least ``apart`` from each other, both
    multiples of ``fine``, the coarsest of ``step`` and the steps below it (``previous_step``) that
    ``allowed(fine)`` lets an axis use; None when none does. A short vertical axis whose tick step
    has only one multiple in range gets a scale all the same: −0.08 … 0.69 on 26 px labels 0.1 and 0.5
    (0.4 alone read as no scale, 0.2 and 0.4 would touch)."""
    fine = step
    for _ in range(12):
        if not allowed(fine):
            return None
        first = math.ceil(low / fine - 1e-9) * fine
        last = math.floor(high / fine + 1e-9) * fine
        if last - first >= apart * (1 - 1e-9) and last > first:
            return first, last, fine
        fine = previous_step(fine)
    return None
