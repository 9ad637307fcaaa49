"""Fit to Window when nothing of the network lies over the canvas's legend.

Found while checking the lesson's status bar: guided_perceptron's lesson (two small cards) opened in a
1024×700 window and the window made 1600×700 raised ZeroDivisionError in the canvas's Fit (the room the
legend needs below the network was divided by the height of what lies over it, 0 when nothing does).
Nothing over the legend asks no room of it: the network is fitted by the view's size alone.
"""

from __future__ import annotations

import core
from test_lesson_spoilers import open_lesson


def test_a_small_network_fits_again_when_the_window_widens(qtbot, main_window, canvas):
    window = main_window
    path = core.example_path("guided_perceptron")
    window.resize(1024, 700)
    open_lesson(qtbot, window, core.load_network(path), path)
    qtbot.wait(300)
    window.resize(1600, 700)
    qtbot.wait(600)  # (the fit after a burst of resizes; an exception in it fails the test)
    view = window.canvas
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.scene().items():
        if item.isVisible() and item.parentItem() is None:
            assert shown.contains(item.sceneBoundingRect()), "the network is not shown whole after the fit"
