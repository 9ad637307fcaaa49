"""The step-through holds back only the figures of the step it walks: on a full-batch network, after one Step,
step 1's batch loss and epoch mean (known before the walk) stay in the Loss caption in Forward; the loss after
step 1's update, which the walk's Loss phase computes, waits for that phase (review 21, finding 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.reveal import NOT_YET
from test_training_support import press_f8_to, press_step, training_window, xor_network

__all__ = ["training_window"]  # (a fixture)


def caption(window) -> str:
    return window.training.ui.loss.summary.text()


def test_forward_keeps_step_1s_figures_and_holds_the_walked_steps(qtbot, training_window):
    window = training_window(xor_network(batch=64))  # 40 samples: each step is the whole set
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press_step(qtbot, window)
    qtbot.waitUntil(lambda: "step 1" in caption(window), timeout=5000)
    before = caption(window)
    batch_figure = before.split("last batch loss ")[1].split(" ")[0]
    assert batch_figure[0].isdigit()
    press_f8_to(qtbot, window, "forward")
    text = caption(window)
    assert f"last batch loss {batch_figure} (step 1" in text, text
    assert "accuracy" in text and "accuracy ?" not in text, text
    assert "now" not in text or NOT_YET in text.split("now")[1], text  # the walked step's loss waits
    press_f8_to(qtbot, window, "loss")
    assert f"last batch loss {batch_figure}" in caption(window)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
