"""A revealed answer is still there when the student comes back to its step (review 14 #5).

At guided_perceptron step 5, Reveal showed "The answer is 2.1 (revealed)" with its worked lines and
2.1 in the answer box. After Back then Next the step showed only "Revealed." and an empty box: a
student who looked back at the step before had lost the answer. Now the answer and its lines come back.
"""

from __future__ import annotations

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step


def test_a_revealed_answer_and_its_worked_lines_come_back_after_back_then_next(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_perceptron", 5)
    value = answer(net.lesson.steps[4].question, net)
    revealed = student.reveal()
    assert revealed.startswith("The answer is 2.1 (revealed)") and abs(value - 2.1) < 1e-9
    assert len(revealed.splitlines()) > 1  # with its worked lines
    shown_in_box = student.panel.answer.text()

    student.back()
    assert student.panel.progress.text().startswith("Step 4 of")
    student.next()
    assert student.panel.progress.text().startswith("Step 5 of")
    qtbot.waitUntil(lambda: not student.guide.busy(), timeout=20000)
    assert student.panel.verdict_text() == revealed
    assert student.panel.answer.text() == shown_in_box == "2.1"
    assert not student.panel.answer.isEnabled()  # settled: nothing more to type
