"""The canvas's numbers as tall as the panels' where the network has the room (review 12, findings 9 and 10).

On a laptop (1024×700) every canvas text was drawn at the 9 px floor: digits 7 px tall beside the
Inspector's 9 px ("z 0.3" in guided_chain_rule's Backward, "1" and "2" in guided_softmax's circles, the
whole of guided_sigmoid_neuron), and at 1400×900 guided_chain_rule's "old b 0" too. Fit now draws the
texts at the panels' size (12 px, digits 9 px) when the network keeps every edge number and readable
circles at it, else at 10.5 px, else at 9 px (``fit_zoom.fit_readable``). A student opens each lesson
(``open_at``: as the tests' other canvas checks do) and walks one step-through with F7; in each phase
every number the canvas paints is measured on screen, its digits' ink (``text_probe``).

And the values written in the circles stay inside their rims: skip_connection's "0.7639" ran over
its circle's edge at 1400×900; a circle now grows to hold its number (``LayerNumbers.value_grow``).
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

import core
from lesson_support import leave_lesson
from test_canvas_texts_apart import phases_walked
from test_cards_apart_every_lesson import settle
from test_editor_readable import open_at
from text_probe import drawn_digit_heights, drawn_text_boxes

LAPTOP, DESKTOP = (1024, 700), (1400, 900)
#: (lesson, window size, how tall its canvas's digits are at least, in the panels' digits): the panels'
#: size where the network has room for it; 10.5 px texts (digits 0.8 of the panels', 7 px before) where
#: it has room only for those. At 1024×700 a file with a guided lesson narrows the right column
#: (``dock_layout.NARROW_WIDTH``): on the 454 px wide canvas guided_chain_rule's 2-2-2 had room for
#: neither, guided_sigmoid_neuron's, guided_softmax's and guided_relu_tutorial's for 10.5 px; at 506 px
#: every guided lesson has the room for the panels' size
CASES = [("guided_perceptron", LAPTOP, 1.0), ("guided_weight_decay", LAPTOP, 1.0),
         ("guided_sigmoid_neuron", LAPTOP, 1.0), ("guided_softmax", LAPTOP, 1.0),
         ("guided_relu_tutorial", LAPTOP, 1.0), ("guided_chain_rule", LAPTOP, 1.0),
         ("guided_chain_rule", DESKTOP, 1.0), ("guided_sigmoid_neuron", DESKTOP, 1.0),
         ("skip_connection", DESKTOP, 1.0)]


#: the panels' 9-point digits are hinted to whole pixels (9.0 px for 8.75 px of outline); the canvas's
#: fonts, scaled with the zoom, are not: 12 px texts have digits 8.4–8.75 px tall
HINTING = 0.93


def panels_digits() -> float:
    """How tall the panels' digits are on screen (the Inspector's "0.5": the application's font)."""
    return QFontMetricsF(QApplication.instance().font()).tightBoundingRect("0123456789").height()


@pytest.mark.parametrize(("lesson", "size", "share"), CASES, ids=lambda v: v if isinstance(v, str) else
                         f"{v[0]}x{v[1]}" if isinstance(v, tuple) else f"{v:g}")
def test_canvas_digits_are_as_tall_as_the_panels_where_the_network_has_room(qtbot, lesson_window, lesson, size,
                                                                            share):
    least = share * panels_digits() * HINTING
    open_at(lesson_window, lesson, size)
    small = {}
    for phase in phases_walked(qtbot, lesson_window):
        heights = drawn_digit_heights(lesson_window.canvas)
        assert heights, f"{lesson}: no number painted in {phase}"
        under = sorted({(text, round(px, 1)) for text, px in heights if px < least}, key=lambda x: x[1])
        if under:
            small[phase] = under[:6]
    assert not small, f"{lesson} at {size}: digits under {least:.1f} px (panels: {panels_digits():.1f}): {small}"


def test_a_lessons_laptop_canvas_has_the_room_for_the_panels_digits(qtbot, lesson_window):
    """guided_chain_rule in a 1024×700 window: its canvas was 454 px wide, where its 2-2-2 (the Backward's
    target lines, "½(y − t)²/2 ≈0.08033") kept 9 px texts, digits 6.4–6.8 px (~500 px hold the panels'
    12 px texts in every phase). A file with a guided lesson narrows the right column below 1100 px
    (``dock_layout.NARROW_WIDTH``), also when it is opened in a window laid out for a file without one.
    The student sizes the window, opens the lesson from the Lessons menu (its panel shows), leaves it
    to see every number (closes the panel: the docks stay) and walks one step-through with F7: every
    digit on the canvas is as tall as the panels'."""
    window = lesson_window
    window.resize(*LAPTOP)
    window.apply_default_layout()
    settle()
    assert window.files.open_example(str(core.example_path("guided_chain_rule")))
    assert not window.lesson_dock.isHidden()
    window.training.wait_for_step_0()
    settle()
    leave_lesson(window)
    settle()
    least = panels_digits() * HINTING
    small = {}
    for phase in phases_walked(qtbot, window):
        under = sorted({(text, round(px, 1)) for text, px in drawn_digit_heights(window.canvas) if px < least},
                       key=lambda x: x[1])
        if under:
            small[phase] = under[:6]
    width = window.canvas.viewport().width()
    assert not small, f"canvas {width} px wide: digits under {least:.1f} px (panels: {panels_digits():.1f}): {small}"


def test_a_value_in_its_circle_stays_inside_the_rim(qtbot, lesson_window):
    """skip_connection at 1400×900: in each phase of the step-through each input's value ("0.7639",
    "0.5720") is written in its circle, under its name, its ink within the circle's rim (as opened, the
    circles show the inputs' maps and the values sit beside them)."""
    open_at(lesson_window, "skip_connection", DESKTOP)
    view, item = lesson_window.canvas, lesson_window.scene.layer_items["x"]
    out = {}
    for phase in phases_walked(qtbot, lesson_window):
        if phase[0] == "opened":
            continue
        inks = drawn_text_boxes(view)
        scale = view.transform().m11()
        for k in range(item.units):
            value = lesson_window.view_state.shown_number("x", k)[0]
            text = lesson_window.view_state.format(value)
            centre = QPointF(view.mapFromScene(item.mapToScene(item.neuron_centre(k))))
            radius = item.radius() * scale
            boxes = [box for drawn, box in inks if drawn == text and math.hypot(
                box.center().x() - centre.x(), box.center().y() - centre.y()) < radius]
            assert boxes, f"{phase}: x[{k}]'s {text} is not written in its circle"
            box = boxes[0]
            corners = [(box.left(), box.top()), (box.right(), box.top()), (box.left(), box.bottom()),
                       (box.right(), box.bottom())]
            reach = max(math.hypot(x - centre.x(), y - centre.y()) for x, y in corners)
            if reach > radius:
                out[phase, k] = (text, round(reach, 1), round(radius, 1))
    assert not out, f"values over their circles' rims (ink reach, radius in px): {out}"
