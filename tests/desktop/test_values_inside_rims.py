"""A neuron's value written in its circle stays inside the rim (teacher review 12, finding 9).

At 1400×900 three_classes_softmax's "−0.3992" and "0.07126" and skip_connection's inputs "0.7639"
and "0.5720" were written across their circles' rims on a white plate: the card let a number be as
wide as the card. A value is written inside only when its ink lies inside the circle; otherwise on
the plate beside it, where it still shows.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication

from desktop import canvas_numbers
from test_editor_readable import SIZES, open_at
from text_probe import NUMBER, drawn_text_boxes


def circles_on_screen(window) -> list[tuple[QPointF, float]]:
    """(centre, radius) of every neuron's circle, in viewport pixels."""
    view, scene = window.canvas, window.scene
    circles = []
    for item in scene.layer_items.values():
        for k in range(item.units):
            centre, r = item.neuron_centre(k), item.radius()
            box = view.mapFromScene(item.mapRectToScene(QRectF(centre - QPointF(r, r), centre + QPointF(r, r))))
            rect = QRectF(box.boundingRect())
            circles.append((rect.center(), rect.width() / 2))
    return circles


def values_over_a_rim(window) -> list[str]:
    """The numbers whose ink's centre is in a circle but whose ink reaches past the circle's rim."""
    over = []
    for text, ink in drawn_text_boxes(window.canvas):
        if not NUMBER.fullmatch(text):
            continue
        for centre, r in circles_on_screen(window):
            if (ink.center().x() - centre.x()) ** 2 + (ink.center().y() - centre.y()) ** 2 > r * r:
                continue
            corners = [(x, y) for x in (ink.left(), ink.right()) for y in (ink.top(), ink.bottom())]
            if any(math.hypot(x - centre.x(), y - centre.y()) > r for x, y in corners):
                over.append(text)
    return over


def values_not_shown(window) -> list[str]:
    """The neurons' values (as the canvas formats them) that no text on the canvas writes."""
    view_state = window.view_state
    drawn = {text for text, _ in drawn_text_boxes(window.canvas)}
    missing = []
    for name, item in window.scene.layer_items.items():
        for k in range(item.units):
            value = view_state.shown_number(name, k)[0]
            if value is None:
                continue
            text = canvas_numbers.input_feature_text(view_state, name, k, value) if item.is_input \
                else view_state.format(value)
            if text not in drawn:
                missing.append(f"{name}[{k}] {text}")
    return missing


def phases(qtbot, window):
    """The lesson as opened, then two F8 phases (Forward, then the next), then Shift+F8 leaves the step."""
    yield "opened"
    for _ in range(2):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
        QApplication.instance().processEvents()
        yield window.view_state.stepping.phase
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)


@pytest.mark.parametrize("lesson", ["skip_connection", "three_classes_softmax"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_value_in_its_circle_stays_inside_the_rim_and_every_value_shows(qtbot, lesson_window, lesson, size):
    open_at(lesson_window, lesson, size)
    over, missing = {}, {}
    for phase in phases(qtbot, lesson_window):
        if found := values_over_a_rim(lesson_window):
            over[phase] = found
        if lost := values_not_shown(lesson_window):
            missing[phase] = lost
    assert not over, f"{lesson} at {size}: values written across their circle's rim: {over}"
    assert not missing, f"{lesson} at {size}: values shown nowhere on the canvas: {missing}"
