"""A frame of the loss panel gives new points only to the curves whose points changed: with no
validation set, the (empty) validation curves are not given points again every frame."""

from __future__ import annotations

from test_training_support import training_window, wait_finished, xor_network

__all__ = ["training_window"]


def test_empty_and_unchanged_curves_are_left_alone_frame_after_frame(qtbot, training_window):
    window = training_window(xor_network(batch=8, validation=0.0))
    panel = window.training.ui.loss
    given = {name: 0 for name in ("val_curve", "val_acc_curve", "step_curve", "train_curve")}
    for name in given:
        getattr(panel, name).sigPlotChanged.connect(lambda *_, n=name: given.__setitem__(n, given[n] + 1))
    for _ in range(3):  # three Steps, each a frame of the loss panel
        window.training.step()
        wait_finished(qtbot, window.training)
    assert given["val_curve"] == 0 and given["val_acc_curve"] == 0  # nothing to draw, nothing set
    assert given["step_curve"] >= 3  # the batch loss gets its new point every Step
    x, _ = panel.step_curve.getData()
    assert len(x) == 3
    # 40 samples, batch 8: one epoch is 5 steps, so the epoch curve (step 0 only) did not change
    assert given["train_curve"] <= 1
