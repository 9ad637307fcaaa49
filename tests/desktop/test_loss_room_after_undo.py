"""The Loss panel's legend, plot and caption each keep their own room in a crowded panel.

Reported: at 1024×700, at guided_weight_decay's step 6, after three presses of F6 and Ctrl+Z back to the
saved weights, the legend had four entries (the undone run is kept for comparison), and the caption
"Step 0, before training, on all the training data: loss 0.54 (data loss 0.49 + penalty 0.05). Press Play
or Step to train." was drawn over the plot's step axis and its numbers. Since review 23 an Undo of a run's
steps takes the run out of the comparison; the same four entries now come from leaving the lesson, Reset back
to the saved weights (a new undo step: the run stays) and returning to it.
"""

from __future__ import annotations

import os

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from desktop.panels.loss import LossPanel
from test_lesson_error_hidden import lesson_at_step
from lesson_support import leave_lesson, return_to_lesson


def in_window(window, widget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def item_in_window(window, view, item) -> QRect:
    """Where the graphics ``item`` of the graphics view ``view`` is drawn, in window pixels."""
    scene = item.mapRectToScene(QRectF(item.rect()))  # (an axis with a grid: its bounding rect spans the plot)
    polygon = view.mapFromScene(scene).boundingRect()
    return QRect(view.mapTo(window, polygon.topLeft()), polygon.size())


def crowded_loss_panel(qtbot, window, canvas) -> LossPanel:
    """The Loss panel at 1024×700 after guided_weight_decay's step 6, three presses of F6 and Reset back to
    the saved weights: its legend has four entries (the run is kept for comparison)."""
    window.resize(1024, 700)
    qtbot.wait(100)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    doc = window.document
    for k in range(1, 4):
        student.press(Qt.Key.Key_F6)
        qtbot.waitUntil(lambda k=k: not window.training.running and window.training.latest.step == k, timeout=10000)
    # Reset back to the weights as saved: the run stays in the undo history, kept for comparison (an Undo of its
    # steps takes the run away from Compare runs since review 23; the lesson, left, no longer holds Reset back)
    leave_lesson(window)
    toolbar = window.training.toolbar
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.reset_action), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: np.array_equal(doc.network.flat, net.flat), timeout=10000)
    return_to_lesson(window)  # (its panel takes its room again: the Loss panel is as crowded as reported)
    loss = window.findChild(LossPanel)
    # the session loaded for the saved weights answers with its step 0 (its figures in the caption)
    qtbot.waitUntil(lambda: "Step 0" in loss.summary.text(), timeout=10000)
    qtbot.wait(100)
    assert loss.isVisible()
    return loss


def drawn_tick_labels(axis) -> list[tuple[str, QRectF]]:
    """The tick labels ``axis`` draws now, with where (pyqtgraph's own drawing list)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        return [(text, rect) for rect, _flags, text in axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()


def test_the_crowded_loss_plot_reads_a_scale_of_two_labels_apart(qtbot, main_window, canvas):
    """The loss plot at its floor (its view about 26 px tall) labelled one tick ("0.4"): no scale to read."""
    loss = crowded_loss_panel(qtbot, main_window, canvas)
    assert len(loss.legend_entries()) == 4, loss.legend_entries()
    labels = drawn_tick_labels(loss.loss_plot.getAxis("left"))
    assert len(labels) >= 2, labels  # was [("0.4", …)]
    values = [float(text.replace("−", "-")) for text, _ in labels]
    assert len(set(values)) == len(values), labels
    low, high = loss.loss_plot.getViewBox().viewRange()[1]
    assert all(low <= v <= high for v in values), (values, low, high)
    rects = sorted((rect for _, rect in labels), key=lambda r: r.top())
    assert all(a.bottom() <= b.top() for a, b in zip(rects, rects[1:])), rects  # one above the other, apart


def test_the_loss_caption_is_never_drawn_over_the_plot_after_undoing_a_run(qtbot, main_window, canvas):
    window = main_window
    loss = crowded_loss_panel(qtbot, window, canvas)
    if os.environ.get("LOSS_ROOM_PNG"):
        window.grab().save(os.environ["LOSS_ROOM_PNG"])
    assert len(loss.legend_entries()) == 4, loss.legend_entries()
    assert "Step 0" in loss.summary.text()

    caption = in_window(window, loss.summary)
    legend = in_window(window, loss.legend)
    plot = loss.loss_plot
    axis = item_in_window(window, loss.plots, plot.getAxis("bottom"))
    view = item_in_window(window, loss.plots, plot.getViewBox())
    for name, rect in (("step axis", axis), ("plot", view)):
        assert not caption.intersects(rect), f"the caption {caption} is drawn over the {name} {rect}"
        assert not legend.intersects(rect), f"the legend {legend} is drawn over the {name} {rect}"
    assert not legend.intersects(caption)
    # the legend's four entries all in its label: the lines its text takes fit its height
    needed = loss.legend.heightForWidth(loss.legend.width())
    assert loss.legend.height() >= needed, f"the legend is {loss.legend.height()} px tall, its entries need {needed}"
    assert caption.height() >= loss.summary.heightForWidth(loss.summary.width())
    assert in_window(window, loss).contains(caption) and in_window(window, loss).contains(view)
