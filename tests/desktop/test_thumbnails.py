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


def test_thumbnails_are_on_by_default_only_for_small_two_input_networks_and_one_input_data():
    assert thumbnails_by_default(lesson("xor")) and thumbnails_by_default(lesson("spiral"))
    assert thumbnails_by_default(lesson("perceptron"))  # one input, one sample: a curve around it
    big = core.Network("big")
    big.add_layer("x", 2)
    big.add_layer("h", 70, activation="tanh")
    big.add_layer("y", 1, activation="sigmoid")
    big.connect("x", "h")
    big.connect("h", "y")
    assert not thumbnails_by_default(big)


def test_thumbnail_colours_keep_one_meaning_per_hue():
    """Blue and orange are signs and classes: a hidden neuron's map is grey (white low, dark high);
    one sigmoid output is orange (0, class 0) → blue (1, class 1); softmax output k white → class k."""
    from desktop.editor.thumbnails import GREY_HIGH

    values = np.array([[0.0, 0.5], [1.0, np.nan]])  # row 0 = lowest x1
    rgb = activation_rgb(values, "sigmoid", "classes")
    assert tuple(rgb[0, 0]) == colours.class_rgb(0)  # low: class 0's orange
    assert tuple(rgb[0, 1]) == colours.rgb(colours.MIDDLE)
    assert tuple(rgb[1, 0]) == colours.class_rgb(1)  # high: class 1's blue
    assert tuple(rgb[1, 1]) == colours.rgb(colours.ZERO)  # not a number: grey
    grey = activation_rgb(values, "sigmoid")  # a hidden neuron
    assert tuple(grey[0, 0]) == (255, 255, 255) and tuple(grey[1, 0]) == colours.rgb(GREY_HIGH)
    assert len(set(grey[0, 1])) == 1  # no hue in between
    softmax = activation_rgb(values, "softmax", 0)  # y0 is high where class 0 (orange) is
    assert tuple(softmax[1, 0]) == colours.class_rgb(0) and tuple(softmax[0, 0]) == (255, 255, 255)
    image = activation_image(values, "sigmoid", "classes")
    assert image.pixelColor(0, 0).getRgb()[:3] == colours.class_rgb(1)  # x1 grows upward
    assert image.pixelColor(0, 1).getRgb()[:3] == colours.class_rgb(0)
    # an unbounded activation with no negative value runs from 0 (white) to its largest a
    relu = activation_rgb(np.array([[0.0, 4.0]]), "relu")
    assert tuple(relu[0, 0]) == (255, 255, 255) and tuple(relu[0, 1]) == colours.rgb(GREY_HIGH)


def test_softmax_outputs_are_drawn_in_their_class_colours(qtbot, training_window):
    window = training_window(lesson("three_classes_softmax"))
    scene = window.scene
    qtbot.waitUntil(lambda: scene.thumbnail("y", 0) is not None, timeout=10000)
    assert [scene.thumbnail_colouring("y", k) for k in range(3)] == [0, 1, 2]
    assert scene.thumbnail_colouring("h", 0) == "grey"
    values = window.view_state.neuron_map("y", 0)
    image = scene.thumbnail("y", 0)
    g = values.shape[0]
    r, c = np.unravel_index(np.argmax(values), values.shape)  # where y0 is highest: class 0's orange
    pixel = image.pixelColor(int(c), int(g - 1 - r)).getRgb()[:3]
    orange, blue = np.array(colours.class_rgb(0)), np.array(colours.class_rgb(1))
    assert np.abs(np.array(pixel) - orange).sum() < np.abs(np.array(pixel) - blue).sum()


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


