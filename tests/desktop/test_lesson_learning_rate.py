"""The toolbar's learning rate never silently overrides a guided lesson's (teacher review 13 #8).

The review: at guided_perceptron step 6 ("with lr = 0.1, what is w after this one step?") a student who had
typed 0.5 into the toolbar's Learning rate while exploring got "Right: 0.59" (the lesson checks with its 0.1),
then step 7 ("Check it in the app: step through … until the update") showed w = −0.25, computed with 0.5, and
nothing on screen said that the two rates differ. Now a step that uses the learning rate sets the window's to
the lesson's as it opens (one undoable command), and while the two differ at such a step the Lesson panel
says so in red.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from test_lesson_error_hidden import lesson_at_step
from test_training_support import press, press_f8_to


def type_learning_rate(qtbot, window, text: str) -> None:
    """Type ``text`` into the toolbar's Learning rate box and press Enter, as a student does."""
    box = window.findChild(QWidget, "toolbar_learning_rate")
    line = box.lineEdit()
    box.setFocus()
    line.selectAll()
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.network.training.optimizer.learning_rate == float(text), timeout=5000)


def window_rate(window) -> float:
    return window.document.network.training.optimizer.learning_rate


def test_a_step_that_uses_the_rate_takes_the_lessons_and_says_when_the_toolbars_differs(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 5)
    lesson_rate = net.training.optimizer.learning_rate
    assert lesson_rate == 0.1
    type_learning_rate(qtbot, window, "0.5")  # exploring, at step 5 (dL/dw: no learning rate in it)
    assert window_rate(window) == 0.5  # a step that does not use the rate leaves the student's
    assert student.type_answer("2.1").startswith("Right")

    student.next()  # step 6: w after one step with lr = 0.1
    assert window_rate(window) == lesson_rate
    note = student.panel.rate_note
    box = window.findChild(QWidget, "toolbar_learning_rate")
    assert box.value() == lesson_rate  # the toolbar shows the rate the step uses
    assert "Learning rate set to this lesson's 0.1 (it was 0.5)" in window.statusBar().currentMessage()
    assert not note.isVisible()

    type_learning_rate(qtbot, window, "0.5")  # the student changes it again on this step: the panel says so
    qtbot.waitUntil(note.isVisible, timeout=5000)
    words = note.property("plain")
    assert "learning rate 0.5 differs from this lesson's 0.1" in words and "the Update and training in the window use 0.5" in words
    assert student.type_answer("0.59").startswith("Right")  # the lesson's answer stays the lesson's

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the 0.5: back to 0.1
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=5000)
    type_learning_rate(qtbot, window, "0.5")
    student.next()  # step 7: "Check it in the app": the step-through's Update uses the lesson's rate
    assert window_rate(window) == lesson_rate and not note.isVisible()
    press_f8_to(qtbot, window, "update")
    trace = window.view_state.stepping.trace
    assert trace.learning_rate == lesson_rate
    assert abs(float(trace.weights("x", "y", "updated")[0, 0]) - 0.59) < 1e-12  # the answer just accepted
