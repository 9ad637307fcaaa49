"""Code review 22: a lesson file whose CSV was moved away was refused whole, while a plain network opened without
its data. Now the lesson opens too, at the student's place, with the same words in the Dataset panel and the
status bar; the steps that need the data say the CSV first (the Lesson panel, Check); Save keeps naming the
CSV; and Load CSV… brings the lesson's questions back.

Driven as a student meets it: the teacher's lesson with ``data.csv`` beside it, opened (File → Open), worked to
step 3 (y answered right); the CSV is moved; File → Open the lesson again.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel

import core
from core.lesson import answer
from desktop.on_screen import on_screen
from lesson_support import Student

NOTE = "data.csv was not found beside teacher.bpnet: Load CSV… again, or put it back there"


def teacher_lesson(folder):
    """guided_perceptron with its one row in ``data.csv`` beside ``teacher.bpnet`` (the CSV's name only)."""
    doc = json.loads(open(core.example_path("guided_perceptron"), encoding="utf-8").read())
    rows = zip(doc["dataset"]["inputs"], doc["dataset"]["targets"])
    (folder / "data.csv").write_text("a,t\n" + "".join(f"{x[0]},{t[0]}\n" for x, t in rows), encoding="utf-8")
    doc["dataset"] = {"csv": "data.csv", "inputs": ["a"], "targets": ["t"]}
    (folder / "teacher.bpnet").write_text(json.dumps(doc), encoding="utf-8")
    return folder / "teacher.bpnet"


def open_file(qtbot, window, dialogs, path) -> Student:
    dialogs.answer("open_file", str(path))
    window.findChild(QAction, "open").trigger()  # File → Open… (the dialog answers with the path)
    student = Student(qtbot, window)
    qtbot.waitUntil(lambda: on_screen(student.panel))
    return student


def lesson_note(window) -> str:
    label = window.findChild(QLabel, "lesson_edit_note")
    return (label.property("plain") or "") if label.isVisible() else ""


def test_a_lesson_whose_csv_was_moved_opens_at_the_students_place_and_says_the_csv_first(
        qtbot, main_window, dialogs, tmp_path, monkeypatch):
    window = main_window
    path = teacher_lesson(tmp_path)
    net = core.load_network(str(path))
    student = open_file(qtbot, window, dialogs, path)
    student.next()
    assert student.type_answer(f"{answer(net.lesson.steps[1].question, net):.10g}").startswith("Right")
    student.next()  # step 3: "Compute the loss L"
    (tmp_path / "data.csv").rename(tmp_path / "elsewhere.csv")

    window.files.new()  # another network in the window, then File → Open the lesson again
    student = open_file(qtbot, window, dialogs, path)
    assert dialogs.of("critical") == []
    doc = window.document
    assert doc.network.dataset is None and doc.network.lesson == net.lesson
    assert NOTE in window.statusBar().currentMessage()
    assert window.training.ui.dataset.info.text().startswith(NOTE)
    assert student.panel.progress.text().startswith("Step 3 of 10")  # the student's place
    assert lesson_note(window).startswith(NOTE + ". This step needs that data"), lesson_note(window)
    said = student.type_answer("0.49")
    assert said.startswith(f"Not checked: {NOTE}. This step needs that data."), said
    window.findChild(QAction, "save").trigger()  # File → Save (Ctrl+S): the lesson as it is, with its CSV's name
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["dataset"]["csv"] == "data.csv" and len(written["lesson"]["steps"]) == 10

    (tmp_path / "elsewhere.csv").rename(tmp_path / "data.csv")  # Dataset → Load CSV… the CSV again
    panel = window.training.ui.dataset
    dialogs.answer("open_file", str(tmp_path / "data.csv"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))  # a -> t
    window.panel_docks["dataset_panel"].raise_()
    qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    assert doc.network.dataset is not None and len(doc.network.dataset) == 1
    assert lesson_note(window) == ""
    assert student.type_answer(f"{answer(net.lesson.steps[2].question, net):.10g}").startswith("Right")
