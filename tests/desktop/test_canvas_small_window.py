"""A small laptop's window (900×650): the canvas writes no value over another (teacher's review 20, finding 4).

three_classes_softmax, Backward with the edge h₀ → y₀ selected: the network was drawn ~150 px wide, h's six
values printed over each other in one grey blob (x's two as well), y's "t / y − t / −ln" column cut at the
canvas's right edge, and the legend's unfolded table of dL/dw h→y (3 × 6) covered the lower half of the
canvas. Now, walked with F7 as a student does, in every phase: no two texts' ink overlaps, every text lies
inside the visible canvas, and the legend's box lies over no card and no edge number; where the neurons are
too close for their values, none is written and the legend says to hover a neuron, whose tooltip then
names them.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from test_canvas_texts_apart import phases_walked
from test_cards_step_through_laptop import hover
from test_editor_readable import open_at
from text_probe import drawn_text_boxes, overlapping_inks

SMALL = (900, 650)


def resized(window, size) -> None:
    """The window at ``size`` (a second resize when the docks of the larger layout held it taller)."""
    window.resize(*size)
    QApplication.instance().processEvents()
    window.resize(*size)
    QApplication.instance().processEvents()
    assert window.size().toTuple() == size


def legend_over_network(window) -> list[str]:
    """The layer cards and edge numbers (on screen) the canvas's legend box lies over."""
    view = window.canvas
    if not view.legend.isVisible():
        return []
    box = QRectF(view.legend.geometry().translated(-view.viewport().geometry().topLeft()))
    covered = []
    for name, item in window.scene.layer_items.items():
        if QRectF(view.mapFromScene(item.mapRectToScene(item.card_rect())).boundingRect()).intersects(box):
            covered.append(name)
    for (source, target), connection in window.scene.connection_items.items():
        for edge in connection.items:
            rect = edge.label_rect()
            if not rect.isNull() and QRectF(view.mapFromScene(rect).boundingRect()).intersects(box):
                covered.append(f"{source}→{target} number")
    return covered


@pytest.mark.parametrize("lesson", ["three_classes_softmax", "early_stopping"])
def test_no_value_is_written_over_another_at_900x650(qtbot, lesson_window, lesson):
    window = lesson_window
    open_at(window, lesson, SMALL)
    resized(window, SMALL)
    window.canvas.fit()
    net = window.document.network
    source, target = [key for key in net.connections if key[1] == net.output_layer][-1]
    window.view_state.select_edge(source, target, 0, 0)  # as the gallery does
    viewport = QRectF(window.canvas.viewport().rect())
    crowded, cut, covered = {}, {}, {}
    for phase in phases_walked(qtbot, window):
        QApplication.instance().processEvents()
        inks = drawn_text_boxes(window.canvas)
        pairs = overlapping_inks(inks)
        if pairs:
            crowded[phase] = pairs
        outside = [text for text, box in inks if not viewport.contains(box)]
        if outside:
            cut[phase] = outside
        if legend_over_network(window):
            covered[phase] = legend_over_network(window)
    assert not crowded, f"texts written over each other: {crowded}"
    assert not cut, f"texts cut at the canvas's edge: {cut}"
    assert not covered, f"the legend lies over: {covered}"


def test_without_room_the_neurons_values_are_said_on_hover_at_900x650(qtbot, lesson_window):
    """Backward on three_classes_softmax, zoomed out until h's values have no room: the legend says to hover a
    neuron, and h₀, hovered, names its a (as the Inspector's chain rule writes it); x's and h's cards write no number."""
    window = lesson_window
    open_at(window, "three_classes_softmax", SMALL)
    resized(window, SMALL)
    window.view_state.select_edge("h", "y", 0, 0)
    walked = phases_walked(qtbot, window)
    phase = next(walked)
    while phase[0] != "backward":
        phase = next(walked)
    QApplication.instance().processEvents()
    for _ in range(8):  # View → Zoom Out until h's values would reach each other (at the fitted zoom they fit)
        if window.scene.values_hidden:
            break
        window.actions_by_name["zoom_out"].trigger()
        QApplication.instance().processEvents()
    legend = window.canvas.legend
    words = " ".join(text for row in legend.rows() for _, text in row if isinstance(text, str))
    assert "Hover a neuron" in words, words
    hover(window, "h", 0)
    h = window.scene.layer_items["h"]
    a = window.view_state.neuron("h", 0).a
    assert f"= {window.view_state.format(a)} (the neuron's output)" in h.toolTip(), h.toolTip()
    written = {text for text, _ in drawn_text_boxes(window.canvas)}
    assert window.view_state.format(a) not in written  # not on the canvas: it had no room
