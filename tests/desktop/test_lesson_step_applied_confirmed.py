"""The training step a lesson's last question asks about, applied after answering it, is confirmed, not warned of.

Teacher review 24 #1: guided_chain_rule step 11 asks the bias of h1 after one step of lr 0.5, guided_relu_tutorial
step 11 w[h→y][0,0] after one update. A student who answered and then pressed Step (F6), or F8 on to Apply, to
see that update read in red "You changed w[x→h][0,0] to 0.422744, … this question is about the saved … Undo
(Ctrl+Z) puts them back, one edit at a time.": they edited nothing, and one Ctrl+Z takes the whole step back.
Now the panel says, not in the warning's red, that one training step was applied and that the number on the
canvas is the one computed; one Ctrl+Z puts the saved weights back and the words go.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from desktop.lesson.panel import RIGHT_COLOUR, WRONG_COLOUR
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

CASES = [("guided_chain_rule", "F6", "b_h1"), ("guided_relu_tutorial", "F8", "w[h→y][0,0]"),
         ("guided_chain_rule", "F8", "b_h1")]


def apply_one_step(qtbot, window, key: str) -> None:
    """One training step as the student applies it: Step (F6), or F8 through the phases until Apply."""
    before = window.document.network.flat.copy()
    changed = lambda: (not window.training.running and window.view_state.stepping is None  # noqa: E731
                       and not np.array_equal(window.document.network.flat, before))
    if key == "F6":
        press(qtbot, window, Qt.Key.Key_F6)
    else:
        for _ in range(5):
            if changed():
                break
            press(qtbot, window, Qt.Key.Key_F8)
            qtbot.wait(200)
    qtbot.waitUntil(changed, timeout=10000)
    qtbot.wait(150)


@pytest.mark.parametrize("name, key, label", CASES)
def test_one_step_applied_after_the_update_question_is_confirmed(qtbot, main_window, canvas, name, key, label):
    window = main_window
    net = core.load_network(core.example_path(name))
    last = len(net.lesson.steps)
    student, net = lesson_at_step(qtbot, window, canvas, name, last)
    q = net.lesson.steps[-1].question
    value = answer(q, net)
    assert student.type_answer(f"{value:.10g}").startswith("Right")
    apply_one_step(qtbot, window, key)
    note = student.panel.edit_note
    plain = note.property("plain") or ""
    assert plain.startswith("You applied one training step: the canvas now shows the weights after it"), plain
    shown = core.format_number(value, 4).replace("-", "−")
    assert f"{label} = {shown} is the number you computed" in plain, plain
    assert "Ctrl+Z takes the step back" in plain and "You changed" not in plain and "one edit at a time" not in plain
    assert note.isVisible() and RIGHT_COLOUR in note.text() and WRONG_COLOUR not in note.text(), note.text()
    verdict = student.panel.verdict.text()
    assert "changed since" not in verdict, verdict
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one Ctrl+Z: the whole step back
    qtbot.waitUntil(lambda: np.array_equal(window.document.network.flat, net.flat), timeout=5000)
    qtbot.wait(100)
    assert not (note.property("plain") or ""), note.property("plain")


def test_a_step_applied_while_revising_an_earlier_question_is_named_as_a_step(qtbot, main_window, canvas):
    """Back at step 10 after the step: the canvas's weights are one step on, said so (red: the question is about
    the weights before it), and a single Ctrl+Z is what takes it back."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 11)
    assert student.type_answer(f"{answer(net.lesson.steps[-1].question, net):.10g}").startswith("Right")
    apply_one_step(qtbot, window, "F6")
    student.back()
    qtbot.wait(150)
    plain = student.panel.edit_note.property("plain") or ""
    assert plain.startswith("You applied one training step: the canvas now shows the weights after it; "
                            "this question is about the lesson's starting weights"), plain
    assert "Ctrl+Z takes the step back" in plain and "one edit at a time" not in plain, plain
