"""Whether a written calculation checks by hand, and the sign that says so.

The application writes products, sums and differences out with rounded numbers
("dL/dw = 0.6900 · 0.2444 · (−0.3492) = …"). One rule for all of them:

* **= or ≈.** A student computes with the operands *as written* (exactly, in decimals) and
  rounds the result to the written result's last digit. When that gives the written result,
  the line says "="; when it does not (0.6900 · 0.2444 · (−0.3492) = −0.058889…, but the
  computed value is −0.0588997… → "−0.05890"), it says "≈": the result is the exact
  computation rounded, and the operands were rounded first. ``relation`` decides,
  ``product_line`` and ``sum_line`` write whole lines.
* **Rounding noise reads ≈0.** A computed number that is not exactly 0 but at most
  ``NOISE`` times the size of the numbers it comes from (0.5999999999999999 − 0.6 =
  −1.1e−16) is zero up to floating-point rounding: it is written "≈0" standalone and
  "≈ 0" as a result (``format_computed``), "0" as an operand. Where the numbers it comes
  from are not at hand (a gradient on the canvas, in a heatmap cell, in the Inspector) their
  size is taken as 1: activations, targets and weights are of order one.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, localcontext

from .notation import MINUS, NOISE, format_number

__all__ = ["APPROXIMATELY_NOTE", "NEAR_ZERO", "NOISE", "approximately", "with_note", "checks_by_hand", "format_computed", "is_rounding_noise", "stated",
           "product_line", "relation", "sum_line", "written", "written_factor"]

#: how a number that is rounding noise reads on its own (canvas, heatmap cell, Inspector)
NEAR_ZERO = "≈0"


#: said once under a derivation that writes "≈": what the sign means
APPROXIMATELY_NOTE = ("≈: the numbers as written are rounded, so by hand they give another last digit; "
                      "the result is computed before rounding.")


def with_note(lines: list[str]) -> list[str]:
    """``lines`` and, when one of them says "≈" of a number, ``APPROXIMATELY_NOTE`` after them."""
    return [*lines, "", APPROXIMATELY_NOTE] if any(" ≈ " in line for line in lines) else list(lines)


def is_rounding_noise(x: float, scale: float = 1.0) -> bool:
    """Whether ``x`` is not 0 but at most ``NOISE`` · max(1, |scale|): zero up to rounding (never, for an
    infinite ``scale``: a result that cannot be noise)."""
    x, scale = float(x), abs(float(scale))
    return x != 0 and math.isfinite(x) and math.isfinite(scale) and abs(x) <= NOISE * max(1.0, scale)


def format_computed(x: float, digits: int = 4, scale: float = 1.0) -> str:
    """A computed number as written on its own: ``format_number``, or "≈0" for rounding noise
    (``is_rounding_noise`` at ``scale``, the size of the numbers it comes from); "≈" before a short
    form that ``format_number`` takes for exact (within 1e−9) but that misses ``x`` by more than
    rounding noise: an output trained to 0.9999999996 reads "≈1", not the "1" of an exact 1.

    A value that rounds to ±1 at ``digits`` without being ±1 reads "≈1" or "≈−1" however near it is
    (``SATURATED``): a saturated tanh, sigmoid or softmax output. One tanh card wrote three such
    values three ways, "≈1" (tanh 11.37), "1.000" (tanh 5.864) and "−1.000" (tanh −6.042), and
    a student could not tell which were exactly 1."""
    if is_rounding_noise(x, scale):
        return NEAR_ZERO
    text = format_number(x, digits)
    if _short_for_near(x, text, digits):
        return "≈" + text
    return "≈" + SATURATED[text.startswith(MINUS)] if _rounds_to_one(x, text) else text


def stated(x: float, digits: int = 4, scale: float = 1.0) -> str:
    """``format_computed`` after a name, with its sign: "= 0.5", or "≈ 1" for a number that reads "≈1"
    ("δ_y0 ≈ 1", "L ≈ 1": never "= ≈1")."""
    text = format_computed(x, digits, scale)
    return f"≈ {text[1:]}" if text.startswith("≈") else f"= {text}"


#: how a value that rounds to 1 or −1 but is not that reads (``format_computed``)
SATURATED = {False: "1", True: MINUS + "1"}


def _rounds_to_one(x: float, text: str) -> bool:
    """Whether ``text`` (``format_number`` of ``x``) writes ±1 ("1.000", "−1.00") while ``x`` is off it
    by more than ``NOISE``."""
    if not re.fullmatch(r"1(\.0*)?", text.lstrip(MINUS)):
        return False
    off = abs(abs(float(x)) - 1.0)
    return math.isfinite(off) and off > NOISE


def _short_for_near(x: float, text: str, digits: int) -> bool:
    """Whether ``text`` (``format_number(x, digits)``, positional) has fewer than ``digits`` significant
    digits, which says "exact", while ``x`` is off it by more than ``NOISE`` of its size."""
    figures = text.lstrip(MINUS).replace(".", "").lstrip("0")
    if "e" in text or not figures.isdigit() or len(figures) >= digits:
        return False
    off = abs(float(x) - float(text.replace(MINUS, "-")))
    return math.isfinite(off) and off > NOISE * max(1.0, abs(float(x)))


def written(x: float, digits: int, scale: float = 1.0) -> Decimal:
    """The value a student reads from ``x`` written with ``digits`` (0 for rounding noise)."""
    if is_rounding_noise(x, scale):
        return Decimal(0)
    return _value(format_number(x, digits))


def written_factor(x: float, digits: int, scale: float = 1.0) -> str:
    """``x`` as an operand of a written calculation: negative in parentheses, "(−0.5)"; "0" for noise."""
    if is_rounding_noise(x, scale):
        return "0"
    text = format_number(x, digits)
    return f"({text})" if text.startswith(MINUS) else text


def relation(hand, result: float, digits: int, scale: float = 1.0) -> str:
    """"= R" or "≈ R": R is ``result`` written with ``digits`` ("0" when it is rounding noise at
    ``scale``); "=" when ``hand`` (the calculation done on the written operands, a Decimal or
    float) rounds to R at R's last digit, "≈" otherwise (and always for noise or a non-finite R)."""
    if is_rounding_noise(result, scale):
        return "≈ 0"
    text = format_number(result, digits)
    return ("= " if checks_by_hand(hand, text) else "≈ ") + text


