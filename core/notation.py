"""How numbers and names are written for a student: significant digits, the minus sign, labels.

Every number the application shows a student goes through ``format_number``:
``digits`` significant digits, U+2212 for minus, never "-0", scientific notation
only far from 1. ``difference_digits`` and ``exact_enough`` choose digits so that a
written calculation checks by hand; ``neuron_label``, ``neuron_symbol``, ``slope_label``,
``weight_label`` and ``edge_label`` name what the numbers belong to, as the lessons write them
(a_x0, z_h0, σ'(z_h0), δ_y0, w[h→y][0,1], h1 → y0): every panel that names one of them uses these.
"""

from __future__ import annotations

import math

import numpy as np

MINUS = "−"

__all__ = ["LOSS_FLOOR", "MINUS", "change_text", "counted", "difference_digits", "exact_enough", "factor", "format_change", "format_loss",
           "format_number",
           "format_loss_parts",
           "ACTIVATION_PRIME", "SLOPE_RULE", "edge_label", "neuron_label", "neuron_symbol", "slope_label", "slope_meaning",
           "slope_name", "weight_label"]

#: a number at most this share of the numbers it comes from is zero up to floating-point rounding
#: (``core.hand_check`` writes it "≈0")
NOISE = 1e-12

#: a nonzero loss below this is a perfect fit up to floating-point rounding (4.93e−32, 1e−20 read "< 1e−12";
#: an exact 0 reads "0")
LOSS_FLOOR = 1e-12


def format_number(x: float, digits: int = 4) -> str:
    """``x`` with ``digits`` significant digits, as a student would write it.

    A rounded number keeps its zeros, which are digits of it (−0.0588997 → "−0.05890", 4.9999959 →
    "5.000": one dL/dw beside another reads as known to as many digits); a number that its
    shorter form writes exactly (to 1e−9 relative: 0.6, 5, 0.49 computed as 0.48999999999999994)
    stays short. Never "-0": negative zero and values that round to zero print "0".
    Scientific notation (``1.23e−5``, no padded exponent) for |x| < 1e-4 or
    |x| ≥ 1e6, positional otherwise (``0.6457``, ``12.5``, ``123500``).
    The minus sign is U+2212 (−); NaN prints "nan", infinities "∞"/"−∞".
    """
    x = float(x)
    digits = max(1, int(digits))
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "∞" if x > 0 else MINUS + "∞"
    if x == 0 or float(f"{x:.{digits - 1}e}") == 0:
        return "0"
    if abs(x) < 1e-4 or abs(x) >= 1e6:
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}e{int(exponent)}"
    else:
        text = np.format_float_positional(x, precision=digits, unique=False, fractional=False, trim="-")
        if not math.isclose(float(text), x, rel_tol=1e-9):  # rounded: its zeros are digits (−0.05890, not −0.0589)
            rounded = float(f"{x:.{digits - 1}e}")
            text = f"{rounded:.{max(0, digits - 1 - math.floor(math.log10(abs(rounded))))}f}"
    if text.lstrip("-") in ("0", "0.", ""):
        return "0"
    return text.replace("-", MINUS)


def counted(n: int, noun: str) -> str:
    """"1 input", "2 inputs": ``n`` and the noun, in the plural only when ``n`` is not 1."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def listed(parts: list[str]) -> str:
    """"a", "a and b", "a, b and c"; "" for none."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + (" and " + parts[-1] if parts else "")


def format_loss(x: float, digits: int = 4) -> str:
    """A loss as the window writes it: ``format_number``, except that a nonzero loss below
    ``LOSS_FLOOR`` (4.93e−32: a perfect fit up to rounding) reads "< 1e−12" in every lesson. An
    exact 0 reads "0" (guided_perceptron's trained loss is exactly 0, beside "Every dL/dw is exactly 0")."""
    x = float(x)
    if x == 0:
        return "0"
    if math.isfinite(x) and abs(x) < LOSS_FLOOR:
        return "< " + format_number(LOSS_FLOOR, 1)
    return format_number(x, digits)


