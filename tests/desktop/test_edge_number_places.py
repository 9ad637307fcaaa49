"""The canvas keeps where the edges' numbers sit between frames (a placement is reused while what
placed it is unchanged). Driven the student's way — drag a layer, undo, resize the window, press
Step — each edge's number as painted on screen must sit on its own edge, on no layer card and on
no other number: a placement kept from another layout would put numbers off their edges or on
the cards."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from test_training_support import press_step
from text_probe import drawn_boxes, overlapping_texts

#: how far (viewport pixels) a number's centre may be from its edge's line
ON_EDGE_PX = 2.5


def edge_on_screen(view, edge) -> list[list[tuple[float, float]]]:
    """``edge``'s drawn path (straight, or around a card) in viewport pixels: its polylines of
    (x, y) points, the path flattened by Qt after mapping it to the screen."""
    on_screen = view.viewportTransform().map(edge.path)
    return [[(p.x(), p.y()) for p in polygon] for polygon in on_screen.toSubpathPolygons()]


def _distance_to_segment(px: float, py: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from (px, py) to the segment a–b: to the point a + s·(b − a) with s ∈ [0, 1] nearest."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    s = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - a[0]) * dx + (py - a[1]) * dy) / length2))
    return math.hypot(px - a[0] - s * dx, py - a[1] - s * dy)


def distance_to_polylines(polylines, point_in_view: QPointF) -> float:
    """Pixels from ``point_in_view`` to the nearest point of ``polylines`` (``edge_on_screen``)."""
    px, py = point_in_view.x(), point_in_view.y()
    best = math.inf
    for line in polylines:
        if len(line) == 1:
            best = min(best, math.hypot(px - line[0][0], py - line[0][1]))
        for a, b in zip(line, line[1:]):
            best = min(best, _distance_to_segment(px, py, a, b))
    return best


def number_off_its_edge(view, edge, text: str, boxes) -> str | None:
    """What is wrong with ``edge``'s number ``text`` as painted (``boxes``: ``text_probe.drawn_boxes``):
    "not painted", "off its edge" (the nearest box with its text is more than ``ON_EDGE_PX`` from the
    edge), or None when it sits on its edge."""
    mine = [box for written, box in boxes if written == text]
    if not mine:
        return "not painted"
    line = edge_on_screen(view, edge)
    nearest = min(distance_to_polylines(line, box.center()) for box in mine)
    return "off its edge" if nearest > ON_EDGE_PX else None


def number_reading(view, edge, boxes, others) -> tuple[str, str | None, list]:
    """How ``edge``'s painted number reads: (its text, what puts it off its edge (``number_off_its_edge``)
    or None, the keys of the edges of ``others`` that run under it, [] when it is off its edge)."""
    text = edge.label_size()[0]
    problem = number_off_its_edge(view, edge, text, boxes)
    if problem:
        return text, problem, []
    rect = edge.label_rect()
    return text, None, [other.key for other in others if other is not edge and other.crosses(rect)]


def assert_numbers_on_their_edges(window, when: str) -> None:
    view, view_state = window.canvas, window.view_state
    scene = view.scene()
    boxes = drawn_boxes(view)
    cards = [view.mapFromScene(layer.mapRectToScene(rect)).boundingRect()
             for layer in scene.layer_items.values() for rect in layer.occupied_rects()]
    shown = 0
    for (source, target), connection in scene.connection_items.items():
        for edge in connection.items:
            if edge.label_rect().isNull():
                continue  # no room: named on hover (the legend says so)
            shown += 1
            text = view_state.format(window.document.network.weights[source, target][edge.j, edge.i])
            # this edge's number as painted: the box with its text closest to the edge
            mine = [box for written, box in boxes if written == text]
            assert mine, f"{when}: {edge.key}: {text} is not painted"
            line = edge_on_screen(view, edge)
            box = min(mine, key=lambda b: distance_to_polylines(line, b.center()))
            assert distance_to_polylines(line, box.center()) <= ON_EDGE_PX, \
                f"{when}: {edge.key}'s number {text} at {box.center()} is off its edge"
            assert not any(box.intersects(card) for card in cards), f"{when}: {edge.key}'s number {text} is on a card"
    assert shown >= 4, f"{when}: only {shown} edge numbers shown"
    assert not overlapping_texts(view), f"{when}: texts written over each other"


def test_numbers_stay_on_their_edges_after_a_move_an_undo_and_a_resize(qtbot, main_window, canvas):
    window, doc = main_window, main_window.document
    qtbot.waitUntil(lambda: window.training.worker.is_ready, timeout=30000)
    window.training.wait_for_step_0()
    window.canvas.fit()
    press_step(qtbot, window)
    assert_numbers_on_their_edges(window, "after a Step")
    press_step(qtbot, window)  # the same layout again: the kept places are reused
    assert_numbers_on_their_edges(window, "after a second Step")

    # drag the output layer up and towards h by its card's border: the edges into it turn steep and short
    item = canvas.scene.layer_items["y"]
    grab = item.mapToScene(QPointF(0, item.card_rect().bottom() - 3))
    h = canvas.scene.layer_items["h"]
    canvas.drag(grab, grab + QPointF(-(item.scenePos().x() - h.scenePos().x()) * 0.45, -160), steps=8)
    assert doc.undo_stack.undoText().lower().startswith("move")
    assert_numbers_on_their_edges(window, "after dragging y")
    press_step(qtbot, window)
    assert_numbers_on_their_edges(window, "after a Step with y moved")

    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the move
    # the card follows the document (drawn right of its position by the room h's card needs, if any)
    qtbot.waitUntil(lambda: canvas.scene.document_position(item) == doc.network.layer("y").position)
    QApplication.processEvents()
    assert_numbers_on_their_edges(window, "after undoing the move")
    press_step(qtbot, window)
    assert_numbers_on_their_edges(window, "after a Step with y back")

    for size in ((1500, 950), (1800, 1150)):  # the canvas zooms with Fit: the texts keep their size on screen
        window.resize(*size)
        QApplication.processEvents()
        window.apply_default_layout()  # the docks as a new window of this size has them
        QApplication.processEvents()
        window.canvas.fit()
        QApplication.processEvents()
        assert_numbers_on_their_edges(window, f"at {size}")
        press_step(qtbot, window)
        assert_numbers_on_their_edges(window, f"after a Step at {size}")


def _type_weight(canvas, qtbot, key, text: str) -> None:
    """Double-click the edge's number, type ``text`` and Return, as a student sets a weight."""
    canvas.double_click(canvas.edge_label(*key))
    editor = canvas.view.editor
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: canvas.view.editor is None, timeout=3000)
    QApplication.processEvents()


def test_a_number_keeps_its_box_and_every_number_its_place_when_a_digit_fewer_is_written(main_window, canvas, qtbot):
    """0.5013 → 0.501 (0.5010, its zero dropped) → 0.499: the edge's box stays as wide, and no number
    on the canvas moves (a run moves every number each step, and now and then one ends in a zero: the
    numbers must not hop about)."""
    scene = canvas.scene
    key = ("x", "h", 0, 1)

    def places() -> dict:
        return {edge.key: edge.label_rect() for connection in scene.connection_items.values()
                for edge in connection.items}

    _type_weight(canvas, qtbot, key, "0.5013")
    before = places()
    for typed, written in (("0.501", "0.501"), ("0.4990", "0.499"), ("0.5013", "0.5013")):
        _type_weight(canvas, qtbot, key, typed)
        assert canvas.view.edge_item(*key).label_size()[0] == written
        assert places() == before, f"after typing {typed}"
