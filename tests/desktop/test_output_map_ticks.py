"""The output map's target axis is numbered on a laptop (teacher review, 1024×700).

The perceptron lessons fit one output to targets: the output map plots the network's output against
the target, a small square at 1024×700 (about 75 px wide). Its target axis showed a lone "1" when the
lesson opened (the tick step jumped from 0.4 to 1), and after training no number at all: the ticks at
0.4 and 0.6 sat near the axis's ends and pyqtgraph hid both labels. A student must read at least two
numbers on each axis to read a point's target off it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPicture

from desktop.panels.output_map import OutputMapPanel
from test_editor_readable import open_at
from test_training_support import press, wait_finished, wait_steps


def target_axis_labels(window) -> list[str]:
    """The tick labels the output map's bottom (target) axis draws now."""
    axis = window.findChild(OutputMapPanel).plot_widget.getAxis("bottom")
    picture = QPicture()
    painter = QPainter(picture)
    specs = axis.generateDrawSpecs(painter)
    painter.end()
    return [text for _, _, text in specs[2]]


@pytest.mark.parametrize("lesson", ["perceptron", "guided_perceptron"])
def test_the_target_axis_shows_two_numbers_as_the_lesson_opens_and_after_training(qtbot, lesson_window, lesson):
    open_at(lesson_window, lesson, (1024, 700))
    assert len(target_axis_labels(lesson_window)) >= 2, f"{lesson} as opened: {target_axis_labels(lesson_window)}"
    controller = lesson_window.training
    press(qtbot, lesson_window, Qt.Key.Key_F5)  # Play
    wait_steps(qtbot, controller, 300, timeout=30000)
    press(qtbot, lesson_window, Qt.Key.Key_F5)  # Pause
    wait_finished(qtbot, controller, timeout=30000)
    # the map draws the last snapshot's predictions (its range follows them)
    qtbot.waitUntil(lambda: len(target_axis_labels(lesson_window)) >= 2, timeout=3000)
