"""How a gradient heatmap's cells write their numbers (``Writing``), from the most readable to the most
compact: ``HeatmapCells`` takes the first whose numbers fit the cells on screen.

1. the canvas's significant digits, then fewer (``digits_to_try``), in the cells' font (``CELL_POINTS``);
2. the same in the small font (``SMALL_CELL_PIXELS``, 8 px: still legible);
3. in units (``unit_for``): each cell a whole number of a power of ten, 10 to 99 for the largest |dL/dw|
   of the connection (``unit_text``: −0.0051 in units of 0.0001 is "−51"); for a unit above 10⁻³ the value
   itself rounded to it instead ("−4.3" for −4.273 in tenths: no factor, ``says_unit``); a tiny unit is written in the plot's
   title ("h → y (×10⁻⁴)", ``unit_words``) and said under the plots, the exact value on hover; in the cells' font, then
   the small one (a unit of 1 is not written: those cells are the numbers rounded to whole ones, said as
   rounded, ``says_unit``). skip_connection at 1024×700 has cells of about 22 × 10 px: "−0.0051" needs 39 px,
   "−51" 21.

A connection's cells that fit none are blank (the line under the plots says why).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.hand_check import NEAR_ZERO, is_rounding_noise
from core.notation import MINUS

from .heatmap_plot import cell_text, scale_text

#: the pixel size of the small font the cells fall back to (8 px: digits about 6 px tall, still legible)
SMALL_CELL_PIXELS = 8
#: the widest whole number a cell writes in units: the largest |dL/dw| reads 10 to 99 units
WIDEST_IN_UNITS = f"{MINUS}99"


@dataclass(frozen=True)
class Writing:
    """One way of writing a connection's cells: ``digits`` significant digits (``cell_text``), or with
    ``unit`` (a power of ten) a whole number of units each (``unit_text``); in the small font when ``small``."""
    digits: int | None
    small: bool = False
    unit: float | None = None

    def text(self, value: float) -> str:
        return cell_text(value, self.digits) if self.unit is None else unit_text(value, self.unit)


def unit_for(values) -> float | None:
    """The power of ten in which the largest |value| is a whole number from 10 to 99 (None: all 0)."""
    largest = max((abs(float(v)) for v in values if math.isfinite(float(v))), default=0.0)
    if largest == 0 or is_rounding_noise(largest):
        return None
    exponent = math.floor(math.log10(largest)) - 1
    if round(largest / 10.0 ** exponent) >= 100:  # (99.6 units would read 100)
        exponent += 1
    return 10.0 ** exponent


#: the largest unit said as a factor (title, line under the plots): a tiny one, 10⁻³ and below. A larger one is
#: not a factor: its cells are the numbers themselves, rounded to it ("−4.3" for −4.273 in tenths; "x → h (×0.1)"
#: over "−43" beside the canvas's −4.273 read as ten times the gradient: review 24 #8)
LARGEST_SAID_UNIT = 1e-3


def says_unit(unit: float | None) -> bool:
    """Whether cells written in ``unit`` need it said (title, line under the plots): only a tiny one
    (``LARGEST_SAID_UNIT``); in a larger one the cells are the numbers themselves, rounded to it (``unit_text``)."""
    return unit is not None and unit <= LARGEST_SAID_UNIT * (1 + 1e-9)


def unit_text(value: float, unit: float) -> str:
    """``value`` as a whole number of a tiny ``unit`` (``says_unit``): "−51" for −0.0051 in units of 0.0001; in a
    larger one, the value itself rounded to the unit: "−4.3" for −4.273 in tenths, "−19" for −19.2 in ones, as the
    canvas writes it, fewer digits. "0" for exactly 0 and "≈0" for a value (or rounding noise) below half a unit,
    which is not 0."""
    if value == 0:
        return "0"
    count = round(value / unit)
    if count == 0 or is_rounding_noise(value):
        return NEAR_ZERO
    if says_unit(unit):
        return str(int(count)).replace("-", MINUS)
    places = max(0, -round(math.log10(unit)))
    return f"{count * unit:.{places}f}".replace("-", MINUS)


def unit_words(unit: float) -> str:
    """The unit as a plot's title and the line under the plots write it, short (a title shares a narrow
    plot's width): "×0.01", "×0.1", "×1", "×10"; below 0.01 as a power of ten, "×10⁻⁴" (the notation of
    a scale's multiplier: "×1e−4" read as one more number beside the cells')."""
    exponent = round(math.log10(unit))
    if exponent >= -2:
        return f"×{scale_text(unit)}"
    return f"×10{str(exponent).translate(SUPERSCRIPTS)}"


#: digits and the minus sign as superscripts (an exponent)
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
