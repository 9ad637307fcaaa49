"""The Loss panel's plots read cleanly on the bundled lessons, as the gallery showed they did not:
the axis title "loss" printed over tick labels such as "0.0060"; the step axis ticked "0 0.2 0.4
0.6 0.8" at step 0; "best validation: epoch N" lay under the noisy batch curve; a short accuracy
axis labelled only "50 %"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPicture
from PySide6.QtWidgets import QApplication

import core
from desktop.panels.loss import ACCURACY_TICKS, LossPanel, accuracy_ticks
from test_training_support import press_f8_to
from lesson_support import leave_lesson

SIZES = [(1400, 900), (1024, 700)]


def size_id(size) -> str:
    return f"{size[0]}x{size[1]}"


def open_lesson(qtbot, window, name: str, size, train_steps: int = 0) -> LossPanel:
    """``name`` opened in the window at ``size`` (its default layout), trained ``train_steps`` steps,
    the layout settled; the window's Loss panel."""
    window.resize(*size)
    QApplication.instance().processEvents()
    window.apply_default_layout()
    window.document.replace_network(core.load_network(core.example_path(name)), None)
    leave_lesson(window)  # a guided lesson in progress keeps back what its questions ask (the loss)
    c = window.training
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.state == "ready" and c.snapshot_fits(c.latest),
                    timeout=30000)
    if train_steps:
        c.step(train_steps)
        qtbot.waitUntil(lambda: not c.running and c.latest is not None and c.latest.state != "running",
                        timeout=30000)
    panel = window.findChild(LossPanel)
    panel.show()
    panel.raise_()
    settle(panel)
    return panel


def settle(panel: LossPanel) -> None:
    """Paint the plots until the layout stops changing (an axis takes a new width on the next turns
    of the event loop after it measured its labels)."""
    for _ in range(6):
        panel.plots.grab()
        QApplication.instance().processEvents()


def raise_dock(widget) -> None:
    """Bring the dock holding ``widget`` to the front of its tab group, as a click on its tab does."""
    from PySide6.QtWidgets import QDockWidget

    dock = widget
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    dock.show()
    dock.raise_()
    QApplication.instance().processEvents()


def drawn_labels(axis) -> list[tuple[QRectF, str]]:
    """The tick labels ``axis`` draws now: (rectangle in the axis's coordinates, text)."""
    picture = QPicture()
    painter = QPainter(picture)
    specs = axis.generateDrawSpecs(painter)
    painter.end()
    return [(QRectF(rect), text) for rect, _, text in specs[2]]


def title_rect(axis) -> QRectF:
    """Where the axis's title is written (its text, without the text item's margin), in the axis's coordinates."""
    margin = axis.label.document().documentMargin()
    return axis.label.mapRectToParent(axis.label.boundingRect().adjusted(margin, margin, -margin, -margin))


