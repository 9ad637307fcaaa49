"""No canvas text is written over another (issue 21: "labels never on labels").

The student opens a lesson at a laptop's 1024×700 or a 1400×900 window, selects an edge into the
output (its number gets a dark frame) and walks one training step with F7 (every Forward layer,
Loss, every Backward layer, Update). In each phase, as it comes and after Fit to Window, the canvas is read as it paints
(``text_probe``: where each text's ink lands on screen) and no two texts may overlap: an edge's
number, a neuron's value, its z and b, the target and loss lines, the layers' names and info lines;
and none is cut at the canvas's edge (the Loss phase adds a column right of the output: a fitted
view fits again). The lessons are opened one after another in one window (``lesson_window``).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication

from test_editor_readable import SIZES, open_at
from text_probe import NUMBER, drawn_text_boxes, overlapping_inks


def phases_walked(qtbot, window, key=Qt.Key.Key_F7):
    """Yield (phase, layer) for the lesson as opened, then each step-through stop to Update, by ``key``
    (F7: layer by layer; F8: phase by phase)."""
    yield ("opened", 0)
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    while True:
        step = window.view_state.stepping
        QApplication.instance().processEvents()
        yield (step.phase, step.layer)
        if step.phase == "update":
            break
        qtbot.keyClick(window, key)
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)


@pytest.mark.parametrize("lesson", ["skip_connection", "one_hidden_sigmoid", "three_classes_softmax", "sine_regression"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_canvas_text_overlaps_another_in_any_phase(qtbot, lesson_window, lesson, size):
    open_at(lesson_window, lesson, size)
    net = lesson_window.document.network
    source, target = [key for key in net.connections if key[1] == net.output_layer][-1]
    lesson_window.view_state.select_edge(source, target, 0, 0)  # as the gallery does
    crowded, cut = {}, {}
    viewport = QRectF(lesson_window.canvas.viewport().rect())
    for phase in phases_walked(qtbot, lesson_window):
        for fitted in (False, True):  # as the phase came, and after Fit to Window (Ctrl+0)
            if fitted:
                lesson_window.actions_by_name["fit"].trigger()
                QApplication.instance().processEvents()
            inks = drawn_text_boxes(lesson_window.canvas)  # one painting read for both checks
            pairs = overlapping_inks(inks)
            if pairs:
                crowded[phase + (fitted,)] = pairs
            outside = [text for text, box in inks if not viewport.contains(box)]
            if outside:  # the Loss phase's column right of the output must not run off the canvas
                cut[phase + (fitted,)] = outside
    assert not crowded, f"{lesson} at {size}: texts written over each other: {crowded}"
    assert not cut, f"{lesson} at {size}: texts cut at the canvas's edge: {cut}"


def test_the_skip_connections_numbers_run_under_the_hidden_layer_apart(qtbot, lesson_window):
    """skip_connection is about the bypass x → y: both its weights are printed at both sizes, each
    on its own lane under h, neither on the other edge nor on h's card; in the Loss phase the loss
    under y is on no edge and no edge's number."""
    for size in SIZES:
        open_at(lesson_window, "skip_connection", size)
        for phase, _ in phases_walked(qtbot, lesson_window):
            if phase not in ("opened", "loss"):
                continue
            scene = lesson_window.scene
            bypass = scene.connection_items["x", "y"]
            rects = [edge.label_rect() for edge in bypass.items]
            assert not any(rect.isNull() for rect in rects), (size, phase)
            h = scene.layer_items["h"]
            card = h.mapRectToScene(h.card_rect())
            for edge, rect in zip(bypass.items, rects):
                assert rect.top() > card.bottom() and not rect.intersects(card)
                assert not any(other.crosses(rect) for other in bypass.items if other is not edge)
            assert not rects[0].intersects(rects[1])
            if phase == "loss":
                y = scene.layer_items["y"]
                loss = y.mapRectToScene(y.loss_rect())
                edges = [e for c in scene.connection_items.values() for e in c.items]
                assert not any(e.crosses(loss) for e in edges)
                assert not any(e.label_rect().intersects(loss) for e in edges)