def approximately(hand, text: str) -> str:
    """A result standing on its own beside the operands it comes from (a canvas number): ``text``
    when ``hand`` rounds to it, "≈" + ``text`` when not ("≈0" stays as it is)."""
    try:
        finite = _value(text).is_finite()
    except ArithmeticError:  # "?", "∞": no number to check
        return text
    if not finite or hand is None or checks_by_hand(hand, text):
        return text
    return "≈" + text


def product_line(factors, result: float, digits: int, sep: str = " · ") -> str:
    """"a · b · c = r" (or "≈ r", ``relation``): the factors as written (``written_factor``), the
    product ``result`` as computed. A product makes no rounding noise of its own: it is "≈ 0" only
    when a factor is noise (written "0"); 5.5e−6 · 2e−7 stays 1.1e−12."""
    factors = [float(f) for f in factors]
    hand = Decimal(1)
    for f in factors:
        hand *= written(f, digits)
    text = sep.join(written_factor(f, digits) for f in factors)
    if any(is_rounding_noise(f) for f in factors):
        return f"{text} ≈ 0"
    return f"{text} {relation(hand, result, digits, math.inf)}"


def sum_line(terms, result: float, digits: int, scale: float = 1.0) -> str:
    """"a + b + c = r" (or "≈ r"): the terms as written, their sum ``result`` as computed ("0 = r"
    for no terms)."""
    terms = [float(t) for t in terms]
    hand = sum((written(t, digits) for t in terms), Decimal(0))
    text = " + ".join(written_factor(t, digits) for t in terms) or "0"
    return f"{text} {relation(hand, result, digits, scale)}"


def _value(text: str) -> Decimal:
    """The exact value of a number as ``format_number`` writes it ("−2.22e−16", "0.05890")."""
    return Decimal(text.replace(MINUS, "-"))


def checks_by_hand(hand, text: str) -> bool:
    """Whether ``hand`` rounded at the last digit of ``text`` gives ``text``: |hand − R| ≤ half a unit
    of R's last digit (ties either way)."""
    try:
        value = _value(text)
    except ArithmeticError:
        return False
    if not value.is_finite():
        return False
    with localcontext() as context:
        context.prec = 60
        hand = Decimal(hand) if not isinstance(hand, Decimal) else hand
        unit = Decimal(1).scaleb(value.as_tuple().exponent)
        return abs(hand - value) <= unit / 2
