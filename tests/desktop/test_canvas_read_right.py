"""What a teacher misread on the canvas at a laptop's 1024×700 (and at 1400×900), read back as
the canvas paints it (``text_probe``):

* the ringed neuron's caption "δ0" read "60": it is a larger δ and its index lowered, δ₀;
* the legend said "outputs in class colours (orange 0, blue 1)" for three classes and for a
  regression: it names the colours really drawn;
* the selected edge's number was hidden when its edge had no free spot; two numbers ran into one
  ("1.396,0.6972"); numbers sat on a card's output port;
* an output's "t …" line sat on the card's blue output port.

The lessons are opened one after another in one window (``lesson_window``), as a student does.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from desktop.editor import style
from test_editor_readable import open_at
from text_probe import drawn_boxes, drawn_text_boxes

LAPTOP, DESKTOP = (1024, 700), (1400, 900)


def walk_to_backward(qtbot, window) -> None:
    """F7 until the step-through's Backward phase rings the output's neurons."""
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    while window.view_state.stepping.phase != "backward":
        qtbot.keyClick(window, Qt.Key.Key_F7)
    QApplication.instance().processEvents()


def port_on_screen(window, layer: str) -> QRectF:
    """Where a card's blue output port is drawn on screen (viewport pixels)."""
    port = window.scene.layer_items[layer].port
    r = port.RADIUS
    return window.canvas.mapFromScene(port.mapRectToScene(QRectF(-r, -r, 2 * r, 2 * r))).boundingRect().toRectF()


