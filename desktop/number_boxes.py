"""Number boxes shared by the inspector and the toolbars: a box that keeps every digit of a
float, the training settings' boxes with the ranges the .bpnet reader accepts, a whole-number box."""

from __future__ import annotations

import math
import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox

from core.notation import MINUS, format_number

#: significant digits of a number box that the student is not editing
SHOWN_DIGITS = 6


class NumberBox(QDoubleSpinBox):
    """A spin box for any finite float in [minimum, maximum] (an open end with ``low_open`` /
    ``high_open``): shows the value exactly as it will be used (the shortest text that reads
    back as the same float, scientific notation for very large or small values), accepts '1e-3'.

    Nothing is rounded or clamped silently: Qt's decimal rounding is off (323 decimals).
    Commits on Enter, focus loss or an arrow step (no keyboard tracking), so one typed
    number is one undo step.
    """

    def __init__(self, minimum=-sys.float_info.max, maximum=sys.float_info.max, step=0.1, parent=None,
                 low_open: bool = False, high_open: bool = False):
        super().__init__(parent)
        self.low_open = low_open
        self.setDecimals(323)
        self.setRange(minimum, math.nextafter(maximum, minimum) if high_open else maximum)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def textFromValue(self, value: float) -> str:
        """Every digit while the student edits the box (it has focus); otherwise the window's one
        number rule (``core.format_number``, 6 significant digits: 0.333333, not 0.33333333333333337)."""
        return format_exact(value) if self.hasFocus() else format_number(value, SHOWN_DIGITS)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.setValue(self.value())  # shows the exact value to edit

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)  # commits what was typed
        self.setValue(self.value())  # back to the rounded form

    def minimumSizeHint(self) -> QSize:
        """Room for about 12 characters: Qt sizes a spin box for its range's longest text
        (1.7976931348623157e+308), which would make the inspector wider than its dock; a longer
        number scrolls inside the box."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("−0.000000000") + 30), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("−0.00000000000") + 30), hint.height())

    def stepBy(self, steps: int) -> None:
        """An arrow step (to 15 significant digits); with an open lower end, a step that would reach it divides by 10 instead."""
        new = float(f"{self.value() + steps * self.singleStep():.15g}")  # 0.25 + 0.1 + 0.1 is 0.45, not 0.44999…
        if self.low_open and new <= self.minimum():
            new = self.value() / 10 if self.value() > self.minimum() else self.value()
        self.setValue(new)

    def valueFromText(self, text: str) -> float:
        text = text.replace(MINUS, "-")
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        stripped = text.strip().replace(",", ".").replace(MINUS, "-")
        try:
            value = float(stripped)
        except ValueError:
            partial = stripped in ("", "-", "+", ".", "-.", "+.") or stripped.lower().endswith(("e", "e-", "e+"))
            state = QValidator.State.Intermediate if partial else QValidator.State.Invalid
            return state, text, pos
        if not self.minimum() <= value <= self.maximum() or (self.low_open and value <= self.minimum()):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


def format_exact(value: float) -> str:
    """The shortest text that reads back as exactly ``value``: 0.1, 250, 1e-07, 1000000, 1.5e+20."""
    text = repr(float(value))
    if text.endswith(".0") and abs(value) < 1e16:
        text = text[:-2]
    return text


# The ranges of the training settings, exactly those the .bpnet reader accepts (core/bpnet_read.py).
def learning_rate_box() -> NumberBox:
    """> 0 (any positive finite number)."""
    box = NumberBox(0.0, step=0.01, low_open=True)
    box.setToolTip("Learning rate: any positive number (takes effect at once, even while training)")
    return box


def fraction_box(step: float, high_open: bool = True) -> NumberBox:
    """[0, 1): momentum, β1, β2, the validation fraction."""
    return NumberBox(0.0, 1.0, step, high_open=high_open)


def positive_box(step: float) -> NumberBox:
    """(0, ∞): Adam's ε."""
    return NumberBox(0.0, step=step, low_open=True)


def non_negative_box(step: float) -> NumberBox:
    """[0, ∞): a regularization rate."""
    return NumberBox(0.0, step=step)


def int_box(minimum: int, maximum: int, parent=None) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(minimum, maximum)
    box.setKeyboardTracking(False)
    return box
