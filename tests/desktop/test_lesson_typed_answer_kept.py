"""An answer typed in the Lesson panel's box but not checked survives Save and Open (review 23b #7).

guided_perceptron from File → Examples, step 2 ("Compute the output y"): the student types 0.12 and, before
pressing Check, saves (File → Save As, the dialog answered at its boundary) and closes. Opened again the box was
empty: the number was lost. Now Save writes it with the place (``lesson_progress.unchecked``) and the box holds it
again, neither checked nor counted as an answer: no verdict, no answer in the file, Next still closed; Enter then
checks it as typed.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from desktop.lesson.panel import number_text
from test_lesson_progress_in_file import close, new_window, open_example, open_file, save_as


def test_an_answer_typed_and_not_checked_is_in_the_box_again_after_save_and_open(qtbot, main_window, dialogs,
                                                                                  tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    student = open_example(qtbot, main_window, "guided_perceptron")
    student.next()
    box = student.panel.answer
    box.setFocus()
    QTest.keyClicks(box, "0.12")  # typed, not checked (no Enter, no Check)
    assert student.panel.verdict_text() == ""
    path = tmp_path / "anna.bpnet"
    save_as(main_window, dialogs, path)
    close(qtbot, main_window)

    kept = json.loads(path.read_text(encoding="utf-8"))["lesson_progress"]
    assert kept["step"] == 2 and kept.get("unchecked") == "0.12"
    assert kept["answers"] == [] and kept["answered"] == []  # not an answer

    window = new_window(qtbot)
    try:
        again = open_file(qtbot, window, dialogs, path)
        assert again.panel.progress.text() == "Step 2 of 10"
        assert again.panel.answer.text() == "0.12"  # was ""
        assert again.panel.answer.isEnabled() and again.panel.verdict_text() == ""  # not checked
        assert not again.panel.next_button.isEnabled()  # not counted
        again.panel.answer.setFocus()
        QTest.keyClick(again.panel.answer, Qt.Key.Key_Return)  # checked as typed: wrong
        qtbot.waitUntil(lambda: not again.guide.busy(), timeout=20000)
        assert again.panel.verdict_text().startswith("Not yet")
        y = number_text(answer(net.lesson.steps[1].question, net))
        assert again.type_answer(y) == f"Right: {y}."
    finally:
        close(qtbot, window)


def test_the_box_opened_at_another_step_holds_nothing_typed_elsewhere(qtbot, main_window, dialogs, tmp_path):
    """Typed at step 2, then Back to step 1 and Next again: the box of step 2 is empty, and so is the file's record."""
    student = open_example(qtbot, main_window, "guided_perceptron")
    student.next()
    box = student.panel.answer
    box.setFocus()
    QTest.keyClicks(box, "0.12")
    student.back()
    student.next()
    assert student.panel.answer.text() == ""
    path = tmp_path / "anna.bpnet"
    save_as(main_window, dialogs, path)
    assert "unchecked" not in json.loads(path.read_text(encoding="utf-8"))["lesson_progress"]
