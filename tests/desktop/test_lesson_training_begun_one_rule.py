"""Whether the open step's "Train N steps" has begun is one rule for every part of the lesson (``TrainingBegun``).

It was written twice: the hold counted the training begun from its run's start until the weights were back where
it started, the edit gate, the typed-weight note and the training's start network from its first counted step. A
weight typed at guided_weight_decay step 5, the lesson's 5 steps trained at step 6, then Ctrl+Z twice (the training,
then the typed weight): the canvas holds the saved weights and nothing is trained, yet the hold still counted the
training begun (the weights differ from the 0.9 it started from) and kept w₀ back as "?" beside the other rules'
"not begun". Now all say "not begun": the saved 0.8 shows, and the 5 steps trained again are checked from it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_edited_weight import type_on_edge
from test_lesson_error_hidden import canvas_numbers, lesson_at_step
from test_lesson_trained_weights_kept import note_text
from test_training_support import press


def test_undoing_the_training_and_the_typed_weight_leaves_the_training_not_begun_everywhere(qtbot, main_window,
                                                                                          canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 5)
    type_on_edge(canvas, "x", "y", 0, 0, "0.9")
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    student.next()  # step 6: Train 5 steps, from the 0.9 typed
    train = net.lesson.steps[5].action
    do_action(student, canvas, train)
    for _ in range(2):  # Ctrl+Z: the 5 steps, then the typed 0.9
        press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.network.weights["x", "y"][0, 0] == 0.8
    qtbot.wait(100)
    assert "0.8" in canvas_numbers(window), "the saved w₀, untrained, is held back as if the training had begun"
    assert note_text(window) == ""
    do_action(student, canvas, train)  # the 5 steps again, from the saved weights
    student.next()
    assert student.type_answer(f"{answer(net.lesson.steps[6].question, net):.6g}").startswith("Right")
