"""While Play runs, the line under the Loss plots writes the running figures, never the step-0 line's "Step 0,
before training … Press Play or Step to train." the run started from (review 21, finding 3)."""

from __future__ import annotations

import core
from PySide6.QtCore import Qt

from student_built import built_xor
from test_training_support import press, training_window, wait_finished, wait_steps

__all__ = ["training_window"]  # (a fixture)


def caption(window) -> str:
    return window.training.ui.loss.summary.text()


def play_and_read(qtbot, window) -> str:
    """F5, the caption once the run is well under way (and it has had time to say so), then F5 again."""
    assert "Step 0" in caption(window)
    press(qtbot, window, Qt.Key.Key_F5)
    wait_steps(qtbot, window.training, 500, timeout=30000)
    qtbot.waitUntil(lambda: "Step 0" not in caption(window), timeout=5000)
    text = caption(window)
    assert window.training.running
    press(qtbot, window, Qt.Key.Key_F5)
    wait_finished(qtbot, window.training)
    return text


def test_a_network_built_in_the_window_says_what_the_run_does(qtbot, main_window, canvas, dialogs, monkeypatch,
                                                               tmp_path):
    built_xor(main_window, canvas, qtbot, dialogs, monkeypatch, tmp_path)
    text = play_and_read(qtbot, main_window)
    assert "Press Play" not in text and "before training" not in text
    assert "epoch" in text and "loss" in text


def test_a_bundled_example_says_what_the_run_does(qtbot, training_window):
    window = training_window(core.load_network(core.example_path("xor")))
    qtbot.waitUntil(lambda: window.training.worker.is_ready and window.training.latest is not None, timeout=30000)
    text = play_and_read(qtbot, window)
    assert "Press Play" not in text and "before training" not in text
