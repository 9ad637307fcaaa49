"""Every bundled guided lesson, completed through the window as a student would: reading, doing
each action (clicking the edge on the canvas, F8 through the step, F5 to train and F5 to pause),
typing each answer (worked out here with the engine, as a student works it out by hand) and
pressing Enter; and a wrong answer that leaves out one chain-rule factor gets a hint naming it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

import core
from core.lesson import answer, check
from desktop.on_screen import on_screen
from lesson_support import Student

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]


def test_there_are_six_guided_lessons():
    assert len(GUIDED) >= 6, GUIDED


def edge_alone_point(canvas, source: str, target: str, j: int, i: int):
    """A point of the edge W[j, i] where no other edge crosses it (a student clicks the edge there, not where
    it crosses another; 0.3 of the way along, or the nearest such fraction)."""
    edge = canvas.view.edge_item(source, target, j, i)
    for fraction in (0.3, 0.4, 0.2, 0.5, 0.6, 0.7):
        point = edge.line.pointAt(fraction)
        if [item for item in canvas.scene.items(point) if isinstance(item, type(edge))] == [edge]:
            return point
    return edge.line.pointAt(0.3)


def do_action(student: Student, canvas, action) -> None:
    window, qtbot = student.window, student.qtbot
    panel = student.panel
    if action.kind == "select_edge":
        canvas.click(edge_alone_point(canvas, action.source, action.target, action.j, action.i))
        qtbot.waitUntil(lambda: not on_screen(panel), timeout=5000)  # the Inspector comes forward: it is read
        student.click_tab("Lesson")  # and the Lesson's tab brings the step back
    elif action.kind == "step_through":
        for _ in range(12):
            if "✓ done" in panel.action.text():
                break
            before = window.view_state.stepping
            student.press(Qt.Key.Key_F8)
            qtbot.waitUntil(lambda: window.view_state.stepping is not before, timeout=10000)
    elif action.kind == "train":
        student.press(Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "✓ done" in panel.action.text(), timeout=30000)
        if window.training.running:
            student.press(Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    else:  # the bundled lessons use only these; another kind needs its student's hands here
        raise AssertionError(f"no student's hands for {action.kind}")
    qtbot.waitUntil(lambda: "✓ done" in panel.action.text(), timeout=10000)


def factor_left_out(question, network):
    """(typed value, factor name) of the slip "one factor of the chain rule left out", or None."""
    right = answer(question, network)
    factors = check(question, right, network).factors
    product = float(np.prod([value for _, value in factors])) if factors else None
    if product is None or len(factors) < 2 or abs(product - right) > 1e-9 * max(1.0, abs(right)):
        return None  # not a plain product (a regularization term added, a sum over samples)
    for name, value in factors:
        if abs(value) > 1e-6 and abs(abs(value) - 1) > 0.05 and abs(right / value - right) > 0.01 * abs(right):
            return right / value, name
    return None


@pytest.mark.parametrize("name", GUIDED)
def test_a_student_completes_the_guided_lesson(qtbot, main_window, canvas, name):
    window = main_window
    net = core.load_network(core.example_path(name))
    window.document.replace_network(net.copy(), core.example_path(name))  # ``net`` stays as the file has it
    window.actions_by_name["lesson_reset"].trigger()
    student = Student(qtbot, window)
    qtbot.waitUntil(lambda: on_screen(student.panel))  # the Lesson tab comes forward as the file opens
    lesson = net.lesson
    hinted = False
    for k, step in enumerate(lesson.steps):
        assert student.panel.progress.text() == f"Step {k + 1} of {len(lesson.steps)}"
        if step.action is not None:
            do_action(student, canvas, step.action)
        if step.question is not None:
            q = step.question
            slip = factor_left_out(q, net) if not hinted else None
            if slip is not None:
                verdict = student.type_answer(f"{slip[0]:.10g}")
                assert verdict.startswith("Not yet") and f"your {slip[1]} is not" in verdict, verdict
                hinted = True
            verdict = student.type_answer(f"{answer(q, net):.10g}")
            assert verdict.startswith("Right"), (k, verdict)
        student.next()
    assert student.panel.complete.isVisible() and "Lesson complete" in student.panel.complete.text()
    assert window.lesson_guide.progress.revealed == set()
    assert len(window.lesson_guide.progress.answered) == len(lesson.questions())
