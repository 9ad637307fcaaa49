"""What a student may type as an answer: a number, or a product or quotient of numbers, read without eval.

``parse_answer(text)`` reads "0.59", "−0.2" (a typographic minus), "0,59" (a decimal comma when the text has no
point), "1.2e-3", and numbers joined by × * · (times) and / (divided by), worked left to right as written:
"1.5*1.4", "1.5 × 1.4", "2/7", "0.1 · 0.6 / 2". Each number may carry its own sign ("2 × −0.7"). Nothing else
is read (no brackets, no + or − between numbers, no names): a text that is not such a product is refused
with a ``ValueError`` that says what was typed and what the box accepts (``ACCEPTS``).
"""

from __future__ import annotations

import math
import re

__all__ = ["ACCEPTS", "parse_answer"]

#: what the answer box reads, said when it refuses a text
ACCEPTS = "type a number like −1.25 or 1.2e-3, or a product or quotient of numbers like 2/7 or 0.3 × 1.7"

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_TIMES = "*×·⋅"
_PRODUCT = re.compile(rf"{_NUMBER}(?:[{_TIMES}/]{_NUMBER})*")
_TOKEN = re.compile(rf"({_NUMBER})|([{_TIMES}/])")


def parse_answer(text: str) -> float:
    """The value of ``text`` (rules in the module docstring); ``ValueError`` naming what was typed when it
    is no number or product of numbers, divides by 0 or gives no finite value."""
    typed = text.strip()
    cleaned = typed.replace("−", "-").replace("–", "-").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not _PRODUCT.fullmatch(cleaned):
        raise ValueError(f"{typed!r} is not a number; {ACCEPTS}")
    value, operator = None, None
    for number, op in _TOKEN.findall(cleaned):
        if op:
            operator = op
        elif value is None:
            value = float(number)
        elif operator == "/":
            if float(number) == 0:
                raise ValueError(f"{typed!r} divides by 0; {ACCEPTS}")
            value /= float(number)
        else:
            value *= float(number)
    if not math.isfinite(value):
        raise ValueError(f"{typed!r} is not a finite number")
    return value
