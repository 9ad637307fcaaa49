"""Review 21, finding 7: a learning rate of 1e6 typed in the toolbar saturates a sigmoid network's
neurons (every dL/dw exactly 0, the loss 0.5 forever); the status bar says so, as it says "Loss is
rising", instead of letting Play run on in silence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

import core


def test_a_huge_learning_rate_warns_that_the_neurons_are_saturated(qtbot, main_window, dialogs, tmp_path):
    window = main_window
    net = core.load_network(core.example_path("xor"))
    net.training.loss = "mse"  # the student's own network: sigmoid output, mean squared error
    core.save_network(net, str(tmp_path / "mine.bpnet"))
    dialogs.answer("open_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["open"].trigger()
    warning = window.training.ui.loss_warning
    box = window.findChild(QToolBar, "training_toolbar").learning_rate
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "1e6")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.document.network.training.optimizer.learning_rate == 1e6
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)  # Play
    qtbot.waitUntil(warning.isVisible, timeout=20000)
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)  # Pause
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    assert warning.isVisible() and warning.text() == "Saturated: every dL/dw is 0"
    assert "the neurons of h and y are saturated" in warning.toolTip()
    assert "lower the learning rate, then Undo (Ctrl+Z) or Reset" in warning.toolTip()