def format_loss_parts(loss: float, penalty: float | None, digits: int = 4) -> str:
    """A training loss with its parts when a regularization penalty is on: L = data loss + penalty,
    '0.54 (data loss 0.49 + penalty 0.05)'; without one (``penalty`` None) plain ``format_loss``:
    '0.49'. Every panel writes a penalized loss so, and the student can add the two parts up; when
    the parts as written do not give L as written, "≈" says so: '0.3161 (≈ data loss … + penalty …)'
    (``core.hand_check``)."""
    if penalty is None or not math.isfinite(float(penalty)):
        return format_loss(loss, digits)
    from .hand_check import approximately  # (it writes with this module's numbers)

    total = format_loss(loss, digits)
    for finer in (1, 2, 3):  # the parts a place finer than L; where that rounds to a tie, finer still
        data, written = loss_parts(loss, penalty, digits, finer)
        if approximately(_exact(data) + _exact(written), total) == total:
            return f"{total} (data loss {data} + penalty {written})"
    return f"{total} (≈ data loss {data} + penalty {written})"


def _exact(text: str):
    """The exact value of a written number (``core.hand_check``'s reading; "< 1e−12" reads 0)."""
    from decimal import Decimal

    from .hand_check import _value

    return Decimal(0) if text.startswith("<") else _value(text)


def loss_parts(loss: float, penalty: float, digits: int = 4, finer: int = 1) -> tuple[str, str]:
    """(data loss, penalty) of L = data loss + penalty as written beside L written with ``digits``:
    each ``finer`` places finer than L, so that they add up to it as written (one place is not
    always enough: 100.85 + 0.00001 rounds to 100.9, not the 100.8 of L = 100.8477)."""
    loss, penalty = float(loss), float(penalty)
    data = loss - penalty
    return (format_loss(data, _part_digits(data, loss, digits, finer)),
            format_number(penalty, _part_digits(penalty, loss, digits, finer)))


def _part_digits(part: float, total: float, digits: int, finer: int = 1) -> int:
    """Significant digits for one part of a written sum: its last digit ``finer`` places below the
    total's (written with ``digits``), so that the parts as written add up to the total as written
    (0.0001181 + 0.0053174 = 0.0054355 ≈ 0.005436, not 0.0001181 + 0.005317 = 0.0054351)."""
    if not (math.isfinite(part) and math.isfinite(total)) or part == 0 or total == 0:
        return digits
    last = math.floor(math.log10(abs(total))) - digits - (finer - 1)  # ``finer`` places below the total's last digit
    return min(digits + 2 + finer, max(1, math.floor(math.log10(abs(part))) - last + 1))


def factor(x: float, d: int) -> str:
    """``x`` as a factor of a written product: negative numbers in parentheses, "(−0.5)"."""
    text = format_number(x, d)
    return f"({text})" if text.startswith(MINUS) else text


def difference_digits(y: float, t: float, digits: int) -> int:
    """Significant digits for y and t so that their written difference y − t is the one computed:
    ``digits``, plus one per factor of 10 that |y − t| is smaller than |y| or |t| (at most 17).
    (0.5000010 − 0.5, not "0.5 − 0.5 = 1.027e−6".) A gap that is rounding noise (at most ``NOISE``
    of them, ``core.hand_check``) gets ``digits``: 0.6 − 0.6, never 0.5999999999999999 − 0.6."""
    gap = abs(float(y) - float(t))
    scale = max(abs(float(y)), abs(float(t)))
    if gap == 0 or not math.isfinite(gap) or gap <= NOISE * max(1.0, scale):  # rounding noise: y = t as written
        return digits
    return int(min(17, digits + max(0, math.floor(math.log10(scale / gap)))))


#: how far the written old → new may miss the change, as a share of it (5 %: its first two digits read right)
CHANGE_TOLERANCE = 0.05


def format_change(old: float, new: float, digits: int, most: int = 17) -> tuple[str, str, str | None]:
    """(old, new, Δ) as a step's change of one parameter is written, so that a change never reads as none.

    old and new get ``digits`` significant digits, or as many more as it takes for the written
    pair to differ by the change, to within ``CHANGE_TOLERANCE`` of it (5 → 4.999996, not 5 → 5: a
    change of −4.06e−6 would be rounded away; 3 → 2.9999947 for −5.3e−6, not 3 → 2.99999, which a
    student would read as twice the step); Δ is None. When that takes more than ``most`` digits, old and new keep
    ``digits`` and Δ = new − old is written with ``digits`` ("−4.056e−12"): the change is then
    said in its own number. Equal numbers are written alike (5 → 5, Δ None)."""
    old, new, digits = float(old), float(new), max(1, int(digits))
    if old == new or not (math.isfinite(old) and math.isfinite(new)):
        return format_number(old, digits), format_number(new, digits), None
    needed = max(digits, difference_digits(old, new, 1))
    change = new - old
    # until the written pair differs by the change to within CHANGE_TOLERANCE (3 − 5.3e−6 is
    # "2.9999947", not "2.99999": a student's 3 − 2.99999 = 1e−5 would be twice the step taken)
    while needed < 17 and abs((_written(new, needed) - _written(old, needed)) - change) > CHANGE_TOLERANCE * abs(change):
        needed += 1
    if needed > most:
        return format_number(old, digits), format_number(new, digits), format_number(new - old, digits)
    return exact_enough(old, needed), exact_enough(new, needed), None


