"""Teacher review 23b #1, #2, #4: a lesson file saved after its training, worked again from step 1.

guided_weight_decay trained 100 steps and saved (its lesson keeps the start, w = 0.8, 0.6), opened on another
computer, Lesson → Reset Progress: step 6's "Train 5 steps" trained on from the trained weights and step 7 said
"Not yet" to the 0.3478 the lesson's text works out (#1); the notes called w = 0.8, 0.6 "the weights as saved" in a
file that saved 0.3261, 0.2196 (#2); step 2's canvas and red note showed 0.326087 and 0.219619, step 9's answer,
and the loss shown after answering step 2 was the trained network's (#4).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

import core
from core.lesson import answer
from core.notation import format_number
from desktop.cli.train import main as train_main
from lesson_support import Student
from test_lesson_bundled import do_action
from test_lesson_spoilers import numbers_on_screen, written
from test_lesson_trained_weights_kept import note_text
from window_texts import window_texts

CTRL = Qt.KeyboardModifier.ControlModifier
MENU = "Lesson → Start Again from the Lesson's Starting Weights"


@pytest.fixture
def trained_file(tmp_path):
    """guided_weight_decay trained 100 steps and saved (`backprop-studio train … --steps 100 --out`): its lesson
    keeps the start; the file's network is the trained one."""
    out = tmp_path / "anna.bpnet"
    assert train_main([str(core.example_path("guided_weight_decay")), "--steps", "100", "--out", str(out)]) == 0
    return out


def open_file(qtbot, window, dialogs, path) -> Student:
    window.resize(1024, 700)
    dialogs.answer("open_file", str(path))
    window.actions_by_name["open"].trigger()  # File → Open, the dialog answered at its boundary
    window.training.wait_for_step_0()
    return Student(qtbot, window)


def reset_progress(window, dialogs, reply) -> None:
    """Lesson → Reset Progress, the question asked answered with ``reply``."""
    asked = len(dialogs.of("question"))
    dialogs.answer("question", reply)
    window.actions_by_name["lesson_reset"].trigger()
    assert len(dialogs.of("question")) == asked + 1, "Reset Progress did not ask about the lesson's starting weights"


def answer_steps(student, net, last: int) -> None:
    """Steps 2 to ``last`` − 1 (1-based) answered with the lesson's own numbers, each then left with Next."""
    for k in range(1, last - 1):
        q = net.lesson.steps[k].question
        said = student.type_answer(f"{answer(q, net):.10g}")
        assert said.startswith("Right"), (k + 1, said)
        student.next()


def test_reset_progress_puts_the_lessons_starting_weights_back_and_step_7_takes_the_texts_answer(
        qtbot, main_window, canvas, dialogs, trained_file):
    net = core.load_network(core.example_path("guided_weight_decay"))  # the lesson as written: w = 0.8, 0.6
    trained = core.load_network(trained_file).weights["x", "y"].copy()
    window = main_window
    student = open_file(qtbot, window, dialogs, trained_file)
    reset_progress(window, dialogs, QMessageBox.StandardButton.Yes)
    assert window.document.network.weights["x", "y"].tolist() == [[0.8, 0.6]]
    assert student.panel.progress.text().startswith("Step 1 of")
    student.next()
    answer_steps(student, net, 6)
    assert student.panel.progress.text().startswith("Step 6 of")
    assert note_text(window) == ""  # the lesson's 5 steps start from the lesson's starting weights
    do_action(student, canvas, net.lesson.steps[5].action)
    student.next()
    q7 = net.lesson.steps[6].question  # w₀ after 5 steps: 0.8 − (0.8 − w₀*) · (1 − 0.54⁵)
    said = student.type_answer(f"{answer(q7, net):.4g}")
    assert said.startswith("Right"), said
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)  # the 5 steps
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)  # the lesson's starting weights put back: the trained ones again
    assert window.document.network.weights["x", "y"].tolist() == trained.tolist()


