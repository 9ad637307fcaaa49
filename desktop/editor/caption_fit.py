"""How much room a neuron's caption (x₀, a₁, δ₀, x₀²) takes as ``card_painter`` writes it: its symbol
``SYMBOL_SCALE`` times larger than its index, the index a digit of its own lowered by ``INDEX_DROP``;
what fits a circle, alone or above a number, and how wide an input's "x₀ 6.8" is. ``LayerNumbers``
sizes the cards by these, ``card_painter`` paints by the same rules."""

from __future__ import annotations

from . import style

#: a caption's symbol is this much larger than its index (as in print: a₀, δ₁), so that a "δ" stands out
#: from a "6" even at the canvas's smallest text
SYMBOL_SCALE = 1.25
#: a feature caption's ink keeps this far inside its circle: the outline's half width (scene units: it is
#: 1.4 wide) and a pixel of air on screen (``feature_ink_in_circle``)
RIM, RIM_AIR_PX = 0.7, 1.0
#: a caption's index is written this many of its font's ascents below the symbol's baseline (``CardPlan.caption_ops``)
INDEX_DROP = 0.3
#: … and this many ascents right of the symbol (the index's ink never touches the symbol's)
INDEX_GAP = 0.12
#: the subscript digits of a caption's index ("δ₀"), and back to the digits they are painted with
SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"
DIGITS = str.maketrans(SUBSCRIPTS, "0123456789")


def is_feature(caption: str) -> bool:
    """Whether ``caption`` names an input feature (x₀x₁, sin x₁, x₀²), not a symbol and its index (x₀, δ₁)."""
    head = caption.rstrip(SUBSCRIPTS)
    return head == caption or len(head) != 1


def named_value_width(number_font, caption_font, caption: str, text: str) -> float:
    """How wide ``paint_card_numbers`` writes an input's name and value beside its circle ("x₀ 6.8": the
    caption as ``CardPlan.caption_ops`` writes it for ``NUMBER``, its symbol in ``number_font`` and its
    index in ``caption_font``, 2 more, a space, the value), without the plate's 6 around it."""
    fm = style.metrics(number_font)
    head = caption.rstrip(SUBSCRIPTS)
    if is_feature(caption):
        named = fm.horizontalAdvance(caption)
    else:
        index = style.metrics(caption_font)
        named = fm.horizontalAdvance(head) + index.ascent() * INDEX_GAP + \
            index.horizontalAdvance(caption[len(head):].translate(DIGITS))
    return named + 2 + fm.horizontalAdvance(" ") + fm.horizontalAdvance(text)


def ink_in_circle(metrics, text: str, baseline: float, radius: float, scale: float) -> bool:
    """Whether ``text``'s ink (written with ``metrics``), centred left to right on its advance and its
    baseline ``baseline`` below the centre of a circle of ``radius``, lies inside the rim: each corner
    of its tight box within radius − ``RIM`` − a pixel (at zoom ``scale``) of the centre."""
    ink = metrics.tightBoundingRect(text)
    left = -metrics.horizontalAdvance(text) / 2 + ink.left()
    reach = (radius - RIM - RIM_AIR_PX / scale) ** 2
    return all(x * x + y * y <= reach for x in (left, left + ink.width())
               for y in (baseline + ink.top(), baseline + ink.bottom()))


def feature_ink_in_circle(metrics, caption: str, radius: float, scale: float) -> bool:
    """Whether a feature caption's ink (written with ``metrics``), centred in a circle of ``radius`` as
    ``CardPlan.caption_ops`` writes it (its line box centred on the centre), lies inside the rim
    (``ink_in_circle``). Its width within the circle's was not enough: "sin x₀" as wide as the circle
    ran over its edge left and right (early_stopping at 1400×900, from the Loss phase on); the plate
    beside the circle names it then."""
    return ink_in_circle(metrics, caption, metrics.ascent() - metrics.height() / 2, radius, scale)


def caption_over_number_height(caption_font) -> float:
    """The height a caption in ``caption_font`` takes above a number (``CardPlan.caption_height`` of
    ``CAPTION``): its symbol's ascent (``SYMBOL_SCALE`` larger), its index's drop and a pixel."""
    symbol = style.metrics(style.font(caption_font.pointSizeF() * SYMBOL_SCALE))
    return symbol.ascent() + style.metrics(caption_font).ascent() * INDEX_DROP + 1


def number_top(number_metrics, caption_height: float, radius: float) -> tuple[float, bool]:
    """(the top of a number's line box below its circle's centre, whether the caption is written above
    it): the caption's room ``caption_room`` and the number's line (h = ascent + descent) centred
    together on the centre when both fit the circle's height (h + room ≤ 2r + 2), the number alone
    centred otherwise (``paint_card_numbers``)."""
    hn = number_metrics.height()
    hc = caption_room(number_metrics, caption_height)
    if hn + hc <= 2 * radius + 2:
        return -(hn + hc) / 2 + hc, True
    return -hn / 2, False


def number_ink_in_circle(number_metrics, text: str, caption_height: float, radius: float, scale: float) -> bool:
    """Whether a neuron's number ``text`` (its font's ``number_metrics``), written where ``number_top``
    puts it under its caption, has its ink inside its circle with a pixel of air (``ink_in_circle``):
    three_classes_softmax's "−0.3992" and skip_connection's "0.7639" ran over the rims at 1400×900."""
    top, _ = number_top(number_metrics, caption_height, radius)
    return ink_in_circle(number_metrics, text, top + number_metrics.ascent(), radius, scale)


def name_fits_circle(caption_font, caption: str, radius: float, scale: float = 1.0) -> bool:
    """Whether ``caption`` fits a circle of ``radius`` alone, written for ``caption_font`` (its symbol
    ``SYMBOL_SCALE`` larger, its index in ``caption_font``), as ``CardPlan.caption_fits`` finds it for
    ``CAPTION``, the smaller of the two fonts a caption alone is tried in (at zoom ``scale``)."""
    symbol = style.metrics(style.font(caption_font.pointSizeF() * SYMBOL_SCALE))
    index = style.metrics(caption_font)
    if is_feature(caption):
        return index.horizontalAdvance(caption) <= 2 * radius and feature_ink_in_circle(index, caption, radius, scale)
    head = caption.rstrip(SUBSCRIPTS)
    width = symbol.horizontalAdvance(head) + index.ascent() * INDEX_GAP + \
        index.horizontalAdvance(caption[len(head):].translate(DIGITS))
    return width <= 2 * radius and symbol.ascent() <= 2 * radius - 2


def caption_room(number_metrics, caption_height: float) -> float:
    """The height a caption takes above a number inside a circle: its own, less the number's line
    above its digits' ink (a pixel apart)."""
    return caption_height - (number_metrics.ascent() - number_metrics.capHeight()) + 1


def name_fits_over_number(inside_font, caption_font, radius: float) -> bool:
    """Whether a caption in ``caption_font`` (its symbol ``SYMBOL_SCALE`` larger, its index lowered by
    ``INDEX_DROP``) and under it a number in ``inside_font`` fit a circle of ``radius`` (as
    ``paint_card_numbers`` writes them: ``CardPlan.caption_height``)."""
    return number_top(style.metrics(inside_font), caption_over_number_height(caption_font), radius)[1]
