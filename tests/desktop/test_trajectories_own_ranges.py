"""While a lesson holds back the weights into one layer, every shown curve is scaled to its own range,
and a weight that is not held still reads its own value (not its height on the scaled plot).

A one-hidden-layer lesson asks w[h→y][0,0] after 3 steps: after the student trains the 3 steps, the
weights into y read "?" and the plot has no scale; the weights of x → h are not asked, so pointing at
or selecting one still names its value, the value the canvas writes on its edge.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

import core
from core.lesson import Action, Lesson, LessonStep, Question
from desktop.on_screen import on_screen
from test_lesson_spoilers import open_lesson
from test_lesson_train_exact import wait_until_stopped
from test_lesson_weight_decay_watch import look_at_the_trajectories


def lesson_network() -> core.Network:
    net = core.load_network(core.example_path("one_hidden_sigmoid"))
    net.lesson = Lesson("Watch the weights", (
        LessonStep("Train 3 steps.", Action("train", steps=3)),
        LessonStep("Where is w[h→y][0,0] now?", None,
                   Question("weight_after_steps", source="h", target="y", j=0, i=0, step=3)),
    ))
    return net


def test_a_weight_not_held_reads_its_own_value_on_the_scaled_plot(qtbot, main_window):
    window = main_window
    student = open_lesson(qtbot, window, lesson_network())
    student.click(student.panel.train_button)
    wait_until_stopped(qtbot, student)
    student.next()
    look_at_the_trajectories(student)
    panel = window.training.ui.trajectories
    qtbot.waitUntil(lambda: on_screen(panel) and "own range" in panel.label.text())
    assert panel.pending("y") and not panel.pending("h")
    w = window.document.network.weights["x", "h"][0, 0]  # after the 3 steps
    two = core.Trainer(lesson_network())
    two.run(steps=2)
    w_2 = two.net.weights["x", "h"][0, 0]
    x, y = panel.curve_of("x", "h", 0, 0).getData()
    at_2 = int(np.flatnonzero(x == 2)[0])
    assert 0.0 < y[at_2] < 1.0 and y[at_2] != w_2  # drawn at its height on its own range
    view = panel.plot_widget
    pixel = view.mapFromScene(panel.plot.getViewBox().mapViewToScene(QPointF(x[at_2], y[at_2])))
    QTest.mouseMove(view.viewport(), pixel)
    qtbot.waitUntil(lambda: panel.hover_text.startswith("w[x→h][0,0]"))
    assert panel.hover_text == f"w[x→h][0,0]: {w_2:.4g} at step 2"
    with qtbot.waitSignal(panel.weight_clicked):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
    assert panel.label.text() == f"selected: w[x→h][0,0] = {w:.6g} at step 3"
