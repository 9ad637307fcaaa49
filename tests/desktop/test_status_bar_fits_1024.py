"""At 1024×700 the status bar fits the window with the "Loss is rising" warning shown (its training figures
narrow, the messages on its left keep room), and the warning goes once a run stopped for divergence (review 21,
finding 11: the bar's fixed 760-px figures plus the 264-px warning made the window 1056 px wide)."""

from __future__ import annotations

import core
from PySide6.QtCore import Qt

from test_training_support import press, training_window, wait_finished

__all__ = ["training_window"]  # (a fixture)


def rising(factor: float):
    net = core.load_network(core.example_path("relu_2_2_1"))
    net.training.optimizer.learning_rate *= factor
    return net


def test_the_warning_keeps_the_window_1024_wide(qtbot, training_window):
    window = training_window(rising(1000))  # the loss rises, the run goes on (test_hardening_window)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=3000)
    c, ui = window.training, window.training.ui
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)  # Step epoch, …
    for _ in range(10):
        wait_finished(qtbot, c)
        if ui.loss_warning.isVisible():
            break
        press(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert ui.loss_warning.isVisible() and "Loss is rising" in ui.loss_warning.text()
    qtbot.wait(100)  # (a layout that would widen the window happens in a later turn of the event loop)
    assert window.width() == 1024
    bar = window.statusBar()
    assert bar.minimumSizeHint().width() <= 1024 and bar.width() <= 1024
    assert ui.status_label.geometry().right() <= bar.width() and ui.status_label.height() > 0
    assert ui.loss_warning.geometry().left() > 150  # the bar's left part keeps room for a message's start


def test_a_run_stopped_for_divergence_shows_no_rising_warning(qtbot, training_window):
    net = core.load_network(core.example_path("relu_2_2_1"))
    for layer in net.layers[1:]:
        net.set_activation(layer.name, "identity")  # (a loss that becomes inf, not a sigmoid that saturates)
    net.training.optimizer.learning_rate = 1e6
    window = training_window(net)
    window.resize(1024, 700)
    c, ui = window.training, window.training.ui
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press(qtbot, window, Qt.Key.Key_F5)
    snap = wait_finished(qtbot, c, timeout=30000)
    assert snap.state == "diverged"
    qtbot.wait(100)
    assert not ui.loss_warning.isVisible()
    assert window.width() == 1024
