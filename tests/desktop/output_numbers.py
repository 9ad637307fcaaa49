"""What a student must read on the edges into the output layer in each phase of a step (issue 21),
checked by ``test_step_numbers_on_canvas`` and, for the lessons it walks the same way,
``test_every_edge_number_shown``: every edge into the output prints its number, and in a crowded lesson
each number sits on its own edge alone (a number at a crossing could belong to either line)."""

from __future__ import annotations

from test_edge_number_places import number_reading
from text_probe import drawn_boxes

#: the lessons whose edges into the output converge or cross in a narrow gap (at 1024×700; at 1400×900 too)
CROWDED = ["exam_csv", "guided_chain_rule", "sine_regression", "skip_connection"]


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
            if edge.label_rect().isNull():
                continue
            text, problem, under = number_reading(view, edge, boxes, connection.items)
            if problem:
                wrong.append(f"{edge.key} {text}: {problem}")
            elif under:
                wrong.append(f"{edge.key} {text}: on the edges {under} too")
    return wrong


def output_numbers_unread(window, lesson: str) -> list[str]:
    """Both checks on ``window`` as it is now: the edges into the output without their number, and in a
    ``CROWDED`` lesson the numbers a student cannot tie to one edge (empty when all is readable)."""
    wrong = []
    hidden = unnumbered_output_edges(window)
    if hidden:
        wrong.append(f"edges into the output without their number on the canvas: {hidden}")
    if lesson in CROWDED:
        wrong += [f"a number into the output a student cannot tie to one edge: {problem}"
                  for problem in ambiguous_output_numbers(window)]
    return wrong