def test_a_number_sits_beside_its_thumbnail_not_over_it(qtbot, training_window):
    """The thumbnail is the whole circle; the number is on a plate right of it, inside the card, wide
    enough for "−0.00585" (the spiral's h1) at the full number size."""
    from desktop.editor import layer_item, style

    window = training_window(lesson("spiral"))
    qtbot.waitUntil(lambda: window.scene.thumbnail("h1", 5) is not None, timeout=10000)
    item = window.scene.layer_items["h1"]
    assert item.numbers_beside()
    plate = item.mapRectToScene(item.number_plate(5))
    card = item.mapRectToScene(item.card_rect())
    circle_right = item.mapToScene(item.neuron_centre(5)).x() + style.NEURON_RADIUS
    assert plate.left() > circle_right and plate.right() < card.right() and card.left() < plate.left()
    font = window.scene.text_font(layer_item.NUMBER_POINTS)
    assert style.fitting_font("−0.00585", plate.width() - 2, font.pointSizeF()).pointSizeF() == font.pointSizeF()


def test_input_neurons_show_their_own_value_over_the_plane(qtbot, training_window):
    """x0 grows to the right and x1 upward (white low, grey high); a feature neuron shows its feature."""
    window = training_window(lesson("regularization"))
    scene = window.scene
    qtbot.waitUntil(lambda: scene.thumbnail("h1", 0) is not None, timeout=10000)
    features = window.document.network.input_features
    first, second = scene._input_map(0), scene._input_map(1)
    assert np.all(np.diff(first, axis=1) > 0) and np.allclose(np.diff(first, axis=0), 0)  # x₀ to the right
    assert np.all(np.diff(second, axis=0) > 0)  # x₁ upward (row 0 is the lowest)
    square = scene._input_map(features.index("x1^2"))
    np.testing.assert_allclose(square, first ** 2)
    image = scene.thumbnail("x", 0)
    g = image.width()
    left, right = image.pixelColor(0, g // 2).lightness(), image.pixelColor(g - 1, g // 2).lightness()
    assert left > right  # white (low x₀) on the left, grey (high) on the right
    item = scene.layer_items["x"]
    assert item.numbers_beside()


def test_a_one_input_network_draws_a_curve_of_a_over_x_in_each_neuron(qtbot, training_window):
    """sine_regression (one input): each hidden neuron shows its activation over x, as the worker
    computed it on a line across the data's range, drawn as a curve inside the neuron."""
    from PySide6.QtGui import QImage, QPainter

    from desktop.editor import thumbnails
    from desktop.training.snapshot import THUMBNAIL_GRID, line_bounds

    net = lesson("sine_regression")
    assert thumbnails_by_default(net)
    window = training_window(net)
    view_state, scene = window.view_state, window.scene
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 3) is not None, timeout=10000)
    doc_net = window.document.network
    lo, hi = line_bounds(doc_net.dataset.inputs)
    a = doc_net.forward_all(np.linspace(lo, hi, THUMBNAIL_GRID)[:, None])["h"][1]
    curve = view_state.neuron_map("h", 3)
    assert curve.shape == (THUMBNAIL_GRID,) and np.allclose(curve, a[:, 3], rtol=1e-12, atol=0)
    image = scene.thumbnail("h", 3)
    assert image is not None and scene.thumbnail("x", 0) is None
    # what the neuron paints: the curve's image inside its circle, dark where the curve runs
    item = scene.layer_items["h"]
    canvas = QImage(400, 1000, QImage.Format.Format_RGB32)
    canvas.fill(0xFFFFFF)
    painter = QPainter(canvas)
    painter.translate(200 - item.neuron_centre(3).x(), 500 - item.neuron_centre(3).y())
    item.paint(painter, None)
    painter.end()
    points = thumbnails.curve_points(curve, "tanh")
    r = item.radius()
    scale = 2 * r / thumbnails.CURVE_SIZE  # the image is scaled into the circle's box
    dark = 0
    for x, y in points[8:-8:4]:  # the middle of the curve, inside the round clip
        px, py = 200 - r + x * scale, 500 - r + y * scale
        dark += canvas.pixelColor(int(round(px)), int(round(py))).lightness() < 140
    assert dark >= len(points[8:-8:4]) - 1
    words = " ".join(window.canvas.legend.neuron_text.split())
    assert "curve of a" in words