def _written(x: float, digits: int) -> float:
    """The number ``format_number(x, digits)`` writes ("5.000" and "5" are one number)."""
    return float(format_number(x, digits).replace(MINUS, "-"))


def change_text(old: float, new: float, digits: int = 6, symbol: str = "w") -> str:
    """One parameter's step written out: '5 → 4.999996' (``format_change``'s digits, at most 6 more
    than ``digits``), else '5 → 5, Δw = −9.992e−14' (``symbol`` w): a change is never rounded away."""
    old_text, new_text, delta = format_change(old, new, digits, most=digits + 6)
    return f"{old_text} → {new_text}" + ("" if delta is None else f", Δ{symbol} = {delta}")


def exact_enough(x: float, digits: int) -> str:
    """``x`` with ``digits`` significant digits, or fewer when fewer write it exactly (0.6, not 0.59999999999999998)."""
    mantissa = repr(float(x)).lower().split("e")[0].lstrip("-").replace(".", "").lstrip("0")
    return format_number(x, max(1, min(digits, len(mantissa) or 1)))


def neuron_label(layer: str, k) -> str:
    """``h0`` for neuron 0 of layer h; ``h1_0`` when the layer's name ends in a digit."""
    return f"{layer}_{k}" if layer[-1:].isdigit() else f"{layer}{k}"


def weight_label(source: str, target: str, j, i) -> str:
    """``w[h→y][0,1]``: the edge from neuron i of ``source`` to neuron j of ``target``."""
    return f"w[{source}→{target}][{j},{i}]"


def neuron_symbol(quantity: str, layer: str, k) -> str:
    """``a_h0``, ``z_h0``, ``δ_y0``, ``dL/da_h0``: ``quantity`` of neuron k of ``layer``."""
    return f"{quantity}_{neuron_label(layer, k)}"


#: the slope f' of each activation as the lessons write it (σ'(z_h0) for a sigmoid neuron, f' otherwise)
ACTIVATION_PRIME = {"sigmoid": "σ'", "tanh": "tanh'", "relu": "relu'", "leaky_relu": "leaky_relu'", "identity": "f'"}


def slope_name(activation: str) -> str:
    """``σ'``: the name of ``activation``'s slope (derivative) as the lessons write it (``f'`` when it has none)."""
    return ACTIVATION_PRIME.get(activation, "f'")


def slope_label(activation: str, neuron: str) -> str:
    """``σ'(z_h0)``: the slope of ``activation`` at z of the neuron labelled ``neuron`` (``neuron_label``)."""
    return f"{slope_name(activation)}(z_{neuron})"


#: what each slope's name means, in terms of a neuron's own z and a (a = f(z))
SLOPE_RULE = {"sigmoid": "σ'(z) = σ(z)(1 − σ(z)) = a(1 − a), the sigmoid's slope",
              "tanh": "tanh'(z) = 1 − a², the slope of tanh",
              "relu": "relu'(z) = 1 where z > 0, else 0, the slope of relu",
              "leaky_relu": "leaky_relu'(z) = 1 where z > 0, else 0.01, the slope of leaky relu",
              "identity": "f'(z) = 1, the slope of the identity (a linear neuron)"}


def slope_meaning(activation: str) -> str:
    """What ``slope_name(activation)`` is, in a few words a student can check (``SLOPE_RULE``)."""
    return SLOPE_RULE.get(activation, f"{slope_name(activation)}(z) is the slope of {activation} at z")


def edge_label(source: str, target: str, j, i) -> str:
    """``h1 → y0``: the edge of ``weight_label(source, target, j, i)``, from neuron i of ``source`` to j of ``target``."""
    return f"{neuron_label(source, i)} → {neuron_label(target, j)}"
