"""An Undo at the question after a "Train N steps" un-ticks that step, and the lesson sends the student back to train.

Teacher review 20 #1: guided_weight_decay trains 5 steps at step 6; at step 7 ("Where is w₀ after these 5
steps?") Ctrl+Z took the 5 steps back, but step 6 stayed "✓ done", F5 at step 6 was refused with "answer step 7
first (then train at step 8 …)", and step 8's 95 steps then trained from the saved weights (step 9's "Right:
0.219619" beside a canvas at 0.6 · 0.99⁹⁵). guided_perceptron the same with its 3 steps at step 8. The tick now
follows the undo history whatever step is open: Undo un-ticks the step, training elsewhere waits with words that
send the student Back to it, F5 there trains the N steps again; Redo ticks it again.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from core.lesson import answer
from test_lesson_edited_weight import type_on_edge
from test_lesson_error_hidden import lesson_at_step
from test_lesson_train_exact import trained, wait_until_stopped
from test_training_support import press, press_step

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def train_then_undo_at_the_next_step(qtbot, window, canvas, lesson: str, train_step: int):
    """(student, net, the weights after the step's N steps): ``lesson`` worked to its ``train_step`` (1-based),
    F5 there, Next, then Ctrl+Z at the question after it (the saved weights on the canvas again)."""
    student, net = lesson_at_step(qtbot, window, canvas, lesson, train_step)
    n = net.lesson.steps[train_step - 1].action.steps
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    after_n = window.document.network.flat.copy()
    np.testing.assert_allclose(after_n, trained(net, n), rtol=0, atol=1e-12)
    student.next()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert np.array_equal(window.document.network.flat, net.flat)
    return student, net, after_n


def test_weight_decay_undo_at_step_7_sends_the_student_back_to_train_step_6(qtbot, main_window, canvas):
    window = main_window
    student, net, _ = train_then_undo_at_the_next_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel, doc = student.panel, window.document
    student.press(Qt.Key.Key_F5)  # at step 7: refused, and the words send the student back to step 6
    said = window.statusBar().currentMessage()
    assert said.startswith("Not trained: train at step 6 first (go Back to it"), said
    assert "answer step 7" not in said and "step 8" not in said
    assert "Go Back to step 6 and train there again" in panel.notice_text()
    assert np.array_equal(doc.network.flat, net.flat)
    right = f"{answer(net.lesson.steps[6].question, net):.10g}"  # not checked against weights not on the canvas
    assert student.type_answer(right).startswith("Not checked: an Undo took the training of step 6 back")
    type_on_edge(canvas, "x", "y", 0, 0, "0.9")  # the weights step 7 asks about are to be trained, not typed
    refused = window.statusBar().currentMessage()
    assert refused.startswith("Not done: train at step 6 first (go Back to it"), refused
    assert np.array_equal(doc.network.flat, net.flat)

    student.back()  # step 6: not done, and F5 trains its 5 steps again from the saved weights
    assert "(not done yet)" in panel.action.text() and not panel.next_button.isEnabled()
    assert window.statusBar().currentMessage() != refused  # (at step 6, where it trains, the words would mislead)
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    np.testing.assert_allclose(doc.network.flat, trained(net, 5), rtol=0, atol=1e-12)
    student.next()
    assert student.type_answer(right).startswith("Right")
    student.next()  # step 8 trains 95 more: 100 in all, as step 9 asks
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    np.testing.assert_allclose(doc.network.flat, trained(net, 100), rtol=0, atol=1e-12)


def test_weight_decay_redo_at_step_7_ticks_step_6_again(qtbot, main_window, canvas):
    window = main_window
    student, net, after_5 = train_then_undo_at_the_next_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel = student.panel
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)  # Ctrl+Shift+Z: the 5 steps' weights again
    assert np.array_equal(window.document.network.flat, after_5)
    student.press(Qt.Key.Key_F5)  # training waits for step 7's answer again, as before the Undo
    assert window.statusBar().currentMessage().startswith("Not trained: answer step 7 first")
    student.back()
    assert "✓ done" in panel.action.text() and panel.next_button.isEnabled()


def test_perceptron_undo_at_step_9_unticks_step_8_and_its_3_steps_train_again(qtbot, main_window, canvas):
    window = main_window
    student, net, _ = train_then_undo_at_the_next_step(qtbot, window, canvas, "guided_perceptron", 8)
    panel, doc = student.panel, window.document
    assert "Go Back to step 8 and train there again" in panel.notice_text()  # said at the Undo, before any F5
    student.press(Qt.Key.Key_F5)
    assert window.statusBar().currentMessage().startswith("Not trained: train at step 8 first (go Back to it")
    right = f"{answer(net.lesson.steps[8].question, net):.10g}"  # 0.410975 is not "Right" beside w = 0.8
    assert student.type_answer(right).startswith("Not checked: an Undo took the training of step 8 back")
    student.back()
    assert "(not done yet)" in panel.action.text() and panel.train_button.text() == "Train 3 steps"
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    student.next()  # step 9's answer is about the weights now on the canvas
    assert student.type_answer(right).startswith("Right")
    np.testing.assert_allclose(doc.network.flat, trained(net, 3), rtol=0, atol=1e-12)


def test_weight_decay_one_of_five_f6_presses_undone_at_step_7_trains_one_more_at_step_6(qtbot, main_window, canvas):
    """Each F6 is its own undo entry: Ctrl+Z at step 7 takes the fifth press back. Back at step 6 the lesson counts
    the 4 left ("4 of 5 trained") and F5 trains the fifth, not 5 more from the 4 steps' weights."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel, doc = student.panel, window.document
    for _ in range(5):
        press_step(qtbot, window)
    qtbot.waitUntil(lambda: "✓ done" in panel.action.text(), timeout=10000)
    student.next()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    np.testing.assert_allclose(doc.network.flat, trained(net, 4), rtol=0, atol=1e-12)
    student.press(Qt.Key.Key_F5)
    assert window.statusBar().currentMessage().startswith("Not trained: train at step 6 first (go Back to it")
    student.back()
    assert "(not done yet: 4 of 5 trained)" in panel.action.text()
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    np.testing.assert_allclose(doc.network.flat, trained(net, 5), rtol=0, atol=1e-12)


def click_history_row(qtbot, student, row: int) -> None:
    """Open the Undo History tab and click its row ``row`` (0: "Start"; -1: the newest entry)."""
    view = student.window.undo_view
    student.click_tab("Undo History")
    qtbot.waitUntil(lambda: not view.visibleRegion().isEmpty())
    index = view.model().index(row % view.model().rowCount(), 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_a_click_in_the_undo_history_before_the_training_unticks_it_and_a_click_after_ticks_it(
        qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel = student.panel
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    after_5 = window.document.network.flat.copy()
    student.next()  # step 7
    click_history_row(qtbot, student, 0)  # "Start": the saved weights
    assert np.array_equal(window.document.network.flat, net.flat)
    student.press(Qt.Key.Key_F5)
    assert window.statusBar().currentMessage().startswith("Not trained: train at step 6 first (go Back to it")
    student.click_tab("Lesson")
    student.back()
    assert "(not done yet)" in panel.action.text() and not panel.next_button.isEnabled()
    click_history_row(qtbot, student, -1)  # the 5 steps' entry again
    assert np.array_equal(window.document.network.flat, after_5)
    student.click_tab("Lesson")
    assert "✓ done" in panel.action.text() and panel.next_button.isEnabled()


def test_the_refusal_said_before_the_undo_goes_with_it(qtbot, main_window, canvas):
    """F5 at step 7 said "answer step 7 first (then train at step 8 …)": once Ctrl+Z takes step 6's training back,
    those words are wrong, and they go from the status bar and the Lesson panel (which says to train step 6 again)."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    student.next()
    student.press(Qt.Key.Key_F5)
    before = window.statusBar().currentMessage()
    assert before.startswith("Not trained: answer step 7 first (then train at step 8"), before
    assert student.panel.notice_text().startswith("Training waits for step 8")
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() != before
    now = student.panel.notice_text()  # the old words went; the new ones send the student back to step 6
    assert not now.startswith("Training waits for step 8") and "Go Back to step 6 and train there again" in now, now