@pytest.mark.parametrize("lesson, steps", [("guided_relu_tutorial", 0), ("one_hidden_sigmoid", 0),
                                           ("guided_sigmoid_neuron", 0), ("xor", 0), ("one_sigmoid_neuron", 500)])
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_loss_axis_title_sits_beside_its_tick_labels(qtbot, lesson_window, lesson, steps, size):
    """"loss" was drawn over "0.0060" (guided_relu_tutorial at step 0), "0.0305" (one_hidden_sigmoid)
    and touched "0.083" (guided_sigmoid_neuron): the left axis kept 56 px for a title and labels that
    need more. Every left axis's labels are all drawn, a few pixels clear of its title, and the
    plots' left edges still line up."""
    panel = open_lesson(qtbot, lesson_window, lesson, size, steps)
    plots = [p for p in (panel.loss_plot, panel.accuracy_plot) if p.isVisible()]
    for plot in plots:
        axis = plot.getAxis("left")
        labels = drawn_labels(axis)
        assert len(labels) >= 2, (lesson, size, labels)
        title = title_rect(axis).adjusted(0, 0, 2, 0)  # and a gap an eye sees
        assert title.width() > 0 and axis.labelText
        for rect, text in labels:
            assert not rect.intersects(title), (lesson, size, axis.labelText, text, rect, title)
            assert rect.left() >= 0, (lesson, size, text, rect)  # inside the axis, not cut by its edge
    lefts = {round(p.getViewBox().sceneBoundingRect().left(), 1) for p in plots}
    assert len(lefts) == 1, lefts


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_step_axes_tick_whole_steps_before_training(qtbot, lesson_window, size):
    """At step 0 the step axes read "0 0.2 0.4 0.6 0.8": the loss and accuracy plots, the mean
    |dL/dw| plot and the weight trajectories ("step (0 = the starting weights)"). With the mean
    |dL/dw| plot shown the steps are numbered once, under it, and its empty log axis shows no scale."""
    window = lesson_window
    panel = open_lesson(qtbot, window, "xor", size)
    panel.show_gradients.setChecked(True)
    trajectories = window.training.ui.trajectories
    raise_dock(trajectories)  # a student looks at the trajectories too (a tab behind the Loss at 1024×700)
    settle(panel)
    raise_dock(panel)
    axes = {"loss": panel.loss_plot.getAxis("bottom"), "accuracy": panel.accuracy_plot.getAxis("bottom"),
            "mean |dL/dw|": panel.gradient_lines.plot.getAxis("bottom"),
            "trajectories": trajectories.plot.getAxis("bottom")}
    settle(panel)
    for where, axis in axes.items():
        low, high = axis.range
        assert low <= 0 < high < 10, (where, axis.range)  # the view of step 0
        values = [v for _, level in axis.tickValues(low, high, max(axis.width(), 100)) for v in level]
        assert 0 in values, (where, values)
        assert all(float(v).is_integer() for v in values), (where, values)
        assert all(float(v).is_integer() for v in axis.tickValues(low, high, 2000)[0][1]), where  # a wide plot too
    shown = [text for _, text in drawn_labels(axes["mean |dL/dw|"])]  # the lowest plot numbers the steps
    assert "0" in shown and all(t.isdigit() for t in shown), shown
    assert not drawn_labels(axes["accuracy"]) and not drawn_labels(axes["loss"])  # once, not under each plot
    assert not drawn_labels(panel.gradient_lines.plot.getAxis("left"))  # no |dL/dw| yet: no scale ("2 4 6")
    panel.show_gradients.setChecked(False)
    settle(panel)
    shown = [text for _, text in drawn_labels(axes["accuracy"])]
    assert "0" in shown and all(t.isdigit() for t in shown), shown


def test_the_best_epoch_label_reads_above_the_noisy_batch_curve(qtbot, lesson_window):
    """spiral after 500 steps: "best validation: epoch N" lay under the grey batch curve that runs
    through it. Its background is opaque and it is drawn above every curve: no curve pixel in it
    (and it now stands where no curve runs, or the legend names the line: test_plot_axes_whole)."""
    panel = open_lesson(qtbot, lesson_window, "spiral", (1024, 700), 500)
    marker = panel.best_epoch
    label = marker.label
    assert label.fill.style() != Qt.BrushStyle.NoBrush and label.fill.color().alpha() == 255
    curves = {panel.step_curve, panel.train_curve, panel.val_curve}
    assert all(label.zValue() > curve.zValue() for curve in curves)
    # the line in the x axis's unit, steps, with its epoch beside it (review 11 #16: "best: epoch 15" at step 150)
    assert marker.step == round(marker.line.value()) and marker.step != marker.epoch
    if not label.isVisible():  # no place free of curves on this short plot: the legend names the line
        assert f"best: step {marker.step} (epoch {marker.epoch})" in panel.legend_entries()
        return
    assert f"step {marker.step} (epoch {marker.epoch})" in label.toPlainText()
    rect = label.sceneBoundingRect()
    # what a student sees: no grey pixel of the batch curve in the label's box
    image = panel.plots.grab().toImage()
    view = panel.plots
    box = view.mapFromScene(rect).boundingRect().adjusted(2, 2, -2, -2)
    batch = QColor("#A8A8A8")
    greys = 0
    for y in range(box.top(), box.bottom()):
        for x in range(box.left(), box.right()):
            c = image.pixelColor(x, y)
            if max(abs(c.red() - batch.red()), abs(c.green() - batch.green()), abs(c.blue() - batch.blue())) < 24:
                greys += 1
    assert greys == 0, greys


