"""After a Step the loss plot shows the step's effect: a ring at the last step for the loss on all the
training data after its update (the status bar's "now"), named under the plot.

The teacher's review: guided_sigmoid_neuron's last step ("press Step … and check your new weights"):
after Step the Loss plot drew 0.08339 at step 0 and at step 1, captioned "last batch loss 0.08339
(step 1, before its update)", while the status bar said "now, all training data: loss 0.01504": the
one step that cuts the loss by 80 % looked as if it did nothing.
"""

from __future__ import annotations

import numpy as np

import core
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written
from test_training_support import press_step
from window_texts import numbers_in


def test_a_step_draws_the_loss_after_its_update_and_names_it(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_sigmoid_neuron", 13)
    trainer = core.Trainer(net.copy())
    before = trainer.evaluate().train_loss
    trainer.run(steps=1)
    after = trainer.evaluate().train_loss
    assert after < 0.5 * before

    press_step(qtbot, window)
    panel = window.training.ui.loss
    qtbot.waitUntil(lambda: "○ now" in panel.summary.text(), timeout=5000)
    summary = panel.summary.text()
    assert "○ now, after step 1's update, all training data: " in summary
    assert written(after) & numbers_in([summary.split("○ now")[1]])
    assert written(after) & numbers_in([window.training.ui.status_label.text()])  # the same number as the status bar
    assert "now, all data" in panel.legend_entries()  # the ring is named in the legend too
    x, y = panel.now_point.item.getData()
    assert list(x) == [1.0] and np.isclose(y[0], after, rtol=1e-9)
    low, high = panel.loss_plot.getViewBox().viewRange()[1]
    assert low < after < high  # in view
