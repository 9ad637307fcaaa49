"""One loss, the same number on every panel, each saying what it is (the gallery review).

With a regularization penalty on (the weight-decay lesson) the loss training minimizes is
L = data loss + penalty. The canvas and the step-through's bar wrote L = 0.54 while the Loss
panel, its step-0 point and the status bar wrote the data loss 0.49 as "loss"; after training
the Loss panel's epoch mean held the penalty and the status bar's figure did not. Now every
place writes L with its parts, which add up by hand, and the curve begins at that L.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolBar

import core
from core.notation import format_loss_parts
from desktop import canvas_numbers
from desktop.panels.plotting import epoch_curve


def open_lesson(qtbot, window, name: str):
    assert window.files.open_example(str(core.example_path(name)))  # the Lessons menu's action
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.evaluation is not None,
                    timeout=15000)
    return window.findChild(QLabel, "status_training"), window.training.ui.loss


def written_parts(net) -> tuple[float, float]:
    """(L, penalty) on all the data at the document's weights, computed here from core."""
    data = net.data_loss(net.dataset.inputs, net.dataset.targets)
    penalty = net.regularization()[0]
    return data + penalty, penalty


def test_weight_decay_step_0_reads_one_loss_with_its_parts_everywhere(qtbot, main_window):
    window = main_window
    status, panel = open_lesson(qtbot, window, "guided_weight_decay")
    loss, penalty = written_parts(window.document.network)
    assert penalty > 0
    written = format_loss_parts(loss, penalty)
    assert written == "0.54 (data loss 0.49 + penalty 0.05)"  # 0.8·1.5 = 1.2; (1.2 − 0.5)² = 0.49; 0.05·(0.64 + 0.36)
    qtbot.waitUntil(lambda: f"loss {written}" in status.text(), timeout=5000)
    assert f"on all the training data: loss {written}" in panel.summary.text()
    x, y = epoch_curve(window.training.latest, "train_loss")
    assert x[0] == 0 and abs(y[0] - loss) < 1e-12  # the curve begins at the L the texts write

    window.canvas.setFocus()
    while window.view_state.stepping is None or window.view_state.stepping.phase != "loss":
        qtbot.keyClick(window.canvas, Qt.Key.Key_F8)  # Next phase, to the Loss phase
        qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    fmt = window.view_state.format
    lines = canvas_numbers.loss_lines(window.view_state)
    assert lines[0] == ("L =", fmt(loss)) == ("L =", "0.54")
    assert lines[1][0] == "= data loss 0.49 + penalty 0.05"
    bar = window.findChild(QToolBar, "step_toolbar").phase_text
    qtbot.waitUntil(lambda: "L = 0.54 (data loss 0.49 + penalty 0.05)" in bar.toolTip(), timeout=5000)


def test_weight_decay_after_training_the_loss_panel_and_status_bar_both_write_l_and_its_parts(qtbot, main_window):
    window = main_window
    status, panel = open_lesson(qtbot, window, "guided_weight_decay")
    controller = window.training
    controller.step(200)
    qtbot.waitUntil(lambda: not controller.running and controller.latest.step == 200
                    and controller.latest.evaluation is not None, timeout=20000)
    snap = controller.latest
    loss, penalty = written_parts(window.document.network)
    qtbot.waitUntil(lambda: f"now, all training data: loss {format_loss_parts(loss, penalty)}" in status.text(),
                    timeout=5000)
    epoch = snap.last_epoch
    assert epoch["penalty"] is not None and epoch["train_loss"] > epoch["penalty"] > 0
    assert f"epoch 200 mean: loss {format_loss_parts(epoch['train_loss'], epoch['penalty'])}" in panel.summary.text()
    x, y = epoch_curve(snap, "train_loss")
    assert x[-1] == 200 and y[-1] == epoch["train_loss"]  # the plotted point is the L the line under it writes


def test_without_a_penalty_the_loss_reads_as_before(qtbot, main_window):
    status, panel = open_lesson(qtbot, main_window, "xor")
    net = main_window.document.network
    loss = net.data_loss(net.dataset.inputs, net.dataset.targets)
    qtbot.waitUntil(lambda: f"now, all training data: loss {format_loss_parts(loss, None)}" in status.text(), timeout=5000)
    assert "penalty" not in status.text() and "penalty" not in panel.summary.text()