@pytest.mark.parametrize("lesson", ["xor", "guided_softmax"])
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_a_short_accuracy_axis_labels_both_ends(qtbot, lesson_window, lesson, size):
    """xor and guided_softmax after training: the accuracy axis, 50 px tall, labelled only "50 %".
    Its 0 % and 100 % are labelled, and no two labels (or a label and the title) overlap."""
    panel = open_lesson(qtbot, lesson_window, lesson, size, 500)
    axis = panel.accuracy_plot.getAxis("left")
    assert panel.accuracy_plot.isVisible()
    labels = drawn_labels(axis)
    texts = [text for _, text in labels]
    assert "0 %" in texts and "100 %" in texts, (lesson, size, texts)
    for k, (rect, text) in enumerate(labels):
        for other, other_text in labels[k + 1:]:
            assert not rect.intersects(other), (text, other_text)
        if axis.labelText:
            assert not rect.intersects(title_rect(axis)), (text, axis.labelText)


def test_accuracy_ticks_keep_their_labels_apart_at_every_height():
    """Three labels where they fit apart, else the two ends: never a single "50 %"."""
    for height in range(10, 400):
        ticks = accuracy_ticks(height, (-0.05, 1.05), 12.0)
        assert len(ticks) >= 2 and ticks[0][1] == "0 %" and ticks[-1][1] == "100 %"
        if height >= 60:
            assert ticks == ACCURACY_TICKS[0], height


def test_the_best_epoch_label_stands_where_it_hides_no_curve(qtbot):
    """A validation loss that rises after its best epoch runs along the top of the plot: the label
    goes to the bottom, where no point of the curves lies under it (at the top it hid them)."""
    from types import SimpleNamespace

    import numpy as np
    import pyqtgraph as pg

    from desktop.panels.best_epoch import BestEpochMarker

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(500, 200)
    widget.show()
    qtbot.waitExposed(widget)
    plot = widget.getPlotItem()
    epochs = np.arange(1, 51, dtype=float)
    validation = np.where(epochs <= 10, 1.0 - 0.05 * epochs, 0.95 - 0.45 * np.exp(-(epochs - 10) / 3))  # best: 10
    train = 0.2 + 0.6 * np.exp(-epochs / 20)
    plot.plot(epochs * 10, validation)
    plot.plot(epochs * 10, train)
    plot.setYRange(0.0, 1.0, padding=0)
    plot.setXRange(0, 500, padding=0)
    marker = BestEpochMarker(plot)
    snap = SimpleNamespace(epoch_numbers=epochs.astype(int), epoch_steps=epochs * 10, finished=True,
                           epoch_column=lambda name: validation)
    marker.update(snap)
    QApplication.instance().processEvents()
    assert marker.epoch == 10 and marker.label.isVisible()
    box = plot.getViewBox().mapSceneToView(marker.label.sceneBoundingRect()).boundingRect()
    steps = epochs * 10  # (the test means something: the same box at the top would hide validation points)
    assert ((steps >= box.left()) & (steps <= box.right()) & (validation >= 0.97 - box.height())).any()
    assert box.bottom() < 0.5, box  # at the bottom of the plot (view y grows upwards: bottom() is the top)
    for curve in plot.listDataItems():
        xs, ys = curve.getData()
        inside = (xs >= box.left()) & (xs <= box.right()) & (ys >= box.top()) & (ys <= box.bottom())
        assert not inside.any(), (xs[inside], ys[inside])


@pytest.mark.parametrize("lesson", ["spiral", "three_classes_softmax"])
def test_tick_labels_of_a_short_loss_plot_stay_apart_during_the_step_through(qtbot, lesson_window, lesson):
    """At 1024×700 the step-through's sentence makes the Loss panel's plots a few rows of pixels
    tall: spiral's loss axis printed "0.71", "0.70", "0.69" on top of each other in the Backward
    phase. A student presses F8 three times (Forward, Loss, Backward): on every left axis each tick
    label is drawn whole and apart from its neighbours."""
    window = lesson_window
    panel = open_lesson(qtbot, window, lesson, (1024, 700))
    window.activateWindow()  # the student's window has the keyboard
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    for phase in ("forward", "loss", "backward"):
        press_f8_to(qtbot, window, phase)
    settle(panel)
    for plot in (p for p in (panel.loss_plot, panel.accuracy_plot) if p.isVisible()):
        axis = plot.getAxis("left")
        labels = sorted(drawn_labels(axis), key=lambda label: label[0].top())
        for (upper, a), (lower, b) in zip(labels, labels[1:]):
            assert upper.bottom() <= lower.top(), (lesson, axis.labelText, a, b, upper, lower)