def test_the_step_6_note_names_the_way_back_and_the_menu_takes_it_keeping_the_answers(
        qtbot, main_window, canvas, dialogs, trained_file):
    net = core.load_network(core.example_path("guided_weight_decay"))
    trained = core.load_network(trained_file).weights["x", "y"]
    window = main_window
    student = open_file(qtbot, window, dialogs, trained_file)
    reset_progress(window, dialogs, QMessageBox.StandardButton.No)  # the canvas kept as it is
    student.next()
    answer_steps(student, net, 6)
    note = note_text(window)
    assert note.startswith("The canvas has the network trained 100 steps after the lesson's start"), note
    assert MENU in note and "w[x→y][0,0] = 0.8 and w[x→y][0,1] = 0.6" in note, note
    for value in trained.ravel():  # 0.326087, 0.219619 (step 9's answer): not said
        assert not written(value) & set(note.replace(")", " ").replace(",", " ").split()), note
    window.actions_by_name["lesson_start_again"].trigger()
    assert window.document.network.weights["x", "y"].tolist() == [[0.8, 0.6]]
    assert student.panel.progress.text().startswith("Step 6 of")  # the answers of steps 2–5 (about the start) kept
    assert note_text(window) == ""
    do_action(student, canvas, net.lesson.steps[5].action)
    student.next()
    said = student.type_answer(f"{answer(net.lesson.steps[6].question, net):.4g}")
    assert said.startswith("Right"), said


def test_declining_the_start_leaves_no_later_answer_on_screen_at_step_2(qtbot, main_window, dialogs, trained_file):
    net = core.load_network(core.example_path("guided_weight_decay"))
    file_net = core.load_network(trained_file)
    window = main_window
    student = open_file(qtbot, window, dialogs, trained_file)
    reset_progress(window, dialogs, QMessageBox.StandardButton.No)
    student.next()  # step 2: the loss at the lesson's starting weights
    spoilers = set()
    for value in [*file_net.weights["x", "y"].ravel(), file_net.forward(file_net.dataset.inputs)[0, 0]]:
        spoilers |= written(value)  # w₀, w₁ (step 9's answer) and y of the trained network
    trained_loss = file_net.loss_and_gradients(file_net.dataset.inputs, file_net.dataset.targets)[0]
    assert not spoilers & numbers_on_screen(qtbot, window), spoilers & numbers_on_screen(qtbot, window)
    note = note_text(window)
    assert note.startswith("The canvas has the network trained 100 steps after the lesson's start"), note
    said = student.type_answer(f"{answer(net.lesson.steps[1].question, net):.4g}")  # 0.54
    assert said.startswith("Right"), said
    shown = numbers_on_screen(qtbot, window)
    assert not spoilers & shown, spoilers & shown
    assert not written(trained_loss) & shown, f"the trained network's loss {trained_loss} shown as if asked"


def test_the_lessons_start_has_one_name_in_a_trained_file(qtbot, main_window, dialogs, trained_file, tmp_path):
    net = core.load_network(core.example_path("guided_weight_decay"))
    window = main_window
    student = open_file(qtbot, window, dialogs, trained_file)
    reset_progress(window, dialogs, QMessageBox.StandardButton.No)
    student.next()
    assert "one sample and starting weights;" in student.panel.question.text(), student.panel.question.text()
    assert student.type_answer(f"{answer(net.lesson.steps[1].question, net):.4g}").startswith("Right")
    student.next()
    student.back()  # step 2 again, answered: the verdict says which weights its number is about
    assert "(at the lesson's starting weights;" in student.panel.verdict_text(), student.panel.verdict_text()
    texts = " ".join(window_texts(window))
    assert "as saved" not in texts and "(saved " not in texts, texts
    pdf = tmp_path / "key.pdf"
    dialogs.answer("save_file", str(pdf))
    window.actions_by_name["answer_key_pdf"].trigger()
    from test_lesson_print import pdf_text

    text = pdf_text(pdf)
    if text is not None:
        flat = " ".join(text.split())
        assert "the lesson's one sample and starting weights" in flat and "as saved" not in flat, flat
        assert f"= {format_number(answer(net.lesson.steps[1].question, net), 6)}" in flat


def test_reset_progress_after_training_in_the_window_keeps_the_trained_weights_back_too(qtbot, main_window, canvas,
                                                                                        dialogs):
    """The same in one session: the lesson trained to step 9, Reset Progress answered No: step 2's canvas does not
    show the trained w₁ (step 9's answer), and the note does not say it."""
    from test_lesson_error_hidden import lesson_at_step

    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 9)
    w1 = float(window.document.network.weights["x", "y"][0, 1])
    assert abs(w1 - 0.6) > 0.1  # (trained)
    reset_progress(window, dialogs, QMessageBox.StandardButton.No)
    student.next()
    shown = numbers_on_screen(qtbot, window)
    assert not written(w1) & shown, written(w1) & shown
    note = note_text(window)
    assert note.startswith("The canvas has the network trained 100 steps after the lesson's start"), note
    assert MENU in note and format_number(w1, 6) not in note, note
