"""Small widgets of the inspector: headings, notes, quiet setters, neuron links (its number boxes
live in ``desktop.number_boxes``, shared with the training toolbar)."""

from __future__ import annotations

import html
import urllib.parse
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from desktop.number_boxes import (  # noqa: F401  (the inspector's modules take them from here)
    NumberBox,
    fraction_box,
    int_box,
    learning_rate_box,
    non_negative_box,
    positive_box,
)


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


def show_number(box, value: float) -> None:
    """``set_value`` for a box that follows a number that moves on its own (a running session's weight):
    left alone while the student is typing in it (its text no longer reads its value)."""
    if box.hasFocus() and box.text() != box.textFromValue(box.value()):
        return
    set_value(box, value)


def follow_label(inspector) -> QLabel:
    """A line of links to the neurons whose δ a gradient comes from; a click selects that neuron
    (its layer page explains its δ): "click a term to follow it"."""
    label = QLabel("")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    label.linkActivated.connect(inspector.follow)
    return label


def set_follow_links(label: QLabel, intro: str, neurons) -> None:
    """``neurons``: [(layer, k, text)] → "intro: δ_y0, δ_y1" as links (hidden when empty)."""
    links = ", ".join(f'<a href="{neuron_link(layer, k)}">{html.escape(text)}</a>' for layer, k, text in neurons)
    label.setText(f"{html.escape(intro)}: {links}" if links else "")
    label.setVisible(bool(links))


def neuron_link(layer: str, k: int) -> str:
    """"neuron:<layer, URL-quoted>:<k>" (a layer may be called anything, "h:1" or 'a"b' too)."""
    return f"neuron:{urllib.parse.quote(layer, safe='')}:{int(k)}"


def parse_neuron_link(link: str) -> tuple[str, int] | None:
    """(layer, k) of a ``neuron_link``, or None for any other link."""
    kind, _, rest = link.partition(":")
    name, _, k = rest.rpartition(":")
    if kind != "neuron" or not name or not k.isdigit():
        return None
    return urllib.parse.unquote(name), int(k)
