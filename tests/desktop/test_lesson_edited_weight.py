"""A weight typed on the canvas while a question about the weights as saved is open (teacher review 15 #2).

guided_perceptron step 5 asks dL/dw[x→y][0,0] at the weights as saved (w = 0.8). The student double-clicks
the edge's number and types 0.5: the canvas, the heatmap and the status bar follow the new weight, the
lesson did not say a word, and the answer worked from the screen (0.75) got "Not yet … check each factor
of the product". Now the Lesson panel says what changed and what the question is about, the verdict says
the number fits the weights on the canvas, and Ctrl+Z takes both back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from core import format_number
from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press


def note_text(window) -> str:
    """The Lesson panel's note about the canvas's weights as shown ("" when hidden)."""
    label = window.findChild(QLabel, "lesson_edit_note")
    return label.text() if label is not None and label.isVisible() else ""


def type_on_edge(canvas, source: str, target: str, j: int, i: int, text: str) -> None:
    """Double-click the edge's number on the canvas, type ``text``, press Return."""
    canvas.double_click(canvas.edge_label(source, target, j, i))
    editor = canvas.view.editor
    editor.selectAll()
    canvas.qtbot.keyClicks(editor, text)
    canvas.qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_a_weight_typed_mid_question_is_said_and_an_answer_from_the_canvas_is_recognised(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 5)
    q = net.lesson.steps[4].question
    assert (q.kind, q.step) == ("dL/dw", 0)
    saved = float(net.weights[q.source, q.target][q.j, q.i])
    assert note_text(window) == ""

    type_on_edge(canvas, q.source, q.target, q.j, q.i, "0.5")
    assert window.document.network.weights[q.source, q.target][q.j, q.i] == 0.5
    qtbot.waitUntil(lambda: note_text(window) != "", timeout=3000)
    note = note_text(window)
    assert f"You changed w[{q.source}→{q.target}][{q.j},{q.i}] to 0.5" in note, note
    assert f"this question is about the lesson&#x27;s starting weight, w = {format_number(saved, 6)}" in note, note
    assert "Ctrl+Z" in note, note

    on_canvas = answer(q, window.document.network)  # the engine's answer for the weights now on the canvas
    assert not q.tolerance.accepts(on_canvas, answer(q, net))
    verdict = student.type_answer(f"{on_canvas:.10g}")
    assert verdict.startswith("Not yet."), verdict
    assert (f"your number fits the weights now on the canvas (w = 0.5), not the lesson's starting weights "
            f"(w = {format_number(saved, 6)})") in verdict, verdict
    assert "check each factor" not in verdict, verdict

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the saved weight back
    assert window.document.network.weights[q.source, q.target][q.j, q.i] == saved
    qtbot.waitUntil(lambda: note_text(window) == "", timeout=3000)
    verdict = student.type_answer(f"{on_canvas:.10g}")  # the same number, now wrong for the canvas too
    assert verdict.startswith("Not yet.") and "fits the weights now on the canvas" not in verdict, verdict
