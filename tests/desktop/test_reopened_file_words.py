"""A trained network saved and opened again does not say "before training" (teacher review 19 #7).

xor: F6 three times, Ctrl+S (Save As), then Ctrl+O of that file: the weights are the trained ones, bit for
bit, but the Loss panel read "Step 0, before training, on all the training data: loss 0.6956" and the status
bar "Epoch 0 · Step 0". Since files21 a saved file keeps its training run (the ``progress`` section): it opens
at step 3 (``test_saved_run_continues``). A file that kept no run (an older one, one saved after its weights
were edited) cannot tell trained weights from fresh ones; it says what it knows: "Step 0, … weights as saved
…", and the longest form of the Loss caption that the file kept no training run with these weights (the
momentum starts from zero).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from test_editor_readable import open_at
from test_training_support import wait_finished


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_trained_file_opened_again_says_its_step(qtbot, main_window, dialogs, tmp_path, size):
    window = main_window
    open_at(window, "xor", size)
    for k in range(1, 4):
        QTest.keyClick(window, Qt.Key.Key_F6)  # Step
        qtbot.waitUntil(lambda: window.document.undo_stack.count() == k, timeout=10000)
        wait_finished(qtbot, window.training)
    trained = window.document.network.flat.copy()
    path = tmp_path / "xor_trained.bpnet"
    dialogs.answer("save_file", str(path))
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save: asks where (Save As)
    assert path.exists() and not window.document.dirty

    dialogs.answer("open_file", str(path))
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File → Open of that file
    assert np.array_equal(window.document.network.flat, trained)  # the trained weights, bit for bit
    status = window.training.ui.status_label
    qtbot.waitUntil(lambda: "Step 3 · now, all training data" in status.text(), timeout=10000)
    assert "weights as saved" not in status.text() and "before training" not in status.text()
    loss = window.training.ui.loss.summary
    qtbot.waitUntil(lambda: "step 3" in loss.text(), timeout=10000)
    assert "Step 0" not in loss.text() and "weights as saved" not in loss.text(), loss.text()


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_trained_file_without_its_run_says_its_weights_are_as_saved(qtbot, main_window, dialogs, tmp_path, size):
    """A file trained by a script that saved no run (``core.save_network`` of a network whose ``progress`` is
    None), as every file saved before files21 is."""
    window = main_window
    open_at(window, "xor", size)
    net = core.load_network(core.example_path("xor"))
    net.training.optimizer.momentum = 0.9
    core.Trainer(net).train_steps(3)
    path = tmp_path / "xor_trained.bpnet"
    core.save_network(net, path)
    assert "progress" not in path.read_text()

    dialogs.answer("open_file", str(path))
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File → Open of that file
    start = core.Trainer(core.load_network(path)).evaluate().train_loss
    loss = window.training.ui.loss.summary
    qtbot.waitUntil(lambda: f"{start:.4g}" in loss.text(), timeout=10000)
    shown = loss.text()
    assert shown.startswith("Step 0") and "before training" not in shown, shown
    assert "weights as saved" in shown, shown
    longest = loss.forms()[0]
    assert "the file kept no training run with these weights" in longest.lower(), longest
    assert "momentum starts from zero" in longest
    status = window.training.ui.status_label.text()
    assert "Step 0 · weights as saved" in status and "before training" not in status, status


def test_an_example_opened_as_a_copy_still_says_before_training(qtbot, main_window):
    """The bundled examples open as copies (no file to overwrite): their weights are the example's own."""
    window = main_window
    open_at(window, "xor", (1400, 900))
    loss = window.training.ui.loss.summary
    qtbot.waitUntil(lambda: loss.text().startswith("Step 0, before training"), timeout=10000)
    assert "as saved" not in window.training.ui.status_label.text()


def test_a_bundled_lesson_opened_from_its_own_file_says_before_training(qtbot, main_window, dialogs):
    """File → Open of a bundled lesson's own file (a teacher points students at it): it is never trained, and
    "weights as saved (the file keeps no step count)" raised a doubt with nothing behind it (review 20 #5)."""
    window = main_window
    dialogs.answer("open_file", core.example_path("guided_weight_decay"))
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.document.path is not None and not window.document.dirty
    loss = window.training.ui.loss.summary
    qtbot.waitUntil(lambda: loss.text().startswith("Step 0, before training"), timeout=10000)
    assert "as saved" not in window.training.ui.status_label.text()
