"""A weight typed while a question asks about the weights after the lesson's training (teacher review 17 #2).

guided_perceptron step 9 asks "Where is w after these 3 steps?" (guided_weight_decay step 7: after 5). The student
double-clicked the edge's "?" and typed 0.9: the label kept its "?", so the number typed was nowhere; the run
started again ("Epoch 0 · Step 0", the Loss legend's "run 1: the same settings" over an empty plot) while the
question still said "after 3 training steps"; the Lesson panel said nothing, and Ctrl+Z was not offered. Now
the weights stay as the lesson's steps left them until the question is answered or revealed: the edit is
refused where it was typed (the editor closes, the edge keeps its "?", the status bar says why) and the Lesson panel says
what was typed and what the question is about. Reset is refused the same way; once the question is answered
the weights are free to edit.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QToolBar

from core import format_number
from core.lesson import answer
from test_lesson_edited_weight import type_on_edge
from test_lesson_error_hidden import lesson_at_step
from test_redo_brings_the_run_back import counters
from window_texts import painted_texts


def note_text(window) -> str:
    """The Lesson panel's red note about the canvas's weights, as plain text ("" when hidden)."""
    label = window.findChild(QLabel, "lesson_edit_note")
    return (label.property("plain") or "") if label.isVisible() else ""


def status(window) -> str:
    return window.statusBar().currentMessage()


@pytest.mark.parametrize("lesson, step", [("guided_perceptron", 9), ("guided_weight_decay", 7)])
def test_a_weight_typed_on_a_held_edge_after_the_lessons_steps_is_refused_and_said(qtbot, main_window, canvas,
                                                                                   lesson, step):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, lesson, step)
    q = net.lesson.steps[step - 1].question
    assert q.kind == "weight_after_steps" and q.step > 0
    held = answer(q, net)
    trained = window.document.network.flat.copy()
    entries = window.document.undo_stack.count()
    ran = counters(window)
    assert ran.startswith(f"Epoch {q.step} · Step {q.step}"), ran

    type_on_edge(canvas, q.source, q.target, q.j, q.i, "0.9")
    assert (window.document.network.flat == trained).all()  # the trained weights stay
    assert window.document.undo_stack.count() == entries
    # review 18 #5: the editor kept "0.9" in red on the held edge, which then looked as if it held 0.9; it closes,
    # and the edge shows what it holds, "?" (the status bar and the Lesson panel say what was not taken)
    editor = canvas.view.editor
    assert editor is None or not editor.isVisible()
    assert window.canvas.edge_item(q.source, q.target, q.j, q.i).label_text() == "?"
    assert "0.9" not in [t for t in painted_texts(window.canvas.scene())]
    said = status(window)
    assert said.startswith(f"Not done: answer step {step} first (it asks about the weights after the lesson's "
                           f"{q.step} steps)"), said
    note = note_text(window)
    label = f"w[{q.source}→{q.target}][{q.j},{q.i}]"
    assert note.startswith(f"Not changed: you typed 0.9 for {label}. This question is about the weights after "
                           f"the lesson's {q.step} steps: they stay as trained until you answer it (or Reveal)."), note
    assert all(format_number(held, d) not in note for d in (3, 4, 6)), note  # the answer stays held
    qtbot.wait(100)  # what a change would have set off: a new run's step 0 and a compared run
    assert counters(window) == ran
    assert not window.training.ui.loss.runs


def test_reset_is_refused_while_the_question_holds_the_trained_weights(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    trained = window.document.network.flat.copy()
    toolbar = window.findChild(QToolBar, "training_toolbar")
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.reset_action), Qt.MouseButton.LeftButton)
    assert (window.document.network.flat == trained).all()
    assert status(window).startswith("Not done: answer step 9 first"), status(window)
    assert note_text(window).startswith("Not done: Reset weights. This question is about the weights after the "
                                        "lesson's 3 steps"), note_text(window)
    assert counters(window).startswith("Epoch 3 · Step 3"), counters(window)


def test_once_the_question_is_answered_the_weight_is_typed_in(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    q = net.lesson.steps[8].question
    type_on_edge(canvas, q.source, q.target, q.j, q.i, "0.9")
    assert note_text(window).startswith("Not changed: you typed 0.9")
    QTest.keyClick(canvas.view.editor, Qt.Key.Key_Escape)
    assert student.type_answer(f"{answer(q, net):.10g}").startswith("Right")
    assert note_text(window) == ""  # the refusal's words went with the question
    type_on_edge(canvas, q.source, q.target, q.j, q.i, "0.9")
    assert window.document.network.weights[q.source, q.target][q.j, q.i] == 0.9
    assert note_text(window) == ""


def test_at_the_train_step_before_the_question_the_refusal_names_the_question_not_an_answer(qtbot, main_window,
                                                                                            canvas):
    """guided_weight_decay step 8 trains 95 more steps for step 9's "w₁ after 100 steps": step 9 cannot be
    answered yet, so the words do not ask for it."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 8)
    q = net.lesson.steps[8].question
    assert q.step == 100 and net.lesson.steps[7].action.kind == "train"
    trained = window.document.network.flat.copy()
    type_on_edge(canvas, q.source, q.target, q.j, q.i, "0.9")
    assert (window.document.network.flat == trained).all()
    assert status(window).startswith("Not done: step 9 asks about the weights after the lesson's 100 steps: only "
                                     "the lesson's training changes them until then"), status(window)
    assert note_text(window).startswith(f"Not changed: you typed 0.9 for w[{q.source}→{q.target}][{q.j},{q.i}]. "
                                        "Step 9 asks about the weights after the lesson's 100 steps"), note_text(window)


@pytest.mark.parametrize("lesson, step", [("guided_weight_decay", 6), ("guided_perceptron", 8)])
def test_a_weight_typed_at_the_train_step_before_training_is_refused(qtbot, main_window, canvas, lesson, step):
    """Review 18 #2: typed at the "Train N steps" before its training, 0.9 went in unsaid; the lesson's steps
    then started from it, while the next question (and the answer checked) is about training from the saved
    weights."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, lesson, step)
    assert net.lesson.steps[step - 1].action.kind == "train"
    saved = window.document.network.flat.copy()
    type_on_edge(canvas, "x", "y", 0, 0, "0.9")
    assert (window.document.network.flat == saved).all()
    assert status(window).startswith(f"Not done: step {step + 1} asks about the weights after the lesson's "), \
        status(window)
    assert note_text(window).startswith("Not changed: you typed 0.9 for w[x→y][0,0]."), note_text(window)
