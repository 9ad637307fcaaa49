"""Layers, edges and training settings stay while a question asks about the weights the lesson's training
leaves (the edit gate's refusal, as for a typed weight).

guided_perceptron step 9 asks "Where is w after these 3 steps?", guided_weight_decay step 9 "w₁ after 100 steps".
The toolbar's "+ Hidden layer", the Delete key on the held edge and the Inspector's "Edge present" went in
unsaid: the run started again over a network other than the one the answer is computed from, and "+ Hidden
layer" left two output layers. At a "Train N steps" before the question, the toolbar's learning rate typed
there trained the lesson's steps at another rate than the answer's. Now each is refused where it was tried (the
status bar) and said in the Lesson panel; the box or tick shows the document's value again, and Undo works.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolBar

from test_inspector import type_into
from test_lesson_error_hidden import lesson_at_step
from test_lesson_trained_weights_kept import note_text, status
from test_redo_brings_the_run_back import counters


def hidden_layer_button(window):
    """The toolbar button "+ Hidden layer"."""
    return window.palette_buttons["hidden"]


@pytest.mark.parametrize("lesson, step, steps", [("guided_perceptron", 9, 3), ("guided_weight_decay", 9, 100)])
def test_a_hidden_layer_added_at_a_question_about_the_trained_weights_is_refused_and_said(qtbot, main_window, canvas,
                                                                                        lesson, step, steps):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, lesson, step)
    doc = window.document
    trained, layers, entries, ran = doc.network.flat.copy(), len(doc.network.layers), doc.undo_stack.count(), counters(window)
    qtbot.mouseClick(hidden_layer_button(window), Qt.MouseButton.LeftButton)
    assert len(doc.network.layers) == layers and (doc.network.flat == trained).all()
    assert doc.undo_stack.count() == entries
    assert status(window).startswith(f"Not done: answer step {step} first (it asks about the weights after the "
                                     f"lesson's {steps} steps)"), status(window)
    note = note_text(window)
    assert note.startswith("Not done: Add layer h"), note
    assert f"This question is about the weights after the lesson's {steps} steps: the network stays as trained until " \
           "you answer it (or Reveal)." in note, note
    assert note.endswith("then the network and its settings are free to edit.)"), note  # not "they", the weights
    qtbot.wait(100)  # what a change would have set off: a new run's step 0
    assert counters(window) == ran
    doc.undo_stack.undo()  # Undo still works: the lesson's last run goes back
    assert not (doc.network.flat == trained).all()


def test_the_held_edge_deleted_or_unticked_in_the_inspector_stays(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    doc = window.document
    trained = doc.network.flat.copy()
    canvas.click(canvas.edge_point("x", "y", 0, 0, 0.3))
    assert window.inspector.current_page() is window.inspector.edge_page
    canvas.key(Qt.Key.Key_Delete)
    assert doc.network.edge_enabled("x", "y", 0, 0) and (doc.network.flat == trained).all()
    assert note_text(window).startswith("Not done: Remove edge "), note_text(window)
    window.statusBar().clearMessage()
    student.click_tab("Inspector")  # (the Lesson stays in front at a question)
    page = window.inspector.edge_page
    assert page.present.isVisible() and page.present.isChecked()
    qtbot.mouseClick(page.present, Qt.MouseButton.LeftButton, pos=QPoint(8, page.present.height() // 2))  # its box
    assert doc.network.edge_enabled("x", "y", 0, 0) and (doc.network.flat == trained).all()
    assert page.present.isChecked()  # the tick shows the document's edge again
    assert status(window).startswith("Not done: answer step 9 first"), status(window)
    assert note_text(window).startswith("Not done: Remove edge x0 → y0 (the weight w[x→y][0,0]). This question is about"), note_text(window)


def test_a_learning_rate_typed_at_the_train_step_before_its_training_is_refused(qtbot, main_window, canvas):
    """guided_weight_decay step 6 trains 5 steps for step 7's "w₀ after 5 steps" at the lesson's rate 0.1."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    assert net.lesson.steps[5].action.kind == "train"
    rate = net.training.optimizer.learning_rate
    box = window.findChild(QToolBar, "training_toolbar").learning_rate
    type_into(qtbot, box, "0.5")
    assert window.document.network.training.optimizer.learning_rate == rate
    assert box.value() == rate  # the box shows the rate the lesson trains with again
    assert status(window).startswith("Not done: step 7 asks about the weights after the lesson's 5 steps"), \
        status(window)
    assert note_text(window).startswith("Not done: Set learning rate to "), note_text(window)
    assert "Step 7 asks about the weights after the lesson's 5 steps: the lesson trains them on this network with " \
           "these settings." in note_text(window), note_text(window)


def test_once_trained_the_learning_rate_is_free_and_before_the_lessons_training_so_is_a_layer(qtbot, main_window,
                                                                                             canvas):
    """At guided_perceptron step 9 the lesson's 3 steps are done: the rate changes no answer. At step 5 (about
    the weights as saved) nothing is trained yet: the layers are the student's to explore."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    box = window.findChild(QToolBar, "training_toolbar").learning_rate
    type_into(qtbot, box, "0.5")
    assert window.document.network.training.optimizer.learning_rate == 0.5
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 5)
    layers = len(window.document.network.layers)
    qtbot.mouseClick(hidden_layer_button(window), Qt.MouseButton.LeftButton)
    assert len(window.document.network.layers) == layers + 1
