"""Every edge's number is on the canvas, on a laptop's 1024×700 as on 1400×900, without hovering.

A teacher found, at 1024×700: the x → h numbers of circles, skip_connection and three_classes_softmax
shown only on hover (their edges run together in a narrow gap), three_classes_softmax's 18 h → y
edges a tangle with no number at all, and after training one_hidden_sigmoid's h → y weight with no
number (the gap between its cards is narrower than the number). The student opens the lesson (and
trains it), then walks a step with F7 through forward, loss, backward and update, where the edges
carry gradients and new weights: in every phase, as it came and after Fit to Window, each present
edge's number is painted on its own edge, no two numbers touch, and no edge of any connection runs
under another edge's number (a number there could belong to either line).

The walk as each phase comes is the one test_step_numbers_on_canvas makes of the same lessons at the
same sizes (``open_at``, untrained): at each phase, before the checks above, it makes that module's
checks of the edges into the output (``output_numbers``), which leaves these lessons to this one.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from output_numbers import output_numbers_unread
from test_canvas_texts_apart import phases_walked
from test_edge_number_places import number_reading
from test_editor_readable import SIZES, open_at
from text_probe import drawn_boxes

#: (lesson, training steps before the walk): the lessons the teacher found numbers missing in
LESSONS = [("circles", 0), ("skip_connection", 0), ("three_classes_softmax", 0), ("one_hidden_sigmoid", 500)]


def unreadable_numbers(window, boxes=None) -> list[str]:
    """What keeps a student from reading every edge's number as painted: an edge without its number,
    a number off its edge, two numbers touching, an edge running under another edge's number.
    ``boxes``: the canvas's ``drawn_boxes`` when already read."""
    view, scene = window.canvas, window.scene
    boxes = drawn_boxes(view) if boxes is None else boxes
    edges = [edge for connection in scene.connection_items.values() if not connection.bundled
             for edge in connection.items if edge.value()[1]]
    wrong, plates = [], []
    for edge in edges:
        rect = edge.label_rect()
        if rect.isNull():
            wrong.append(f"{edge.key}: no number")
            continue
        text, problem, under = number_reading(view, edge, boxes, edges)
        if problem:
            wrong.append(f"{edge.key} {text}: {problem}")
            continue
        if under:
            wrong.append(f"{edge.key} {text}: the edges {under} run under it")
        plates.append((edge.key, text, view.viewportTransform().mapRect(rect)))  # on screen, unrounded
    for n, (key, text, plate) in enumerate(plates):
        for other_key, other_text, other in plates[n + 1:]:
            if plate.adjusted(-1, -1, 1, 1).intersects(other.adjusted(-1, -1, 1, 1)):  # under 2 px apart
                wrong.append(f"{key} {text} touches {other_key} {other_text}")
    return wrong


#: (lesson, training steps before the walk, window size), size after size (the window is resized, and
#: its canvas fitted again, once per size)
CASES = [(lesson, steps, size) for size in SIZES for lesson, steps in LESSONS
         if (lesson, size) != ("three_classes_softmax", (1024, 700))]
#: the phases where Fit to Window leaves a connection's numbers no room: at 1024×700 skip_connection's
#: Update writes new weights as wide as "−0.001251", and the x → h column of them leaves its edges too
#: little of the gap to bend (``edge_routes.BEND_SHARE``); there every number shown must still be
#: unambiguous and the legend say how many to hover (``says_how_many_to_hover``). Forward, Loss and
#: Backward show every number after Fit (the trace bar's words took the column's room: its 12 numbers
#: went to hover, and Backward was fitted at zoom 0.235)
FIT_SHORT = {("skip_connection", (1024, 700)): {"update"}}
#: the least zoom Fit to Window may choose in any phase of the walk (Backward's was 0.235, 0.36 as it came)
FIT_ZOOM = {("skip_connection", (1024, 700)): 0.35}


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


def under_the_legend(window, boxes=None) -> list[str]:
    """The canvas's texts and cards that its legend (a box at the bottom left of the canvas) covers.
    ``boxes``: the canvas's ``drawn_boxes`` when already read."""
    view = window.canvas
    if not view.legend.isVisible():
        return []
    legend = QRectF(view.legend.geometry().translated(-view.viewport().geometry().topLeft()))
    covered = [text for text, box in (drawn_boxes(view) if boxes is None else boxes) if box.intersects(legend)]
    for name, item in window.scene.layer_items.items():
        card = view.mapFromScene(item.mapRectToScene(item.card_rect())).boundingRect()
        if QRectF(card).intersects(legend):
            covered.append(f"the card {name}")
    return covered


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
            if not fitted and not steps:  # the phase as it comes: test_step_numbers_on_canvas's check of it
                if wrong := output_numbers_unread(lesson_window, lesson):
                    found[phase, "into the output"] = wrong
            if fitted:
                lesson_window.actions_by_name["fit"].trigger()
            for _ in range(3):  # (a fitted view fits again a turn after the trace bar's words resized it)
                QApplication.instance().processEvents()
            boxes = drawn_boxes(lesson_window.canvas)  # the painting, read once for every check
            wrong = unreadable_numbers(lesson_window, boxes)
            if fitted and phase[0] in FIT_SHORT.get((lesson, size), ()):
                wrong = [problem for problem in wrong if not problem.endswith(": no number")] + \
                    says_how_many_to_hover(lesson_window)
            zoom = lesson_window.canvas.transform().m11()
            if fitted and zoom < FIT_ZOOM.get((lesson, size), 0.0):
                wrong.append(f"Fit chose zoom {zoom:.3f}")
            # Fit keeps the legend off the network (room only below what lies over it), and a fitted view fits
            # again when the legend grows over it (Backward adds a line)
            wrong += [f"under the legend: {what}" for what in under_the_legend(lesson_window, boxes)]
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
