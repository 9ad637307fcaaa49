"""While a guided lesson asks about the weights as saved, training waits, whatever starts it.

The teacher's review: with guided_perceptron's step 5 open ("Compute dL/dw", 2.1), one press of the
toolbar's Step wrote the new weight 0.59 on the edge (the step 6 answer, and (0.8 − 0.59)/0.1 = 2.1
gives step 5's); guided_chain_rule's step 7 ends in Backward, and at step 8 two presses of F8 (Update,
then "F7/F8 applies one training step") trained, and h's new biases gave δ_h0 and δ_h1 away. Now every
training action is refused while such a question is open: F5, F6, Shift+F6, the toolbar's Step, F8
past Update. The status bar and the Lesson panel say why, the Update phase's sentence says what F8
does then, and the weights stay as saved. Once the questions are answered, the lesson's own step
through shows the step; it applies it only where no later question asks about the weights after the
lesson's own training steps (guided_perceptron's step 9 asks about w after step 8's 3: review 14).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written
from test_training_support import press, press_f8_to
from window_texts import numbers_in, window_texts


#: the refusal's words at guided_perceptron's steps 5 and 6: training comes with step 8's "Train 3 steps"
PERCEPTRON_WAITS = "Training waits for step 8 (Train 3 steps)"


def perceptron_refused(asked: int) -> str:
    """The status bar's words at step ``asked`` (5 or 6): the questions up to step 6 come first."""
    answer = "steps 5–6" if asked == 5 else "step 6"
    return f"Not trained: answer {answer} first (then train at step 8; step {asked} asks about the lesson's starting weights)."


def assert_not_trained(qtbot, window, net, said: str, waits: str) -> None:
    """Nothing trained: the document holds the saved weights, the status bar says ``said`` ("" when the
    step bar says it) and the panel ``waits``."""
    qtbot.wait(300)  # (a run that started would have trained by now)
    assert not window.training.running
    assert np.array_equal(window.document.network.flat, net.flat)
    assert window.statusBar().currentMessage() == said
    notice = window.lesson_guide.panel.notice
    assert notice.isVisible() and waits in notice.text()


def test_every_training_action_waits_while_the_perceptrons_gradient_is_asked(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 5)
    new_weight = answer(net.lesson.steps[5].question, net)  # 0.59, step 6's answer
    toolbar = window.training.toolbar
    for key, modifier in ((Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)):
        window.statusBar().clearMessage()
        press(qtbot, window, key, modifier)
        assert_not_trained(qtbot, window, net, perceptron_refused(5), PERCEPTRON_WAITS)
    window.statusBar().clearMessage()
    QTest.mouseClick(toolbar.widgetForAction(toolbar.step_action), Qt.MouseButton.LeftButton)
    assert_not_trained(qtbot, window, net, perceptron_refused(5), PERCEPTRON_WAITS)
    assert not written(new_weight) & numbers_in(window_texts(window))

    # step 5 answered: step 6 ("w after this one step?") still asks about the weights as saved
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    assert window.lesson_guide.panel.notice.isHidden()  # its words were about step 5; F6 says it again
    student.next()
    press(qtbot, window, Qt.Key.Key_F6)
    assert_not_trained(qtbot, window, net, perceptron_refused(6), PERCEPTRON_WAITS)

    # every question about the saved weights answered: the step-through shows the new weight, and step 9
    # asks about w after the lesson's 3 steps (step 8's): F8 past Update ends the walk without training
    assert student.type_answer(f"{new_weight:.10g}").startswith("Right")
    student.next()
    press_f8_to(qtbot, window, "update")
    assert "F7/F8 then ends the walk without training: train at step 8 first" in \
        window.training.step_toolbar.phase_text.text()
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is None, timeout=5000)
    assert np.array_equal(window.document.network.flat, net.flat)


def test_f8_after_the_chain_rules_update_ends_the_walk_without_training(qtbot, main_window, canvas):
    """Step 7 leaves the walk in Backward; at step 8 (δ_h0) F8 shows Update, whose sentence says what the
    next F8 does, and the next F8 ends the walk with the weights and biases as saved."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 8)
    assert window.view_state.stepping is not None and window.view_state.stepping.phase == "backward"
    sentence = window.training.step_toolbar.phase_text
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping.phase == "update", timeout=5000)
    assert "F7/F8 applies" not in sentence.text()
    refused = "answer steps 8–11 first (step 8 asks about the lesson's starting weights)"
    assert f"F7/F8 then ends the walk without training: {refused}." in sentence.text()
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is None, timeout=5000)
    # said once, in the step bar: the status bar does not say it again in other words (review 17 #4)
    assert_not_trained(qtbot, window, net, "", "Training waits until step 11 is answered")
    assert sentence.text().startswith(f"Not applied: {refused}. F8 walks the step again.")
    delta_h0 = answer(net.lesson.steps[7].question, net)
    assert not written(-0.5 * delta_h0) & numbers_in(window_texts(window))  # h0's new bias, −lr·δ_h0