def test_a_neuron_showing_a_thumbnail_is_drawn_larger(qtbot, training_window):
    """A thumbnail reads larger than a plain neuron (the number stays beside it): the circle grows by
    THUMBNAIL_GROW, the neurons move apart as much, and back when View → Neuron Thumbnails is off."""
    from desktop.editor import layer_item, style

    window = training_window(lesson("xor"))
    qtbot.waitUntil(lambda: window.scene.thumbnail("h", 1) is not None, timeout=10000)
    item = window.scene.layer_items["h"]
    assert item.radius() == style.NEURON_RADIUS + layer_item.THUMBNAIL_GROW / 2
    gap = item.neuron_centre(1).y() - item.neuron_centre(0).y()
    assert gap >= 2 * item.radius() + 4  # two enlarged neurons do not touch
    assert item.number_plate(1).left() > item.neuron_centre(1).x() + item.radius()  # beside, not over
    window.actions_by_name["thumbnails"].trigger()  # off: the size its number needs inside it (``value_grow``)
    assert item.radius() == style.NEURON_RADIUS + item.value_grow() / 2
    assert item.neuron_centre(1).y() - item.neuron_centre(0).y() == pytest.approx(
        gap - layer_item.THUMBNAIL_GROW + item.value_grow())


def paint_neuron(item, k: int):
    """Neuron k of a layer item as it paints, centred in a white 400×400 image; (image, centre x, y)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(400, 400, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.translate(200 - item.neuron_centre(k).x(), 200 - item.neuron_centre(k).y())
    item.paint(painter, None)
    painter.end()
    return image


def test_a_one_sample_lesson_draws_each_neuron_around_its_sample_with_a_dot(qtbot, training_window):
    """one_hidden_sigmoid has one sample (x = 1): no range of data to draw a curve over, so each
    neuron's curve covers x ± 2·max(1, |x|) = [−1, 3] (the sample in the middle, 0 inside) and the
    sample is a dot on the curve at its a, the number written beside the neuron."""
    from desktop.editor import thumbnails
    from desktop.training.snapshot import THUMBNAIL_GRID

    window = training_window(lesson("one_hidden_sigmoid"))
    view_state, scene = window.view_state, window.scene
    assert view_state.thumbnails  # on by default now
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=10000)
    net = window.document.network
    assert net.dataset.inputs.tolist() == [[1.0]]
    a = net.forward_all(np.linspace(-1.0, 3.0, THUMBNAIL_GRID)[:, None])["h"][1]
    curve = view_state.neuron_map("h", 0)
    np.testing.assert_allclose(curve, a[:, 0], rtol=1e-12)
    assert curve.max() - curve.min() > 0.3  # a curve, not the flat line of x ± 0.1
    # the dot: in the middle of x's range, at the height of the neuron's a (its number beside it)
    a_here = view_state.neuron("h", 0).a
    mark = scene.thumbnail_mark("h", 0)
    assert mark == pytest.approx(thumbnails.curve_mark(curve, "sigmoid", 0.5, a_here))
    assert mark[0] == pytest.approx(0.5)
    item = scene.layer_items["h"]
    image = paint_neuron(item, 0)
    r = item.radius()
    px, py = 200 - r + mark[0] * 2 * r, 200 - r + mark[1] * 2 * r
    assert image.pixelColor(int(round(px)), int(round(py))).lightness() < 60  # the dark dot is drawn there
    words = window.canvas.legend.traced_text + " " + window.canvas.legend.maps_text
    assert "dot on each curve" in words and "around the one sample" in words
    item.zoom.show_neuron(0)
    assert "around the one sample (x₀ −1 to 3)" in item.zoom.words() and "dot: the traced sample" in item.zoom.words()


def test_a_one_sample_two_input_lesson_maps_a_square_around_its_sample(qtbot, training_window):
    """relu_tutorial (one sample, x = (1, 2)): the maps were plain discs over (1 ± 0.1, 2 ± 0.1); now
    they cover x ± 2·max(1, |x|) = ± 4 on both axes, the ReLU's zero region shows, the dot in the middle."""
    window = training_window(lesson("relu_tutorial"))
    view_state, scene = window.view_state, window.scene
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=10000)
    assert plane_bounds(window.document.network.dataset.inputs) == (-3.0, 5.0, -2.0, 6.0)
    values = view_state.neuron_map("h", 0)
    assert values.min() == 0.0 and values.max() > 1.0  # relu: off on one side of its line, growing on the other
    assert scene.thumbnail_mark("h", 0) == pytest.approx((0.5, 0.5))


