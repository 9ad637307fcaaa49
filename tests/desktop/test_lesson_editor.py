"""A teacher writes a lesson in the window: File → New Lesson, the Lesson editor (typing the text and
the question's fields, the computed answer shown live), Apply as one undoable edit, Save, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import Question, answer
from desktop.lesson.panel import number_text


def type_into(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key.Key_Backspace)
    QTest.keyClicks(widget, text)


def test_a_teacher_writes_a_lesson_undoes_it_and_saves_it(qtbot, main_window, tmp_path, dialogs):
    window = main_window
    net = core.load_network(core.example_path("one_hidden_sigmoid"))
    window.document.replace_network(net.copy(), None)
    assert window.document.network.lesson is None and not window.lesson_dock.isVisible()

    window.actions_by_name["new_lesson"].trigger()
    editor = window.lesson_editor
    assert editor.isVisible()
    lesson = window.document.network.lesson
    assert lesson is not None and len(lesson.steps) == 1 and window.lesson_dock.isVisible()
    assert window.lesson_guide.panel.progress.text() == "Step 1 of 1"

    type_into(editor.title, "Delta by hand")  # QTest types ASCII only
    type_into(editor.text, "Compute **a** of h0 for sample 0.")
    editor.question.kind.setCurrentText("a")
    type_into(editor.question.fields["layer"], "h")
    type_into(editor.question.fields["unit"], "0")
    type_into(editor.question.fields["sample"], "0")
    QTest.keyClick(editor.question.fields["sample"], Qt.Key.Key_Return)  # Enter adds no step
    assert editor.steps.count() == 1
    right = answer(Question("a", layer="h", unit=0, sample=0), net)
    qtbot.waitUntil(lambda: number_text(right) in editor.answer.text(), timeout=10000)
    assert editor.answer.text() == f"a_h0 = {number_text(right)}"

    editor.add_step()
    type_into(editor.text, "Now train.")
    editor.action.kind.setCurrentText("train")
    type_into(editor.action.fields["steps"], "5")
    QTest.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert editor.message.text() == ""
    lesson = window.document.network.lesson
    assert lesson.title == "Delta by hand" and len(lesson.steps) == 2
    assert lesson.steps[0].question == Question("a", layer="h", unit=0, sample=0, step=0)
    assert lesson.steps[1].action.steps == 5 and lesson.steps[1].text == "Now train."
    assert window.lesson_guide.panel.progress.text() == "Step 1 of 2"
    assert window.document.dirty

    # a field the file would refuse: not applied, the place named, nothing changed
    editor.steps.setCurrentRow(0)
    type_into(editor.question.fields["layer"], "nope")
    QTest.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert "Not applied" in editor.message.text() and "steps[0]" in editor.message.text()
    assert window.document.network.lesson is lesson

    # undo: the starter lesson, then none (the panel hides); redo brings it back
    window.actions_by_name["undo"].trigger()
    assert window.document.network.lesson.title == net.name
    window.actions_by_name["undo"].trigger()
    assert window.document.network.lesson is None and not window.lesson_dock.isVisible()
    assert editor.steps.count() == 1 and "undo" in editor.message.text()  # the editor follows
    window.actions_by_name["redo"].trigger()
    window.actions_by_name["redo"].trigger()
    assert window.document.network.lesson == lesson
    assert editor.steps.count() == 2 and editor.title.text() == "Delta by hand"
    editor.close()

    path = tmp_path / "teacher.bpnet"
    dialogs.answer("save_file", str(path))
    window.actions_by_name["save_as"].trigger()
    assert core.load_network(path).lesson == lesson


def test_a_whole_number_field_with_letters_is_named(qtbot, main_window):
    window = main_window
    window.document.replace_network(core.load_network(core.example_path("guided_perceptron")), None)
    window.actions_by_name["lesson_edit"].trigger()
    editor = window.lesson_editor
    editor.steps.setCurrentRow(1)
    editor.question.kind.setCurrentText("output")
    type_into(editor.question.fields["unit"], "one")
    qtbot.waitUntil(lambda: "whole number" in editor.answer.text(), timeout=5000)
    assert "unit" in editor.answer.text()
    QTest.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert "step 2" in editor.message.text() and "unit" in editor.message.text()
    editor.close()
