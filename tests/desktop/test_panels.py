"""The live panels hold exactly what the worker sent; compared with a core Trainer run by hand."""

from __future__ import annotations

import numpy as np
import pytest
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import core
from desktop.panels.trajectories import POINT_BUDGET
from core.datasets import plane_bounds
from desktop.training.snapshot import GRID
from desktop.view_state import Selection
from test_training_support import training_window, wait_finished, worker_report, xor_network

__all__ = ["training_window"]

STEPS = 120


def block_of(trainer, source, target):
    return next(b for b in trainer.net.parameter_layout().weight_blocks if b.edge == (source, target))


@pytest.fixture
def trained(qtbot, training_window):
    """(window, hand-trained core Trainer): the same network trained STEPS steps both ways."""
    net = xor_network(batch=8, validation=0.25)
    by_hand = core.Trainer(net.copy())
    by_hand.run(steps=STEPS)
    window = training_window(net)
    window.training.step(STEPS)
    wait_finished(qtbot, window.training)
    return window, by_hand


def test_loss_panel_holds_the_history(trained):
    window, by_hand = trained
    panel = window.training.ui.loss
    h = by_hand.history
    x, y = panel.step_curve.getData()
    assert np.array_equal(x, h.step_loss.x) and np.array_equal(y, h.step_loss.data[:, 0])
    # the epoch curves begin at step 0 with all the data before training, then each epoch at its last step
    start = core.Trainer(xor_network(batch=8, validation=0.25)).evaluate()  # the fixture's network, untrained
    x, y = panel.train_curve.getData()
    assert np.array_equal(y, np.r_[start.train_loss, h.epochs.data[:, 0]])
    assert np.array_equal(x, np.r_[0, h.epochs.x * by_hand.steps_per_epoch])  # drawn at the step each epoch ended
    x, y = panel.val_curve.getData()
    assert np.array_equal(y, np.r_[start.validation_loss, h.epochs.data[:, 1]])
    assert len(y) == 1 + STEPS // by_hand.steps_per_epoch
    x, y = panel.train_acc_curve.getData()
    assert np.array_equal(y, np.r_[start.train_accuracy, h.epochs.data[:, 2]])
    panel.log_scale.setChecked(True)
    assert panel.loss_plot.getViewBox().state["logMode"][1]


def test_trajectory_panel_draws_every_weight_of_each_connection(trained):
    window, by_hand = trained
    panel = window.training.ui.trajectories
    h = by_hand.history
    assert h.trajectories.x[0] == 0  # the starting weights are drawn, at step 0
    for block in by_hand.net.parameter_layout().weight_blocks:
        cols = [k for k, index in enumerate(h.watched) if block.start <= index < block.start + block.size]
        assert len(cols) == block.size
        drawn = {}
        for j in range(block.rows):
            for i in range(block.cols):
                x, y = panel.curve_of(*block.edge, j, i).getData()
                n = len(h.trajectories.x)
                # one weight after the other, each followed by a NaN (no line between two weights)
                assert np.isnan(x[n::n + 1]).all() and np.isnan(y[n::n + 1]).all()
                rows = {tuple(y[k:k + n]) for k in range(0, len(y), n + 1)}
                assert np.array_equal(x[:n], h.trajectories.x)
                drawn[j, i] = tuple(h.trajectories.data[:, cols[block.index(j, i) - block.start]]) in rows
        assert all(drawn.values())
        total = sum(int(np.isfinite(c.getData()[1]).sum()) for c in panel.curves[block.edge])
        assert total == block.size * len(h.trajectories.x)  # each weight once
        # neighbouring weights of one connection have different shades of the connection's hue
        if block.cols > 1:
            assert panel.curve_of(*block.edge, 0, 0) is not panel.curve_of(*block.edge, 0, 1)


