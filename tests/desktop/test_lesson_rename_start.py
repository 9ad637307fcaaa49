"""Renaming a layer the lesson names (F2 on the canvas) after the lesson's training keeps the lesson's start,
the student's place and answers: a rename changes no number (``desktop.lesson.renamed_start``).

Before, the rename made the trained weights the lesson's start: step 9 of guided_weight_decay (w₁ after 100
steps from 0.6: 0.6 · 0.99¹⁰⁰ = 0.2196) was marked wrong, Save wrote no ``lesson.start`` (the file's answers
were then about the trained weights too), and the answered steps were dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from core.lesson_start import start_network
from lesson_support import Student
from test_editor import type_keys
from test_lesson_error_hidden import answer_up_to
from test_lesson_start_kept import CTRL, SHIFT, close, new_window_opening, open_example


def rename_on_canvas(canvas, qtbot, old: str, new: str) -> None:
    """Click-select layer ``old``, F2, type ``new`` and Enter, as a teacher renames a layer."""
    canvas.scene.layer_items[old].setSelected(True)
    canvas.key(Qt.Key.Key_F2)
    editor = canvas.view.editor
    editor.selectAll()
    type_keys(qtbot, editor, f"{new}\n")


def test_a_layer_renamed_after_the_lessons_training_keeps_its_start_place_and_answers(qtbot, main_window, canvas,
                                                                                      dialogs, tmp_path):
    net = core.load_network(core.example_path("guided_weight_decay"))  # the lesson as written: w = (0.8, 0.6)
    window = main_window
    open_example(window, "guided_weight_decay")
    path = tmp_path / "renamed.bpnet"
    dialogs.answer("save_file", str(path))
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    student = Student(qtbot, window)
    answer_up_to(student, canvas, net, 9)  # both of the lesson's trainings (5 and 100 steps) done
    assert abs(window.document.network.weights["x", "y"][0, 1] - 0.6) > 0.1  # the canvas's weights are trained

    rename_on_canvas(canvas, qtbot, "y", "out")
    assert [layer.name for layer in window.document.network.layers] == ["x", "out"]
    assert student.panel.progress.text().startswith("Step 9 of")
    right = answer(net.lesson.steps[8].question, net)  # from the lesson's start, not the trained weights
    said = student.type_answer(f"{right:.4g}")
    assert said.startswith("Right"), said
    student.back()  # the "Train 95 steps" done before the rename is still done: Next goes on
    student.next()
    assert student.panel.progress.text().startswith("Step 9 of")
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)

    saved = core.load_network(path)
    assert saved.lesson.start is not None
    start = start_network(saved)
    assert start.weights["x", "out"].tolist() == net.weights["x", "y"].tolist()
    close(qtbot, window)

    window = new_window_opening(qtbot, dialogs, path)  # the next day
    try:
        student = Student(qtbot, window)
        assert student.panel.progress.text().startswith("Step 9 of")
        student.back()
        student.back()  # step 7: w₀ after 5 steps from the start, answered before the rename
        assert student.panel.progress.text().startswith("Step 7 of")
        said = student.panel.verdict_text()  # the answer typed then, still marked
        assert said.startswith(f"Right: {core.format_number(answer(net.lesson.steps[6].question, net), 6)}"), said
    finally:
        close(qtbot, window)
