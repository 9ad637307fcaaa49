"""While a guided lesson holds training back, the Loss panel's caption says so instead of inviting it.

The teacher's review: at guided_perceptron's step 5 ("Compute dL/dw") the status bar said "Not trained:
answer step 5 first (…)" and the Lesson panel's red notice said training waits, but the Loss panel's
caption still ended "Press Play or Step to train.", inviting exactly what was refused. Now it ends
"Training waits for step 8 (Train 3 steps)." (the lesson's own words) until the lesson trains, or the
student closes the Lesson panel; then it invites training again.

Review 17 #4: the caption named the open question ("until step 5 is answered", then 6 once 5 was answered,
…), a promise that moved on at every answer. It names the step where training truly comes, and keeps it.
"""

from __future__ import annotations

from core.lesson import answer
from lesson_support import leave_lesson, return_to_lesson
from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from window_texts import window_texts

INVITATION = "Press Play or Step"
#: guided_perceptron's steps 5 to 7: the lesson trains at step 8
WAITS = "Training waits for step 8 (Train 3 steps)."


def loss_caption(qtbot, window, expected: str) -> str:
    """The Loss panel's caption as the window shows it, once it holds ``expected``."""
    def caption() -> str:
        return next((t for t in window_texts(window) if t.startswith(("Step 0", "Training waits", "Press Play"))), "")
    qtbot.waitUntil(lambda: expected in caption(), timeout=20000)
    return caption()


def test_the_loss_caption_says_training_waits_while_a_saved_weights_question_is_open(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 5)
    text = loss_caption(qtbot, window, WAITS)
    assert INVITATION not in text and text.startswith("Step 0")

    # the Lesson panel closed: the student left the lesson, training is free, the caption invites it
    leave_lesson(window)
    assert INVITATION in loss_caption(qtbot, window, INVITATION)
    return_to_lesson(window)
    student.click_tab("Lesson")
    assert INVITATION not in loss_caption(qtbot, window, WAITS)

    # step 5 answered: step 6 ("w after this one step?") still asks about the weights as saved, and
    # training still comes at step 8
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    assert INVITATION not in loss_caption(qtbot, window, WAITS)
    student.next()
    assert INVITATION not in loss_caption(qtbot, window, WAITS)
    assert student.type_answer(f"{answer(net.lesson.steps[5].question, net):.10g}").startswith("Right")
    # step 9 asks about w after the lesson's 3 steps: training waits for step 8's, which it invites
    assert INVITATION not in loss_caption(qtbot, window, WAITS)
    student.next()
    do_action(student, canvas, net.lesson.steps[6].action)  # step 7: the step-through to Update
    student.next()
    text = loss_caption(qtbot, window, INVITATION)
    assert "Training waits" not in text
