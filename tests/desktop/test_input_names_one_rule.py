"""An input card names all its inputs one way (teacher's review 13, finding 16).

regularization at 1400×900: five input circles held their names (x₀, x₁, x₀², x₁², x₀x₁), while the
names "sin x₀" and "sin x₁", wider than their circles, stood beside two empty circles ("sin x₀ 0.188").
Now when one name does not fit its circle, every input is named beside its circle ("x₀ 0.189"), and
when all fit, every one is named inside.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF

from test_canvas_texts_apart import phases_walked
from test_editor_readable import open_at
from text_probe import drawn_text_boxes


def named_inside(window) -> list[bool]:
    """For each input neuron, whether a text is written inside its circle (its name: the value of an
    input with a name inside is written beside, or under the name)."""
    view, scene = window.canvas, window.scene
    item = scene.layer_items[window.document.network.input_layer]
    inks = [ink.center() for _text, ink in drawn_text_boxes(view)]
    inside = []
    for k in range(item.units):
        centre, r = item.neuron_centre(k), item.radius()
        circle = QRectF(view.mapFromScene(item.mapRectToScene(QRectF(centre - QPointF(r, r),
                                                                      centre + QPointF(r, r)))).boundingRect())
        inside.append(any(circle.contains(point) for point in inks))
    return inside


@pytest.mark.parametrize("size", [(1400, 900), (1024, 700)], ids=["1400x900", "1024x700"])
@pytest.mark.parametrize("lesson", ["regularization", "early_stopping"])
def test_the_inputs_of_a_card_are_named_all_inside_or_all_beside(qtbot, lesson_window, lesson, size):
    open_at(lesson_window, lesson, size)
    mixed = {}
    for phase in phases_walked(qtbot, lesson_window):
        inside = named_inside(lesson_window)
        if len(set(inside)) > 1:
            mixed[phase] = inside
    assert not mixed, f"{lesson}: some inputs named inside their circles, others beside: {mixed}"
    texts = [text for text, _ in drawn_text_boxes(lesson_window.canvas)]
    assert "sin x₀" in texts and "sin x₁" in texts  # named, beside their circles
