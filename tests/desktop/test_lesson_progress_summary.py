"""Lesson → Progress Summary…: a teacher who opens a student's file sees each step's outcome on one page (review
23b #6), without moving the student's place.

The student (guided_perceptron from File → Examples): step 2's y typed wrong (2.4), then right; step 3's loss typed
wrong twice (0.5, 0.7), then revealed; step 4's edge selected; Next to step 5, where 2 is typed and not checked; File → Save As. The
teacher, on another computer (no settings of the student's), opens the file (File → Open) and chooses Lesson →
Progress Summary…. Before, the only way to see the answers was stepping Back through the lesson, which moved the
student's place (and a Ctrl+S wrote it into the student's file), and the wrong tries were shown nowhere.
"""

from __future__ import annotations

import json

from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import core
from core.lesson import answer
from desktop.files import app_settings
from desktop.lesson.panel import number_text
from desktop.lesson.progress import SETTINGS_GROUP
from test_lesson_bundled import do_action
from test_lesson_progress_in_file import close, new_window, open_example, open_file, save_as


def table_cells(dialog) -> list[list[str]]:
    """The summary's table, cell by cell (row 0: the headings), as the page shows it."""
    doc = dialog.page.document()
    block = doc.begin()
    while block.isValid() and QTextCursor(block).currentTable() is None:
        block = block.next()
    table = QTextCursor(block).currentTable()
    assert table is not None, dialog.plain_text()

    def cell(r: int, c: int) -> str:
        cursor = table.cellAt(r, c).firstCursorPosition()
        cursor.setPosition(table.cellAt(r, c).lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()

    return [[cell(r, c) for c in range(table.columns())] for r in range(table.rows())]


def test_the_summary_shows_each_step_and_the_wrong_tries_and_moves_nothing(qtbot, main_window, dialogs, canvas,
                                                                          tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    student = open_example(qtbot, main_window, "guided_perceptron")
    student.next()
    y = number_text(answer(net.lesson.steps[1].question, net))
    assert student.type_answer("2.4").startswith("Not yet")
    assert student.type_answer(y) == f"Right: {y}."
    student.next()
    for wrong in ("0.5", "0.7"):
        assert student.type_answer(wrong).startswith("Not yet")
    assert student.reveal().startswith("The answer is")
    student.next()
    do_action(student, canvas, net.lesson.steps[3].action)  # step 4: select the edge
    student.next()
    QTest.keyClicks(student.panel.answer, "2")  # typed at step 5, not checked
    path = tmp_path / "anna.bpnet"
    save_as(main_window, dialogs, path)
    close(qtbot, main_window)
    written = json.loads(path.read_text(encoding="utf-8"))["lesson_progress"]

    settings = app_settings()
    settings.remove(SETTINGS_GROUP)  # the teacher's computer
    settings.sync()
    window = new_window(qtbot)
    try:
        teacher = open_file(qtbot, window, dialogs, path)
        assert teacher.panel.progress.text() == "Step 5 of 10"
        window.actions_by_name["lesson_summary"].trigger()
        QApplication.instance().processEvents()
        cells = table_cells(window.progress_summary)
        assert cells[0] == ["Step", "Asks", "How it went", "Wrong answers typed"]
        rows = {int(row[0]): row[1:] for row in cells[1:]}
        assert sorted(rows) == list(range(1, 11))
        assert rows[2] == ["the output y", f"right at try 2: {y}", "2.4"]
        assert rows[3] == ["the loss L", "revealed after 2 wrong tries", "0.5, 0.7"]
        assert rows[4] == ["(no question) Select the edge w[x→y][0,0]", "done", ""]
        assert rows[5] == ["dL/dw[x→y][0,0]", "open (the student's step)", "in the box, not checked: 2"]
        assert [rows[k][1] for k in range(6, 11)] == ["not reached"] * 5
        page = window.progress_summary.plain_text()
        assert "The student's step: Step 5 of 10. Of 5 questions: 1 answered right, 1 revealed, 1 reached and not answered yet, 2 not reached." in page

        # reading the summary moved nothing: the panel, the title and the file's place as the student left them
        assert teacher.panel.progress.text() == "Step 5 of 10" and teacher.panel.answer.text() == "2"
        assert not window.isWindowModified()
        window.actions_by_name["save"].trigger()
        assert json.loads(path.read_text(encoding="utf-8"))["lesson_progress"] == written
    finally:
        close(qtbot, window)
