"""Compare runs: "this run" is named by the settings it runs with, before and while it runs, not by those of the
Reset that began it (review 21, finding 5: lr 0.5 racing lr 0.1 read "this run: the same settings · run 1: the
same settings" until Pause). Driven as the README's example: train, Reset, type the learning rate, train again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_training_support import press, training_window, wait_finished, wait_steps, xor_network

__all__ = ["training_window"]  # (a fixture)


def test_this_runs_row_names_the_learning_rate_it_runs_with(qtbot, training_window):
    window = training_window(xor_network(lr=0.1))
    c, toolbar, panel = window.training, window.training.toolbar, window.training.ui.loss
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press(qtbot, window, Qt.Key.Key_F5)
    wait_steps(qtbot, c, 20)
    press(qtbot, window, Qt.Key.Key_F5)
    wait_finished(qtbot, c)
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.reset_action), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.state == "ready" and c.latest.step == 0, timeout=10000)
    box = toolbar.learning_rate
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "0.5")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.document.network.training.optimizer.learning_rate == 0.5
    assert "this run: lr 0.5" in panel.run_labels() and "run 1: lr 0.1" in panel.run_labels()
    press(qtbot, window, Qt.Key.Key_F5)
    wait_steps(qtbot, c, 20)
    assert c.running
    assert "this run: lr 0.5" in panel.run_labels() and "run 1: lr 0.1" in panel.run_labels()
    press(qtbot, window, Qt.Key.Key_F5)
    wait_finished(qtbot, c)
    assert "this run: lr 0.5" in panel.run_labels()
