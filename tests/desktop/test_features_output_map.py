"""Input features in the window (issue 15, item 2) and the output map's Discretize and
Validation points toggles (item 3)."""

from __future__ import annotations

import numpy as np

import core
from core.features import feature_columns
from desktop import colours
from desktop.panels.output_map import BACKGROUND_LIGHT
from core.datasets import plane_bounds
from desktop.training.snapshot import GRID
from test_inspector import select_layer
from test_training_support import training_window, wait_finished, xor_network

__all__ = ["training_window"]


def ready(qtbot, window):
    c = window.training
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.state == "ready" and c.snapshot_fits(c.latest),
                    timeout=10000)
    return c.latest


def test_the_input_layer_chooses_features_in_one_undoable_step(main_window, state_of):
    doc = main_window.document
    before = state_of(doc.network)
    w_before = doc.network.weights["x", "h"].copy()
    page = select_layer(main_window, "x")
    assert page.form.isRowVisible(page.features)
    boxes = page.features.boxes
    assert [b.isChecked() for b in boxes.values()] == [True, True, False, False, False, False, False]
    steps = doc.undo_stack.count()
    boxes["x1*x2"].setChecked(True)
    net = doc.network
    assert net.input_features == ("x1", "x2", "x1*x2") and net.layer("x").units == 3
    assert np.array_equal(net.weights["x", "h"][:, :2], w_before)
    assert doc.undo_stack.count() == steps + 1 and "x₀x₁" in doc.undo_stack.undoText()
    assert not page.units.isEnabled()  # the units follow the features
    assert main_window.canvas.scene().layer_items["x"].units == 3
    boxes["x1^2"].setChecked(True)  # goes where the inspector lists it, before x1·x2
    assert doc.network.input_features == ("x1", "x2", "x1^2", "x1*x2")
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert state_of(doc.network) == before and page.units.isEnabled()
    assert [b.isChecked() for b in boxes.values()] == [True, True, False, False, False, False, False]


def test_the_last_feature_cannot_be_unchecked(main_window):
    doc = main_window.document
    page = select_layer(main_window, "x")
    page.features.boxes["x1"].setChecked(False)
    assert doc.network.input_features == ("x2",)
    steps = doc.undo_stack.count()
    messages = []
    main_window.inspector.status_message.connect(messages.append)
    page.features.boxes["x2"].setChecked(False)
    assert doc.network.input_features == ("x2",) and doc.undo_stack.count() == steps
    assert page.features.boxes["x2"].isChecked()  # shown as it is
    assert messages and "at least one input feature" in messages[-1]


def test_only_the_input_layer_of_two_inputs_offers_features(main_window):
    page = select_layer(main_window, "h")
    assert not page.form.isRowVisible(page.features)


def test_the_output_map_and_canvas_use_the_features(qtbot, training_window):
    net = xor_network(batch=8, validation=0.25)
    net.set_input_features(("x1", "x2", "x1*x2", "sin(x2)"))
    window = training_window(net)
    window.training.step(30)
    wait_finished(qtbot, window.training)
    trained = window.document.network
    out = window.training.latest.output
    x0, x1, y0, y1 = plane_bounds(net.dataset.inputs)
    g1, g2 = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
    plane = np.c_[g1.ravel(), g2.ravel()]
    columns = trained.feature_inputs(plane)
    assert np.array_equal(columns, feature_columns(plane, ("x1", "x2", "x1*x2", "sin(x2)")))
    assert np.array_equal(out.grid, trained.forward(plane).reshape(GRID, GRID, 1))
    view_state = window.view_state
    assert [view_state.neuron_caption("x", j, "x") for j in range(4)] == ["x₀", "x₁", "x₀x₁", "sin x₁"]
    assert view_state.neuron_caption("h", 1, "a") == "a₁"


def test_discretize_shows_classes_and_the_validation_toggle_hides_held_out_points(qtbot, training_window):
    window = training_window(xor_network(batch=8, validation=0.25))
    snap = ready(qtbot, window)
    panel = window.training.ui.output_map
    assert panel.discretize.isEnabled() and panel.show_validation.isEnabled()
    gradient = panel.image.image.copy()
    panel.discretize.setChecked(True)
    classes = (snap.output.grid[:, :, 0] >= 0.5).astype(int)
    palette = np.array([colours.lighter(colours.class_rgb(k), BACKGROUND_LIGHT) for k in (0, 1)])
    assert np.array_equal(panel.image.image, palette[classes])  # redrawn at once, from the kept grid
    assert len(np.unique(panel.image.image.reshape(-1, 3), axis=0)) <= 2 < len(np.unique(gradient.reshape(-1, 3), axis=0))
    panel.discretize.setChecked(False)
    assert np.array_equal(panel.image.image, gradient)

    assert panel.val_points.isVisible() and "validation sample (hollow)" in panel.legend.entries()
    panel.show_validation.setChecked(False)
    assert not panel.val_points.isVisible() and "validation sample (hollow)" not in panel.legend.entries()
    window.training.step(5)
    wait_finished(qtbot, window.training)
    assert not panel.val_points.isVisible()  # stays hidden while training goes on
    panel.show_validation.setChecked(True)
    assert panel.val_points.isVisible()


def test_discretize_takes_the_largest_of_several_outputs(qtbot, training_window):
    window = training_window(core.load_network(core.example_path("three_classes_softmax")))
    snap = ready(qtbot, window)
    panel = window.training.ui.output_map
    panel.discretize.setChecked(True)
    palette = np.array([colours.lighter(colours.class_rgb(k), BACKGROUND_LIGHT) for k in range(3)])
    assert np.array_equal(panel.image.image, palette[snap.output.grid.argmax(axis=2)])


def test_regression_and_one_input_have_nothing_to_discretize(qtbot, training_window):
    window = training_window(core.load_network(core.example_path("relu_2_2_1")))
    ready(qtbot, window)
    panel = window.training.ui.output_map
    assert not panel.discretize.isEnabled() and not panel.show_validation.isEnabled()
    window = training_window(core.load_network(core.example_path("sine_regression")))
    ready(qtbot, window)
    assert panel.mode == "curve" and not panel.discretize.isEnabled()
