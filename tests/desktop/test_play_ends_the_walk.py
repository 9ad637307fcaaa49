"""F5 (Play) in the middle of the step-through ends the walk at once and says so, as a Step does: the run trains on
from the weights the walk started at, and a Backward picture frozen over thousands of steps showed two networks at
once (review 21, finding 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_training_support import press, press_f8_to, training_window, wait_finished, wait_steps, xor_network

__all__ = ["training_window"]  # (a fixture)


def test_play_in_backward_ends_the_walk_with_a_sentence(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press_f8_to(qtbot, window, "backward")
    bar = c.step_toolbar
    assert bar.cancel_action.isEnabled()
    press(qtbot, window, Qt.Key.Key_F5)
    assert c.running
    assert window.view_state.stepping is None and not bar.cancel_action.isEnabled()  # at once, not at Pause
    qtbot.waitUntil(lambda: "Step-through ended" in bar.phase_text.text(), timeout=3000)
    assert "Play" in bar.phase_text.text() and "F8" in bar.phase_text.text()
    wait_steps(qtbot, c, 50)
    assert window.view_state.stepping is None
    assert "Backward" not in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_F5)
    wait_finished(qtbot, c)


def test_the_walks_own_step_still_applies_it(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press_f8_to(qtbot, window, "update")
    press(qtbot, window, Qt.Key.Key_F8)  # F8 in Update applies the step
    snap = wait_finished(qtbot, c)
    assert snap.step == 1
    assert "Applied one training step" in c.step_toolbar.phase_text.text()
