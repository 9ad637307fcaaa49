"""Answering a lesson's question is a change Save keeps: the title says "*" and closing asks to save it.

Save writes the student's place into the file (the step, the answers checked right or wrong, the reveals), but the
document was not marked modified by them: after answering, the title had no "*", and closing the window or
opening another file asked nothing, so a student handing in the file lost the answers given since the last save.
Now a place that differs from the file's is an unsaved change (not an undo step: Undo still takes back only the
network's edits). Driven as a student meets it: the lesson's file opened (File → Open), the answers typed, File →
Save (Ctrl+S), File → Open another file, the unsaved-changes question answered at the dialog's boundary.
"""

from __future__ import annotations

import json
import shutil

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

import core
from core.lesson import answer
from desktop.lesson.panel import number_text
from test_lesson_progress_in_file import close, new_window, open_file

CTRL = Qt.KeyboardModifier.ControlModifier


def modified(window) -> bool:
    """The title's "*" (Qt's window-modified mark, shown in place of "[*]")."""
    return window.isWindowModified() and "[*]" in window.windowTitle()


def section(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["lesson_progress"]


def test_answers_mark_the_file_modified_and_opening_another_asks_to_save_them(qtbot, main_window, dialogs,
                                                                             tmp_path):
    window = main_window
    net = core.load_network(core.example_path("guided_perceptron"))
    path = tmp_path / "anna.bpnet"
    shutil.copy(core.example_path("guided_perceptron"), path)
    student = open_file(qtbot, window, dialogs, path)
    assert student.panel.progress.text() == "Step 1 of 10" and not modified(window)

    student.next()
    assert modified(window)  # Save would write step 2
    student.back()
    assert not modified(window)  # back at the file's place: nothing to save
    student.next()
    assert student.type_answer("2.4").startswith("Not yet")  # a wrong answer is kept too
    assert modified(window)
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)  # File → Save
    assert not modified(window)
    assert [(a["step"], a["right"]) for a in section(path)["answers"]] == [(2, False)]

    y = number_text(answer(net.lesson.steps[1].question, net))
    assert student.type_answer(y) == f"Right: {y}."
    assert modified(window)  # was not: the title had no "*"
    assert window.document.undo_stack.count() == 0  # not an undo step
    student.next()
    assert student.reveal().startswith("The answer is")
    assert modified(window)

    other = tmp_path / "other.bpnet"
    shutil.copy(core.example_path("xor"), other)
    dialogs.answer("question", QMessageBox.StandardButton.Save)
    open_file(qtbot, window, dialogs, other)
    asked = dialogs.of("question")
    assert len(asked) == 1 and "not saved" in asked[0][2]  # was: no question, the answers lost
    assert window.document.path.name == "other.bpnet"
    kept = section(path)
    assert kept["step"] == 3 and kept["answered"] == [2] and kept["revealed"] == [3]
    assert [(a["step"], a["right"]) for a in kept["answers"]] == [(2, False), (2, True)]


def test_closing_after_an_answer_asks_to_save_it(qtbot, main_window, dialogs, tmp_path):
    window = main_window
    net = core.load_network(core.example_path("guided_perceptron"))
    path = tmp_path / "anna.bpnet"
    shutil.copy(core.example_path("guided_perceptron"), path)
    student = open_file(qtbot, window, dialogs, path)
    student.next()
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    assert not modified(window)
    y = number_text(answer(net.lesson.steps[1].question, net))
    assert student.type_answer(y) == f"Right: {y}."
    dialogs.answer("question", QMessageBox.StandardButton.Cancel)
    window.actions_by_name["quit"].trigger()  # File → Quit
    assert len(dialogs.of("question")) == 1 and window.isVisible()  # asked, and Cancel keeps the window
    assert section(path)["answered"] == []
    dialogs.answer("question", QMessageBox.StandardButton.Save)
    window.actions_by_name["quit"].trigger()
    assert section(path)["answered"] == [2]


def test_answers_kept_on_this_computer_and_not_in_the_file_show_as_unsaved_when_it_opens(qtbot, main_window, dialogs,
                                                                                        tmp_path):
    """Closed with Discard: this computer's settings go on from the file's place (the answers are not lost here),
    but the file does not hold them. Opened again, the title says "*" at once and closing asks again, until a Save
    writes them (they were not: a clean title, and a teacher given the file saw none of them)."""
    net = core.load_network(core.example_path("guided_perceptron"))
    path = tmp_path / "anna.bpnet"
    shutil.copy(core.example_path("guided_perceptron"), path)
    student = open_file(qtbot, main_window, dialogs, path)
    student.next()
    y = number_text(answer(net.lesson.steps[1].question, net))
    assert student.type_answer(y) == f"Right: {y}."
    main_window.actions_by_name["quit"].trigger()  # the unsaved-changes question: Discard
    assert len(dialogs.of("question")) == 1 and not main_window.isVisible()

    window = new_window(qtbot)
    try:
        again = open_file(qtbot, window, dialogs, path)
        assert again.panel.progress.text() == "Step 2 of 10" and again.panel.verdict_text() == f"Right: {y}."
        assert modified(window)  # was a clean title
        QTest.keyClick(window, Qt.Key.Key_S, CTRL)
        assert not modified(window) and section(path)["answered"] == [2]
    finally:
        close(qtbot, window)
