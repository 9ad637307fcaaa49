"""Every axis a student reads has a scale and a whole title (teacher's review 10, finding 14).

The review found the weight trajectories' vertical title cut to "weight valu" with a lone tick "0"
(skip_connection, spiral, early_stopping, regularization in the step-through's Backward),
early_stopping's trained loss axis with the single tick "1" and its "best validation: epoch 33"
box over the falling curve, circles' trained loss axis with only "0.4".
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QFontMetrics

from test_loss_plot_axes import SIZES, drawn_labels, open_lesson, raise_dock, settle, size_id, title_rect
from test_training_support import press_f8_to


def assert_scaled(axis, where) -> None:
    """At least two tick labels drawn, none over another."""
    labels = drawn_labels(axis)
    assert len(labels) >= 2, (where, [text for _, text in labels])
    for k, (rect, text) in enumerate(labels):
        assert not any(rect.intersects(other) for other, _ in labels[k + 1:]), (where, text)


def assert_whole_title(axis, where) -> None:
    """The vertical title is written whole: its text, where the axis draws it, lies inside the axis."""
    title = axis.labelText
    assert title, where
    assert QFontMetrics(axis.label.font()).horizontalAdvance(title) <= axis.height(), (where, title, axis.height())
    written = title_rect(axis)
    assert written.top() >= 0 and written.bottom() <= axis.height(), (where, title, written, axis.height())


@pytest.mark.parametrize("lesson", ["early_stopping", "circles", "regularization", "spiral"])
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_a_trained_loss_axis_has_a_scale(qtbot, lesson_window, lesson, size):
    panel = open_lesson(qtbot, lesson_window, lesson, size, 500)
    assert_scaled(panel.loss_plot.getAxis("left"), (lesson, size))  # was a lone "1" (early_stopping), "0.4" (circles)
    assert_whole_title(panel.loss_plot.getAxis("left"), (lesson, size))


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_best_epoch_label_hides_none_of_the_curves(qtbot, lesson_window, size):
    """early_stopping after 500 steps: the label sat top left of its line, over the falling loss,
    with the top right of the plot empty. It stands where it hides no point of a curve; where every
    place would hide some (a laptop's short plot), the legend names the dashed line instead."""
    panel = open_lesson(qtbot, lesson_window, "early_stopping", size, 500)
    marker, label = panel.best_epoch, panel.best_epoch.label
    assert marker.line.isVisible() and marker.epoch is not None
    named = [text for text in panel.legend_entries() if f"best: step {marker.step}" in text]
    assert label.isVisible() != bool(named), (size, named)  # in the plot, or in the legend: once
    if not label.isVisible():
        # the legend's words name the epoch the caption says it restored (review 12 #19: "best: step 297"
        # beside "epoch 33 restored"), as sine_regression's label does: "best: step 500 (epoch 50)"
        assert named == [f"best: step {marker.step} (epoch {marker.epoch})"], (size, named)
        assert f"epoch {marker.epoch} restored" in panel.summary.text(), panel.summary.text()
        return
    assert f"step {marker.step}" in label.toPlainText()  # in the x axis's unit (review 11 #16)
    area = panel.loss_plot.getViewBox().mapSceneToView(label.sceneBoundingRect()).boundingRect()
    for curve in (panel.step_curve, panel.train_curve, panel.val_curve):
        xs, ys = curve.getData()
        if xs is None:
            continue
        under = (xs >= area.left()) & (xs <= area.right()) & (ys >= area.top()) & (ys <= area.bottom())
        assert not np.any(under), (size, label.toPlainText(), xs[under][:5], ys[under][:5])


@pytest.mark.parametrize("lesson", ["skip_connection", "spiral", "early_stopping", "regularization"])
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_weight_trajectories_axis_has_a_scale_and_a_whole_title(qtbot, lesson_window, lesson, size):
    window = lesson_window
    loss = open_lesson(qtbot, window, lesson, size)
    press_f8_to(qtbot, window, "backward")
    trajectories = window.training.ui.trajectories
    raise_dock(trajectories)
    settle(loss)
    trajectories.plot_widget.grab()
    axis = trajectories.plot.getAxis("left")
    assert_whole_title(axis, (lesson, size))  # was "weight valu"
    assert axis.labelText in ("weight value", "weight", "w")
    assert_scaled(axis, (lesson, size))  # was a lone "0"
    raise_dock(loss)
    settle(loss)
    assert_scaled(loss.loss_plot.getAxis("left"), (lesson, size, "loss"))  # spiral at 1024×700: a lone "0.70"


def test_the_trained_loss_plot_is_tall_enough_to_read_on_a_laptop(qtbot, lesson_window):
    """early_stopping trained, as a teacher shows it: at 1024×700 the loss plot was 77 px tall (its
    "1.0" and "0.5" 28 px apart over the noisy batch curve) beside a 55 px accuracy plot, at 1400×900
    59 px. The loss plot gets at least 90 px at both sizes; the accuracy plot still labels 0 % to
    100 % apart, and the legend and the note under the plots still show."""
    from PySide6.QtWidgets import QApplication

    window = lesson_window
    panel = open_lesson(qtbot, window, "early_stopping", (1024, 700), 500)
    for size in ((1024, 700), (1400, 900)):
        if size != (1024, 700):
            window.resize(*size)
            QApplication.instance().processEvents()
            window.apply_default_layout()
            raise_dock(panel)
            settle(panel)
        assert panel.loss_plot.getViewBox().height() >= 90, (size, panel.loss_plot.getViewBox().height())
        assert_scaled(panel.loss_plot.getAxis("left"), size)
        accuracy = panel.accuracy_plot
        assert accuracy.isVisible()
        assert_scaled(accuracy.getAxis("left"), size)
        assert {"0 %", "100 %"} <= {text for _, text in drawn_labels(accuracy.getAxis("left"))}, size
        assert panel.legend.isVisible() and panel.summary.isVisible() and panel.summary.text(), size
