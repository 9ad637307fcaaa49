"""Code review of the day's merges: (1) Ctrl+S after the lesson's training re-based its answers on the trained
network, which they then trained again: guided_weight_decay saved at step 7 asked "w₀ after 5 steps" of the
trained weights (10 steps in all), so the right answer counted as wrong; (2) after an Undo took the lesson's
training back, Check was refused but Reveal showed the after-training value beside the untrained canvas; (3) a
dataset the lesson refuses was not said where it was tried."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.lesson import answer
from test_lesson_train_undo_later import train_then_undo_at_the_next_step
from test_lesson_error_hidden import lesson_at_step
from test_lesson_train_exact import wait_until_stopped
from test_training_support import press

CTRL = Qt.KeyboardModifier.ControlModifier


def test_saving_after_the_lessons_training_keeps_its_answers(qtbot, main_window, canvas, dialogs, tmp_path):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    student.press(Qt.Key.Key_F5)  # the lesson's 5 steps
    wait_until_stopped(qtbot, student)
    student.next()
    path = tmp_path / "mine.bpnet"
    dialogs.answer("save_file", str(path))
    press(qtbot, window, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Save As (never the bundled file)
    assert path.exists() and not window.document.dirty
    right = f"{answer(net.lesson.steps[6].question, net):.10g}"  # w₀ after the lesson's 5 steps
    assert student.type_answer(right).startswith("Right"), student.panel.verdict_text()


def test_reveal_waits_too_while_an_undo_has_taken_the_training_back(qtbot, main_window, canvas):
    window = main_window
    student, net, _ = train_then_undo_at_the_next_step(qtbot, window, canvas, "guided_weight_decay", 6)
    held = f"{answer(net.lesson.steps[6].question, net):.6g}"
    student.click(student.panel.reveal_button)
    qtbot.wait(300)
    said = student.panel.verdict_text()
    assert said.startswith("Not revealed: an Undo took the training of step 6 back"), said
    assert held not in said


def test_a_dataset_the_lesson_refuses_is_said_in_the_dataset_panel(qtbot, main_window, canvas):
    """(3) At guided_weight_decay's "Train 5 steps" (step 7 asks about the weights after them), the Dataset
    panel's Apply is refused: its info line said nothing, so the student saw no effect and no reason."""
    from PySide6.QtTest import QTest
    from test_unfit_data_shows_no_loss import apply_button, dataset_panel

    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    before = window.document.network.dataset
    student.click_tab("Dataset")
    QTest.mouseClick(apply_button(window), Qt.MouseButton.LeftButton)
    assert window.document.network.dataset is before  # refused: the lesson trains on its own data
    info = dataset_panel(window).info.text()
    assert info.startswith("Not done: step 7 asks about the weights after the lesson's 5 steps"), info
