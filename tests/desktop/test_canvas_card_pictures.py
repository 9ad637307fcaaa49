"""A layer card keeps, between frames, its numbers' fonts and places (``card_painter.CardPlan``) and
a picture of its plates, labels and captions (``card_painter.Stamp``). Driven the student's way —
View → Digits on Canvas, F6, the step-through's F7 and F8, View → z and b on Canvas, View → Neuron
Thumbnails, zooming, typing a new layer name or a bias — the canvas must show, at once, exactly
what a card painted from scratch shows: a plan or a picture kept one change too long would show
the old number, label, size or font."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import core
from conftest import Canvas
from lesson_support import leave_lesson, return_to_lesson
from test_training_support import press_step, training_window  # noqa: F401 (a fixture)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * image.height())
    return data.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].copy()


def _canvas(window, qtbot=None) -> np.ndarray:
    """The canvas as on screen; with ``qtbot``, once it has settled (a deferred fit, a snapshot on its way)."""
    QApplication.processEvents()
    shown = _pixels(window.canvas.viewport().grab().toImage())
    for _ in range(40 if qtbot is not None else 0):
        qtbot.wait(50)
        again = _pixels(window.canvas.viewport().grab().toImage())
        if np.array_equal(again, shown):
            break
        shown = again
    return shown


def _painted_from_scratch(window) -> np.ndarray:
    """The canvas with every card's kept plan and picture dropped: each card is laid out and painted anew."""
    for item in window.canvas.scene().layer_items.values():
        item._plan = None
        item.update()
    return _canvas(window)


def assert_cards_as_if_new(qtbot, window, when: str) -> None:
    shown = _canvas(window, qtbot)
    fresh = _painted_from_scratch(window)
    differ = np.abs(shown.astype(int) - fresh.astype(int)).max(axis=2)
    ys, xs = np.nonzero(differ)
    assert not len(ys), f"{when}: {len(ys)} pixels differ from a card painted anew, around x {xs.min()}…{xs.max()}, " \
                        f"y {ys.min()}…{ys.max()}"


@pytest.mark.parametrize("lesson", ["xor", "guided_perceptron"])
def test_every_card_after_a_students_change_looks_as_painted_anew(qtbot, training_window, lesson):
    window = training_window(core.load_network(core.example_path(lesson)))
    canvas = Canvas(window, qtbot)
    scene = canvas.scene
    qtbot.waitUntil(lambda: window.training.worker.is_ready, timeout=15000)
    _canvas(window)  # painted once: every card has its plan and picture now
    assert_cards_as_if_new(qtbot, window, "opened")

    actions = window.actions_by_name
    actions["digits_6"].trigger()  # longer numbers: wider plates, other texts
    assert_cards_as_if_new(qtbot, window, "6 digits")
    leave_lesson(window)  # (a lesson asking about the weights as saved lets nothing train)
    press_step(qtbot, window)
    return_to_lesson(window)
    assert_cards_as_if_new(qtbot, window, "F6")
    actions["digits_2"].trigger()
    assert_cards_as_if_new(qtbot, window, "2 digits")

    qtbot.keyClick(window, Qt.Key.Key_F7)  # the step-through: Forward, the first layer
    assert_cards_as_if_new(qtbot, window, "F7 (forward)")
    qtbot.keyClick(window, Qt.Key.Key_F8)  # the Loss phase: y − t and the terms under the output
    assert_cards_as_if_new(qtbot, window, "F8 (loss)")
    qtbot.keyClick(window, Qt.Key.Key_F8)  # Backward: δ on the neurons, in the sign's colour
    assert_cards_as_if_new(qtbot, window, "F8 (backward)")
    qtbot.keyClick(window, Qt.Key.Key_F8)  # Update: old b and new b
    assert_cards_as_if_new(qtbot, window, "F8 (update)")
    qtbot.keyClick(window, Qt.Key.Key_Escape)

    actions["canvas_numbers"].trigger()  # z and b off: the cards shrink
    assert_cards_as_if_new(qtbot, window, "z and b off")
    actions["canvas_numbers"].trigger()
    actions["thumbnails"].trigger()  # the numbers move into the circles (or out of them)
    assert_cards_as_if_new(qtbot, window, "thumbnails toggled")
    if window.view_state.shows_thumbnails():
        actions["thumbnails"].trigger()
    # numbers inside the circles: a number wider than its circle sits on a plate, a narrow one on none
    actions["digits_6"].trigger()
    net = window.document.network
    hidden = next((name for name in net.order()[1:] if name in net.biases), None)
    for bias in ("40", "-0.01234") if hidden is not None else ():  # a ≈ 1 ("1": no plate), then a plate again
        _type_bias(canvas, qtbot, hidden, bias)
        assert_cards_as_if_new(qtbot, window, f"bias {bias} typed on {hidden}")
    _pan(canvas, qtbot)
    assert_cards_as_if_new(qtbot, window, "panned")
    actions["thumbnails"].trigger()
    assert_cards_as_if_new(qtbot, window, "thumbnails toggled back")
    actions["zoom_in"].trigger()
    assert_cards_as_if_new(qtbot, window, "zoomed in")
    actions["zoom_out"].trigger()
    actions["zoom_out"].trigger()
    assert_cards_as_if_new(qtbot, window, "zoomed out")

    output = window.document.network.output_layer
    item = scene.layer_items[output]
    canvas.double_click(item.mapToScene(item.name_rect().center()))  # rename by typing
    editor = canvas.view.editor
    editor.selectAll()
    qtbot.keyClicks(editor, "result")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "result" in scene.layer_items
    assert_cards_as_if_new(qtbot, window, "renamed")
    if "result" not in window.document.network.biases:
        return  # a layer without bias: nothing to type
    _type_bias(canvas, qtbot, "result", "-12.375")
    assert_cards_as_if_new(qtbot, window, "bias typed")


