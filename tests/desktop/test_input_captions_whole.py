"""An input's name in its circle is whole or not there (teacher review, 1024×700).

regularization and early_stopping feed seven features (x₀, x₁, x₀², x₁², x₀x₁, sin x₀, sin x₁). When the
circles show no map (walking a step with F7) each circle holds its input's name and the plate beside
it writes the name and the value ("sin x₀ 0.188"). "sin x₀" is wider than the small circle at a
laptop's zoom: it ran over the circle's edge, cut to "in x". A name that does not fit is left to the
plate beside, which writes it whole.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF

from test_canvas_texts_apart import phases_walked
from test_editor_readable import open_at
from text_probe import drawn_text_boxes


def texts_over_a_circles_edge(window) -> list[str]:
    """The texts centred in an input's circle whose ink runs past the circle's box (viewport pixels)."""
    view, scene = window.canvas, window.scene
    net = window.document.network
    item = scene.layer_items[net.layers[0].name]
    circles = []
    for k in range(item.units):
        centre, r = item.neuron_centre(k), item.radius()
        box = item.mapRectToScene(QRectF(centre - QPointF(r, r), centre + QPointF(r, r)))
        circles.append(view.mapFromScene(box).boundingRect())
    over = []
    for text, ink in drawn_text_boxes(view):
        for circle in circles:
            if circle.contains(ink.center().toPoint()) and not QRectF(circle).adjusted(-1, -1, 1, 1).contains(ink):
                over.append(text)
    return over


@pytest.mark.parametrize("lesson", ["regularization", "early_stopping"])
def test_a_feature_name_is_whole_in_its_circle_or_left_to_the_plate_beside(qtbot, lesson_window, lesson):
    open_at(lesson_window, lesson, (1024, 700))
    found = {}
    for phase in phases_walked(qtbot, lesson_window):
        over = texts_over_a_circles_edge(lesson_window)
        if over:
            found[phase] = over
    assert not found, f"{lesson}: input names running past their circle: {found}"
    beside = [text for text, _ in drawn_text_boxes(lesson_window.canvas)]
    assert "sin x₀" in beside and "sin x₁" in beside  # the plates beside still name them
