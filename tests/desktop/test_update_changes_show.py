"""A step's change is never rounded away (the teacher's review of the saturation lesson).

In the saturation lesson every neuron is saturated: dL/dw of h[0] → y[0] is 8.1e−6, and one
SGD step moves w = 5 by 4e−6. The Inspector wrote "this step: w 5 → 5" and the canvas
"old b 3 / new b 3": a student concludes that nothing happened. Now old → new is written with
the digits that make the change show (5 → 4.999996), or with Δ when that would take too many.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core
from core.notation import format_number
from window_texts import painted_texts

NUMBER = r"−?\d+(?:\.\d+)?(?:e−?\d+)?"


def open_in_update(qtbot, window, name: str) -> None:
    """Open the example as the Lessons menu does and press F8 to the step-through's Update phase."""
    assert window.files.open_example(str(core.example_path(name)))
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    while window.view_state.stepping.phase != "update":
        qtbot.keyClick(window.canvas, Qt.Key.Key_F8)
    QApplication.instance().processEvents()


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def test_the_inspector_writes_a_tiny_step_with_the_digits_that_show_it(qtbot, main_window, canvas):
    window = main_window
    open_in_update(qtbot, window, "saturation")
    canvas.click(canvas.edge_label("h", "y", 0, 0))  # the student clicks the edge's number
    qtbot.waitUntil(lambda: "this step" in window.inspector.edge_page.gradient.text(), timeout=5000)
    old, new, gradient = window.view_state.weight_change("h", "y", 0, 0)
    assert 0 < abs(new - old) < 1e-5 * abs(old)  # the lesson's point: a saturated neuron barely learns
    written = re.search(rf"this step: w ({NUMBER}) → ({NUMBER})", window.inspector.edge_page.gradient.text())
    assert written, window.inspector.edge_page.gradient.text()
    old_text, new_text = written.groups()
    assert old_text != new_text  # was "w 5 → 5"
    assert number(old_text) == old  # 5 is written exactly
    last_digit = 10.0 ** (len(new_text.split(".")[1]) if "." in new_text else 0)
    assert abs(number(new_text) - new) <= 0.5 / last_digit  # and the new one rounded, not made up
    tip = window.canvas.edge_item("h", "y", 0, 0).tooltip_text()
    assert f"this step: w = {old_text} → {new_text}" in tip


def test_the_canvas_writes_every_step_of_one_picture_one_way(qtbot, main_window):
    """Review 10: saturation's Update wrote h0, h1 "old b 3 / Δb −5.314e−6" beside h2 "old b 3 / new b
    2.999993", edges "4.000003", "4.999996" beside h1 → y "4.000" (it moved 5e−6). Its changes need
    up to 9 digits: the picture now writes every one as a change, Δb and Δw = new − old."""
    window = main_window
    open_in_update(qtbot, window, "saturation")
    texts = painted_texts(window.canvas.scene())
    digits = window.view_state.digits
    net = window.document.network
    assert "new b" not in texts  # no bias written the other way
    for layer in ("h", "y"):
        for k in range(net.layer(layer).units):
            old, new, _ = window.view_state.bias_change(layer, k)
            assert old != new
            assert format_number(old, digits) in texts and format_number(new - old, digits) in texts
    assert texts.count("Δb") == 4  # every neuron's bias: h0, h1, h2 and y0
    for (source, target) in net.connections:
        rows, cols = net.weights[source, target].shape
        for j in range(rows):
            for i in range(cols):
                old, new, _ = window.view_state.weight_change(source, target, j, i)
                label = window.canvas.edge_item(source, target, j, i).label_text()
                assert label == format_number(new - old, digits), (source, target, j, i, label)  # was "4.000"
    assert "the edges show its step as Δw" in window.training.step_toolbar.phase_text.text()


def test_a_picture_whose_changes_show_writes_every_new_value(qtbot, main_window):
    window = main_window
    open_in_update(qtbot, window, "one_hidden_sigmoid")
    texts = painted_texts(window.canvas.scene())
    assert "Δb" not in texts and "new b" in texts
    old, new, _ = window.view_state.weight_change("h", "y", 0, 0)
    label = window.canvas.edge_item("h", "y", 0, 0).label_text()
    assert label != format_number(old, window.view_state.digits) and abs(number(label) - new) < abs(new - old)


def significant_digits(text: str) -> int:
    mantissa = text.lstrip("−").split("e")[0].replace(".", "").lstrip("0")
    return len(mantissa)


def test_the_heatmap_writes_its_cells_with_one_number_of_digits(qtbot, main_window):
    """saturation's Update: x → h's cells held 1 digit ("−6e−6", "3e−8"), h → y's 4 ("8.112e−6"),
    as if one were known better than the other. The picture writes every cell with the fewest."""
    window = main_window
    window.resize(1400, 900)  # the teacher's window, its default layout
    QApplication.instance().processEvents()
    window.apply_default_layout()
    open_in_update(qtbot, window, "saturation")
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.cell_texts("x", "h") is not None and panel.cell_texts("h", "y") is not None,
                    timeout=5000)
    cells = [t for edge in (("x", "h"), ("h", "y")) for row in panel.cell_texts(*edge) for t in row]
    assert all(cells), cells  # every cell shows its number
    digits = {significant_digits(t) for t in cells if t not in ("0", "≈0")}
    assert len(digits) == 1, cells
