"""A file saved after early stopping ended its run reopens with the Loss panel's caption saying what it said
before saving: the run stopped early and whose weights the network holds ("epoch 12 restored"), not the last
batch's figures of weights that are no longer on screen (teacher review 23 #2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from test_saved_run_continues import make_window, open_file, save_as  # noqa: F401 (make_window: the fixture)
from test_training_support import close_window, wait_finished


def _loss_caption(window) -> str:
    from desktop.panels.loss import LossPanel

    return window.findChild(LossPanel).summary.text()


def test_a_reopened_early_stopped_run_says_its_restored_epoch_in_the_loss_caption(qtbot, dialogs, make_window,
                                                                                   tmp_path):
    first = make_window()
    open_file(qtbot, first, dialogs, core.example_path("early_stopping"))
    qtbot.waitUntil(lambda: first.training.latest is not None, timeout=10000)
    QTest.keyClick(first, Qt.Key.Key_F5)  # Play: it stops by itself and restores its best epoch's weights
    qtbot.waitUntil(lambda: first.training.latest.state == "early_stopped", timeout=60000)
    snap = wait_finished(qtbot, first.training, timeout=60000)
    best, last_step = snap.restored_epoch, snap.step
    assert best is not None
    qtbot.waitUntil(lambda: f"epoch {best} restored" in _loss_caption(first) or
                    f"epoch {best}'s weights restored" in _loss_caption(first), timeout=5000)
    before = _loss_caption(first)
    dialogs.answer("save_file", str(tmp_path / "stopped.bpnet"))
    save_as(first)
    assert "with its training run" in first.statusBar().whole_message()
    close_window(qtbot, first)

    window = make_window()
    open_file(qtbot, window, dialogs, tmp_path / "stopped.bpnet")
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == last_step,
                    timeout=10000)
    qtbot.waitUntil(lambda: _loss_caption(window) == before, timeout=5000)
