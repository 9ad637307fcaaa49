"""The step that completes a lesson's "Train 5 steps" says the same words whichever path of F6, Undo and Redo reached it.

Teacher review 16, #5: at guided_weight_decay's step 6 ("Train 5 steps"), five presses of F6 end with
"Lesson: stopped at 5 steps." After F6 ×5, Ctrl+Z ×2 and Ctrl+Shift+Z, the F6 that trains the fifth step
again brought back weights the document had held (the first fifth step's): the observer's count reached 5
while the run was drawing its end, the step was ticked done, and the next question's hold on training
paused that ending run, so the status bar said "Paused: answer step 7 first (…)" instead.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
DONE_WORDS = "Lesson: stopped at 5 steps."


def trained_of_5(student) -> int:
    """How many of the step's 5 steps the Lesson panel counts trained ("3 of 5 trained"; 5 once ticked done)."""
    words = student.panel.action.text()
    if "✓ done" in words:
        return 5
    found = re.search(r"(\d) of 5 trained", words)
    return int(found.group(1)) if found else 0


def f6_until(qtbot, window, student, trained: int) -> None:
    """F6 on the canvas, one step at a time, until the Lesson panel counts ``trained`` of the 5 steps."""
    controller = window.training
    while trained_of_5(student) < trained:
        count = trained_of_5(student)
        press(qtbot, window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not controller.running and trained_of_5(student) == count + 1, timeout=10000)
        qtbot.wait(50)


@pytest.mark.parametrize("presses, undos, redos", [(5, 2, 1), (2, 2, 1), (5, 5, 5)])
def test_the_fifth_step_says_stopped_at_5_after_undo_and_redo(qtbot, main_window, canvas, presses, undos, redos):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    assert net.lesson.steps[5].action.steps == 5
    f6_until(qtbot, window, student, presses)
    for _ in range(undos):
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: trained_of_5(student) == presses - undos, timeout=5000)
    for _ in range(redos):
        press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    if presses - undos + redos < 5:
        f6_until(qtbot, window, student, 5)
        assert window.statusBar().currentMessage() == DONE_WORDS  # was "Paused: answer step 7 first (…)"
    else:  # Redo alone brings the fifth step back: the lesson's words come after the Redo's
        qtbot.waitUntil(lambda: trained_of_5(student) == 5, timeout=5000)
        assert window.statusBar().currentMessage() == f"Redid 1 training step ({DONE_WORDS[:-1]})"
    assert "✓ done: stopped at exactly 5" in student.panel.action.text()
    assert student.panel.next_button.isEnabled()
