"""Renaming a layer the lesson names (F2 on the canvas) after the lesson's training keeps the lesson's start,
the student's place and answers: a rename changes no number (``desktop.lesson.renamed_start``).

Before, the rename made the trained weights the lesson's start: step 9 of guided_weight_decay (w₁ after 100
steps from 0.6: 0.6 · 0.99¹⁰⁰ = 0.2196) was marked wrong, Save wrote no ``lesson.start`` (the file's answers
were then about the trained weights too), and the answered steps were dropped.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from core.lesson_start import start_network
from lesson_support import Student
from test_editor import type_keys
from test_lesson_bundled import do_action
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


TEACHERS = {  # a teacher's lesson that never names its input layer x
    "format": "backprop-studio.network", "version": 1, "name": "one sigmoid neuron",
    "layers": [{"name": "x", "units": 1}, {"name": "h", "units": 1, "activation": "sigmoid", "bias": [0.1]},
               {"name": "y", "units": 1, "activation": "identity", "bias": [0.0]}],
    "connections": [{"from": "x", "to": "h", "weights": [[0.5]]}, {"from": "h", "to": "y", "weights": [[0.8]]}],
    "training": {"loss": "half_mse", "optimizer": {"name": "sgd", "learning_rate": 0.5}, "batch_size": 1},
    "dataset": {"inputs": [[1.0]], "targets": [[0.6]]},
    "lesson": {"version": 1, "title": "Three steps", "steps": [
        {"text": "Train", "action": {"kind": "train", "steps": 3}},
        {"text": "After three", "question": {"kind": "weight_after_steps", "source": "h", "target": "y",
                                             "j": 0, "i": 0, "step": 3, "tolerance": 0.01}}]},
}


def test_a_layer_the_lesson_does_not_name_renamed_after_training_the_save_keeps_the_start(
        qtbot, main_window, canvas, dialogs, tmp_path):
    path = tmp_path / "teacher.bpnet"
    path.write_text(json.dumps(TEACHERS), encoding="utf-8")
    net = core.load_network(path)
    window = main_window
    dialogs.answer("open_file", str(path))
    window.actions_by_name["open"].trigger()  # File → Open
    window.training.wait_for_step_0()
    student = Student(qtbot, window)
    do_action(student, canvas, net.lesson.steps[0].action)  # F5: the lesson's 3 steps
    assert window.document.network.weights["h", "y"][0, 0] != net.weights["h", "y"][0, 0]
    rename_on_canvas(canvas, qtbot, "x", "inputs")  # the lesson did not change: only the network
    assert [layer.name for layer in window.document.network.layers] == ["inputs", "h", "y"]
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    saved = core.load_network(path)
    assert saved.lesson.start is not None
    start = start_network(saved)
    assert start.weights["inputs", "h"].tolist() == net.weights["x", "h"].tolist()
    assert start.weights["h", "y"].tolist() == net.weights["h", "y"].tolist()
