"""The window as a careless user meets it (issue 14): a run whose loss rises gets a visible
warning and goes on; saving over something that is not a regular file is refused."""

from __future__ import annotations

import os

import pytest

import core
from desktop import commands
from test_training_support import training_window, wait_finished

__all__ = ["training_window"]


def _lesson(name, learning_rate_factor=1.0):
    net = core.load_network(core.example_path(name))
    net.training.optimizer.learning_rate *= learning_rate_factor
    return net


def test_a_rising_loss_shows_a_warning_and_the_run_goes_on(qtbot, training_window):
    window = training_window(_lesson("relu_2_2_1", 1000))
    c, ui = window.training, window.training.ui
    assert not ui.loss_warning.isVisible()
    assert c.step(40)
    snap = wait_finished(qtbot, c)
    assert snap.state == "completed" and snap.step == 40  # warned, not stopped
    assert "Loss is rising" in snap.loss_warning
    assert ui.loss_warning.isVisible() and ui.loss_warning.isVisibleTo(window)
    assert ui.loss_warning.text() == "Loss is rising — learning rate too high?"
    assert ui.loss_warning.objectName() == "status_loss_warning" and ui.loss_warning.accessibleName()
    assert "its best so far" in ui.loss_warning.toolTip()
    # a new session (the network is replaced) starts without the warning
    window.document.replace_network(_lesson("xor"), None)
    qtbot.waitUntil(lambda: not ui.loss_warning.isVisible(), timeout=5000)


def test_a_lesson_at_its_own_learning_rate_shows_no_warning(qtbot, training_window):
    window = training_window(_lesson("xor"))
    c = window.training
    assert c.step(300)
    snap = wait_finished(qtbot, c)
    assert snap.step == 300 and snap.loss_warning == ""
    assert not c.ui.loss_warning.isVisible()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_saving_over_a_fifo_or_a_folder_is_refused_and_the_work_kept(main_window, dialogs, tmp_path):
    doc = main_window.document
    assert doc.perform(commands.SetWeight(doc, "x", "h", 0, 0, 0.625)) is None
    fifo = tmp_path / "pipe.bpnet"
    os.mkfifo(fifo)
    for target, kind in ((fifo, "named pipe"), (tmp_path, "folder")):
        assert not main_window.files.write(str(target))
        title, text = dialogs.of("critical")[-1][1:]
        assert title == "Cannot save the network" and kind in text and "not a regular file" in text
        assert doc.dirty and doc.path is None
    assert core.safefiles.not_regular(fifo) == "a named pipe (FIFO)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.bpnet"]
    assert doc.network.weights["x", "h"][0, 0] == 0.625
