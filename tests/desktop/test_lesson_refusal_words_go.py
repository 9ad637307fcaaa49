"""The words of a refused training go once they no longer hold (teacher review 13, finding 11).

guided_perceptron step 5 asks dL/dw about the weights as saved, so F5 there is refused: the status bar
and the Lesson panel's red notice say why (step 5 asks about them). Revealing the answer then turned the notice
into "Training waits until step 6 is answered …", though the student never pressed F5 at step 6, the
status bar kept "Not trained: answer step 5 first" through Back and Next, and the rejected "1,5,2" stayed
in the locked answer box above "The answer is 2.1 (revealed)". Now the refusal's words go with the
question they were about, or with the step they were said at, and the box shows the answer revealed;
F5 again says what holds then.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.lesson import answer
from desktop.lesson.panel import number_text
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

REFUSED_AT_5 = "Not trained: answer steps 5–6 first (then train at step 8; step 5 asks about the lesson's starting weights)."


def refused_at_step_5(qtbot, window, canvas):
    """guided_perceptron at step 5, "1,5,2" typed and rejected, then F5 refused."""
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 5)
    assert "is not a number" in student.type_answer("1,5,2")
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.wait(200)
    assert not window.training.running
    assert window.statusBar().currentMessage() == REFUSED_AT_5
    assert "Training waits for step 8 (Train 3 steps): the questions of steps 5 to 6" in student.panel.notice.text()
    return student, net


def test_reveal_takes_the_refusal_back_and_shows_the_answer_in_the_box(qtbot, main_window, canvas):
    window = main_window
    student, net = refused_at_step_5(qtbot, window, canvas)
    right = answer(net.lesson.steps[4].question, net)
    assert student.reveal().startswith(f"The answer is {number_text(right)} (revealed).")
    panel = student.panel
    assert panel.notice.isHidden() and "step 6" not in panel.notice.text()
    assert window.statusBar().currentMessage() == ""
    assert panel.answer.text() == number_text(right) and not panel.answer.isEnabled()
    student.back()
    student.next()
    assert window.statusBar().currentMessage() == "" and panel.notice.isHidden()
    student.next()  # step 6 asks about the weights as saved too: F5 there says so, for step 6
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.wait(200)
    assert window.statusBar().currentMessage() == \
        "Not trained: answer step 6 first (then train at step 8; step 6 asks about the lesson's starting weights)."
    assert "Training waits for step 8 (Train 3 steps): step 6 asks about" in panel.notice.text()


def test_back_and_next_take_the_refusal_back(qtbot, main_window, canvas):
    window = main_window
    student, _ = refused_at_step_5(qtbot, window, canvas)
    student.back()
    assert window.statusBar().currentMessage() == "" and student.panel.notice.isHidden()
    student.next()  # back at step 5, its question still open: nothing said until F5 again
    assert window.statusBar().currentMessage() == "" and student.panel.notice.isHidden()
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.wait(200)
    assert window.statusBar().currentMessage() == REFUSED_AT_5 and not student.panel.notice.isHidden()


def test_a_message_shown_since_the_refusal_stays(qtbot, main_window, canvas):
    """Only the refusal's own words are taken back: a later status message is left alone."""
    window = main_window
    student, _ = refused_at_step_5(qtbot, window, canvas)
    window.statusBar().showMessage("Saved.")
    student.reveal()
    assert window.statusBar().currentMessage() == "Saved."
