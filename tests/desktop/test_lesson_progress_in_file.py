"""The student's place in a lesson travels with the saved file and follows Save As (teacher review 23 #1, #6).

guided_perceptron from File → Examples: step 2's y typed wrong (2.4) then right (1.2), Next, then File → Save As
(Ctrl+Shift+S, the dialog answered at its boundary). The place was kept in the settings only, under the
untitled copy's key computed when the lesson opened: the saved file reopened at Step 1, and a teacher opening the
student's file (a copy, another computer) saw nothing of the student's work. Now Save writes the place into the
file (``lesson_progress``) and Save As moves the place to the new file's key.
"""

from __future__ import annotations

import json
import shutil

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import core
from core.lesson import answer
from desktop.app import create_main_window
from desktop.files import app_settings
from desktop.lesson.panel import number_text
from desktop.lesson.progress import SETTINGS_GROUP
from lesson_support import Student

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def open_example(qtbot, window, name: str) -> Student:
    """``name`` opened from File → Examples, as a student opens it."""
    examples = window.menus["Examples"]
    examples.aboutToShow.emit()
    next(a for a in examples.actions() if a.objectName() == f"example_{name}").trigger()
    window.training.wait_for_step_0()
    return Student(qtbot, window)


def new_window(qtbot):
    window = create_main_window(restore_layout=False)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def close(qtbot, window) -> None:
    window.document.undo_stack.setClean()  # (nothing unsaved to ask about)
    window.close()
    qtbot.waitUntil(lambda: not window.training.running, timeout=5000)


def open_file(qtbot, window, dialogs, path) -> Student:
    """File → Open, the dialog answered with ``path``."""
    dialogs.answer("open_file", str(path))
    window.actions_by_name["open"].trigger()
    for _ in range(5):
        QApplication.instance().processEvents()
    return Student(qtbot, window)


def save_as(window, dialogs, path) -> None:
    """File → Save As (Ctrl+Shift+S), the dialog answered with ``path``."""
    dialogs.answer("save_file", str(path))
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    assert window.document.path is not None and window.document.path.name == path.name


def work_to_step_3(student, net) -> str:
    """Step 1 read, step 2's y typed wrong then right, Next: at step 3. The right value as the panel writes it."""
    student.next()
    y = answer(net.lesson.steps[1].question, net)
    assert student.type_answer(number_text(2 * y)).startswith("Not yet")
    assert student.type_answer(number_text(y)) == f"Right: {number_text(y)}."
    student.next()
    assert student.panel.progress.text() == "Step 3 of 10"
    return number_text(y)


def test_save_as_keeps_the_place_in_the_new_file(qtbot, main_window, dialogs, tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    student = open_example(qtbot, main_window, "guided_perceptron")
    y = work_to_step_3(student, net)
    path = tmp_path / "anna.bpnet"
    save_as(main_window, dialogs, path)
    close(qtbot, main_window)

    window = new_window(qtbot)
    try:
        again = open_file(qtbot, window, dialogs, path)
        assert again.panel.progress.text() == "Step 3 of 10"  # was "Step 1 of 10"
        again.back()
        assert again.panel.verdict_text() == f"Right: {y}."  # the value found, not "Answered right."
        assert not again.panel.answer.isEnabled()
    finally:
        close(qtbot, window)


def test_work_after_save_as_goes_on_under_the_new_file(qtbot, main_window, dialogs, tmp_path):
    """Save As, then a step more without saving again: the place follows the new file (on this computer)."""
    net = core.load_network(core.example_path("guided_perceptron"))
    student = open_example(qtbot, main_window, "guided_perceptron")
    work_to_step_3(student, net)
    path = tmp_path / "anna.bpnet"
    save_as(main_window, dialogs, path)
    loss = answer(net.lesson.steps[2].question, net)
    assert student.type_answer(number_text(loss)).startswith("Right")
    student.next()
    assert student.panel.progress.text() == "Step 4 of 10"
    close(qtbot, main_window)  # not saved again

    window = new_window(qtbot)
    try:
        again = open_file(qtbot, window, dialogs, path)
        assert again.panel.progress.text() == "Step 4 of 10"  # was "Step 1 of 10"
    finally:
        close(qtbot, window)


def test_a_teacher_sees_the_students_place_from_the_file(qtbot, main_window, dialogs, tmp_path):
    """The student's file copied to the teacher's computer (another name, no settings of the student's)."""
    net = core.load_network(core.example_path("guided_perceptron"))
    student = open_example(qtbot, main_window, "guided_perceptron")
    y = work_to_step_3(student, net)
    assert student.reveal().startswith("The answer is")  # step 3's loss revealed, not found
    student.next()
    path = tmp_path / "anna.bpnet"
    save_as(main_window, dialogs, path)
    close(qtbot, main_window)

    kept = json.loads(path.read_text(encoding="utf-8"))["lesson_progress"]
    assert kept["step"] == 4 and kept["answered"] == [2] and kept["revealed"] == [3]
    assert [(a["step"], a["right"]) for a in kept["answers"]] == [(2, False), (2, True)]
    assert kept["answers"][1]["typed"] == y

    teacher = tmp_path / "for_the_teacher.bpnet"
    shutil.copy(path, teacher)
    settings = app_settings()
    settings.remove(SETTINGS_GROUP)  # another computer: nothing of the student's in its settings
    settings.sync()
    window = new_window(qtbot)
    try:
        seen = open_file(qtbot, window, dialogs, teacher)
        assert seen.panel.progress.text() == "Step 4 of 10"  # was "Step 1 of 10"
        seen.back()
        qtbot.waitUntil(lambda: not seen.guide.busy(), timeout=20000)
        assert "(revealed)" in seen.panel.verdict_text()
        seen.back()
        assert seen.panel.verdict_text() == f"Right: {y}."
    finally:
        close(qtbot, window)


def test_a_file_whose_place_is_not_valid_opens_at_step_1_saying_why(qtbot, main_window, dialogs, tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    doc = json.loads(core.network_to_json(net))
    doc["lesson_progress"] = {"step": 3, "answered": [0, 2]}  # steps count from 1
    path = tmp_path / "edited_by_hand.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    student = open_file(qtbot, main_window, dialogs, path)
    assert not dialogs.of("critical")  # the file opens: its network and lesson are fine
    assert main_window.document.path == path
    assert student.panel.progress.text() == "Step 1 of 10"
    notice = student.panel.notice_text()
    assert "lesson_progress.answered[0]: expected a step number from 1 to 10" in notice, notice
    assert "starts at step 1" in notice
    student.next()
    assert student.panel.notice_text() == ""  # about the opening: it goes once the student goes on
