"""One number rule and one colour scale (issue 21): a number box writes its value as every other
number of the window unless the student is editing it; the gradient heatmaps share one colour
scale by default, and say it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

import core
from desktop.view_state import Selection
from test_training_support import training_window

__all__ = ["training_window"]


def test_the_weight_box_rounds_until_the_student_edits_it(qtbot, main_window):
    doc = main_window.document
    net = core.load_network(core.example_path("perceptron"))
    src, tgt = net.connections[0]
    net.weights[src, tgt][0, 0] = 1 / 3  # 0.33333333333333331
    doc.replace_network(net, None)
    main_window.view_state.select(Selection.edge(src, tgt, 0, 0))
    box = main_window.inspector.edge_page.weight
    qtbot.waitUntil(box.isVisible)
    assert box.text() == core.format_number(1 / 3, 6) == "0.333333"
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(box.hasFocus)
    assert box.text() == repr(1 / 3)  # every digit while editing
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "-0.125")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert doc.network.weights[src, tgt][0, 0] == -0.125
    main_window.canvas.setFocus()
    qtbot.waitUntil(lambda: not box.hasFocus())
    assert box.text() == "−0.125"
    assert box.valueFromText("−0.125") == -0.125  # the window's own minus sign reads back
    assert doc.network.weights[src, tgt][0, 0] == -0.125


def test_heatmaps_share_one_colour_scale_and_write_it(qtbot, main_window):
    """XOR's first-layer gradients are far smaller than the last layer's: on one scale they look it."""
    main_window.document.replace_network(core.load_network(core.example_path("xor")), None)
    main_window.view_state.set_sample(1)
    panel = main_window.training.ui.heatmaps
    qtbot.waitUntil(lambda: all(panel.values(*b.edge) is not None for b in panel.blocks), timeout=10000)
    levels = {edge: tuple(image.levels) for edge, image in panel.images.items()}
    assert len(set(levels.values())) == 1, levels
    high = next(iter(levels.values()))[1]
    largest = max(np.abs(panel.values(*edge)).max() for edge in panel.images)
    assert largest <= high <= 5 * largest
    # the caption's whole sentence (its tooltip; the line shows the longest form that fits, and the bar the scale)
    assert f"one colour scale for all: −{core.format_number(high, 3)} … {core.format_number(high, 3)}" \
        in panel.what.toolTip()
    panel.shared_toggle.setChecked(False)
    for edge, image in panel.images.items():
        own = np.abs(panel.values(*edge)).max()
        assert own <= image.levels[1] <= 5 * max(own, 1e-6)
    assert "each connection has its own colour scale" in panel.what.toolTip()


def test_horizontal_tick_labels_never_run_together(qtbot):
    """At 1024×700 the output map's x axis is about 100 px wide: "−2−10 1 2" and "0.9510005" ran together."""
    from PySide6.QtGui import QFontMetrics

    from desktop.panels.plotting import PlainAxis, plain_number

    axis = PlainAxis("bottom")
    fm = QFontMetrics(axis.font())
    for low, high, size in ((-2.8, 2.7, 110), (0.95, 1.05, 90), (0.0, 300.0, 200), (-1.2, 1.25, 400)):
        for spacing, _ in axis.tickSpacing(low, high, size):
            ticks = [v for v in np.arange(np.ceil(low / spacing), np.floor(high / spacing) + 1) * spacing]
            widths = [fm.horizontalAdvance(plain_number(v, spacing)) for v in ticks]
            pixels_apart = spacing / (high - low) * size
            assert pixels_apart >= max(widths) + 4, (low, high, size, spacing)


def test_the_output_map_names_its_axes_as_the_canvas_names_the_inputs(qtbot, main_window):
    main_window.document.replace_network(core.load_network(core.example_path("xor")), None)
    plot = main_window.training.ui.output_map.plot
    assert [plot.getAxis(a).labelText for a in ("bottom", "left")] == ["x₀", "x₁"]
    view_state = main_window.view_state
    assert [view_state.neuron_caption("x", k, "x") for k in range(2)] == ["x₀", "x₁"]
    main_window.document.replace_network(core.load_network(core.example_path("regularization")), None)
    assert [plot.getAxis(a).labelText for a in ("bottom", "left")] == ["x₀", "x₁"]  # the features' raw inputs, from 0