@pytest.mark.parametrize("size", [LAPTOP, DESKTOP], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_ringed_neurons_caption_is_a_delta_with_a_lowered_index(qtbot, lesson_window, size):
    """guided_chain_rule's Backward rings y's two neurons: each caption is a δ and below its baseline
    the index 0 or 1, in digits of their own (never "δ0" written on one line, which read "60")."""
    open_at(lesson_window, "guided_chain_rule", size)
    walk_to_backward(qtbot, lesson_window)
    inks = drawn_text_boxes(lesson_window.canvas)
    assert not [text for text, _ in inks if re.fullmatch(r"[δa]\d+", text)], "a caption written on one line"
    deltas = [box for text, box in inks if text == "δ"]
    assert len(deltas) == 2, [text for text, _ in inks]
    for k, delta in enumerate(sorted(deltas, key=QRectF.top)):
        index = [box for text, box in inks if text == str(k) and 0 <= box.left() - delta.right() <= 4
                 and abs(box.center().y() - delta.center().y()) < delta.height()]
        assert index, f"δ{k}: no index beside its δ"
        assert index[0].bottom() >= delta.bottom() + 1.5, f"δ{k}: the index is not lowered"
        assert delta.height() >= index[0].height() + 1, f"δ{k}: the δ is no larger than a digit"


def test_the_legend_names_the_colours_of_three_classes_and_none_for_a_regression(qtbot, lesson_window):
    """three_classes_softmax draws output k white → class k's colour (orange, blue, green); a regression
    (relu_tutorial) draws its outputs grey like every neuron: no class colours to name."""
    open_at(lesson_window, "three_classes_softmax", DESKTOP)
    view_state, legend = lesson_window.view_state, lesson_window.canvas.legend
    qtbot.waitUntil(lambda: view_state.neuron_map("y", 2) is not None, timeout=15000)
    QApplication.instance().processEvents()
    written = " ".join(text for row in legend.rows() for _, text in row)
    assert "output k: class k's colour (orange 0, blue 1, green 2)" in written, written
    assert lesson_window.scene.thumbnail_colouring("y", 2) == 2  # what the legend describes is what is drawn
    fm = QFontMetricsF(style.font(8.5))  # the legend's font
    cut = [text for row in legend.rows() if len(row) == 1 for _, text in row
           if legend.MARK + 10 + fm.horizontalAdvance(text) > legend.width() - 4]
    assert not cut, f"legend rows cut at its edge: {cut}"
    open_at(lesson_window, "relu_tutorial", DESKTOP)
    qtbot.waitUntil(lambda: view_state.neuron_map("y", 0) is not None, timeout=15000)
    QApplication.instance().processEvents()
    written = " ".join(text for row in legend.rows() for _, text in row)
    assert "white = low a, grey = high a" in written and "class" not in written, written


def shown_number_plates(window) -> list[tuple[tuple, QRectF]]:
    """(edge key, its number's plate on screen) of every edge that shows its number."""
    view = window.canvas
    return [(edge.key, view.mapFromScene(edge.label_rect()).boundingRect().toRectF())
            for c in window.scene.connection_items.values() for edge in c.items if not edge.label_rect().isNull()]


@pytest.mark.parametrize(("lesson", "size"), [("three_classes_softmax", DESKTOP), ("exam_csv", DESKTOP),
                                              ("sine_regression", LAPTOP)],
                         ids=["three_classes_softmax-1400x900", "exam_csv-1400x900", "sine_regression-1024x700"])
def test_edge_numbers_keep_apart_and_off_the_ports(qtbot, lesson_window, lesson, size):
    """Every two shown numbers' plates are at least 3 px apart on screen (sine_regression's Backward at
    1024×700 wrote "1.396,0.6972"), and none covers a card's output port (three_classes_softmax's
    x → h numbers sat on x's)."""
    open_at(lesson_window, lesson, size)
    walk_to_backward(qtbot, lesson_window)
    for phase in ("backward", "opened"):
        plates = shown_number_plates(lesson_window)
        close = [(a, b) for n, (a, ra) in enumerate(plates) for b, rb in plates[n + 1:]
                 if ra.adjusted(-1.5, -1.5, 1.5, 1.5).intersects(rb.adjusted(-1.5, -1.5, 1.5, 1.5))]
        assert not close, f"{phase}: numbers less than 3 px apart: {close}"
        ports = [port_on_screen(lesson_window, name) for name in lesson_window.scene.layer_items]
        on_ports = [key for key, plate in plates if any(plate.intersects(port) for port in ports)]
        assert not on_ports, f"{phase}: numbers on a card's output port: {on_ports}"
        lesson_window.stepper.cancel()
        QApplication.instance().processEvents()


def test_the_selected_edges_number_always_shows_at_a_laptops_size(qtbot, lesson_window):
    """one_hidden_sigmoid at 1024×700, trained 500 steps: h[0] → y[0] runs short and steep between two
    cards, with no free spot for its number; selected (its chain rule in the Inspector), its number is
    on the canvas, and after selecting another edge the new one's is."""
    open_at(lesson_window, "one_hidden_sigmoid", LAPTOP)
    assert lesson_window.training.train_for_screenshot(500)
    lesson_window.canvas.fit()
    QApplication.instance().processEvents()
    view_state, scene = lesson_window.view_state, lesson_window.scene
    edge = scene.connection_items["h", "y"].edge(0, 0)
    view_state.select_edge("h", "y", 0, 0)
    QApplication.instance().processEvents()
    assert edge.isSelected() and not edge.label_rect().isNull()
    text = view_state.format(lesson_window.document.network.weights["h", "y"][0, 0])
    assert text in [written for written, _ in drawn_boxes(lesson_window.canvas)]
    view_state.select_edge("x", "h", 0, 0)
    QApplication.instance().processEvents()
    assert not scene.connection_items["x", "h"].edge(0, 0).label_rect().isNull()


def test_the_selected_edge_of_a_connection_without_numbers_shows_its_number(qtbot, lesson_window):
    """early_stopping's x → h1 has 56 edges, too many for a number on each (read by hovering): the one
    selected shows its number all the same, and hides it again once another is selected."""
    open_at(lesson_window, "early_stopping", LAPTOP)
    view_state, scene = lesson_window.view_state, lesson_window.scene
    connection = scene.connection_items["x", "h1"]
    assert not connection.labelled and not connection.bundled
    hidden = scene.hidden_edge_numbers()
    view_state.select_edge("x", "h1", 2, 5)
    QApplication.instance().processEvents()
    edge = connection.edge(2, 5)
    assert edge.isSelected() and not edge.label_rect().isNull()
    text = view_state.format(lesson_window.document.network.weights["x", "h1"][2, 5])
    assert text in [written for written, _ in drawn_boxes(lesson_window.canvas)]
    assert scene.hidden_edge_numbers() == hidden - 1  # the legend counts one fewer to hover
    view_state.select_edge("h2", "y", 0, 0)
    QApplication.instance().processEvents()
    assert edge.label_rect().isNull() and text not in [written for written, _ in drawn_boxes(lesson_window.canvas)]


@pytest.mark.parametrize("lesson", ["three_classes_softmax", "guided_softmax"])
@pytest.mark.parametrize("size", [LAPTOP, DESKTOP], ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_outputs_target_lines_keep_clear_of_its_port(qtbot, lesson_window, lesson, size):
    """The t, y − t and loss-term lines right of an output card start past its blue output port (an
    output of three neurons or more: one of one or two writes them under each neuron,
    test_canvas_cards_apart)."""
    open_at(lesson_window, lesson, size)
    walk_to_backward(qtbot, lesson_window)  # the Loss phase has added y − t and the terms
    output = lesson_window.document.network.output_layer
    port = port_on_screen(lesson_window, output)
    card = lesson_window.canvas.mapFromScene(
        lesson_window.scene.layer_items[output].mapRectToScene(lesson_window.scene.layer_items[output].card_rect()))
    right = card.boundingRect().right()
    beside = [(text, box) for text, box in drawn_text_boxes(lesson_window.canvas)
              if box.left() > right and box.top() < card.boundingRect().bottom() and text in ("t", "y − t")]
    assert beside, "no target line right of the output card"
    touching = [text for text, box in beside if box.intersects(port.adjusted(-2, -2, 2, 2))]
    assert not touching, f"target lines on the output port: {touching}"


def test_an_edge_whose_number_has_no_room_tells_it_on_hover(qtbot, lesson_window):
    """three_classes_softmax at 1024×700: the eighteen edges from its 6 hidden neurons converge on 3
    outputs and some numbers have no free spot (the legend lists them); the pointer resting on such
    an edge shows its weight in the tooltip. (Its twelve x → h edges, fanning out to 6 hidden neurons,
    were such edges until the cards kept the room of their column of numbers, ``card_spacing.lead_out_gaps``.)"""
    from PySide6.QtTest import QTest

    open_at(lesson_window, "three_classes_softmax", LAPTOP)
    scene, view = lesson_window.scene, lesson_window.canvas
    hidden = [edge for edge in scene.connection_items["h", "y"].items if edge.label_rect().isNull()]
    assert hidden, "every h → y number found room: pick a crowded lesson for this test"
    assert view.legend.tables  # the legend lists them (test_every_edge_number_shown reads its table), and hover names them
    # a point of a hidden edge where the pointer rests on that edge alone (no other edge, number or card on top)
    edge, spot = next((edge, edge.point_at(t / 40)) for edge in hidden for t in range(2, 39)
                      if view.items(view.mapFromScene(edge.point_at(t / 40)))[:1] == [edge]
                      and len(view.items(view.mapFromScene(edge.point_at(t / 40)))) == 1)
    QTest.mouseMove(view.viewport(), QPoint(2, 2))  # from elsewhere: a pointer already there makes no hover
    QTest.mouseMove(view.viewport(), view.mapFromScene(spot))
    qtbot.waitUntil(lambda: edge.toolTip() != "", timeout=3000)
    value = lesson_window.document.network.weights["h", "y"][edge.j, edge.i]
    assert f"weight {value:.6g}" in edge.toolTip()
