"""Every walk of the step-through shows the canvas alike. A student presses F8 through two training
steps of a big network (784-64-10: ten output neurons whose z and b the step-through writes under
them) at 1400×900: each walk's phases show the network at the same zoom and text size, and so does
the canvas after each applied step.

Fit to Window kept one text size and zoom per layout and canvas size, the step-through's and the
canvas's outside it alike: the first walk's Forward (fitted before the step bar's sentences took
their room) showed zoom 0.455, the second walk's 0.314, which the canvas then kept after its step
too (9 px texts, where the first step had gone back to 12 px at 0.47)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_training_support import press
from training_networks import big_network

PHASES = ("forward", "loss", "backward", "update")


def settle(qtbot) -> None:
    """What follows a press on later turns of the event loop: the step bar's new height, Fit again."""
    qtbot.wait(150)
    QApplication.instance().processEvents()


def walk_and_look(qtbot, window) -> list[tuple[str, float, float]]:
    """F8 through one step and the press that applies it: (phase or "after the step", zoom, text size)
    as the canvas shows each once the window has laid itself out."""
    seen = []
    steps = window.training.latest.step if window.training.latest is not None else 0
    for phase in PHASES:
        press(qtbot, window, Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: window.view_state.stepping is not None
                        and window.view_state.stepping.phase == phase, timeout=10000)
        settle(qtbot)
        seen.append((phase, round(window.canvas.transform().m11(), 3), window.scene.text_floor))
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is None and not window.training.running
                    and window.training.latest is not None and window.training.latest.step > steps, timeout=10000)
    settle(qtbot)
    seen.append(("after the step", round(window.canvas.transform().m11(), 3), window.scene.text_floor))
    return seen


def test_each_walk_of_a_big_network_shows_the_canvas_at_the_same_zoom(qtbot, main_window):
    window = main_window
    window.resize(1400, 900)
    window.document.replace_network(big_network(), None)
    settle(qtbot)
    first, second = walk_and_look(qtbot, window), walk_and_look(qtbot, window)
    assert first == second
