"""While a lesson asks about the weights after its own N training steps, training outside them waits.

Review 14, finding 1: with guided_weight_decay's step 7 open ("Where is w₀ after these 5 steps?"), F5
trained freely (Epoch 2715 in a moment); step 8's "Train 95 more steps (100 in all)" then ticked at Epoch
2810 and step 9's answer "after 100 steps" was judged right beside a canvas that showed w₁ ≈ 0. The same at
guided_perceptron step 9 ("Where is w after these 3 steps?"). Now such a question holds training as a
question about the weights as saved does: F5, F6 and Shift+F6 are refused, the status bar and the Lesson
panel say why, and the weights stay those of the lesson's N steps. Once it is answered, the next "Train N
steps" trains exactly its N (the window at the step the next question names).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.lesson import answer, network_at_step
from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

KEYS = ((Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier))


def assert_training_waits(qtbot, window, net, steps: int, asked: int, trains: int | None = None) -> None:
    """Every training key refused: the document holds the weights after the lesson's ``steps``, and the
    status bar and the Lesson panel say that step ``asked`` (1-based) asks about them, and that training
    comes with step ``trains``'s "Train N steps" (None: once step ``asked`` is answered)."""
    for key, modifier in KEYS:
        window.statusBar().clearMessage()
        press(qtbot, window, key, modifier)
        qtbot.wait(300)  # (a run that started would have trained by now)
        assert not window.training.running
        assert np.array_equal(window.document.network.flat, network_at_step(net, steps).flat)
        weights = f"the weights after the lesson's {steps} steps"
        assert window.statusBar().currentMessage() == (
            f"Not trained: answer step {asked} first (it asks about {weights})." if trains is None
            else f"Not trained: answer step {asked} first (then train at step {trains}; step {asked} asks about "
                 f"{weights}).")
    assert window.lesson_guide.panel.notice.isVisible()
    notice = window.lesson_guide.panel.notice.text()
    if trains is None:
        assert f"Training waits until step {asked} is answered" in notice
        assert f"{steps} steps, and one more step would change them" in notice
    else:
        assert f"Training waits for step {trains} (Train " in notice
        assert f"{steps} steps, and a step trained before would add to them" in notice


def test_weight_decays_questions_after_5_and_100_steps_hold_training(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 7)
    steps = net.lesson.steps
    assert (steps[6].question.step, steps[8].question.step) == (5, 100)
    assert_training_waits(qtbot, window, net, 5, 7, trains=8)

    assert student.type_answer(f"{answer(steps[6].question, net):.10g}").startswith("Right")
    assert window.lesson_guide.panel.notice.isHidden()
    student.next()  # step 8: "Train 95 more steps (100 in all)" trains, and stops at 100
    do_action(student, canvas, steps[7].action)
    assert np.array_equal(window.document.network.flat, network_at_step(net, 100).flat)
    assert_training_waits(qtbot, window, net, 100, 9)  # done: step 9 asks about these 100 steps

    student.next()
    assert_training_waits(qtbot, window, net, 100, 9)
    assert student.type_answer(f"{answer(steps[8].question, net):.10g}").startswith("Right")
    student.next()  # nothing more asked: training is free
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: np.array_equal(window.document.network.flat, network_at_step(net, 101).flat),
                    timeout=15000)


def test_the_perceptrons_question_after_3_steps_holds_training_until_answered(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    assert_training_waits(qtbot, window, net, 3, 9)
    assert student.type_answer(f"{answer(net.lesson.steps[8].question, net):.10g}").startswith("Right")
    student.next()  # step 10: "Train 50 steps"
    do_action(student, canvas, net.lesson.steps[9].action)
    assert np.array_equal(window.document.network.flat, network_at_step(net, 53).flat)


def test_one_f8_more_after_the_perceptrons_update_trains_nothing_and_step_9_sees_3_steps(qtbot, main_window, canvas):
    """Review 14, finding 3: at step 7 one more F8 after Update applied a step (the trace bar said "F7/F8
    applies one training step"), step 8's "Train 3 steps" added 3, and step 9's "these 3 steps" sat beside
    a window at step 4. That F8 now ends the walk without training, and says why."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 7)
    do_action(student, canvas, net.lesson.steps[6].action)  # step 7: F8 until Update
    sentence = window.training.step_toolbar.phase_text.text()
    assert ("F7/F8 then ends the walk without training: train at step 8 first (step 9 asks about the weights "
            "after the lesson's 3 steps).") in sentence
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is None, timeout=5000)
    qtbot.wait(300)
    assert not window.training.running and np.array_equal(window.document.network.flat, net.flat)
    assert window.training.step_toolbar.phase_text.text().startswith("Not applied: train at step 8 first")
    assert window.statusBar().currentMessage() == ""  # (said once: in the step bar)
    assert "Training waits for step 8 (Train 3 steps)" in window.lesson_guide.panel.notice.text()

    student.next()  # step 8 trains its 3 steps from the weights as saved
    do_action(student, canvas, net.lesson.steps[7].action)
    student.next()
    assert np.array_equal(window.document.network.flat, network_at_step(net, 3).flat)
    assert student.type_answer(f"{answer(net.lesson.steps[8].question, net):.10g}").startswith("Right")


def test_back_from_weight_decays_last_question_training_still_waits_for_it(qtbot, main_window, canvas):
    """Step 8's 95 steps trained, Back to step 5: step 9 still asks about the 100 steps, so training waits for
    its answer (step 8 trained already: it is not said to come first)."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 9)
    for _ in range(4):
        student.back()
    assert student.panel.progress.text() == "Step 5 of 10"
    assert_training_waits(qtbot, window, net, 100, 9)