def names_past_their_circles(window) -> list[tuple[str, str, float]]:
    """(layer[k], text, pixels past the rim) of each name centred in a neuron's circle (x₀², sin x₁, a₀, δ₀:
    not a number, which may run over the rim on a plate of its own) whose ink reaches past the circle's
    outline on screen (a corner of its tight box farther from the centre than r)."""
    view = window.canvas
    scale = view.transform().m11()
    circles = [(f"{name}[{k}]", QPointF(view.mapFromScene(item.mapToScene(item.neuron_centre(k)))), item.radius() * scale)
               for name, item in window.scene.layer_items.items() if not item.collapsed for k in range(item.units)]
    past = []
    for text, box in drawn_text_boxes(view):
        if NUMBER.search(text):
            continue
        for neuron, centre, r in circles:
            if QLineF(box.center(), centre).length() < r:
                reach = max(QLineF(corner, centre).length() for corner in
                            (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()))
                if reach > r:
                    past.append((neuron, text, round(reach - r, 1)))
    return past


def test_input_names_stay_inside_their_circles_in_every_phase(qtbot, lesson_window):
    """early_stopping at 1400×900: from the Loss phase on (after Fit to Window), "sin x₀" and "sin x₁"
    were written in their circles as wide as the circles, over their outlines left and right (the plate
    beside each circle names the input too). A name written in a circle stays inside it, as the phase
    comes and after Fit."""
    window = lesson_window
    open_at(window, "early_stopping", (1400, 900))
    found = {}
    for phase in phases_walked(qtbot, window):
        for fitted in (False, True):
            if fitted:
                window.actions_by_name["fit"].trigger()
                QApplication.instance().processEvents()
            past = names_past_their_circles(window)
            if past:
                found[phase + (fitted,)] = past
    assert not found, found


def test_a_crowded_lesson_says_to_hover_the_edges_that_have_no_room(qtbot, lesson_window):
    """three_classes_softmax is a 2-6-3: at 1024×700 not every one of its 30 weights has room for its
    number (two gaps of ~35 px). The canvas says so, folded legend or not, and hovering such an edge
    names its weight; zoomed in, every number is printed and the words go."""
    from test_editor_readable import edges_without_number, says_hover_iff_numbers_hidden

    open_at(lesson_window, "three_classes_softmax", (1024, 700))
    legend = lesson_window.canvas.legend
    hidden = edges_without_number(lesson_window)
    assert 0 < hidden <= 30
    assert legend.folded and says_hover_iff_numbers_hidden(lesson_window)
    assert f"({hidden} edges have no room for the number)" in legend.hover_text
    edge = next(e for c in lesson_window.scene.connection_items.values() for e in c.items if e.label_rect().isNull())
    net = lesson_window.document.network
    weight = net.weights[edge.src, edge.tgt][edge.j, edge.i]
    assert edge.tooltip_text().startswith(f"{edge.src}[{edge.i}] → {edge.tgt}[{edge.j}]: weight {weight:.6g}")
    lesson_window.canvas.zoom_by(2.0)
    QApplication.instance().processEvents()
    assert edges_without_number(lesson_window) == 0 and legend.hover_text == ""


def test_an_outputs_target_lines_stay_apart_as_the_student_zooms_out(qtbot, lesson_window):
    """three_classes_softmax at 1024×700, in the Loss phase: each output neuron writes t, y − t and its
    loss term in a column right of the card, centred on it. Zoomed out (View → Zoom Out), the lines keep
    their size on screen while the neurons draw nearer: "−ln y 1.941" ran into the next neuron's "t 0"
    (at zoom 0.39). Every zoom keeps the neighbours' lines apart."""
    open_at(lesson_window, "three_classes_softmax", (1024, 700))
    output = lesson_window.scene.layer_items[lesson_window.document.network.output_layer]
    crowded = {}
    for phase in phases_walked(qtbot, lesson_window):
        if phase[0] != "loss":
            continue
        for zoom_outs in range(4):
            card = QRectF(lesson_window.canvas.mapFromScene(output.mapRectToScene(output.card_rect())).boundingRect())
            column = [(text, box) for text, box in drawn_text_boxes(lesson_window.canvas)
                      if box.center().x() > card.right() and card.top() - 40 < box.center().y() < card.bottom() + 40]
            pairs = [(a, b) for k, (a, ra) in enumerate(column) for b, rb in column[k + 1:] if ra.intersects(rb)]
            if pairs:
                crowded[zoom_outs] = pairs
            lesson_window.actions_by_name["zoom_out"].trigger()
            QApplication.instance().processEvents()
    assert not crowded, f"target lines written over each other, by how many times zoomed out: {crowded}"
