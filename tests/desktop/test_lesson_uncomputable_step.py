"""guided_perceptron: "+ Hidden layer" at step 6 (a question about the weights as saved: allowed), answered,
then Next to step 7, "Step through … until the Update phase". The new layer h1 is not connected, so the
network cannot compute and F8 does nothing. The Lesson panel said nothing and the reason was only in a status
bar cut off at 1024 px (teacher review 20 #3): the panel now names the problem and the way back, F8 says it
again in words that fit, and Ctrl+Z takes the layer back and lets F8 step through."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press, press_f8_to


def test_a_layer_left_unconnected_is_named_at_the_step_through_with_the_way_back(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 6)
    add = next(a for a in window.findChildren(QAction) if "Hidden layer" in a.text())
    add.trigger()  # the toolbar's "+ Hidden layer"
    assert student.type_answer(f"{answer(net.lesson.steps[5].question, net):.6g}").startswith("Right")
    student.next()
    assert student.step_index() == 6 and net.lesson.steps[6].action.kind == "step_through"
    note = student.panel.edit_note
    assert note.isVisible()
    said = note.property("plain")
    assert "cannot compute: h1 is not connected" in said and "Undo (Ctrl+Z) takes the layer back" in said, said

    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: "Ctrl+Z" in window.statusBar().currentMessage(), timeout=5000)
    message = window.statusBar().currentMessage()
    assert message == "Not done: the network cannot compute (h1 is not connected). Undo (Ctrl+Z) takes the layer back."
    assert window.view_state.stepping is None

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [layer.name for layer in window.document.network.layers] == [layer.name for layer in net.layers]
    assert note.isHidden()
    press_f8_to(qtbot, window, "forward")


def test_a_card_dragged_after_the_new_layer_does_not_become_the_way_back(qtbot, main_window, canvas):
    """Review 22, finding 12: after "+ Hidden layer" and a drag of its card, the note said 'Undo takes back
    “Move h1”', which only moved h1 back; the edit to undo is the layer's, two Ctrl+Z away."""
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 6)
    add = next(a for a in window.findChildren(QAction) if "Hidden layer" in a.text())
    add.trigger()  # the toolbar's "+ Hidden layer"
    item = canvas.scene.layer_items["h1"]
    grab = item.mapToScene(QPointF(0, item.card_rect().bottom() - 3))  # the card's border: a drag moves it
    canvas.drag(grab, grab + QPointF(40, 60), steps=8)
    assert window.document.undo_stack.text(window.document.undo_stack.index() - 1) == "Move h1"
    assert student.type_answer(f"{answer(net.lesson.steps[5].question, net):.6g}").startswith("Right")
    student.next()
    said = student.panel.edit_note.property("plain")
    assert "Undo (Ctrl+Z) twice takes back “Add layer h1” and the edit after it." in said, said

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [layer.name for layer in window.document.network.layers] == [layer.name for layer in net.layers]
    assert student.panel.edit_note.isHidden()
