"""While a lesson holds the trained network's losses, the Loss plot's step axis spans the steps taken.

Teacher review 18 #5: at guided_weight_decay's step 6, after F6 ×5, the Loss plot showed only the answered
loss before training (0.49 at x = 0) on a step axis from 0 to 1, while its caption said step 5. The axis now
reaches the steps taken, with no point where a held loss would be, and the loss axis is fitted to the
points drawn only: the same range as before training, so it tells nothing of the losses after 1–5 steps.
"""

from __future__ import annotations

import numpy as np

from test_lesson_error_hidden import lesson_at_step
from test_lesson_fifth_step_words import f6_until


def test_the_step_axis_reaches_step_5_and_the_loss_axis_tells_no_held_loss(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel = window.training.ui.loss
    view = panel.loss_plot.getViewBox()
    qtbot.wait(100)
    before = view.viewRange()[1]  # the loss axis with the one loss before training
    f6_until(qtbot, window, student, 5)
    qtbot.wait(100)
    (x0, x1), (y0, y1) = view.viewRange()
    assert x0 <= 0 and x1 >= 5, (x0, x1)  # was 0 … 1
    assert np.allclose((y0, y1), before), ((y0, y1), before)  # fitted to the 0.49 before training alone
    drawn = [curve.getData()[0] for curve in (panel.step_curve, panel.train_curve, panel.val_curve)]
    assert all(x is None or not len(x) or np.all(x == 0) for x in drawn), drawn  # no point after step 0
