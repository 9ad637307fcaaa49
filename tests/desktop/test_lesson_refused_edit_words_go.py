"""A refused edit's words at a guided lesson go once their reason does, and name what they are about
(teacher review 20 #6).

* guided_perceptron step 8 ("Train 3 steps"): "+ Hidden layer" is refused ("Step 9 asks about the weights after
  the lesson's 3 steps: the lesson trains them on this network …"). The red note stayed after the training was
  done, reading as if the training had been refused: it goes once the 3 steps are trained.
* step 9 ("Where is w after these 3 steps?"): a weight typed on the canvas is refused; the status bar's "Not done:
  answer step 9 first …" stayed after step 9 was answered right, into step 10: it goes with the answer. The note's
  last words name what leaving the lesson frees ("then the network and its settings are free to edit"; "they"
  read as the weights, the edge, the setting).
* guided_weight_decay step 6: unticking an edge's "present" is refused; the refusal names the edge's weight as the
  lesson writes it ("Remove edge x0 → y0 (the weight w[x→y][0,0])").
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox

from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_edited_weight import type_on_edge
from test_lesson_error_hidden import lesson_at_step
from test_lesson_trained_weights_kept import note_text, status

LEAVE = "(Closing the Lesson panel leaves the lesson; then the network and its settings are free to edit.)"


def test_a_layer_refused_before_the_lessons_training_is_not_said_once_it_is_trained(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 8)
    next(a for a in window.findChildren(QAction) if "Hidden layer" in a.text()).trigger()
    assert note_text(window).startswith("Not done: Add layer h1. Step 9 asks about the weights after the lesson's "
                                        "3 steps: the lesson trains them on this network with these settings.")
    assert note_text(window).endswith(LEAVE)
    do_action(student, canvas, net.lesson.steps[7].action)
    assert note_text(window) == ""
    assert not status(window).startswith("Not done")


def test_a_weight_refused_at_the_question_is_not_said_once_it_is_answered(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    type_on_edge(canvas, "x", "y", 0, 0, "0.9")
    refused = "Not done: answer step 9 first (it asks about the weights after the lesson's 3 steps)"
    assert status(window) == refused
    assert note_text(window) == ("Not changed: you typed 0.9 for w[x→y][0,0]. This question is about the weights after "
                                 "the lesson's 3 steps: they stay as trained until you answer it (or Reveal). " + LEAVE)
    assert student.type_answer(f"{answer(net.lesson.steps[8].question, net):.6g}").startswith("Right")
    assert status(window) != refused
    assert note_text(window) == ""
    student.next()
    assert status(window) != refused


def test_a_removed_edge_refused_is_named_by_its_weight(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    canvas.click(canvas.edge_label("x", "y", 0, 0))
    qtbot.wait(100)
    present = next(b for b in window.findChildren(QCheckBox) if b.text() == "present" and b.isVisible())
    present.click()
    student.click_tab("Lesson")
    assert note_text(window).startswith("Not done: Remove edge x0 → y0 (the weight w[x→y][0,0]). Step 7 asks about "
                                        "the weights after the lesson's 5 steps"), note_text(window)
    assert window.document.network.masks.get(("x", "y")) is None or window.document.network.masks["x", "y"][0, 0]
