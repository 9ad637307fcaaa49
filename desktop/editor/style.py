"""Colours, sizes and the value → pen mapping of the canvas.

The sign palette is Okabe & Ito's blue and orange, which stay distinct for the
common colour-vision deficiencies (and in greyscale: the blue is darker).
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

from desktop import colours

# the sign colours are the whole window's (desktop/colours.py): the heatmaps use the same ones
POSITIVE = QColor(colours.POSITIVE)  # blue
NEGATIVE = QColor(colours.NEGATIVE)  # orange
ZERO = QColor(colours.ZERO)
REMOVED = QColor("#B8B8B8")
REFUSED = QColor("#D62728")
SELECTED = QColor("#202020")
CARD_FILL = QColor("#F4F6F8")
CARD_BORDER = QColor("#5F6B77")
CARD_SELECTED = QColor("#1F4E9A")
NEURON_FILL = QColor("#FFFFFF")
TEXT = QColor("#1A1A1A")
MUTED_TEXT = QColor("#5A5A5A")
PORT_FILL = QColor("#1F4E9A")
CANVAS = QColor("#FFFFFF")
DELTA_RING = QColor("#CC79A7")  # Okabe & Ito's reddish purple: a neuron showing δ
FORWARD_STEP = QColor("#009E73")  # Okabe & Ito's bluish green: the layer just computed and the edges feeding it

NEURON_RADIUS = 22.0
NEURON_SPACING = 54.0
CARD_PADDING = 10.0
#: the least room between two facing layer cards, for their edges (card_spacing.card_gap)
MIN_CARD_GAP = 48.0
#: layers with more units than this are drawn as one block with a count
COLLAPSE_ABOVE = 24
COLLAPSED_HEIGHT = 120.0
#: connections with at most this many edges show each weight as a number
MAX_LABELLED_EDGES = 18
#: … and only while the whole canvas draws at most this many single edges (numbers would clutter more)
MAX_LABELLED_TOTAL = 48
MIN_PEN, MAX_PEN = 0.8, 6.0
#: no canvas text is drawn smaller than this on screen (em height in pixels), however far the view zooms out:
#: below it a font grows in scene units (``screen_font``), and what then has no room moves beside or hides
MIN_TEXT_PX = 9.0
#: the size canvas texts take when the network has the room (``NetworkView.fit`` tries it first): the panels'
#: font, 9 pt at 96 dpi, whose digits are 9 px tall (at ``MIN_TEXT_PX`` they are 7 px, beside 9 px in the Inspector)
READABLE_TEXT_PX = 12.0
#: 9 px texts in a network that has the room to keep its numbers off the circles' rims (``fit_zoom.fit_readable``
#: tries it after the larger sizes): a number that needs a larger circle sits beside its circle
#: (``LayerNumbers.numbers_beside``; the cards grow wider, not taller), and the gaps between cards hold an edge's
#: widest number (``card_spacing.card_gap``, as for every size above ``MIN_TEXT_PX``, of which it is a hundredth
#: of a pixel more). At ``MIN_TEXT_PX`` a number runs over its rim on a white plate ("0.07126" in
#: three_classes_softmax's output at 1400×900) and over its caption (δ₀'s index under "−0.8564")
ROOMY_MIN_TEXT_PX = MIN_TEXT_PX + 0.01


def sign_colour(value: float) -> QColor:
    if value > 0:
        return POSITIVE
    if value < 0:
        return NEGATIVE
    return ZERO


def value_pen(value: float, scale: float) -> QPen:
    """A pen whose colour is the sign of ``value`` and width grows with |value| / scale."""
    frac = 0.0 if scale <= 0 or not math.isfinite(value) else min(abs(value) / scale, 1.0)
    pen = QPen(sign_colour(value), MIN_PEN + (MAX_PEN - MIN_PEN) * frac)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def glow(colour: QColor, alpha: int = 95) -> QColor:
    """A translucent ``colour`` drawn wide under a line to highlight it."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def removed_pen() -> QPen:
    pen = QPen(REMOVED, 1.2, Qt.PenStyle.DashLine)
    return pen


def font(point_size: float = 9.0, bold: bool = False) -> QFont:
    """The canvas's font of ``point_size`` points (a copy: the caller may change it)."""
    return QFont(_font(float(point_size), bool(bold)))


def scene_font(scene, points: float, bold: bool = False) -> QFont:
    """The scene's readable font (never under ``MIN_TEXT_PX`` on screen), or the plain one off a scene."""
    return scene.text_font(points, bold) if scene is not None and hasattr(scene, "text_font") else font(points, bold)


@functools.lru_cache(maxsize=512)
def _font(point_size: float, bold: bool) -> QFont:
    f = QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def metrics(font: QFont) -> QFontMetricsF:
    """The metrics of one of the canvas's fonts, kept (texts are measured many times a frame)."""
    key = (font.family(), font.pointSizeF(), font.bold())
    found = _METRICS.get(key)
    if found is None:
        if len(_METRICS) > 256:
            _METRICS.clear()
        found = _METRICS[key] = QFontMetricsF(font)
    return found


_METRICS: dict[tuple[str, float, bool], QFontMetricsF] = {}


def screen_font(point_size: float, view_scale: float, dpi: float = 96.0, bold: bool = False,
                floor_px: float = MIN_TEXT_PX) -> QFont:
    """A canvas font of ``point_size`` points at zoom 1, never less than ``floor_px`` pixels tall on a
    screen of ``dpi`` that shows the scene at ``view_scale``: em(px) = points · dpi / 72 · view_scale."""
    smallest = floor_px * 72.0 / max(dpi, 1.0) / max(view_scale, 1e-3) * 1.001  # not 8.9999 px by rounding
    return font(max(point_size, smallest), bold)


#: (family, points, bold, text, digits) → ``number_width`` of the text in that font: an edge's number
#: is measured again each time its edge moves, hundreds of times a Fit, mostly the same texts
_NUMBER_WIDTHS: dict[tuple, float] = {}


def number_width_in(font: QFont, text: str, digits: int) -> float:
    """``number_width`` of ``text`` in ``font`` (its ``metrics``), kept by the font's family, size and weight."""
    key = (font.family(), font.pointSizeF(), font.bold(), text, digits)
    found = _NUMBER_WIDTHS.get(key)
    if found is None:
        if len(_NUMBER_WIDTHS) > 20000:
            _NUMBER_WIDTHS.clear()
        found = _NUMBER_WIDTHS[key] = number_width(metrics(font), text, digits)
    return found


def number_width(metrics: QFontMetricsF, text: str, digits: int) -> float:
    """The room of a number written with ``digits`` significant digits: when ``core.format_number``
    wrote it with fewer (it is exact: "0.5", "3"), one digit more ("0.5" takes the room of "0.50").
    A number's box sized so keeps its size, and so its place, while training moves the number off
    and on such a value. Other texts (1.2e−5, "?") take their own width."""
    width = metrics.horizontalAdvance(text)
    figures = text.lstrip("−-").replace(".", "")
    if "e" in text or not figures.isdigit() or len(figures.lstrip("0")) >= digits:
        return width
    return width + metrics.horizontalAdvance("0") + (0.0 if "." in text else metrics.horizontalAdvance("."))


def fitting_font(text: str, width: float, largest: float = 9.5) -> QFont:
    """The largest font (down to 6 pt) in which ``text`` fits ``width`` pixels."""
    size = largest
    while size > 6.0:
        f = font(size)
        if QFontMetricsF(f).horizontalAdvance(text) <= width:
            return f
        size -= 0.5
    return font(6.0)
