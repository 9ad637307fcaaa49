"""The lesson's "Train N steps" ends: its weights reach the window, and the question after it asks one of them.
The Inspector in front with that weight selected drew it (guided_weight_decay step 7's answer 0.347847) for a
frame, before the lesson counted the run's steps and held the weights back (teacher review 20 #0). The hold
now starts with the run: no paint of the Inspector ever shows the answer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit

from core.lesson import answer
from desktop.on_screen import on_screen
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written


class PaintedTexts(QObject):
    """Records the text of every paint of the line edits it watches."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and hasattr(obj, "text") and callable(obj.text):
            self.texts.append(obj.text())
        return False


def test_the_trained_weight_is_never_painted_before_its_question(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    step = net.lesson.steps[5]
    assert step.action.kind == "train"
    held = [answer(s.question, net) for s in net.lesson.steps[6:] if s.question is not None and s.question.step > 0]
    assert held
    canvas.click(canvas.edge_label("x", "y", 0, 0))
    qtbot.waitUntil(lambda: getattr(window.view_state.selection, "kind", None) == "edge", timeout=5000)
    student.click_tab("Inspector")
    qtbot.waitUntil(lambda: on_screen(window.inspector), timeout=5000)
    boxes = [w for kind in (QLineEdit, QAbstractSpinBox, QLabel) for w in window.inspector.findChildren(kind)]
    watch = PaintedTexts()
    for box in boxes:
        box.installEventFilter(watch)
    try:
        student.press(Qt.Key.Key_F5)  # the lesson's 5 steps
        qtbot.waitUntil(lambda: step.action.steps <= window.lesson_guide.observer.steps_trained
                        and not window.training.running, timeout=30000)
        qtbot.wait(200)
    finally:
        for box in boxes:
            box.removeEventFilter(watch)
    assert watch.texts, "nothing of the Inspector was painted: nothing was checked"
    for value in held:
        shown = [t for t in watch.texts if written(value) & set(t.replace("=", " ").split())]
        assert not shown, f"the Inspector painted {shown[0]!r}, a later question's answer {value}"
