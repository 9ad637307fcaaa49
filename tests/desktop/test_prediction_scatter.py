"""The output map's predicted-against-target scatter (networks without two inputs) draws its points
as pyqtgraph's scatter does, pixel for pixel, with one atlas lookup for all of them; a click on a
point still traces that sample."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest

import core
from desktop.panels.uniform_scatter import UniformScatter
from test_training_support import training_window, wait_finished

__all__ = ["training_window"]


def render(item, x, y, **style) -> np.ndarray:
    """``item`` given the points (x, y) (and per-point ``style``), drawn in a 200×200 plot: the picture's pixels."""
    plot = pg.PlotWidget(background="w")
    plot.resize(200, 200)
    plot.addItem(item)
    item.setData(x, y, data=np.arange(len(x)), **style)
    plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    plot.scene().render(painter, QRectF(0, 0, 200, 200), plot.sceneRect())
    painter.end()
    return np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes()).copy()


def test_uniform_scatter_draws_what_pyqtgraphs_scatter_draws(qtbot):
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 1, 1500), rng.uniform(0, 1, 1500)
    style = dict(size=6, pen=None, brush=pg.mkBrush(40, 40, 40, 170))
    theirs = render(pg.ScatterPlotItem(**style), x, y)
    ours = UniformScatter(**style)
    mine = render(ours, x, y)
    assert (theirs != 255).sum() > 10_000  # the dots are drawn (overlapping ones darker)
    assert np.array_equal(mine, theirs)
    assert len(ours.fragmentAtlas) == 1  # one picture for all the points
    # points with styles of their own are drawn as pyqtgraph draws them
    red, blue = pg.mkBrush(200, 0, 0), pg.mkBrush(0, 0, 200)
    brushes = [red if k % 2 else blue for k in range(50)]
    a, b = pg.ScatterPlotItem(size=6), UniformScatter(size=6)
    assert np.array_equal(render(b, x[:50], y[:50], brush=brushes), render(a, x[:50], y[:50], brush=brushes))
    assert len(b.fragmentAtlas) == len(a.fragmentAtlas) == 2


def regression_network() -> core.Network:
    rng = np.random.default_rng(0)
    inputs = rng.uniform(-1, 1, size=(60, 3))
    net = core.Network("three inputs")
    net.add_layer("x", 3)
    net.add_layer("y", 1, activation="identity")
    net.connect("x", "y")
    net.dataset = core.Dataset(inputs, inputs @ np.array([[0.5], [-1.0], [2.0]]))
    net.training.validation_fraction = 0.0
    return net


def test_clicking_a_prediction_traces_that_sample(qtbot, training_window):
    window = training_window(regression_network())
    window.training.step(1)
    wait_finished(qtbot, window.training)
    panel = window.training.ui.output_map
    assert panel.mode == "scatter"
    qtbot.waitUntil(lambda: len(panel.pred_points.points()) > 0, timeout=5000)
    xs, ys = panel.pred_points.getData()
    order = np.argsort(np.hypot(xs[:, None] - xs[None], ys[:, None] - ys[None]) + np.eye(len(xs)) * 1e9, axis=1)
    lonely = int(np.argmax(np.hypot(xs - xs[order[:, 0]], ys - ys[order[:, 0]])))  # the point farthest from others
    view = panel.plot_widget
    pixel = view.mapFromScene(panel.plot.getViewBox().mapViewToScene(QPointF(xs[lonely], ys[lonely])))
    with qtbot.waitSignal(panel.sample_clicked) as clicked:
        QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
        QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel, 50)
    assert clicked.args[0] == lonely  # one output: point k is sample k
    assert window.view_state.sample == lonely
