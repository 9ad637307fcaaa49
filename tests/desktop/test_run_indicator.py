"""What the training toolbar shows while a run goes on (F5 Play, F6 Step, Shift+F6 Step epoch).

Play turns into Pause at once, without moving the rest of the toolbar; a Step, a few
milliseconds long, leaves the toolbar as it was (no Pause flash, no layout and repaint of
the toolbar while the student waits for the step on the canvas); a run of steps that lasts
shows Pause and disables Step until it ends.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.training.toolbar import SHOW_RUN_AFTER_MS
from test_training_support import press, training_window, wait_finished, xor_network  # noqa: F401 (a fixture)


def watch_toolbar(toolbar) -> list[tuple[str, bool]]:
    """Every (Play button text, Step enabled) the toolbar's actions take from now on."""
    seen = []
    for action in (toolbar.play_action, toolbar.step_action):
        action.changed.connect(lambda: seen.append((toolbar.play_action.text(), toolbar.step_action.isEnabled())))
    return seen


def test_a_step_leaves_the_toolbar_as_it_was(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    seen = watch_toolbar(c.toolbar)
    before = window.document.network.flat.copy()
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_F6)
        snap = wait_finished(qtbot, c)
    qtbot.wait(SHOW_RUN_AFTER_MS + 50)
    assert snap.step == 3
    assert not (window.document.network.flat == before).all()  # the steps were taken
    assert seen == []  # never "Pause", Step never disabled
    assert c.toolbar.play_action.text() == "Play" and c.toolbar.step_action.isEnabled()


def test_play_shows_pause_at_once_and_the_toolbar_stays_in_place(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    toolbar = c.toolbar
    step_button = toolbar.widgetForAction(toolbar.step_action)
    place = step_button.geometry()
    press(qtbot, window, Qt.Key.Key_F5)
    assert c.running and toolbar.play_action.text() == "Pause" and not toolbar.step_action.isEnabled()
    qtbot.wait(50)  # the toolbar is laid out again if the Play button's size changed
    assert step_button.geometry() == place
    press(qtbot, window, Qt.Key.Key_F5)
    wait_finished(qtbot, c)
    assert toolbar.play_action.text() == "Play" and toolbar.step_action.isEnabled()


def test_a_long_run_of_steps_shows_pause_until_it_ends(qtbot, training_window):
    window = training_window(xor_network(batch=4))  # 40 samples: an epoch is 10 steps
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    c.toolbar.speed.setValue(10)  # 10 steps a second: the epoch takes about a second
    seen = watch_toolbar(c.toolbar)
    press(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert c.running
    qtbot.waitUntil(lambda: c.toolbar.play_action.text() == "Pause", timeout=SHOW_RUN_AFTER_MS + 500)
    assert c.running and not c.toolbar.step_action.isEnabled()
    snap = wait_finished(qtbot, c)
    assert snap.state == "completed" and (snap.epoch, snap.step) == (1, 10)
    assert c.toolbar.play_action.text() == "Play" and c.toolbar.step_action.isEnabled()
    assert ("Pause", False) in seen and seen[-1] == ("Play", True)


def test_play_pressed_right_after_a_step_plays_once_the_step_ends(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press(qtbot, window, Qt.Key.Key_F6)
    press(qtbot, window, Qt.Key.Key_F5)  # the button still says Play: the student means Play
    qtbot.waitUntil(lambda: c.running and c.played and c.toolbar.play_action.text() == "Pause", timeout=3000)
    press(qtbot, window, Qt.Key.Key_F5)
    snap = wait_finished(qtbot, c)
    assert snap.state == "paused" and snap.step > 1
