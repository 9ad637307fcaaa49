"""Code review 22: a lesson's answers were computed from a fresh trainer, while the window goes on with the run a
lesson file kept (its ``progress``: momentum's velocity, the shuffle position). A student who trained at the
lesson's "Train 3 steps", saved and opened the lesson again the next day was told "Not yet" for the weight the
window's own next step then gave: the answer was a new run's step (velocity 0, the shuffle from the seed).

Now the answers take the run the window resumes (``core.lesson.lesson_run``). Driven as the student meets it:
File → Open the teacher's lesson (SGD with momentum 0.9, shuffled mini-batches of 2 of 8 rows), F6 three times,
Next, Ctrl+S, the window closed; a new window, File → Open the lesson, at the question "w[x→h][0,0] after one
step" the value that the window's next Step (F6) gives is typed. (The question is about the weights after the
lesson's 3 steps, ``step`` 3: a lesson's questions count from its start, which the file keeps, and the run the file
kept started there: merge of lessonstart23.)
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QAction

import core
from core.lesson import Action, Lesson, LessonStep, Question
from desktop.on_screen import on_screen
from lesson_support import Student
from test_saved_run_continues import open_file
from test_training_support import close_window, make_window, press_step, xor_network

#: the weight after one more step, the fourth: a lesson's questions count their steps from its start (teacher review
#: 23 #2; ``core.lesson_start``), and the run the file keeps started there, so the two agree
QUESTION = Question("weight_after_step", source="x", target="h", j=0, i=0, step=3)


@pytest.fixture
def windows(qtbot):
    """Opens new windows (``windows()``); closes any the test left open."""
    made = []
    yield lambda: made.append(make_window(qtbot, core.Network("Untitled"))) or made[-1]
    for window in made:
        try:
            if window.isVisible():
                close_window(qtbot, window)
        except RuntimeError:  # closed and deleted by the test
            pass


def teacher_lesson(path) -> None:
    net = xor_network(lr=0.5, batch=2, hidden=2, samples=8)
    net.training.optimizer.momentum = 0.9
    net.lesson = Lesson("Momentum remembers", (
        LessonStep("Train three steps.", action=Action("train", steps=3)),
        LessonStep("Where is w[x→h][0,0] after one more step?", question=QUESTION)))
    core.save_network(net, str(path))


def test_a_question_about_the_next_step_of_a_lesson_saved_mid_run_is_checked_against_the_windows_run(
        qtbot, dialogs, windows, tmp_path):
    path = tmp_path / "lesson.bpnet"
    teacher_lesson(path)
    first = windows()
    open_file(qtbot, first, dialogs, path)
    student = Student(qtbot, first)
    qtbot.waitUntil(lambda: on_screen(student.panel))
    for _ in range(3):
        press_step(qtbot, first)  # F6
    student.next()
    assert student.step_index() == 1
    first.findChild(QAction, "save").trigger()  # Ctrl+S: the file keeps the run (step 3)
    assert "with its training run (step 3" in first.statusBar().whole_message(), first.statusBar().whole_message()
    close_window(qtbot, first)

    saved = core.load_network(str(path))
    assert saved.progress is not None and saved.progress.progress.step_count == 3
    run = core.Trainer(saved.copy())
    assert core.resume_saved(run)  # what the window goes on with
    run.step()
    going_on = float(run.net.weights["x", "h"][0, 0])
    fresh = core.Trainer(saved.copy())  # a new run at the same weights: velocity 0, the shuffle from the seed
    fresh.step()
    assert not QUESTION.tolerance.accepts(float(fresh.net.weights["x", "h"][0, 0]), going_on)  # they differ

    second = windows()
    open_file(qtbot, second, dialogs, path)
    student = Student(qtbot, second)
    qtbot.waitUntil(lambda: on_screen(student.panel))
    assert student.step_index() == 1  # the student's place
    said = student.type_answer(f"{going_on:.10g}")
    assert said.startswith("Right"), said
    student.next()  # the lesson is complete: the window's own next step
    press_step(qtbot, second)  # F6
    np.testing.assert_allclose(second.document.network.weights["x", "h"][0, 0], going_on, rtol=0, atol=1e-12)