def test_trajectories_name_the_hovered_weight_and_filter_by_connection(trained):
    window, by_hand = trained
    panel = window.training.ui.trajectories
    h = by_hand.history
    block = by_hand.net.parameter_layout().weight_blocks[1]  # h → y
    col = list(h.watched).index(block.index(0, 2))
    point = QPointF(float(h.trajectories.x[-1]), float(h.trajectories.data[-1, col]))
    text = panel.describe_point(point)
    assert text.startswith("w[h→y][") and f"at step {int(h.trajectories.x[-1])}" in text
    # the legend is above the plot, one entry per connection, none on the data
    assert panel.legend.entries() == ["x → h (8 weights)", "h → y (4 weights)"]
    assert panel.legend.geometry().bottom() < panel.plot_widget.geometry().top()
    panel.show_connection("h", "y")
    assert all(not c.isVisible() for c in panel.curves["x", "h"]) and all(c.isVisible() for c in panel.curves["h", "y"])
    found = panel.weight_near(point)
    assert found is not None and found[:2] == ("h", "y")
    assert set(np.unique(panel._points[2])) <= set(range(block.start, block.start + block.size))
    panel.show_connection(None)
    assert all(c.isVisible() for curves in panel.curves.values() for c in curves)


def test_canvas_selection_and_curve_clicks_agree(qtbot, trained):
    window, by_hand = trained
    panel = window.training.ui.trajectories
    scene = window.canvas.scene()
    window.view_state.select_edge("h", "y", 0, 2)
    assert panel.selected == ("h", "y", 0, 2)
    x, y = panel.highlight_curve.getData()
    index = by_hand.net.parameter_layout().weight_blocks[1].index(0, 2)
    assert np.array_equal(y, by_hand.history.trajectories.data[:, list(by_hand.history.watched).index(index)])
    # a click next to the trajectory of W[3, 1] of x → h, at its last point, selects that edge
    block = by_hand.net.parameter_layout().weight_blocks[0]
    col = list(by_hand.history.watched).index(block.index(3, 1))
    point = QPointF(float(by_hand.history.trajectories.x[-1]), float(by_hand.history.trajectories.data[-1, col]))
    found = panel.weight_near(point)
    assert found is not None
    # a real mouse click on the plot at that point
    view = panel.plot_widget
    pixel = view.mapFromScene(panel.plot.getViewBox().mapViewToScene(point))
    with qtbot.waitSignal(panel.weight_clicked) as clicked:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
    assert tuple(clicked.args) == found
    assert scene.current_selection() == Selection.edge(*found)
    assert panel.selected == found
    # every weight whose last value equals the clicked one is a correct answer
    src, tgt, j, i = found
    hit = by_hand.net.parameter_layout().weight_blocks[0 if (src, tgt) == ("x", "h") else 1].index(j, i)
    assert by_hand.net.flat[hit] == pytest.approx(by_hand.net.flat[block.index(3, 1)], abs=0.05)


def test_heatmaps_show_the_traced_gradient_the_latest_and_its_mean_magnitude(trained):
    window, by_hand = trained
    panel = window.training.ui.heatmaps
    h = by_hand.history
    # by default: dL/dw for the traced input, the gradient of the canvas and the chain rule (the next mini-batch here)
    window.view_state.set_sample(None)
    assert panel.mode == "traced"
    upcoming = by_hand.upcoming_gradient()[1]
    for block in by_hand.net.parameter_layout().weight_blocks:
        np.testing.assert_allclose(panel.values(*block.edge), block.take(upcoming), rtol=1e-12, atol=1e-15)
    assert panel.what.text().startswith("dL/dw for the next mini-batch")
    window.view_state.set_sample(3)
    data = by_hand.net.dataset
    sample = by_hand.net.loss_and_gradients(data.inputs[[3]], data.targets[[3]])[1]
    for block in by_hand.net.parameter_layout().weight_blocks:
        np.testing.assert_allclose(panel.values(*block.edge), sample.weights[block.edge], rtol=1e-12, atol=1e-15)
    assert panel.what.text().startswith("dL/dw for sample 3")
    panel.set_mode("latest")
    assert "last training step" in panel.what.text()
    largest = max(np.abs(panel.values(*b.edge)).max() for b in by_hand.net.parameter_layout().weight_blocks)
    for shared in (True, False):  # one colour scale for all (the default), or one per connection
        panel.shared_toggle.setChecked(shared)
        for block in by_hand.net.parameter_layout().weight_blocks:
            shown = panel.values(*block.edge)
            assert shown.shape == (block.rows, block.cols)  # rows = target neurons, columns = source neurons
            assert np.array_equal(shown, block.take(h.latest_gradient))
            low, high = panel.images[block.edge].levels
            m = largest if shared else np.abs(shown).max()
            assert low == -high and m <= high <= 5 * m  # symmetric, and the largest value is on the scale
    panel.shared_toggle.setChecked(True)
    panel.set_mode("magnitude")
    for block in by_hand.net.parameter_layout().weight_blocks:
        assert np.array_equal(panel.values(*block.edge), block.take(h.gradient_magnitude))
    # hovering cell (j=2, i=1) with the mouse names the neuron pair and shows its value
    QApplication.processEvents()  # the plots laid out again after the colour scale's rebuild
    image = panel.images[("x", "h")]
    centre = image.mapToScene(QPointF(1.5, 2.5))  # image pixels: x = column i, y = row j
    QTest.mouseMove(panel.plots.viewport(), panel.plots.mapFromScene(centre))
    value = block_of(by_hand, "x", "h").take(h.gradient_magnitude)[2, 1]
    assert panel.hover_label.text() == f"h[2] ← x[1]: mean |dL/dw| = {core.format_number(value, 6)}"


