"""Which of the Lesson and the Inspector (tabs of the window's left side) a student sees when
selecting on the canvas during a guided lesson:

* a step that asks to select something and asks nothing else ("Select the edge w[x→h][0,1] and
  check", "Select the edge x → y: the Inspector draws L(w)") is about what the Inspector then
  shows: once the student selects it, the Inspector comes forward; the Lesson tab brings the step
  back, and its Next goes on;
* on a step with an open question, a selection leaves the Lesson in front: the question and its
  answer box stay in sight.
"""

from __future__ import annotations

import core
from desktop.on_screen import on_screen
from lesson_support import Student
from test_lesson_bundled import edge_alone_point


def open_relu_tutorial(qtbot, window) -> Student:
    """The ReLU tutorial's lesson from its step 1, the Lesson in front."""
    path = core.example_path("guided_relu_tutorial")
    window.document.replace_network(core.load_network(path), path)
    window.actions_by_name["lesson_reset"].trigger()
    student = Student(qtbot, window)
    qtbot.waitUntil(lambda: on_screen(student.panel))
    return student


def test_selecting_the_asked_edge_brings_the_inspector_forward(qtbot, main_window, canvas):
    window = main_window
    student = open_relu_tutorial(qtbot, window)
    action = window.lesson_guide.step().action
    assert action.kind == "select_edge" and window.lesson_guide.step().question is None
    assert not on_screen(window.inspector)

    canvas.click(edge_alone_point(canvas, action.source, action.target, action.j, action.i))
    qtbot.waitUntil(lambda: on_screen(window.inspector), timeout=5000)
    assert not on_screen(student.panel)
    assert "Inspector" in window.statusBar().currentMessage()

    student.click_tab("Lesson")
    assert on_screen(student.panel) and "✓ done" in student.panel.action.text()
    student.next()
    assert student.panel.progress.text().startswith("Step 2 of")


def test_a_selection_on_a_step_with_a_question_leaves_the_lesson_in_front(qtbot, main_window, canvas):
    window = main_window
    student = open_relu_tutorial(qtbot, window)
    guide = window.lesson_guide
    guide.open_step(1)  # "Hidden neuron 0: ... Compute a_h0."
    assert guide.step().question is not None

    canvas.click(canvas.edge_point("x", "h", 0, 1, 0.3))
    qtbot.waitUntil(lambda: getattr(window.view_state.selection, "kind", None) == "edge", timeout=5000)
    qtbot.wait(50)  # (a raise would come a moment later)
    assert on_screen(student.panel) and on_screen(student.panel.answer) and not on_screen(window.inspector)
