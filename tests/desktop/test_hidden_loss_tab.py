"""A Loss panel behind the Weight trajectories' tab (a short window) draws the Step it missed
when the student raises its tab: it kept the snapshot while hidden, and took that for drawn."""

from __future__ import annotations

import core
from desktop.app import take_screenshot
from test_training_support import training_window, wait_finished  # noqa: F401 (a fixture)

from test_lazy_panels import click_tab


def test_the_loss_tab_raised_after_a_step_shows_that_step(qtbot, training_window, tmp_path):
    from PySide6.QtCore import Qt

    window = training_window(core.load_network(core.example_path("xor")))
    c = window.training
    take_screenshot(window, str(tmp_path / "short.png"), (1024, 700))  # the trajectories share the loss's place
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    assert c.wait_for_step_0()
    click_tab(window, qtbot, "Weight trajectories")  # the loss panel is now a tab behind
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
    snap = wait_finished(qtbot, c)
    assert snap.step == 1
    click_tab(window, qtbot, "Loss")
    loss = window.training.ui.loss
    qtbot.waitUntil(lambda: loss.isVisible() and not loss.visibleRegion().isEmpty())
    assert not loss.summary.text().startswith(("Press Play", "Step 0")), loss.summary.text()
    assert "1" in loss.summary.text()