def test_a_traced_sample_is_a_dot_on_the_maps_of_a_lesson_with_data(qtbot, training_window):
    """xor's sample 3 is (1, 1): near the top right corner of every map (the plane is the data ± 10 %)."""
    window = training_window(lesson("xor"))
    view_state, scene = window.view_state, window.scene
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=10000)
    x = window.document.network.dataset.inputs
    row = int(np.argmax(x.sum(axis=1)))
    view_state.set_sample(row)
    u, v = scene.thumbnail_mark("h", 0)
    assert u == pytest.approx(1.1 / 1.2) and v == pytest.approx(1 - 1.1 / 1.2)  # right, and up (x1 grows upward)
    view_state.set_sample(None)  # the next mini-batch (all four rows): no single point to mark
    assert scene.thumbnail_mark("h", 0) is None


def test_neurons_keep_their_thumbnails_and_size_all_through_play(qtbot, training_window):
    """Play sends ~30 snapshots a second, but the maps over the plane only with some of them (at
    most ~10 a second). The canvas dropped the thumbnails on every snapshot without maps: during
    Play each card jumped between two sizes (92×181 and 161×209 for XOR's h) and the maps blinked."""
    window = training_window(lesson("xor"))
    view_state = window.view_state
    card = window.canvas.scene().layer_items["h"]
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=5000)
    size = card.card_rect().size().toTuple()
    seen = []
    view_state.changed.connect(lambda *args: seen.append((view_state.shows_thumbnails(), card.card_rect().size().toTuple())))
    window.training.toolbar.play_action.trigger()  # the toolbar's Play
    qtbot.waitUntil(lambda: window.training.running, timeout=5000)
    qtbot.waitUntil(lambda: len(seen) > 10, timeout=15000)  # (about 10 frames a second; fewer on a busy machine)
    window.training.toolbar.play_action.trigger()  # … now Pause
    wait_finished(qtbot, window.training)
    assert all(shown for shown, _ in seen), f"thumbnails gone in {sum(not s for s, _ in seen)} of {len(seen)} frames"
    assert {s for _, s in seen} == {size}
    # paused: the maps are again those of the weights shown, exactly
    assert view_state.neuron_map("h", 0) is not None
    maps = window.training.latest.output.neurons["h"]
    assert np.array_equal(view_state.neuron_map("h", 0), maps[..., 0])


def test_the_dot_follows_a_new_dataset_s_plane(qtbot, training_window):
    """The plane the maps cover is kept per dataset: a new dataset (Edit → data, here one more sample
    far out) widens it, and the traced sample's dot moves toward the middle at once."""
    from desktop import commands
    import core

    window = training_window(lesson("xor"))
    view_state, scene, doc = window.view_state, window.scene, window.document
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=10000)
    x = doc.network.dataset.inputs
    row = int(np.argmax(x.sum(axis=1)))  # (1, 1)
    view_state.set_sample(row)
    assert scene.thumbnail_mark("h", 0) == pytest.approx((1.1 / 1.2, 1 - 1.1 / 1.2))
    data = doc.network.dataset
    wider = core.Dataset(np.vstack([data.inputs, [[3.0, 3.0]]]), np.vstack([data.targets, [[0.0]]]))
    doc.perform(commands.SetSettings(doc, "data", dataset=wider, change_dataset=True))
    view_state.set_sample(row)
    qtbot.waitUntil(lambda: view_state.neuron_map("h", 0) is not None, timeout=10000)
    x0, x1, y0, y1 = plane_bounds(wider.inputs)
    u, v = scene.thumbnail_mark("h", 0)
    assert u == pytest.approx((1 - x0) / (x1 - x0)) and v == pytest.approx(1 - (1 - y0) / (y1 - y0))
    assert u < 1.1 / 1.2 - 0.2  # the plane grew to the right: the same sample sits further left
