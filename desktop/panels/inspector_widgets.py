"""Small input widgets of the inspector: a number box that keeps every digit, quiet setters."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtGui import QFont, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QLabel, QSpinBox


class NumberBox(QDoubleSpinBox):
    """A spin box for any finite float: shows up to 8 significant digits, accepts '1e-3'.

    Commits on Enter, focus loss or an arrow step (no keyboard tracking), so one typed
    number is one undo step.
    """

    def __init__(self, minimum=-1e9, maximum=1e9, step=0.1, parent=None):
        super().__init__(parent)
        self.setDecimals(15)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def textFromValue(self, value: float) -> str:
        return f"{value:.8g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        stripped = text.strip().replace(",", ".")
        try:
            value = float(stripped)
        except ValueError:
            partial = stripped in ("", "-", "+", ".", "-.", "+.") or stripped.lower().endswith(("e", "e-", "e+"))
            state = QValidator.State.Intermediate if partial else QValidator.State.Invalid
            return state, text, pos
        if not self.minimum() <= value <= self.maximum():
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


def int_box(minimum: int, maximum: int, parent=None) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(minimum, maximum)
    box.setKeyboardTracking(False)
    return box


def heading(text: str) -> QLabel:
    label = QLabel(text)
    f = QFont(label.font())
    f.setBold(True)
    f.setPointSizeF(f.pointSizeF() * 1.15)
    label.setFont(f)
    label.setWordWrap(True)
    return label


def note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


@contextmanager
def quiet(*widgets):
    """Set values on widgets without emitting their change signals (no feedback loops)."""
    old = [w.blockSignals(True) for w in widgets]
    try:
        yield
    finally:
        for w, was in zip(widgets, old):
            w.blockSignals(was)


def set_value(widget, value) -> None:
    """Show ``value`` in a spin box unless it already does (keeps the cursor while typing)."""
    if widget.value() != value:
        with quiet(widget):
            widget.setValue(value)
