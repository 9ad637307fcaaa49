"""Play, then File → Open / New / close the window and Cancel (at the "Save changes?" question or at the file
dialog): the training goes on as it was (code review 20 #7: the question paused the run first, and a student who
cancelled found it stopped). A run that was not going is not started."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from test_play_then_open_asks import play_a_while, weights

Save, Cancel = QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Cancel


def goes_on(qtbot, window) -> None:
    """The run is going and takes more steps than it had when it was stopped."""
    c = window.training
    assert c.running
    step = c.latest.step if c.latest is not None else 0
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step > step + 50, timeout=60000)


def test_open_cancelled_at_the_question_goes_on_training(main_window, dialogs, qtbot):
    play_a_while(qtbot, main_window)
    dialogs.answer("question", Cancel)
    qtbot.keyClick(main_window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File → Open
    assert len(dialogs.of("question")) == 1 and dialogs.of("open_file") == []
    goes_on(qtbot, main_window)


def test_open_cancelled_at_the_file_dialog_goes_on_training(main_window, dialogs, qtbot, tmp_path):
    main_window.files.write(str(tmp_path / "saved.bpnet"))
    play_a_while(qtbot, main_window)
    dialogs.answer("question", Save)  # the run's steps are saved …
    main_window.actions_by_name["open"].trigger()  # … and the file dialog is cancelled (unqueued)
    assert len(dialogs.of("open_file")) == 1 and not main_window.document.dirty
    goes_on(qtbot, main_window)


def test_new_and_close_cancelled_go_on_training(main_window, dialogs, qtbot):
    play_a_while(qtbot, main_window)
    dialogs.answer("question", Cancel)
    main_window.actions_by_name["new"].trigger()
    assert main_window.document.network.layers  # still xor
    goes_on(qtbot, main_window)
    dialogs.answer("question", Cancel)
    assert not main_window.close()
    goes_on(qtbot, main_window)


def test_cancel_without_a_run_starts_none(main_window, dialogs, qtbot):
    before = weights(main_window)
    main_window.actions_by_name["open"].trigger()  # clean: no question, the file dialog cancelled
    assert len(dialogs.of("open_file")) == 1
    assert not main_window.training.running
    assert np.array_equal(weights(main_window), before)
