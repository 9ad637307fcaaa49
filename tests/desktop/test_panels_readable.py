"""The panels say what they show on the bundled lessons (issue 11): plain axis numbers, trajectories
from step 0, legends off the data and only for what exists, an output map that holds the predictions
and keeps the input plane's shape, heatmap numbers in few cells, figures that name themselves."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

import core
from core.datasets import plane_bounds
from desktop.panels.loss_words import VALIDATION_LABEL
from desktop.panels.plotting import PlainAxis, plain_number
from test_training_support import training_window, wait_finished, xor_network

__all__ = ["training_window"]


def lesson(name: str) -> core.Network:
    return core.load_network(core.example_path(name))


def ready(qtbot, window):
    """The snapshot a freshly opened network gets before any step (the panels draw it). A generous
    wait: on a loaded machine the window's training process (started with the window) may take
    seconds to come up; this is a wait for an answer, not a speed check."""
    c = window.training
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.state == "ready" and c.snapshot_fits(c.latest),
                    timeout=30000)
    return c.latest


def steps(qtbot, window, n: int):
    window.training.step(n)
    return wait_finished(qtbot, window.training)


def test_axes_print_plain_numbers_without_si_prefix(qtbot, training_window):
    """The perceptron's weight lives in 0.33 … 0.8: pyqtgraph wrote "weight (x0.001)" 350 … 550."""
    window = training_window(lesson("perceptron"))
    ready(qtbot, window)
    steps(qtbot, window, 20)
    ui = window.training.ui
    axes = {
        "trajectories left": ui.trajectories.plot.getAxis("left"),
        "trajectories bottom": ui.trajectories.plot.getAxis("bottom"),
        "output map left": ui.output_map.plot.getAxis("left"),
        "output map bottom": ui.output_map.plot.getAxis("bottom"),
        "loss left": ui.loss.loss_plot.getAxis("left"),
        "loss bottom": ui.loss.loss_plot.getAxis("bottom"),
        "dataset left": ui.dataset.plot.getAxis("left"),
    }
    for where, axis in axes.items():
        assert isinstance(axis, PlainAxis), where
        assert axis.autoSIPrefixScale == 1.0 and "(x" not in axis.labelString(), where
    for bar in [*ui.heatmaps.bars.values(), ui.output_map.bar]:
        assert bar.axis.autoSIPrefixScale == 1.0 and not bar.axis.autoSIPrefix
    # the numbers a student reads: rounded to the tick step, never 0.030491840 or 350 (x0.001); on an axis of
    # its own (a drawn axis keeps the label step of its last ticks, ``generateDrawSpecs``: the trajectories'
    # axis, drawn at another height on a loaded machine, labelled 0.0304 as "0.03" with its half step)
    axis = PlainAxis("left")
    assert axis.tickStrings([0.35, 0.4, 0.45], 1.0, 0.05) == ["0.35", "0.40", "0.45"]
    assert axis.tickStrings([0.0304, 0.0305], 1.0, 0.0001) == ["0.0304", "0.0305"]
    assert plain_number(-0.5, 0.25) == "−0.5" and plain_number(1e-17, 0.1) == "0"


def test_trajectories_start_at_step_0_and_draw_a_single_point(qtbot, training_window):
    window = training_window(lesson("perceptron"))
    snap = ready(qtbot, window)
    panel = window.training.ui.trajectories
    assert snap.trajectory_steps.tolist() == [0.0] and snap.trajectories[0, 0] == 0.8
    curve = panel.curve_of("x", "y", 0, 0)
    x, y = curve.getData()  # the weight's path, then the NaN that separates it from the next
    assert x[:-1].tolist() == [0.0] and y[:-1].tolist() == [0.8] and np.isnan(x[-1])
    assert curve.opts["symbol"] == "o"  # one point is a dot, not an invisible line
    steps(qtbot, window, 1)
    x, y = curve.getData()
    assert x[:-1].tolist() == [0.0, 1.0] and y[0] == 0.8 and y[1] == pytest.approx(0.59)
    assert curve.opts["symbol"] is None


def test_loss_legend_is_off_the_data_and_lists_validation_only_when_there_is_one(qtbot, training_window):
    window = training_window(xor_network(validation=0.0))
    panel = window.training.ui.loss
    assert VALIDATION_LABEL not in panel.legend_entries() and panel.legend_entries()
    assert panel.legend.geometry().bottom() <= panel.plots.geometry().top()  # a row of its own above the plots
    window = training_window(xor_network(validation=0.25))
    assert VALIDATION_LABEL in panel.legend_entries()
    # a single batch loss is drawn as a dot
    steps(qtbot, window, 1)
    assert len(panel.step_curve.getData()[0]) == 1 and panel.step_curve.opts["symbol"] == "o"


