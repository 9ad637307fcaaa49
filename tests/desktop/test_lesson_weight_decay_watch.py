"""guided_weight_decay's "Train 100 steps and watch w₁": the numbers worked out show until training
starts, and the weight trajectories the step says to watch do not give the answers after training away.

The teacher's review: at step 6, before the student pressed Train, the canvas wrote "?" on both edges
and for y, the heatmap "? ?", the status bar "loss ? (comes with a later question)", though the student
had just computed L = 0.54, dL/dw₀ = 2.18 and dL/dw₁ = 0.06 from these very weights. At step 7
("After 100 steps w₁ = 0.6 · 0.99¹⁰⁰. Compute it.", 0.2196) the Weight trajectories plot showed w₁'s
curve ending at about 0.22 against its scale, and "0.22" was judged right. Then the axis lost its scale,
but the two starting weights the student knows (w₀ = 0.8, w₁ = 0.6) were a ruler: their heights at step 0
gave the scale, and w₁'s end could be measured in pixels. Now each held curve is scaled to its own range.
(Since review 13 step 6 trains 5 steps and step 7 asks w₀ after them; step 8 trains 95 more and step 9
asks w₁ after 100.)
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabBar

from core.lesson import answer
from desktop.on_screen import on_screen
from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written
from test_lesson_train_exact import wait_until_stopped
from window_texts import numbers_in, plot_texts, window_texts

TRAJECTORIES = "Weight trajectories"


def look_at_the_trajectories(student) -> None:
    """Click the Weight trajectories tab where the panel is one (a short window), as the step says to watch it."""
    for bar in student.window.findChildren(QTabBar):
        tabs = [bar.tabText(i) for i in range(bar.count())]
        if on_screen(bar) and TRAJECTORIES in tabs:
            QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.index(TRAJECTORIES)).center())
            QApplication.processEvents()
            return


def test_step_6_shows_the_saved_weights_and_the_answers_until_training_starts(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    steps = net.lesson.steps
    qtbot.wait(300)  # (the panels' frames after the step opened)
    shown = numbers_in(window_texts(window))
    for value, what in ((0.8, "w₀ as saved"), (0.6, "w₁ as saved"), (answer(steps[1].question, net), "L (step 2)"),
                        (answer(steps[2].question, net), "dL/dw₀ (step 3)"),
                        (answer(steps[3].question, net), "dL/dw₁ (step 4)")):
        assert written(value) & shown, f"{what} = {value} is not on screen before training"
    assert "?" not in window.statusBar().currentMessage() + window.training.ui.status_label.text()

    student.press(Qt.Key.Key_F5)  # the step's 5 steps: from now on the weights are those step 7 asks
    wait_until_stopped(qtbot, student)
    qtbot.wait(300)
    assert not written(answer(steps[6].question, net)) & numbers_in(window_texts(window))


def test_the_trajectories_write_no_weight_scale_while_a_weight_after_training_is_asked(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 7)
    panel = window.training.ui.trajectories
    axis = panel.plot.getAxis("left")
    for k in (6, 8):  # w₀ after 5 steps, then (after 95 more) w₁ after 100
        look_at_the_trajectories(student)
        qtbot.waitUntil(lambda: on_screen(panel))
        assert not axis.style["showValues"], f"the weight axis has a scale while step {k + 1} is open"
        assert "its own range" in panel.label.text()
        assert panel.label.toolTip().startswith("Weights into y: ? (") and "without a scale" in panel.label.toolTip()
        assert not written(answer(net.lesson.steps[k].question, net)) & numbers_in(plot_texts(panel.plot_widget))
        student.click_tab("Lesson")
        assert student.type_answer(f"{answer(net.lesson.steps[k].question, net):.10g}").startswith("Right")
        if k == 6:
            student.next()
            do_action(student, canvas, net.lesson.steps[7].action)
            student.next()
    # every question answered: the scale is back
    assert axis.style["showValues"]
    assert "own range" not in panel.label.text() and not panel.label.toolTip()


def drawn(panel, j: int, i: int) -> np.ndarray:
    """The heights W[j, i] of x → y is drawn at, step by step (its finite points)."""
    _, y = panel.curve_of("x", "y", j, i).getData()
    return y[np.isfinite(y)]


def test_the_held_curves_are_scaled_each_to_its_own_range_so_the_known_starts_give_no_ruler(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 9)  # w₁ after 100 steps
    look_at_the_trajectories(student)
    panel = window.training.ui.trajectories
    qtbot.waitUntil(lambda: on_screen(panel) and drawn(panel, 0, 1).size > 1)
    w0, w1 = drawn(panel, 0, 0), drawn(panel, 0, 1)
    assert (w0[0], w1[0]) == (1.0, 1.0)  # 0.8 and 0.6 drawn at one height: no ruler between them
    assert (w0.min(), w1.min()) == (0.0, 0.0) and w0.max() == w1.max() == 1.0
    assert w1[-1] == 0.0  # where w₁ ends says nothing of its value
    # pointing at w₁'s curve halfway names it, its value held back; a click selects it
    x, y = panel.curve_of("x", "y", 0, 1).getData()
    half = int(np.flatnonzero(x == 50)[0])
    view = panel.plot_widget
    pixel = view.mapFromScene(panel.plot.getViewBox().mapViewToScene(QPointF(x[half], y[half])))
    QTest.mouseMove(view.viewport(), pixel)
    qtbot.waitUntil(lambda: panel.hover_text.startswith("w[x→y][0,1]: ? ("))
    with qtbot.waitSignal(panel.weight_clicked):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
    assert panel.label.text().startswith("selected: w[x→y][0,1] = ? (")
    student.click_tab("Lesson")
    assert student.type_answer(f"{answer(net.lesson.steps[8].question, net):.10g}").startswith("Right")
    look_at_the_trajectories(student)
    # every question answered: the curves are the weights again, on the axis's scale
    qtbot.waitUntil(lambda: drawn(panel, 0, 0)[0] == 0.8)
    assert drawn(panel, 0, 1)[0] == 0.6
    np.testing.assert_allclose(drawn(panel, 0, 1)[-1], answer(net.lesson.steps[8].question, net), rtol=1e-12)


def test_at_1024_by_700_the_line_under_the_held_curves_is_not_drawn_over_the_plot(qtbot, main_window, canvas):
    """The line under the plot took two or three lines in a panel of ~150 px and was laid over the plot's
    step axis ("step (0 = the starting weights)" under its words); it now takes the lines its room has."""
    window = main_window
    window.resize(1024, 700)
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 7)
    look_at_the_trajectories(student)
    panel = window.training.ui.trajectories
    qtbot.waitUntil(lambda: on_screen(panel) and "own range" in panel.label.text())
    qtbot.wait(100)  # (the layout after the words changed)
    assert panel.label.geometry().top() > panel.plot_widget.geometry().bottom()
    assert panel.label.geometry().bottom() <= panel.contentsRect().bottom()
    assert len(panel.label.lines()) * panel.label.fontMetrics().lineSpacing() <= panel.label.contentsRect().height()
