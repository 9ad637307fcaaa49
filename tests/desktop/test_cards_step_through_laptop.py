"""A laptop's canvas (1024×700) read as a student reads it, in the step-through and on hover (a
teacher's review): every neuron that shows a number is named (guided_chain_rule's inputs showed "1"
and "0.5" with no x₀, x₁), the target lines stay inside their card (one_sigmoid_neuron's
"(y − t)² ≈0.08339" ran into its border), exam_csv's input values and info line keep clear of the
edges leaving the card, and the enlarged thumbnail a hovered neuron pops up is readable, covers
no edge number where the canvas has room (its words were ~3 px tall over the h → y numbers) and
shows on a laptop too (it never did).

Texts are read where they are painted (``text_probe``); the step-through is walked with F7."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

import core
from test_canvas_texts_apart import phases_walked
from test_editor_readable import open_at
from test_lesson_spoilers import open_lesson
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


def card_on_screen(window, zoom) -> QRectF:
    """Where the enlarged thumbnail's card is in the viewport (it keeps its size at any zoom)."""
    return zoom.deviceTransform(window.canvas.viewportTransform()).mapRect(zoom.boundingRect())


def new_words(window, before: set[str]) -> list[tuple[str, float]]:
    """The texts the canvas paints now that it did not paint before, with their height on screen."""
    return [(text, px) for text, px in drawn_texts(window.canvas) if text not in before]


def test_the_hovered_neurons_enlarged_thumbnail_covers_no_number_where_the_canvas_has_room(lesson_window):
    """At 1400×900 guided_chain_rule's canvas has room: the card shows there, its words at least 9 px
    tall, clear of every card and edge number."""
    window = lesson_window
    open_at(window, "guided_chain_rule", DESKTOP)
    before = {text for text, _ in drawn_texts(window.canvas)}
    zoom = hover(window, "h", 0)
    assert zoom.isVisible(), "no enlarged thumbnail at 1400×900"
    words = new_words(window, before)
    assert words and min(px for _, px in words) >= 9.0, words
    card = card_on_screen(window, zoom)
    numbers = [(label.edge.label_text(), on_screen(window, label, label.boundingRect()))
               for c in window.scene.connection_items.values() for label in c.labels
               if not label.edge.label_rect().isNull()]
    covered = [text for text, box in numbers if box.intersects(card)]
    covered += [name for name, item in window.scene.layer_items.items()
                if on_screen(window, item, item.boundingRect()).intersects(card)]
    assert not covered, f"the enlarged thumbnail covers {covered}"
    hover(window, "h", 0).show_neuron(None)


def test_the_hovered_neurons_enlarged_thumbnail_shows_on_a_laptop(lesson_window):
    """A teacher's review: at 1024×700 no hovered neuron ever showed it (0 of ~75: the canvas has no
    place that covers nothing). Now every neuron of three_classes_softmax shows it, readable (words at
    least 9 px tall, the picture 72 px wide), whole in the canvas, off the hovered neuron and its value
    and off the note and legend (widgets drawn over the canvas would hide it)."""
    window = lesson_window
    open_at(window, "three_classes_softmax", LAPTOP)
    viewport = QRectF(window.canvas.viewport().rect())
    port = window.canvas.viewport()
    widgets = [QRectF(w.geometry().translated(-port.pos())) for w in window.canvas.children()
               if isinstance(w, QWidget) and w is not port and w.isVisible() and w.height() > 0]
    before = {text for text, _ in drawn_texts(window.canvas)}
    problems = {}
    for layer, k in (("x", 1), ("h", 0), ("h", 5), ("y", 0)):
        zoom = hover(window, layer, k)
        if not zoom.isVisible():
            problems[layer, k] = "not shown"
            continue
        card = card_on_screen(window, zoom)
        item = window.scene.layer_items[layer]
        centre = QPointF(window.canvas.mapFromScene(item.mapToScene(item.neuron_centre(k))))
        radius = item.radius() * window.canvas.transform().m11()
        row = on_screen(window, item, item.boundingRect())
        row = QRectF(row.left(), centre.y() - radius, row.width(), 2 * radius)
        words = new_words(window, before)
        found = [what for what, bad in (
            ("words under 9 px", not words or min(px for _, px in words) < 9.0),
            ("picture under 72 px", card.width() < 72 + 124),
            ("past the canvas", not viewport.contains(card)),
            ("over the neuron's row", card.intersects(row)),
            ("under a widget", any(card.intersects(w) for w in widgets))) if bad]
        if found:
            problems[layer, k] = found
    hover(window, "y", 0).show_neuron(None)
    assert not problems, f"the enlarged thumbnail at 1024×700: {problems}"


def cut_off_cards(window) -> list[str]:
    """The layer cards (with their port dots) the canvas's viewport does not show whole."""
    viewport = QRectF(window.canvas.viewport().rect())
    cut = []
    for name, item in window.scene.layer_items.items():
        whole = item.sceneBoundingRect().united(item.port.sceneBoundingRect())
        if not viewport.contains(QRectF(window.canvas.mapFromScene(whole).boundingRect())):
            cut.append(name)
    return cut


def test_a_lesson_started_from_its_menu_fits_its_cards_whole_on_a_laptop(qtbot, lesson_window):
    """A teacher's review: after Lesson → Reset Progress guided_perceptron's y card touched the canvas's
    right edge at 1024×700, its port dot half cut (the card had grown as the lesson held its numbers
    back, and its kept bounds still said the old size, so the canvas did not fit again)."""
    window = lesson_window
    window.resize(*LAPTOP)
    window.apply_default_layout()
    QApplication.instance().processEvents()
    path = core.example_path("guided_perceptron")
    student = open_lesson(qtbot, window, core.load_network(path), path)
    qtbot.wait(100)
    assert not cut_off_cards(window), f"step 1: {cut_off_cards(window)} cut off"
    student.next()  # step 2: "Compute the output y"
    qtbot.wait(100)
    assert not cut_off_cards(window), f"step 2: {cut_off_cards(window)} cut off"