def test_each_figure_says_what_it_is(qtbot, training_window):
    """After one Step on the perceptron: the batch loss 0.49 was measured before the update, the
    status bar's 0.1482 after it (w: 0.8 → 0.59, y = 0.885, (0.885 − 0.5)² = 0.148225)."""
    window = training_window(lesson("perceptron"))
    ready(qtbot, window)
    steps(qtbot, window, 1)
    ui = window.training.ui
    summary, status = ui.loss.summary.text(), ui.status_label.text()
    assert "last batch loss 0.49 (step 1, before its update)" in summary
    assert "now, all training data: loss 0.1482" in status
    # the long header wraps inside the dock instead of widening it
    from PySide6.QtWidgets import QSizePolicy
    assert ui.loss.summary.wordWrap()
    assert ui.loss.summary.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored


@pytest.mark.parametrize("name", ["perceptron", "one_hidden_sigmoid"])
def test_output_map_range_contains_the_predictions(qtbot, training_window, name):
    """Before training the perceptron predicts 1.2 for target 0.5: both must be in view, the output
    as the line y(x₀) through x₀ = 1.5 (one input: the map draws the output over the input)."""
    window = training_window(lesson(name))
    snap = ready(qtbot, window)
    panel = window.training.ui.output_map
    assert panel.mode == "curve"
    (x0, x1), (y0, y1) = panel.plot.getViewBox().viewRange()
    net = window.document.network
    x, t = net.dataset.inputs[0, 0], net.dataset.targets[0, 0]
    pred = net.forward(net.dataset.inputs)[0, 0]
    assert snap.output.predictions[0, 0] == pred
    assert x0 <= x <= x1 and y0 <= t <= y1 and y0 <= pred <= y1
    cx, cy = panel.curve_line.getData()
    assert cx[0] < x < cx[-1] and np.all((y0 <= cy) & (cy <= y1))


def test_output_map_keeps_the_aspect_ratio_and_names_the_classes(qtbot, training_window):
    window = training_window(lesson("spiral"))
    ready(qtbot, window)
    panel = window.training.ui.output_map
    vb = panel.plot.getViewBox()
    assert vb.state["aspectLocked"] == 1.0
    px, py = vb.viewPixelSize()
    assert px == pytest.approx(py, rel=0.02)  # one unit of x1 is as long on screen as one of x2
    assert panel.legend.entries() == ["class 0", "class 1", "validation sample (hollow)"]
    assert panel._bar_shown  # one sigmoid output: the colour bar says which colour is which output
    # in a wide dock the plot is only as wide as the map needs: the view is the data's plane,
    # not a strip of it in the middle of a wide, empty axis
    window.resizeDocks([window.training.ui.docks["output_map_panel"]], [900], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: panel.width() > 2 * panel.plot_widget.width(), timeout=3000)
    x0, x1, y0, y1 = plane_bounds(window.document.network.dataset.inputs)
    (vx0, vx1), (vy0, vy1) = vb.viewRange()
    assert vx1 - vx0 == pytest.approx(x1 - x0, rel=0.05) and vy1 - vy0 == pytest.approx(y1 - y0, rel=0.05)
    window = training_window(lesson("three_classes_softmax"))
    ready(qtbot, window)
    assert panel.legend.entries()[:3] == ["class 0", "class 1", "class 2"] and not panel._bar_shown


def test_output_map_of_a_two_input_regression_has_a_colour_bar_holding_the_output(qtbot, training_window):
    """relu_2_2_1: one sample, one target, 2 inputs: it was a solid dark square with no colour bar."""
    window = training_window(lesson("relu_2_2_1"))
    snap = ready(qtbot, window)
    panel = window.training.ui.output_map
    assert panel.mode == "map" and panel._bar_shown
    low, high = panel.value_levels
    grid = snap.output.grid[:, :, 0]
    assert low < high and low <= grid.min() and grid.max() <= high and low <= 1.5 <= high
    image = panel.image.image
    assert image.reshape(-1, 3).std(axis=0).max() > 0 or grid.max() - grid.min() < 1e-9  # not one solid colour


def test_output_map_reports_a_clicked_sample(qtbot, training_window):
    window = training_window(xor_network())
    ready(qtbot, window)
    panel = window.training.ui.output_map
    point = panel.train_points.points()[3]
    with qtbot.waitSignal(panel.sample_clicked) as clicked:
        panel.train_points.sigClicked.emit(panel.train_points, [point], None)
    assert clicked.args == [int(point.data())]


