"""Teacher review 23b #6: guided_softmax step 2 (it asks z_y0 at the weights as saved), F8 through the whole walk:
the step bar says "Not applied: answer steps 2–10 first (step 2 asks about the weights as saved). F8 walks the step
again." After the student typed the right answer and pressed Return ("Right: −0.8.") the bar still said so, naming
a question already answered; Next cleared it. The refusal's words go once its reason is gone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press


def test_the_step_bars_not_applied_goes_once_the_question_it_names_is_answered(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_softmax", 2)
    bar = window.training.step_toolbar.phase_text
    for _ in range(12):  # F8 through forward, loss, backward, update, and the F8 that would apply it
        press(qtbot, window, Qt.Key.Key_F8)
        qtbot.wait(100)
        if bar.text().startswith("Not applied:"):
            break
    assert bar.text().startswith("Not applied: answer steps 2–10 first (step 2 asks"), bar.text()
    assert window.view_state.stepping is None

    verdict = student.type_answer(f"{answer(net.lesson.steps[1].question, net):.10g}")
    assert verdict.startswith("Right:"), verdict
    assert "answer steps 2" not in bar.text() and "step 2 asks" not in bar.text(), bar.text()
