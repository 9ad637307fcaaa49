"""Leftover 23 #2: the step-through holds back only the figures of the step it walks, in a mini-batch run too
(batch 8 of 40 samples): after one Step, walking step 2, Forward keeps step 1's batch loss (measured before
step 1's update, at the weights the walk does not start from) in the Loss caption and its point on the loss
plot; they hid both, as if step 1 were the walked step (the rule worked only for full-batch runs)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_training_support import press_f8_to, press_step, training_window, xor_network  # noqa: F401


def caption(window) -> str:
    return window.training.ui.loss.summary.text()


def batch_points(window) -> list[float]:
    """The steps (x) of the grey curve's points: each step's batch loss on the loss plot."""
    x, _ = window.training.ui.loss.step_curve.getData()
    return [] if x is None else [float(v) for v in x]


def test_forward_keeps_step_1s_batch_loss_of_a_mini_batch_run(qtbot, training_window):
    window = training_window(xor_network(batch=8))  # 40 samples: five steps an epoch
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press_step(qtbot, window)
    qtbot.waitUntil(lambda: "step 1" in caption(window), timeout=5000)
    before = caption(window)
    batch_figure = before.split("last batch loss ")[1].split(" ")[0]
    assert batch_figure[0].isdigit(), before
    assert batch_points(window) == [1.0]
    press_f8_to(qtbot, window, "forward")
    assert window.view_state.stepping.trace.step == 1  # the walk is of step 2
    assert f"last batch loss {batch_figure} (step 1" in caption(window), caption(window)
    assert batch_points(window) == [1.0]  # step 1's point stays
    press_f8_to(qtbot, window, "loss")
    assert f"last batch loss {batch_figure}" in caption(window)
    assert batch_points(window) == [1.0]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
