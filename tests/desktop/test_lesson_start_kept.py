"""Teacher review 23 #2 and #3: a lesson has one start, the network its text is written for. Its questions, hints,
worksheet and answer key are about it, also after the student trained and saved: the file keeps the start.

guided_weight_decay saved after its "Train 100 steps" and reopened marked step 9's right answer 0.6 · 0.99¹⁰⁰ =
0.2196 wrong ("your number fits the weight as saved, before any step": the 100 steps were counted from the trained
weights), a copy of the file opened at step 2 marked the worksheet's 0.54 wrong, and `lesson FILE --answers` gave
the trained network's numbers; guided_perceptron's answer key printed after its 3 steps said y = 0.616462 where
the lesson's text says y = 0.8 · 1.5 = 1.2.
"""

from __future__ import annotations

import json
import shutil

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from core.lesson_worksheet import worksheet_dict
from core.notation import format_number
from desktop.app import create_main_window
from lesson_support import Student
from test_lesson_error_hidden import answer_up_to
from test_lesson_print import pdf_text

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def open_example(window, name: str) -> None:
    """File → Examples → ``name``, as a student opens a bundled lesson."""
    examples = window.menus["Examples"]
    examples.aboutToShow.emit()
    next(a for a in examples.actions() if a.objectName() == f"example_{name}").trigger()
    window.training.wait_for_step_0()


def new_window_opening(qtbot, dialogs, path):
    """A new window (the next day) with File → Open ``path`` (the dialog answered at its boundary)."""
    window = create_main_window(restore_layout=False)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    dialogs.answer("open_file", str(path))
    window.actions_by_name["open"].trigger()
    window.training.wait_for_step_0()
    return window


def close(qtbot, window) -> None:
    window.close()
    qtbot.wait(50)


def test_a_lesson_saved_after_its_training_asks_about_its_start_when_opened_again(qtbot, main_window, canvas,
                                                                                 dialogs, tmp_path, capsys):
    net = core.load_network(core.example_path("guided_weight_decay"))  # the lesson as written: w = (0.8, 0.6)
    window = main_window
    open_example(window, "guided_weight_decay")
    path = tmp_path / "anna.bpnet"
    dialogs.answer("save_file", str(path))
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)  # Save As first: her place is kept for her file
    assert path.exists()
    close(qtbot, window)
    window = new_window_opening(qtbot, dialogs, path)
    try:
        student = Student(qtbot, window)
        answer_up_to(student, canvas, net, 9)  # both of the lesson's trainings (5 and 100 steps) done
        QTest.keyClick(window, Qt.Key.Key_S, CTRL)
        saved_said = window.statusBar().whole_message()
        trained = window.document.network.weights["x", "y"].copy()
        assert abs(trained[0, 1] - 0.6) > 0.1  # (the canvas's network was trained: it is not the start)
    finally:
        close(qtbot, window)

    window = new_window_opening(qtbot, dialogs, path)  # the next day
    try:
        student = Student(qtbot, window)
        assert student.panel.progress.text().startswith("Step 9 of")
        right = answer(net.lesson.steps[8].question, net)  # w₁ after 100 steps from 0.6: 0.6 · 0.99¹⁰⁰
        said = student.type_answer(f"{right:.4g}")
        assert said.startswith("Right"), said
    finally:
        close(qtbot, window)

    copy = tmp_path / "for_the_next_class.bpnet"  # her trained file, worked again from step 1 (Reset Progress)
    shutil.copy(path, copy)
    window = new_window_opening(qtbot, dialogs, copy)
    try:
        student = Student(qtbot, window)
        window.actions_by_name["lesson_reset"].trigger()
        assert student.panel.progress.text().startswith("Step 1 of")
        student.next()
        note = student.panel.edit_note.property("plain") or ""  # the canvas's trained weights, said as the file's
        assert note.startswith("The canvas has the network trained"), note  # (Reset's question answered No)
        assert ("This question is about the lesson's starting weights, w[x→y][0,0] = 0.8 and w[x→y][0,1] = 0.6. "
                "Lesson → Start Again from the Lesson's Starting Weights puts them back") in note, note
        assert "Ctrl+Z" not in note and format_number(trained[0, 1], 6) not in note, note
        loss = answer(net.lesson.steps[1].question, net)  # y = 0.8 · 1.5 + 0.6 · 0 = 1.2: the worksheet's 0.54
        said = student.type_answer(f"{loss:.4g}")
        assert said.startswith("Right"), said
        student.next()
        for step in net.lesson.steps[2:5]:  # steps 3–5: the gradients and one step, from the lesson's start
            said = student.type_answer(f"{answer(step.question, net):.10g}")
            assert said.startswith("Right"), said
            student.next()
        assert student.panel.progress.text().startswith("Step 6 of")  # "Train 5 steps", from the file's weights
        note = student.panel.edit_note.property("plain") or ""
        assert note.startswith("The canvas has the network trained"), note
        assert "Lesson → Start Again from the Lesson's Starting Weights puts them back" in note, note
        assert format_number(trained[0, 1], 6) not in note, note
    finally:
        close(qtbot, window)

    from desktop.cli.lesson import main as lesson_main  # `backprop-studio lesson anna.bpnet --answers`
    capsys.readouterr()
    assert lesson_main([str(path), "--format", "json", "--answers"]) == 0
    printed = json.loads(capsys.readouterr().out)
    key = worksheet_dict(net, answers=True)
    assert [s["question"] and s["question"]["answer"] for s in printed["steps"]] == \
        [s["question"] and s["question"]["answer"] for s in key["steps"]]
    assert "the lesson's starting weights (those its text is written for) are kept in the file" in saved_said, \
        saved_said


def test_the_answer_key_printed_after_the_lessons_training_is_the_lesson_as_written(qtbot, main_window, canvas,
                                                                                   dialogs, tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    window = main_window
    open_example(window, "guided_perceptron")
    student = Student(qtbot, window)
    answer_up_to(student, canvas, net, 9)  # step 8 trained 3 steps: the canvas's w is no longer 0.8
    now = window.document.network
    y_now, y_written = answer(net.lesson.steps[1].question, now), answer(net.lesson.steps[1].question, net)
    assert format_number(y_now, 6) != format_number(y_written, 6)
    pdf = tmp_path / "key.pdf"
    dialogs.answer("save_file", str(pdf))
    window.actions_by_name["answer_key_pdf"].trigger()
    assert pdf.exists()
    said = window.statusBar().whole_message()
    text = pdf_text(pdf)
    if text is not None:
        flat = " ".join(text.split())
        assert f"= {format_number(y_written, 6)}" in flat  # Q2: y = 1.2
        assert format_number(y_now, 6) not in flat  # not the trained network's 0.616462
    assert "the lesson as written, from its starting weights" in said and "trained or edited since" in said, said
