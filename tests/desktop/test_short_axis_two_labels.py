"""A short vertical plot axis labels two ticks, never one (a scale cannot be read from one label).

The Loss panel at its floor (1024×700 after an undone run: ``test_loss_room_after_undo``) drew its
loss on about 26 px and labelled a lone "0.4" of −0.08 … 0.69: its 1-2-5 step had one multiple far
enough inside the axis, and a finer step's labels would have touched. Here the same axis (a plot's
``step_axes``, grid lines on, as the Loss panel's) at heights from 24 px, over ranges a loss takes.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QApplication

from desktop.panels.plotting import lazy_menu_view, step_axes
from test_loss_room_after_undo import drawn_tick_labels

RANGES = [(-0.0812727, 0.6879221), (0.68, 0.72), (0.0, 1.0), (0.1234, 0.1299), (-5.0, 37.0), (0.0004, 0.0011)]


@pytest.mark.parametrize("height", [24, 26, 30, 36, 44])
def test_a_short_loss_axis_labels_two_ticks_apart(qtbot, height):
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    plot = widget.addPlot(axisItems=step_axes(), viewBox=lazy_menu_view())
    plot.showGrid(x=True, y=True, alpha=0.2)
    widget.resize(300, 200)
    widget.show()
    qtbot.waitExposed(widget)
    view = plot.getViewBox()
    plot.setFixedHeight(plot.height() - view.height() + height)  # the view ``height`` px tall
    for _ in range(3):
        QApplication.instance().processEvents()
    assert abs(view.height() - height) < 1.5, view.height()
    axis = plot.getAxis("left")
    for low, high in RANGES:
        plot.setYRange(low, high, padding=0)
        for _ in range(2):  # painted: the axis takes the width its new labels need, as on screen
            widget.grab()
            QApplication.instance().processEvents()
        labels = drawn_tick_labels(axis)
        assert len(labels) >= 2, (height, (low, high), labels)
        values = [float(text.replace("−", "-")) for text, _ in labels]
        assert all(low <= v <= high for v in values) and len(set(values)) == len(values), (values, low, high)
        # one above the other (pyqtgraph's box of a label is 0.8 of its line, a little more than its digits'
        # ink: boxes that share a pixel still leave the digits apart)
        rects = sorted((rect for _, rect in labels), key=lambda r: r.top())
        assert all(a.bottom() <= b.top() + 1 for a, b in zip(rects, rects[1:])), (height, (low, high), labels)
