"""The status bar and the Loss panel write the same loss the same way while a guided lesson holds losses back
(teacher review 20 #6): guided_perceptron, the lesson's 3 steps trained at step 8, Next, then Ctrl+Z at step 9
(the saved weights back, "Epoch 0 · Step 0"). The Loss caption wrote the loss at the saved weights, which the
student answered earlier ("loss 0.49"), while the status bar, at the same moment, wrote "loss ? (shows once you
answer)" for it. Both now ask about the loss at the weights it was measured at."""

from __future__ import annotations

from PySide6.QtCore import Qt

import core
from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_loss_caption_waits import loss_caption
from test_training_support import press


def test_the_status_bar_writes_the_answered_loss_the_loss_caption_writes(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the lesson's 3 steps taken back
    assert window.document.network.weights["x", "y"][0, 0] == 0.8
    asked = next(s.question for s in net.lesson.steps if s.question is not None and s.question.kind == "loss")
    assert asked.step == 0  # answered at an earlier step: the loss at the saved weights
    loss = core.format_number(answer(asked, net), 4)
    caption = loss_caption(qtbot, window, f"loss {loss}")
    assert caption.startswith("Step 0")
    bar = window.training.ui.status_label
    qtbot.waitUntil(lambda: "Step 0" in bar.text(), timeout=10000)
    assert f"loss {loss}" in bar.text() and "?" not in bar.text(), bar.text()