def test_heatmaps_print_few_values_in_their_cells_with_readable_colour_bars(qtbot, training_window):
    window = training_window(lesson("perceptron"))
    snap = ready(qtbot, window)
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel._cells_fit(panel.blocks[0]), timeout=3000)
    panel.show_snapshot(snap)
    g = snap.gradient[0]
    assert g == pytest.approx(2.1)  # dL/dw = 2(y − t)·x = 2·0.7·1.5
    assert panel.cell_texts("x", "y") == [["2.1"]]
    low, high = panel.bars["x", "y"].levels()
    ticks = panel.bars["x", "y"].axis._tickLevels[0]
    assert [t for _, t in ticks] == ["−5", "0", "5"] and (low, high) == (-5.0, 5.0)
    assert panel.plots.minimumHeight() >= 90  # never squeezed to a 40-pixel strip


def test_colour_bar_labels_are_all_drawn(qtbot, training_window):
    """xor after training: gradients near ±0.0005 had a bar with only its "0" label drawn."""
    from PySide6.QtGui import QPainter, QPicture

    window = training_window(lesson("xor"))
    window.view_state.set_sample(None)  # the mini-batch's gradient: the small one of the four samples together
    ready(qtbot, window)
    steps(qtbot, window, 500)
    panel = window.training.ui.heatmaps

    def drawn_labels(bar):
        picture = QPicture()
        painter = QPainter(picture)
        specs = bar.axis.generateDrawSpecs(painter)
        painter.end()
        return [text for _, _, text in specs[2]]

    for edge, bar in panel.bars.items():
        low, high = bar.levels()
        assert high < 0.01, "the scale follows the small gradients"
        # once the layout has taken the axis's new width (the next turns of the event loop)
        ticks = [t for _, t in bar.axis._tickLevels[0]]
        qtbot.waitUntil(lambda: drawn_labels(bar) == ticks, timeout=3000)
        drawn = drawn_labels(bar)
        assert "0" in drawn and any(t.startswith("−") for t in drawn)


def test_before_the_first_step_the_loss_panel_shows_where_training_starts(qtbot, training_window):
    """Step 0: the loss (and accuracy) on all the training data before training, as a point at
    step 0 and in words; the epoch curves later begin there."""
    net = lesson("one_hidden_sigmoid")
    start = core.Trainer(net.copy()).evaluate()
    window = training_window(net)
    ready(qtbot, window)
    panel = window.training.ui.loss
    x, y = panel.train_curve.getData()
    assert list(x) == [0] and list(y) == [start.train_loss]
    assert panel.train_curve.opts["symbol"] == "o"  # one point: a dot
    assert panel.summary.text() == (f"Step 0, before training, on all the training data: loss {start.train_loss:.4g}. "
                                    "Press Play or Step to train.")
    steps(qtbot, window, 1)
    x, y = panel.train_curve.getData()
    assert x[0] == 0 and y[0] == start.train_loss and len(x) == 2


@pytest.mark.parametrize("size", [(1400, 900), (1024, 700)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_output_maps_colour_bar_title_sits_beside_its_tick_labels(qtbot, training_window, size):
    """The colour bar's title ("output") was drawn on its middle tick label "0.5", and at
    1024×700 the top tick label's upper half was cut off by the panel's edge."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPicture
    from PySide6.QtWidgets import QApplication

    window = training_window(lesson("spiral"))
    window.resize(*size)
    QApplication.instance().processEvents()
    window.apply_default_layout()
    panel = window.training.ui.output_map
    for name, title in (("spiral", "output"), ("relu_tutorial", "output / target")):
        window.document.replace_network(lesson(name), None)
        ready(qtbot, window)
        bar, axis = panel.bar, panel.bar.axis
        qtbot.waitUntil(lambda: bar.title == title and bar.isVisible() and panel.plot_widget.height() > 80,
                        timeout=5000)
        for _ in range(3):  # the layout takes the axis's width in the next turns of the event loop
            QApplication.instance().processEvents()
        picture = QPicture()
        painter = QPainter(picture)
        texts = axis.generateDrawSpecs(painter)[2]
        painter.end()
        assert [text for _, _, text in texts] == [text for _, text in axis._tickLevels[0]]  # all three drawn
        margin = axis.label.document().documentMargin()
        title_rect = axis.label.mapRectToParent(axis.label.boundingRect().adjusted(margin, margin, -margin, -margin))
        for rect, _, text in texts:
            assert not rect.intersects(title_rect), (name, size, text, rect, title_rect)
        view = panel.plot_widget
        shown = view.mapToScene(view.viewport().rect()).boundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)
        for rect in [rect for rect, _, _ in texts] + [title_rect]:
            assert shown.contains(axis.mapRectToScene(QRectF(rect))), (name, size, rect)
