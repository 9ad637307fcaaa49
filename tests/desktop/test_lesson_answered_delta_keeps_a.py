"""A hidden neuron's δ, answered right, is written under it: its a stays in its circle (review 15).

guided_chain_rule step 8 (in the step-through's Backward phase) asks δ_h0 = σ'(z_h0) · dL/da_h0, with
σ'(z_h0) = a_h0(1 − a_h0). Before the answer h0's circle wrote "a₀ 0.5744"; once δ_h0 was typed right the
circle wrote "δ₀ −0.04549" in its place, and a_h0 was nowhere on the canvas. Outside a step-through
(step 5, δ_y0) the same: y0's circle changed from a to δ. Now the circle keeps a, named a₀, and the answered
δ is a line of its own under the neuron, named δ, in the row its card keeps for it from the lesson's start
(the cards do not move); before the answer that row is empty.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

import core
from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written


class PlacedTexts(QPainter):
    """A painter on a scratch image that remembers every string drawn and where (the item's coordinates)."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[tuple[float, float, str]] = []

    def drawText(self, *args):  # noqa: N802 (Qt's name)
        text = next((a for a in args if isinstance(a, str)), None)
        first = args[0]
        if text is not None:
            if hasattr(first, "center"):  # a rect: its middle
                point = first.center()
            elif hasattr(first, "x"):  # a point on the baseline
                point = first
            else:  # x, y
                point = QPointF(float(args[0]), float(args[1]))
            point = self.worldTransform().map(point)
            self.texts.append((point.x(), point.y(), text))
        return super().drawText(*args)


def card_texts(window, layer: str) -> list[tuple[float, float, str]]:
    """(x, y, text) of every string the layer's card draws, in its own coordinates."""
    item = window.canvas.scene().layer_items[layer]
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = PlacedTexts(image)
    try:
        item.paint(painter, QStyleOptionGraphicsItem(), None)
    finally:
        painter.end()
    return painter.texts


def neuron_texts(window, layer: str, unit: int) -> tuple[list[str], list[tuple[str, str]]]:
    """What neuron ``unit`` of ``layer`` writes: the texts in and beside its circle (its caption and number),
    and the (label, number) lines under it, down to the next neuron."""
    item = window.canvas.scene().layer_items[layer]
    centre, r = item.neuron_centre(unit), item.radius()
    below = item.neuron_centre(unit + 1).y() - r if unit + 1 < item.units else float("inf")
    texts = card_texts(window, layer)
    circle = [t for x, y, t in texts if abs(y - centre.y()) <= r]
    under = sorted((y, x, t) for x, y, t in texts if centre.y() + r < y < below)
    rows: dict[int, list[tuple[float, str]]] = {}
    for y, x, t in under:
        rows.setdefault(round(y), []).append((x, t))
    lines = [tuple(t for _, t in sorted(row)) for _, row in sorted(rows.items())]
    return circle, [line for line in lines if len(line) == 2]


def a_named(window, circle: list[str]) -> bool:
    """Whether the neuron's number says it is a: its caption "a" in the circle, or, beside a thumbnail, the
    legend's "beside it: a"."""
    return "a" in circle or "beside it: a" in window.canvas.legend.neuron_text


@pytest.mark.parametrize("step, layer, unit", [(8, "h", 0), (5, "y", 0)])
def test_a_right_delta_is_written_under_its_neuron_and_its_a_stays(qtbot, main_window, canvas, step, layer, unit):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", step)
    asked = net.lesson.steps[step - 1].question
    assert (asked.kind, asked.layer, asked.unit) == ("delta", layer, unit)
    in_backward = window.view_state.stepping is not None
    assert in_backward == (step == 8)
    a = float(core.trace_step(net, 0).layers[layer].a[0, unit])
    delta = answer(asked, net)
    qtbot.wait(100)
    circle, lines = neuron_texts(window, layer, unit)
    assert written(a) & set(circle) and a_named(window, circle), f"before the answer: {circle}"
    assert not any(label == "δ" for label, _ in lines), lines

    assert student.type_answer(f"{delta:.10g}").startswith("Right")
    qtbot.wait(200)
    circle, lines = neuron_texts(window, layer, unit)
    assert written(a) & set(circle) and a_named(window, circle), f"a_{layer}{unit} = {a} left its circle: {circle}"
    assert "δ" not in circle, circle
    deltas = [number for label, number in lines if label == "δ"]
    assert len(deltas) == 1 and written(delta) & {deltas[0].lstrip("−")}, f"no line δ {delta} under it: {lines}"