def test_canvas_can_colour_edges_by_gradient(trained):
    window, by_hand = trained
    panel = window.training.ui.heatmaps
    scene = window.canvas.scene()
    panel.canvas_toggle.setChecked(True)
    assert scene.mode_noun() == "gradient"
    # the gradient for what is traced (the next mini-batch): the one the next Step uses and the chain rule explains
    window.view_state.set_sample(None)
    upcoming = by_hand.upcoming_gradient()[1]
    for block in by_hand.net.parameter_layout().weight_blocks:
        np.testing.assert_allclose(scene.values[block.edge], block.take(upcoming), rtol=1e-12, atol=1e-15)
    panel.canvas_toggle.setChecked(False)
    assert scene.mode_noun() == "weight"


def test_output_map_is_the_network_output_over_the_plane(trained):
    window, by_hand = trained
    c = window.training
    out = c.latest.output
    x0, x1, y0, y1 = plane_bounds(by_hand.dataset.inputs)
    assert out.bounds == (x0, x1, y0, y1)
    g1, g2 = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
    expected = by_hand.net.forward(np.c_[g1.ravel(), g2.ravel()]).reshape(GRID, GRID, 1)
    assert np.array_equal(out.grid, expected)
    panel = c.ui.output_map
    assert panel.mode == "map" and panel.image.image.shape == (GRID, GRID, 3)
    n_val = len(by_hand.X_val)
    assert len(panel.train_points.data) == len(by_hand.X) and len(panel.val_points.data) == n_val


def test_dataset_panel_changes_the_dataset_undoably(qtbot, training_window):
    window = training_window(xor_network())
    doc, panel = window.document, window.training.ui.dataset
    old = doc.network.dataset
    panel.generator.setCurrentText("circles")
    panel.samples.setValue(60)
    panel.validation.setValue(0.5)
    assert panel.apply()
    assert doc.network.dataset.source["generator"] == "circles" and len(doc.network.dataset) == 60
    assert doc.network.training.validation_fraction == 0.5
    assert len(panel.points.data) == 30 and len(panel.val_points.data) == 30
    doc.undo_stack.undo()
    assert doc.network.dataset is old and doc.network.training.validation_fraction == 0.0
    # the next run trains on what the document holds now
    window.training.step()
    snap = wait_finished(qtbot, window.training)
    assert worker_report(qtbot, window.training)["samples"] == len(old) and snap.step == 1


def test_drawn_points_stay_bounded_however_long_training_runs(qtbot, training_window):
    window = training_window(xor_network(hidden=16, batch=4))
    c = window.training
    c.step(6000)
    snap = wait_finished(qtbot, c, timeout=30000)
    # the loss: the last 2048 steps in full, older ones thinned into at most as many again
    assert snap.step == 6000 and len(snap.loss_steps) <= 4096
    assert np.array_equal(snap.loss_steps[-2048:], np.arange(6000 - 2047, 6001))
    drawn = sum(int(np.isfinite(curve.getData()[0]).sum()) for curves in c.ui.trajectories.curves.values()
                for curve in curves)
    assert 0 < drawn <= POINT_BUDGET


