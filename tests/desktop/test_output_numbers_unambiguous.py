"""Every number of an edge into the output belongs to one edge alone, on a laptop's canvas too.

At 1024×700 the gap between two cards is 60–80 px on screen, and the edges into one or two output
neurons converge (or cross) there. A student walking a step with F7 must read each of their numbers
and see which edge it is: the number is painted on its own edge, and no other edge of the
connection runs under it (a number at a crossing could belong to either line). At 1400×900 as well.
"""

from __future__ import annotations

import pytest

from test_canvas_texts_apart import phases_walked
from test_edge_number_places import number_off_its_edge
from test_editor_readable import SIZES, open_at
from text_probe import drawn_boxes

#: the lessons whose edges into the output converge or cross in a narrow gap (at 1024×700; at 1400×900 too)
CROWDED = ["exam_csv", "guided_chain_rule", "sine_regression", "skip_connection"]


def ambiguous_output_numbers(window) -> list[str]:
    """The numbers of the edges into the output that are painted off their edge, or that another
    edge of the connection runs under."""
    view, scene = window.canvas, window.scene
    output = window.document.network.output_layer
    boxes = drawn_boxes(view)
    wrong = []
    for (source, target), connection in scene.connection_items.items():
        if target != output or connection.bundled:
            continue
        for edge in connection.items:
            rect = edge.label_rect()
            if rect.isNull():
                continue
            text = edge.label_size()[0]
            problem = number_off_its_edge(view, edge, text, boxes)
            if problem:
                wrong.append(f"{edge.key} {text}: {problem}")
                continue
            under = [other.key for other in connection.items if other is not edge and other.crosses(rect)]
            if under:
                wrong.append(f"{edge.key} {text}: on the edges {under} too")
    return wrong


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lesson", CROWDED)
def test_each_number_into_the_output_sits_on_its_own_edge_alone(qtbot, lesson_window, lesson, size):
    open_at(lesson_window, lesson, size)
    found = {}
    for phase in phases_walked(qtbot, lesson_window):
        wrong = ambiguous_output_numbers(lesson_window)
        if wrong:
            found[phase] = wrong
    assert not found, f"{lesson}: numbers a student cannot tie to one edge: {found}"
