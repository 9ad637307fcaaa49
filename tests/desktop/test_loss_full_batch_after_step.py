"""In a full-batch run (a one-sample lesson) the Loss plot draws at x = k the loss after k steps, and says so.

Teacher review 15, #3: guided_perceptron after "Train 3 steps" drew 0.49 at 0, 0.49 at 1 and 0.148 at 2:
each "epoch mean" was the loss before its step (the mean of the epoch's one batch, measured before its
update), drawn where the epoch ended. The curve started flat and lagged one step behind the lesson ("each
step multiplies the distance by 0.55"): 0.148, the loss at w = 0.59 the student computed at step 6, sat at
step 2. And at 1024×700 the step axis had no title. Now x is the steps taken (titled so): the loss at the
weights after k steps is drawn at k, ending at the ring, the loss on all the data after the last step.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt

import core
from core.lesson import answer
from desktop.panels.loss import LossPanel
from test_lesson_error_hidden import lesson_at_step


def losses_after_steps(net, steps: int) -> list[float]:
    """L on all the training data (with its penalty) at the weights after 0, 1, …, ``steps`` steps of ``net``."""
    trainer = core.Trainer(net.copy())
    losses = [trainer.evaluate().train_loss]
    for _ in range(steps):
        trainer.run(steps=1)
        losses.append(trainer.evaluate().train_loss)
    return losses


def drawn_rect(window, view, item) -> QRect:
    """Where the graphics ``item`` of the graphics view ``view`` is drawn, in window pixels."""
    polygon = view.mapFromScene(item.mapRectToScene(QRectF(item.boundingRect()))).boundingRect()
    return QRect(view.mapTo(window, polygon.topLeft()), polygon.size())


@pytest.mark.parametrize("lesson, step, trained", [("guided_perceptron", 10, 3), ("guided_weight_decay", 10, 100)])
def test_the_loss_after_k_steps_is_drawn_at_k_under_a_titled_axis(qtbot, main_window, canvas, lesson, step, trained):
    window = main_window
    window.resize(1024, 700)
    qtbot.wait(100)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, lesson, step)  # the lesson's N steps trained, asked, answered
    assert net.training.batch_size >= len(net.dataset) == 1
    student.press(Qt.Key.Key_F6)  # one step more
    controller = window.training
    qtbot.waitUntil(lambda: not controller.running and controller.latest.step == trained + 1
                    and controller.latest.evaluation is not None, timeout=10000)
    qtbot.wait(100)
    expected = losses_after_steps(net, trained + 1)
    if lesson == "guided_perceptron":  # by hand: L = (1.5 w − 0.5)² at the w after one step the lesson's step 6 asks
        w1 = answer(net.lesson.steps[5].question, net)
        assert np.isclose(expected[1], (1.5 * w1 - 0.5) ** 2, rtol=1e-12)  # 0.148225, at w = 0.59

    panel = window.findChild(LossPanel)
    x, y = panel.train_curve.getData()
    assert list(x) == list(range(trained + 2)), x  # 0 (before training) … the last step, each once
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=0)  # the loss after step k at k: no flat start
    assert y[1] < y[0]
    ring_x, ring_y = panel.now_point.item.getData()
    assert list(ring_x) == [trained + 1] and ring_y[0] == y[-1]  # the black curve ends at the ring
    batch_x, batch_y = panel.step_curve.getData()  # the grey batch losses: at the weights they were measured at
    np.testing.assert_allclose(batch_y, expected[:-1], rtol=1e-12, atol=0)
    assert list(batch_x) == list(range(trained + 1))

    axis = panel.loss_plot.getAxis("bottom")  # the lowest plot here (no accuracy): its title says what x is
    assert axis.labelText == "steps taken" and axis.label.isVisible()
    title = drawn_rect(window, panel.plots, axis.label)
    assert QRect(panel.plots.mapTo(window, QPoint(0, 0)), panel.plots.size()).contains(title), title
    assert "at the weights after k steps" in axis.toolTip()
