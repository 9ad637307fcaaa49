"""Neuron thumbnails: each hidden and output neuron's activation over the input plane, computed
by the worker, drawn inside the neuron only at the weights they were computed for."""

from __future__ import annotations

import numpy as np
import pytest

import core
from desktop import colours, commands
from core.datasets import plane_bounds
from desktop.editor.thumbnails import activation_image, activation_rgb
from desktop.training.snapshot import GRID, THUMBNAIL_STRIDE
from desktop.view_state import thumbnails_by_default
from test_training_support import training_window, wait_finished  # noqa: F401 (a fixture)


def lesson(name: str) -> core.Network:
    return core.load_network(core.example_path(name))


def test_thumbnails_are_cores_forward_values_on_the_plane(qtbot, training_window):
    window = training_window(lesson("xor"))
    window.training.step(20)
    wait_finished(qtbot, window.training)
    snap = window.training.latest
    net = window.document.network
    x0, x1, y0, y1 = plane_bounds(net.dataset.inputs)
    g1, g2 = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
    values = net.forward_all(np.c_[g1.ravel(), g2.ravel()])
    assert set(snap.output.neurons) == {"h", "y"}
    for layer, maps in snap.output.neurons.items():
        a = values[layer][1].reshape(GRID, GRID, -1)[::THUMBNAIL_STRIDE, ::THUMBNAIL_STRIDE]
        assert np.array_equal(maps, a)
    view_state = window.view_state
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 1) is not None, timeout=5000)
    assert np.array_equal(view_state.neuron_map("h", 1), snap.output.neurons["h"][:, :, 1])
    assert window.canvas.scene().thumbnail("h", 1) is not None
    assert view_state.neuron_map("x", 0) is None  # inputs have none


def test_thumbnails_only_show_at_their_own_weights(qtbot, training_window):
    window = training_window(lesson("xor"))
    view_state, doc = window.view_state, window.document
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=5000)
    assert doc.perform(commands.SetWeight(doc, "x", "h", 0, 0, 3.0)) is None
    assert view_state.neuron_map("h", 0) is None  # the maps belong to the old weights
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=5000)  # the worker's new ones
    probe = doc.network.copy()
    x0, x1, y0, y1 = plane_bounds(probe.dataset.inputs)
    corner = probe.forward_all(np.array([[x0, y0]]))["h"][1][0, 0]
    assert view_state.neuron_map("h", 0)[0, 0] == pytest.approx(corner, rel=1e-12)  # row 0, column 0: lowest x1, x2
    window.actions_by_name["thumbnails"].trigger()  # View → Neuron Thumbnails off
    assert not view_state.thumbnails and view_state.neuron_map("h", 0) is None
    window.actions_by_name["thumbnails"].trigger()
    window.stepper.next_phase()
    qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    assert view_state.neuron_map("h", 0) is None  # the step-through's numbers have the neurons


def test_thumbnails_are_on_by_default_only_for_small_two_input_networks():
    assert thumbnails_by_default(lesson("xor")) and thumbnails_by_default(lesson("spiral"))
    assert not thumbnails_by_default(lesson("perceptron"))  # one input
    big = core.Network("big")
    big.add_layer("x", 2)
    big.add_layer("h", 70, activation="tanh")
    big.add_layer("y", 1, activation="sigmoid")
    big.connect("x", "h")
    big.connect("h", "y")
    assert not thumbnails_by_default(big)


def test_thumbnail_colours_follow_the_colour_language():
    values = np.array([[0.0, 0.5], [1.0, np.nan]])  # row 0 = lowest x2
    rgb = activation_rgb(values, "sigmoid")
    assert tuple(rgb[0, 0]) == colours.rgb(colours.NEGATIVE)  # low: orange
    assert tuple(rgb[0, 1]) == colours.rgb(colours.MIDDLE)
    assert tuple(rgb[1, 0]) == colours.rgb(colours.POSITIVE)  # high: blue
    assert tuple(rgb[1, 1]) == colours.rgb(colours.ZERO)  # not a number: grey
    image = activation_image(values, "sigmoid")
    assert image.pixelColor(0, 0).getRgb()[:3] == colours.rgb(colours.POSITIVE)  # x2 grows upward
    assert image.pixelColor(0, 1).getRgb()[:3] == colours.rgb(colours.NEGATIVE)
    # an unbounded activation is scaled by its largest |a|, 0 stays the middle
    relu = activation_rgb(np.array([[0.0, 4.0]]), "relu")
    assert tuple(relu[0, 0]) == colours.rgb(colours.MIDDLE) and tuple(relu[0, 1]) == colours.rgb(colours.POSITIVE)


def test_thumbnails_are_on_for_a_two_input_network_with_input_features():
    net = lesson("regularization")
    assert net.input_features is not None and net.layer(net.order()[0]).units > 2
    assert thumbnails_by_default(net)


def test_an_unfinished_network_has_no_thumbnails_and_opens():
    net = core.Network("unfinished")
    net.add_layer("x", 2)
    net.add_layer("h", 3)  # a second layer nothing feeds: two input layers
    assert net.problems() and not thumbnails_by_default(net)


def test_thumbnails_of_another_activation_are_not_shown(qtbot, training_window):
    window = training_window(lesson("xor"))
    view_state, doc = window.view_state, window.document
    qtbot.waitUntil(lambda: view_state.neuron_map("y", 0) is not None, timeout=5000)
    assert doc.perform(commands.set_activation(doc, "h", "tanh")) is None  # same weights, other function
    assert view_state.neuron_map("h", 0) is None
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=5000)  # the worker's new maps
    assert view_state.neuron_map("h", 0).min() < 0  # tanh reaches below 0, sigmoid never did


def test_a_long_number_on_a_thumbnail_keeps_a_readable_size(qtbot, training_window):
    """The plate under a thumbnail's number is wider than the neuron (inside its card), so that
    "−0.00585" (the spiral's h1) is written at 7.5 pt, not squeezed to 6 as inside the neuron."""
    from desktop.editor import style

    window = training_window(lesson("spiral"))
    item = window.scene.layer_items["h1"]
    plate = item.number_plate(5)
    card = item.mapRectToScene(item.card_rect())
    assert item.mapRectToScene(plate).width() > 2 * style.NEURON_RADIUS
    assert card.left() < item.mapRectToScene(plate).left() and item.mapRectToScene(plate).right() < card.right()
    size = style.fitting_font("−0.00585", plate.width() - 2, 8.5).pointSizeF()
    inside = style.fitting_font("−0.00585", 2 * style.NEURON_RADIUS - 10, 8.5).pointSizeF()
    assert size >= 7.5 and size > inside
