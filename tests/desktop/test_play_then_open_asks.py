"""Play, then File → Open / New / close the window: the run's steps are unsaved work, and the
window asks before dropping them (teacher review 19 #1: the run was thrown away without a word,
since a running session's weights reach the document only when it pauses)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

Save, Discard, Cancel = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


def weights(window) -> np.ndarray:
    return window.document.network.parameters().copy()


def play_a_while(qtbot, window) -> np.ndarray:
    """F5, then wait until the window shows a few hundred trained steps; the weights before Play."""
    before = weights(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    c = window.training
    qtbot.waitUntil(lambda: c.running and c.latest is not None and c.latest.step > 200, timeout=60000)
    return before


def test_open_while_playing_asks_and_cancel_keeps_the_trained_weights(main_window, dialogs, qtbot):
    before = play_a_while(qtbot, main_window)
    dialogs.answer("question", Cancel)
    main_window.actions_by_name["open"].trigger()
    asked = dialogs.of("question")
    assert len(asked) == 1 and "not saved" in asked[0][2]
    assert dialogs.of("open_file") == []  # cancelled before the file dialog
    # its steps so far are kept in the document (and the run goes on: test_play_then_cancel_goes_on)
    assert main_window.document.dirty
    assert not np.allclose(weights(main_window), before)
    assert "training" in main_window.document.undo_stack.undoText().lower()  # one Ctrl+Z takes the run back


def test_new_while_playing_asks_and_save_writes_the_trained_weights(main_window, dialogs, qtbot, tmp_path):
    play_a_while(qtbot, main_window)
    path = tmp_path / "trained.bpnet"
    dialogs.answer("question", Save)
    dialogs.answer("save_file", str(path))
    main_window.actions_by_name["new"].trigger()
    assert len(dialogs.of("question")) == 1
    assert main_window.document.network.layers == []  # then File → New went on
    import core

    saved = core.load_network(str(path))
    assert not np.allclose(saved.parameters(), core.load_network(core.example_path("xor")).parameters())


def test_closing_while_playing_asks(main_window, dialogs, qtbot):
    play_a_while(qtbot, main_window)
    dialogs.answer("question", Cancel)
    assert not main_window.close()
    assert main_window.isVisible() and main_window.document.dirty
    assert len(dialogs.of("question")) == 1


def test_playing_again_after_a_save_asks_again(main_window, dialogs, qtbot, tmp_path):
    play_a_while(qtbot, main_window)
    main_window.files.write(str(tmp_path / "first.bpnet"))
    assert not main_window.document.dirty
    c = main_window.training
    saved_at = c.latest.step
    assert c.running  # Play goes on after the save (it pauses as F5 does to keep the run in the file)
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step > saved_at + 200, timeout=60000)
    dialogs.answer("question", Cancel)
    main_window.actions_by_name["open"].trigger()
    assert len(dialogs.of("question")) == 1
    assert main_window.document.dirty


def test_revert_while_playing_asks_before_throwing_the_run_away(main_window, dialogs, qtbot, tmp_path):
    main_window.files.write(str(tmp_path / "saved.bpnet"))
    saved = weights(main_window)
    play_a_while(qtbot, main_window)
    dialogs.answer("question", QMessageBox.StandardButton.No)
    main_window.actions_by_name["revert"].trigger()
    assert len(dialogs.of("question")) == 1 and "Throw away" in dialogs.of("question")[0][2]
    assert not np.allclose(weights(main_window), saved)  # "No": the run's weights stay
