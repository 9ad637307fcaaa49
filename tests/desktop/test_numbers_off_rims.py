"""No number is written across a neuron's rim: three_classes_softmax at 1400×900.

There Fit kept the canvas's texts at 9 px, where each neuron's number is written in its circle however
wide it is, on a white plate: "0.07126" ran over its circle's rim, and "−0.8564" over δ₀'s index, in
every phase of the step-through (a student reads a number over a rim as another neuron's). Fit now
tries 9 px with the numbers beside the circles they would run over (``style.ROOMY_MIN_TEXT_PX``)
before plain 9 px. A student opens the lesson at 1400×900 and steps through it with F8; in each phase
every text with digits the canvas paints that touches a neuron's circle lies inside its rim.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt

from test_canvas_texts_apart import phases_walked
from test_editor_readable import open_at
from text_probe import drawn_text_boxes

DESKTOP = (1400, 900)


def phases_by_f8(qtbot, window):
    """Yield (phase, layer) for the lesson as opened, then each phase of its step-through (F8) to Update."""
    return phases_walked(qtbot, window, Qt.Key.Key_F8)


def across_rims(window) -> list[tuple[str, str, float, float]]:
    """(text, layer, how far its ink reaches from the circle's centre, the rim's radius), in px on screen,
    for each text with digits whose ink touches a neuron's circle and reaches past its rim."""
    view, scene = window.canvas, window.scene
    scale = view.transform().m11()
    circles = [(name, QPointF(view.mapFromScene(item.mapToScene(item.neuron_centre(k)))), item.radius() * scale)
               for name, item in scene.layer_items.items() if not item.collapsed for k in range(item.units)]
    found = []
    for text, box in drawn_text_boxes(view):
        if not any(c.isdigit() for c in text):
            continue
        for name, centre, radius in circles:
            if touches(box, centre, radius):
                reach = max(math.hypot(x - centre.x(), y - centre.y()) for x in (box.left(), box.right())
                            for y in (box.top(), box.bottom()))
                if reach > radius:
                    found.append((text, name, round(reach, 1), round(radius, 1)))
    return found


def touches(box: QRectF, centre: QPointF, radius: float) -> bool:
    """Whether the rect ``box`` meets the disc of ``radius`` around ``centre``."""
    dx = max(box.left() - centre.x(), 0.0, centre.x() - box.right())
    dy = max(box.top() - centre.y(), 0.0, centre.y() - box.bottom())
    return math.hypot(dx, dy) < radius


def test_no_number_runs_over_a_neurons_rim_in_any_phase(qtbot, lesson_window):
    open_at(lesson_window, "three_classes_softmax", DESKTOP)
    out = {}
    for phase in phases_by_f8(qtbot, lesson_window):
        found = across_rims(lesson_window)
        if found:
            out[phase] = found[:6]
    assert not out, f"numbers over a neuron's rim (text, layer, ink reach, rim radius in px): {out}"