def _type_bias(canvas, qtbot, layer: str, text: str) -> None:
    """Double-click neuron 0 of ``layer``, type ``text``, Return."""
    item = canvas.scene.layer_items[layer]
    canvas.double_click(item.mapToScene(item.neuron_centre(0)))
    editor = canvas.view.editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert canvas.window.document.network.biases[layer][0] == float(text)


def _pan(canvas, qtbot) -> None:
    """Drag the canvas's background by a few pixels (every card moves on screen, none in the scene)."""
    view = canvas.view
    vp = view.viewport()
    empty = next(QPoint(x, y) for y in range(vp.height() - 10, 10, -10) for x in range(10, vp.width() - 10, 10)
                 if not view.items(QPoint(x, y)) and vp.childAt(QPoint(x, y)) is None)
    start = view.mapToScene(empty)
    before = view.mapFromScene(QPointF(0, 0))
    canvas.drag(start, view.mapToScene(empty + QPoint(37, 23)))
    assert view.mapFromScene(QPointF(0, 0)) != before, "the drag did not pan"


def test_a_stamp_shows_the_ops_it_was_last_given(qapp):
    """A card's picture (``Stamp``) painted for other plates and labels, or at another sub-pixel offset or
    zoom, is painted again: each frame equals the ops drawn directly (up to the rounding of one more
    composition: 2 levels of 255)."""
    from PySide6.QtGui import QColor, QPainter

    from desktop.editor import card_painter, style

    fonts = [card_painter.font_entry(style.font(8.0))]
    label = card_painter.text_at(fonts[0], (12.0, 40.0, 60.0, 14.0), card_painter.LEFT, "old b", 0, style.MUTED_TEXT)
    looks = [
        (("p", 10.0, 10.0, 60.0, 30.0, card_painter.ZB), label),
        (("p", 10.0, 10.0, 72.5, 30.0, card_painter.ZB), label),  # a wider plate
        (("p", 10.0, 10.0, 72.5, 30.0, card_painter.UNDER_NUMBER), label),  # another plate
        (("p", 10.0, 10.0, 72.5, 30.0, card_painter.ZB),
         card_painter.text_at(fonts[0], (12.0, 40.0, 60.0, 14.0), card_painter.LEFT, "new b", 0, style.MUTED_TEXT)),
    ]
    stamp = card_painter.Stamp()

    def paint(ops, dx, scale, kept: bool) -> np.ndarray:
        image = QImage(200, 120, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#F4F6F8"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(dx, 7.25)
        painter.scale(scale, scale)
        if kept:
            stamp.paint(painter, ops, fonts)
        else:
            card_painter.paint_ops(painter, ops, fonts)
        painter.end()
        return _pixels(image).astype(int)

    places = ((3.0, 1.0), (3.5, 1.0), (40.0, 1.0), (3.5, 1.3))  # moved by a half, by whole pixels; zoomed
    for ops, (dx, scale) in [(ops, place) for place in places for ops in looks] + \
            [(ops, place) for ops in looks for place in places]:  # other ops in one place, one look in other places
        kept, direct = paint(ops, dx, scale, True), paint(ops, dx, scale, False)
        assert np.abs(kept - direct).max() <= 2, f"{ops} at {dx}, ×{scale}: the picture of other ops or places shows"
