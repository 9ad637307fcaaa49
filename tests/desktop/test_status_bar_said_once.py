"""Words the status bar said twice at 1024 px.

F5 on a network that cannot train: the status bar said "Cannot train: the output layer 'y' ha…" at its left (the
refusal) and "Cannot train: the output layer 'y' has 1 unit but…" at its right (the training figures' place), the
same words twice in one bar at 1024 px. The refusal is said once, at the left, with the room the figures give it;
the right end says it again once the message has gone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from test_saved_words_fit_1024 import at_1024
from test_status_bar_readable import drawn_lines
from test_untrainable import _xor_with_two_target_columns

CTRL = Qt.KeyboardModifier.ControlModifier


def said_in_the_bar(window) -> str:
    """Every text the status bar paints (its message and the labels on it), joined."""
    return " | ".join(text for text, _box in drawn_lines(window.statusBar()))


def test_cannot_train_is_said_once_in_the_status_bar(qtbot, main_window, dialogs, tmp_path):
    window = main_window
    at_1024(qtbot, window)
    dialogs.answer("open_file", str(_xor_with_two_target_columns(tmp_path)))
    QTest.keyClick(window, Qt.Key.Key_O, CTRL)  # File → Open
    figures = window.training.ui.status_label
    qtbot.waitUntil(lambda: figures.text().startswith("Cannot train"), timeout=5000)
    window.statusBar().clearMessage()  # ("Opened two-targets.bpnet" gone)
    qtbot.waitUntil(lambda: said_in_the_bar(window).count("Cannot train") == 1, timeout=3000)

    QTest.keyClick(window.canvas, Qt.Key.Key_F5)  # the student presses F5 anyway
    bar = window.statusBar()
    assert bar.currentMessage().startswith("Cannot train: the output layer 'y' has 1 unit")
    qtbot.wait(100)  # (the bar laid out, painted)
    said = said_in_the_bar(window)
    assert said.count("Cannot train") == 1, said
    qtbot.waitUntil(lambda: bar.message_rect().width() > 600, timeout=3000)  # the figures gave the message room
    said = said_in_the_bar(window)
    assert said.startswith("Cannot train: the output layer 'y' has 1 unit but the dataset has 2 target columns"), said

    bar.clearMessage()  # (what the message's timeout does): the right end says it again
    qtbot.waitUntil(lambda: said_in_the_bar(window).count("Cannot train") == 1, timeout=3000)
    assert figures.text().startswith("Cannot train")
