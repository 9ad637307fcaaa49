"""The numbers of the step being computed are on the canvas, no hover needed (issue 21).

A student on a laptop (1024×700) or a 1400×900 window opens a small lesson (≤ 16 neurons) and walks
one training step with F7. In every phase, every edge of the connection into the output layer prints
its number on the canvas: in Backward after the output layer and in Update those numbers ARE the
lesson (dL/dw = a·δ of the connection Backward just reached, then w − η·dL/dw). The lessons are opened one after another in one window (``lesson_window``), as a
student opens them, one size after the other.

Every number of an edge into the output belongs to one edge alone, on a laptop's canvas too: at
1024×700 the gap between two cards is 60–80 px on screen, and the edges into one or two output
neurons converge (or cross) there. In the lessons where they do (``CROWDED``), in every phase of the
same walk, each number is painted on its own edge and no other edge of the connection runs under it
(a number at a crossing could belong to either line). At 1400×900 as well.
"""

from __future__ import annotations

import core
import pytest

from test_canvas_texts_apart import phases_walked
from test_edge_number_places import number_off_its_edge
from test_editor_readable import SIZES, open_at
from text_probe import drawn_boxes


#: (lesson, size) whose edges into the output have no room for every number: three_classes_softmax's
#: 6 → 3 (18 weights) at 1024×700, where a column of 18 numbers would be taller than the canvas
NO_ROOM = {("three_classes_softmax", SIZES[0])}
#: the lessons whose edges into the output converge or cross in a narrow gap (at 1024×700; at 1400×900 too)
CROWDED = ["exam_csv", "guided_chain_rule", "sine_regression", "skip_connection"]


def small_lessons() -> list[str]:
    """Every bundled lesson of at most 16 neurons."""
    names = []
    for example in core.list_examples():
        net = core.load_network(core.example_path(example.name))
        if sum(layer.units for layer in net.layers) <= 16:
            names.append(example.name)
    return names


def unnumbered_output_edges(window) -> list[tuple]:
    """Edges into the output layer, drawn one by one, whose number is not printed on the canvas."""
    output = window.document.network.output_layer
    return [edge.key for (src, tgt), c in window.scene.connection_items.items() if tgt == output
            for edge in c.items if edge.value()[1] and edge.label_rect().isNull()]


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


def cases():
    """Size after size (the window is resized, and its canvas fitted again, once per size)."""
    crowded = set(CROWDED)
    assert crowded <= set(small_lessons())  # every crowded lesson is walked here
    for size in SIZES:
        for lesson in sorted(small_lessons()):
            if (lesson, size) not in NO_ROOM:
                yield pytest.param(lesson, size, id=f"{lesson}-{size[0]}x{size[1]}")


@pytest.mark.parametrize(("lesson", "size"), list(cases()))
def test_every_edge_into_the_output_shows_its_number_in_every_phase(qtbot, lesson_window, lesson, size):
    """Each edge into the output prints its number; in a ``CROWDED`` lesson each number also sits on
    its own edge alone (both checked in each phase of one walk)."""
    open_at(lesson_window, lesson, size)
    missing, ambiguous = {}, {}
    for phase in phases_walked(qtbot, lesson_window):
        hidden = unnumbered_output_edges(lesson_window)
        if hidden:
            missing[phase] = hidden
        if lesson in CROWDED and (wrong := ambiguous_output_numbers(lesson_window)):
            ambiguous[phase] = wrong
    assert not missing and not ambiguous, (
        f"{lesson} at {size}: edges into the output without their number on the canvas: {missing}; "
        f"numbers into the output a student cannot tie to one edge: {ambiguous}")


def test_a_connection_without_room_for_its_numbers_says_hover(qtbot, lesson_window):
    """The one small lesson left out above at 1024×700: some of its 18 output weights are not printed,
    and the legend says to hover them (a change that prints them should move it into the test above)."""
    from test_editor_readable import says_hover_iff_numbers_hidden

    for lesson, size in NO_ROOM:
        open_at(lesson_window, lesson, size)
        assert unnumbered_output_edges(lesson_window) and says_hover_iff_numbers_hidden(lesson_window)
