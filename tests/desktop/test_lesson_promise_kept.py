"""A guided lesson's "? (shows once you answer)" is a promise the answer keeps (teacher review 23 #4).

guided_perceptron step 2 asks y: the status bar and the Loss caption said "loss ? (shows once you answer)", and
once the student's "Right: 1.2." came, "loss ? (comes with a later question)" (step 3 asks the loss). guided_softmax
step 2 asks z_y0: the loss, the accuracy and the Output map's "the network's output" did the same. A student who
answered and still sees "?" takes the answer for not accepted. Now a number the lesson still holds back once the
open question is answered says "comes with a later question" from the start; "shows once you answer" stays beside
what the answer brings. Lessons are opened from File → Examples, answers typed into the Lesson box with Return.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

import core
from core.lesson import answer
from lesson_support import Student
from test_lesson_bundled import do_action
from window_texts import window_texts

LATER = "? (comes with a later question)"
ONCE_ANSWERED = "? (shows once you answer)"


def open_example(qtbot, window, name: str) -> tuple[Student, core.Network]:
    """File → Examples → ``name`` at 1024×700, as a student opens a lesson, started afresh (Lesson → Reset)."""
    window.resize(1024, 700)
    window.apply_default_layout()
    menu = window.menus["Examples"]
    menu.aboutToShow.emit()  # (the menu fills itself as it opens)
    next(a for a in menu.actions() if a.objectName() == f"example_{name}").trigger()
    window.training.wait_for_step_0()
    window.actions_by_name["lesson_reset"].trigger()
    return Student(qtbot, window), core.load_network(core.example_path(name))


def figures(qtbot, window) -> str:
    """The training figures at the right of the status bar, once the window has followed the lesson."""
    qtbot.wait(100)
    return window.findChild(QLabel, "status_training").text()


def right(student, net, k: int) -> str:
    """Type the right answer of step ``k`` (1-based), Return: the verdict."""
    return student.type_answer(f"{answer(net.lesson.steps[k - 1].question, net):.10g}")


def test_perceptron_step_2_says_the_loss_comes_with_a_later_question_before_and_after_the_answer(
        qtbot, main_window, canvas):
    window = main_window
    student, net = open_example(qtbot, window, "guided_perceptron")
    student.next()  # step 2 asks y; step 3 asks the loss
    caption = window.training.ui.loss.summary
    for moment in ("open", "answered"):
        said = figures(qtbot, window)
        assert f"loss {LATER}" in said and ONCE_ANSWERED not in said, (moment, said)
        assert LATER in caption.text() and ONCE_ANSWERED not in caption.text(), (moment, caption.text())
        if moment == "open":
            assert right(student, net, 2).startswith("Right: 1.2")


def test_softmax_step_2_says_the_loss_accuracy_and_output_come_with_a_later_question(qtbot, main_window, canvas):
    window = main_window
    student, net = open_example(qtbot, window, "guided_softmax")
    student.next()  # step 2 asks z_y0; steps 3-5 ask z_y1, z_y2 and the output y₁, step 6 the loss
    legend = window.training.ui.output_map.legend
    for moment in ("open", "answered"):
        said = figures(qtbot, window)
        assert f"loss {LATER}" in said and f"accuracy {LATER}" in said and ONCE_ANSWERED not in said, (moment, said)
        held = [text for text in legend.entries() if "the network's output" in text]
        assert held and all(text.endswith(LATER) for text in held), (moment, legend.entries())
        if moment == "open":
            assert right(student, net, 2).startswith("Right")


def promised(texts: list[str]) -> set[str]:
    """What each "? (shows once you answer)" in ``texts`` stands beside: the words just before it ("loss ",
    "a_h0 = ", "the network's output: ")."""
    return {m.strip() for text in texts for m in re.findall(r"([^\n?:=]{1,40}[:=]?\s*)\? \(shows once you answer\)",
                                                           text)}


def test_whatever_said_it_shows_once_you_answer_no_longer_waits_for_a_later_question_once_answered(
        qtbot, main_window, canvas):
    """guided_chain_rule, each question up to the step-through, as a student meets it: whatever the window
    wrote as "shows once you answer" (the status bar, the Loss caption, the canvas, the Output map…) does not
    read "? (comes with a later question)" once the answer is right (step 2 asks a_h0: the loss said "shows once
    you answer", while steps 3 and 4, a_h1 and y, keep it back after a_h0 too)."""
    window = main_window
    student, net = open_example(qtbot, window, "guided_chain_rule")
    checked = 0
    for k, step in enumerate(net.lesson.steps[:6], 1):
        if step.action is not None:
            do_action(student, canvas, step.action)
        if step.question is not None:
            qtbot.wait(150)
            before = promised(window_texts(window))
            assert right(student, net, k).startswith("Right")
            qtbot.wait(150)
            after = "\n".join(window_texts(window))
            broken = [what for what in before if f"{what} {LATER}" in after or f"{what}{LATER}" in after]
            assert not broken, (k, broken)
            checked += len(before)
        student.next()
    assert checked  # (the words were there to check)
