"""A laptop's canvas (1024×700) read as a student reads it, in the step-through and on hover (a
teacher's review): every neuron that shows a number is named (guided_chain_rule's inputs showed "1"
and "0.5" with no x₀, x₁), the target lines stay inside their card (one_sigmoid_neuron's
"(y − t)² ≈0.08339" ran into its border), exam_csv's input values and info line keep clear of the
edges leaving the card, and the enlarged thumbnail a hovered neuron pops up is readable and covers
no edge number (its words were ~3 px tall over the h → y numbers).

Texts are read where they are painted (``text_probe``); the step-through is walked with F7."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from test_canvas_texts_apart import phases_walked
from test_editor_readable import open_at
from text_probe import drawn_text_boxes, drawn_texts

LAPTOP, DESKTOP = (1024, 700), (1400, 900)
#: the symbols a neuron's name starts with (x₀, a₁, δ₀: the index is written as a digit of its own)
SYMBOLS = {"x", "a", "δ"}


def on_screen(window, item, rect: QRectF) -> QRectF:
    """``rect`` (``item``'s coordinates) where the canvas's viewport shows it."""
    return QRectF(window.canvas.mapFromScene(item.mapRectToScene(rect)).boundingRect())


def unnamed_neurons(window) -> list[str]:
    """Neurons showing a number whose name (a symbol and, right of it, its index) is not written
    level with their circle inside their card."""
    boxes = drawn_text_boxes(window.canvas)
    scale = window.canvas.transform().m11()
    missing = []
    for name, item in window.scene.layer_items.items():
        card = on_screen(window, item, item.card_rect())
        for k in range(item.units):
            if window.view_state.shown_number(name, k)[0] is None:
                continue
            centre = window.canvas.mapFromScene(item.mapToScene(item.neuron_centre(k)))
            band = QRectF(card.left(), centre.y() - item.radius() * scale - 4, card.width(),
                          2 * item.radius() * scale + 8)
            symbols = [box for text, box in boxes if text in SYMBOLS and band.contains(box.center())]
            indices = [box for text, box in boxes if text == str(k) and band.contains(box.center())]
            if not any(i.left() >= s.right() - 1 and i.left() - s.right() < 4 for s in symbols for i in indices):
                missing.append(f"{name}[{k}]")
    return missing


def test_every_neuron_showing_a_number_is_named_in_each_step_through_phase(qtbot, lesson_window):
    window = lesson_window
    open_at(window, "guided_chain_rule", LAPTOP)
    found = {}
    for phase in phases_walked(qtbot, window):
        if phase[0] != "opened" and unnamed_neurons(window):
            found[phase] = unnamed_neurons(window)
    assert not found, f"neurons without a name at 1024×700: {found}"


def texts_past_the_card(window, layer: str) -> list[str]:
    """Texts written in the output card (their ink's centre inside it) whose ink reaches its border."""
    item = window.scene.layer_items[layer]
    card = on_screen(window, item, item.card_rect())
    inner = card.adjusted(2, 2, -2, -2)  # inside the border (3 px wide on the active layer)
    return [text for text, box in drawn_text_boxes(window.canvas)
            if card.contains(box.center()) and not inner.contains(box)]


def test_an_outputs_target_lines_stay_inside_its_card_in_every_phase(qtbot, lesson_window):
    found = {}
    for lesson in ("one_sigmoid_neuron", "guided_chain_rule"):
        open_at(lesson_window, lesson, LAPTOP)
        output = lesson_window.document.network.output_layer
        for phase in phases_walked(qtbot, lesson_window):
            if texts_past_the_card(lesson_window, output):
                found[lesson, phase] = texts_past_the_card(lesson_window, output)
    assert not found, f"texts on the output card's border: {found}"


def struck_texts(window, layer: str) -> list[str]:
    """The input layer's texts (its values, names and info line) whose ink an edge leaving it crosses."""
    item = window.scene.layer_items[layer]
    shown = on_screen(window, item, item.boundingRect())
    inks = [(text, box.adjusted(0.5, 0.5, -0.5, -0.5)) for text, box in drawn_text_boxes(window.canvas)
            if shown.contains(box.center())]
    struck = set()
    for connection in window.scene.connection_items.values():
        if connection.src_item is not item:
            continue
        for edge in connection.items:
            points = [QPointF(window.canvas.mapFromScene(edge.point_at(t / 400))) for t in range(401)]
            struck |= {text for text, box in inks if any(box.contains(p) for p in points)}
    return sorted(struck)


def test_exam_csvs_input_values_and_info_line_keep_clear_of_the_edges(lesson_window):
    """exam_csv at 1024×700: "6.8", "5.1" and "input · 2 units" were crossed by the edges to h."""
    open_at(lesson_window, "exam_csv", LAPTOP)
    input_layer = lesson_window.document.network.layers[0].name
    assert not struck_texts(lesson_window, input_layer)


def hover(window, layer: str, k: int):
    """The pointer moved onto neuron k of ``layer``; its enlarged thumbnail (the layer item's zoom)."""
    item = window.scene.layer_items[layer]
    point = window.canvas.mapFromScene(item.mapToScene(item.neuron_centre(k)))
    QTest.mouseMove(window.canvas.viewport(), point)
    QTest.mouseMove(window.canvas.viewport(), point + QPoint(1, 0))
    QApplication.instance().processEvents()
    return item.zoom


def test_the_hovered_neurons_enlarged_thumbnail_is_readable_and_covers_no_number(lesson_window):
    """At 1400×900 it shows, its words at least 9 px tall, clear of every card and edge number; at
    1024×700 it shows so too, or not at all (the canvas may have no free place for it)."""
    window = lesson_window
    for size in (DESKTOP, LAPTOP):
        open_at(window, "guided_chain_rule", size)
        before = {text for text, _ in drawn_texts(window.canvas)}
        zoom = hover(window, "h", 0)
        if size == DESKTOP:
            assert zoom.isVisible(), "no enlarged thumbnail at 1400×900"
        if not zoom.isVisible():
            continue
        words = [(text, px) for text, px in drawn_texts(window.canvas) if text not in before]
        assert words and min(px for _, px in words) >= 9.0, (size, words)
        card = QRectF(window.canvas.mapFromScene(zoom.mapToScene(zoom.boundingRect())).boundingRect())
        numbers = [(label.edge.label_text(), on_screen(window, label, label.boundingRect()))
                   for c in window.scene.connection_items.values() for label in c.labels
                   if not label.edge.label_rect().isNull()]
        covered = [text for text, box in numbers if box.intersects(card)]
        covered += [name for name, item in window.scene.layer_items.items()
                    if on_screen(window, item, item.boundingRect()).intersects(card)]
        assert not covered, f"the enlarged thumbnail covers {covered} at {size}"
        hover(window, "h", 0).show_neuron(None)
