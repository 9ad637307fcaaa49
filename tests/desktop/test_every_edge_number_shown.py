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

import itertools
import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from output_numbers import output_numbers_unread
from test_canvas_texts_apart import phases_walked
from test_edge_number_places import number_reading
from test_editor_readable import SIZES, open_at
from text_probe import drawn_boxes, overlapping_inks, widget_boxes

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


def listed_in_the_legend(window, connections) -> tuple[dict, list[str]]:
    """({(source, target, j, i): the number the legend's table paints in row target_j, column source_i}
    of ``connections`` ((source, target) pairs),
    what is wrong with the table as painted: cut by the canvas's edge, or a number over another)."""
    legend = window.canvas.legend
    boxes = widget_boxes(legend)
    wrong = [f"{text} cut by the legend's edge" for text, box in boxes
             if not QRectF(legend.rect()).contains(box.adjusted(0.5, 0.5, -0.5, -0.5))]
    viewport = QRectF(window.canvas.viewport().geometry())
    if legend.isVisible() and not viewport.contains(QRectF(legend.geometry())):
        wrong.append(f"the legend {legend.geometry()} runs off the canvas {viewport}")
    wrong += [f"{a} over {b}" for a, b in overlapping_inks([(t, b.adjusted(1, 2, -1, -2)) for t, b in boxes])]
    listed = {}
    names = {text: box for text, box in boxes if re.fullmatch(r"\w+?[₀-₉]+", text)}
    index = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
    top = min((box.top() for box in names.values()), default=0.0)
    for source, target in connections:
        for (name, box), (other, other_box) in itertools.permutations(names.items(), 2):
            head, row = (name, other) if abs(box.top() - top) < 1 else (None, None)  # a column's name: in the header
            if head is None or abs(other_box.top() - top) < 1:
                continue
            for across, down, swap in ((source, target, False), (target, source, True)):
                if head.rstrip("₀₁₂₃₄₅₆₇₈₉") == across and row.rstrip("₀₁₂₃₄₅₆₇₈₉") == down:
                    k, n = int(head[len(across):].translate(index)), int(row[len(down):].translate(index))
                    cell = [text for text, b in boxes if abs(b.center().y() - other_box.center().y()) < 2
                            and abs(b.right() - box.right()) < 1.5 and b is not box]
                    if cell:
                        listed[(source, target) + ((k, n) if swap else (n, k))] = cell[0]
    return listed, wrong


def test_where_numbers_have_no_room_the_legend_lists_them(qtbot, lesson_window):
    """three_classes_softmax at 1024×700: 30 numbers in two gaps of ~35 px on a canvas ~280 px tall have
    no room all (a column of 18 would be taller than the canvas). h → y's showed only on hover: a student
    checking "this edge's dL/dw = a · δ" hunted for it under the pointer. In every phase (opened, then F7
    through Forward, Loss, Backward, Update) every number shown on the canvas is on its own edge with no
    other edge under it, and every edge whose number has no room has it in the legend's table, painted whole
    in its target neuron's row and its source neuron's column, as its edge would write it; the legend
    covers nothing of the network."""
    window = lesson_window
    open_at(window, "three_classes_softmax", (1024, 700))
    found = {}
    for phase in phases_walked(qtbot, window):
        for _ in range(3):
            QApplication.instance().processEvents()
        wrong = [problem for problem in unreadable_numbers(window) if not problem.endswith(": no number")]
        wrong += [f"under the legend: {what}" for what in under_the_legend(window)]
        hidden = {edge.key: edge for connection in window.scene.connection_items.values() for edge in connection.items
                  if edge.value()[1] and edge.label_rect().isNull() and edge.label_text() != "?"}  # ("?": nothing to read)
        for connection in dict.fromkeys(key[:2] for key in hidden):  # (the table lists one connection's numbers)
            listed, table_wrong = listed_in_the_legend(window, [connection])
            if not any(key[:2] == connection for key in listed):  # another's: a click on one of its edges brings it
                key = next(key for key in hidden if key[:2] == connection)
                window.view_state.select_edge(*key)
                for _ in range(3):  # (the legend lists them a turn of the event loop after the placing)
                    QApplication.instance().processEvents()
                listed, table_wrong = listed_in_the_legend(window, [connection])
            wrong += table_wrong
            wrong += [f"{key} {edge.label_text()}: neither on its edge nor in the legend ({listed.get(key)!r})"
                      for key, edge in hidden.items() if key[:2] == connection and listed.get(key) != edge.label_text()]
        window.view_state.select(None)  # (the next phase as it comes: a selected edge always shows its number)
        QApplication.instance().processEvents()
        if wrong:
            found[phase] = wrong
    assert not found, found