def test_steady_ranges_change_seldom_and_respect_the_student():
    from desktop.panels.ranges import RangeKeeper, nice_ceil, steady_level

    assert [nice_ceil(v) for v in (0.013, 1.0, 1.5, 3, 7, 120)] == [0.02, 1.0, 2.0, 5.0, 10.0, 200.0]
    assert steady_level(None, 0.3) == 0.5 and steady_level(0.5, 0.2) == 0.5 and steady_level(0.5, 0.05) == 0.05
    plot = pg.PlotItem()
    keeper = RangeKeeper(plot)
    keeper.update(0, 100, 0.2, 0.7)
    first = keeper.x, keeper.y
    keeper.update(0, 110, 0.25, 0.69)  # inside: nothing changes
    assert (keeper.x, keeper.y) == first and keeper.x == (-6.0, 200.0)  # 3 % room left of step 0 for its dots
    keeper.update(0, 250, 0.01, 0.7)  # outside: grows
    assert keeper.x == (-15.0, 500.0) and keeper.y[0] < 0.01
    keeper._manual()  # the student zoomed: the keeper stops following
    keeper.update(0, 5000, 0.0, 1.0)
    assert keeper.x == (-15.0, 500.0)
    # a single step 0 and a flat curve get readable ranges, not 0 … 1e-12 and 0.79999998 … 0.80000002
    flat_plot = pg.PlotItem()
    flat = RangeKeeper(flat_plot)
    flat.update(0, 0, 0.8, 0.8)
    assert flat.x[1] >= 1 and flat.y[0] <= 0.78 and flat.y[1] >= 0.82


def test_dataset_panel_loads_a_csv_undoably(tmp_path, training_window):
    window = training_window(xor_network())
    doc, panel = window.document, window.training.ui.dataset
    path = tmp_path / "points.csv"
    path.write_text("a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.1,0.9,1\n")
    assert panel.load_csv(path, ["a", "b"], ["label"])
    assert len(doc.network.dataset) == 5 and doc.undo_stack.text(doc.undo_stack.index() - 1) == "Load points.csv"
    assert len(panel.points.data) == 5
    # a bad column is reported in the panel, nothing changes
    assert not panel.load_csv(path, ["a", "nope"], ["label"])
    assert "nope" in panel.info.text() and len(doc.network.dataset) == 5


def test_inspector_explains_the_traced_gradient_of_the_selected_edge(trained):
    window, by_hand = trained
    window.view_state.set_sample(5)
    window.view_state.select_edge("h", "y", 0, 1)
    page = window.inspector.edge_page
    data = by_hand.dataset
    e = core.explain_edge(by_hand.net, "h", "y", 0, 1, data.inputs[[5]], data.targets[[5]])
    assert page.gradient.text() == core.format_number(e.total, 6)
    text = page.explanation.toPlainText()
    # the weights the trained run left, named as the heatmaps name them (teacher review 19 #9)
    assert text.startswith("for sample 5 ") and f"at the weights after step {STEPS}:" in text
    assert "\n".join(e.lines(4)) in text
    # the next mini-batch: the mean over its rows equals the gradient the next Step uses
    window.view_state.set_sample(None)
    _, upcoming = by_hand.upcoming_gradient()
    expected = upcoming[block_of(by_hand, "h", "y").index(0, 1)]
    assert page.gradient.text() == core.format_number(expected, 6)


def test_a_right_click_on_a_plot_opens_its_menu(qtbot, main_window):
    """The plots' menus (View All, axes, Export…) are built when first opened, not at start."""
    loss = main_window.training.ui.loss
    view = loss.plots
    box = loss.loss_plot.getViewBox()
    assert box.menu is None  # not built at start
    centre = view.mapFromScene(box.mapToScene(box.boundingRect().center()))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: box.menu is not None and box.menu.isVisible(), timeout=2000)
    assert "View All" in [a.text() for a in box.menu.actions()]
    box.menu.close()
