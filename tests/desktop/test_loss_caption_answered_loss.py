"""The Loss caption holds only a loss a question still to come asks for; the loss the student answered shows.

Teacher review 16 #6: at guided_perceptron step 8 ("Train 3 steps"), after F6 ×3 and Ctrl+Z ×2, the Loss
caption read "epoch 1 mean (after step 0): loss ? (comes with a later question)". That number is the loss at
the weights as saved, 0.49, which the student computed at step 3 (and the plot draws at x = 0 just above).
The losses after 1, 2 or 3 steps stay held (L = (1.5w − 0.5)² gives step 9's w after 3 steps back).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from core.lesson import answer
from core.notation import format_number
from desktop.panels.loss import LossPanel
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

CTRL = Qt.KeyboardModifier.ControlModifier
HELD = "? (comes with a later question)"


def epoch_mean(k: int) -> str:
    """The caption's epoch k figure, as a pattern: "epoch k mean (before step k's update): loss ", or without
    the step beside a batch figure that names it ("last batch loss … (step k, before its update)")."""
    return rf"epoch {k} mean(?: \(before step {k}'s update\))?: loss "


def caption(window) -> str:
    return " ".join(window.findChild(LossPanel).summary.text().split())


def test_the_loss_answered_at_step_3_shows_after_undoing_back_to_step_1(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 8)
    asked = net.lesson.steps[2].question
    assert asked.kind == "loss" and asked.step == 0
    answered = format_number(answer(asked, net))  # 0.49, typed at step 3
    controller = window.training
    for k in range(1, 4):
        press(qtbot, window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda k=k: not controller.running and controller.latest.step == k, timeout=10000)
    qtbot.waitUntil(lambda: "epoch 3 mean" in caption(window), timeout=5000)
    assert re.search(epoch_mean(3) + re.escape(HELD), caption(window)), caption(window)  # s9's w follows from it: held

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "epoch 1 mean" in caption(window), timeout=10000)
    text = caption(window)
    assert re.search(epoch_mean(1) + re.escape(answered), text), text  # was "loss ? (comes with a later question)"
    assert re.search(rf"last batch loss {re.escape(answered)} \(step 1, before its update\)", text), text
    assert HELD not in text, text
