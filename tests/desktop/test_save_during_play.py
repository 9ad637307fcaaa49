"""Ctrl+S while Play runs keeps the run and lets it go on (teacher review 22 #7).

Save stopped the run as an edit does (the session dropped): the file kept the weights without the run, the
window's own run started again at step 0 (its curve a grey "run 1", momentum gone), and the status bar told the
student to pause before saving. Save now pauses as F5 does, writes the run with the file, and Play goes on from
where it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

import core
from test_saved_run_continues import make_window, open_file, spiral  # noqa: F401 (make_window: the fixture)
from test_training_support import press, wait_finished


def test_ctrl_s_during_play_saves_the_run_and_play_goes_on(qtbot, dialogs, make_window, tmp_path):  # noqa: F811
    path = tmp_path / "mine.bpnet"
    core.save_network(spiral("sgd"), path)
    window = make_window()
    open_file(qtbot, window, dialogs, path)
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    window.findChild(QAction, "play").trigger()  # Play (F5)
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step > 40, timeout=30000)
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # File → Save
    said = window.statusBar().whole_message()
    assert "with its training run (step" in said and "pause before saving" not in said, said
    saved = core.load_network(path)
    assert saved.progress is not None and saved.progress.progress.step_count > 40
    assert c.running  # Play goes on
    step_saved = saved.progress.progress.step_count
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step > step_saved + 20, timeout=30000)
    window.findChild(QAction, "play").trigger()  # Pause
    wait_finished(qtbot, c)
    assert c.latest.step > step_saved + 20  # the same run counted on, not a new one from step 0
