"""The Loss caption names the step the status bar shows (teacher review 19 #9).

xor trains on all four rows in each step (one step an epoch). After 500 steps the status bar read "Step 500"
and the Loss caption "epoch 500 mean (after step 499): loss 0.002040": true (each batch loss is measured
before its step's update), but read as a step behind. Now: "epoch 500 mean (before step 500's update)", or
beside "last batch loss … (step 500, before its update)", which names that step already, "epoch 500 mean".
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from test_editor_readable import open_at
from test_status_bar_readable import drawn_lines
from test_training_support import wait_finished


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_epochs_mean_names_the_step_whose_update_it_comes_before(qtbot, main_window, size):
    window = main_window
    open_at(window, "xor", size)
    for k in range(1, 4):
        QTest.keyClick(window, Qt.Key.Key_F6)  # Step: one epoch of xor's 4 rows
        qtbot.waitUntil(lambda: window.document.undo_stack.count() == k, timeout=10000)
        wait_finished(qtbot, window.training)
    status = window.training.ui.status_label.text()
    assert "Step 3" in status, status
    summary = window.training.ui.loss.summary
    qtbot.waitUntil(lambda: "epoch 3 mean" in summary.text(), timeout=5000)
    drawn = " ".join(text for text, _ in drawn_lines(summary))  # what the narrow panel really draws
    # the epoch's mean says which step's update it comes before, or the batch figure beside it does (in a full
    # batch the two are the same loss)
    assert "epoch 3 mean (before step 3's update): loss" in drawn or \
        ("(step 3, before its update) · " in drawn and "epoch 3 mean: loss" in drawn), drawn
    assert "after step 2" not in drawn
