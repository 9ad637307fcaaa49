""""Training waits until step N is answered" names the step where training truly comes, and keeps it.

Teacher review 17 #4: at guided_chain_rule step 2, F6 was refused with "Training waits until step 2 is
answered"; once step 2 was answered it said step 3, then 4, 5, 6, 8 … 11: the promise moved on at every
answer and was true only at the last question. Now the words name the step where training is free if the
student goes on in order: the last question that holds it ("until step 11 is answered") or the lesson's
own "Train N steps" ("Training waits for step 8 (Train 3 steps)").

Every bundled guided lesson is walked as a student does it (each step's action, the right answer typed,
Next), pressing F6 at every open question: a refused F6 trains nothing, and the step its words name is the
one the last refusal named, until the student gets there; there training is free (the Loss panel stops
saying it waits: at the lesson's own "Train N steps", which then trains, or once the named question is answered,
where it invites training), never before. At the lesson's end F6 trains.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

import core
from core.lesson import answer
from test_lesson_bundled import GUIDED, do_action
from test_lesson_spoilers import open_lesson
from test_training_support import press
from window_texts import window_texts

INVITATION = "Press Play or Step"
PROMISE = re.compile(r"Training waits (?:until step (\d+) is answered|for step (\d+) \(Train)")


def caption_now(window) -> str:
    """The Loss panel's caption as it is now: what it invites or why training waits ("": neither yet)."""
    return next((t for t in window_texts(window) if INVITATION in t or "Training waits" in t), "")


def loss_caption(qtbot, window) -> str:
    """The Loss panel's caption: what it invites or why training waits."""
    qtbot.wait(150)  # (the panel writes the lesson's words in the window's next turns)
    return caption_now(window)


def promised_step(text: str) -> int | None:
    """The 1-based step that the words ``text`` say training waits for (None: they say it does not wait)."""
    found = PROMISE.search(text)
    return None if found is None else int(found.group(1) or found.group(2))


def f6_refused(qtbot, window) -> int:
    """F6 pressed: nothing trained; the step the caption, the status bar and the Lesson panel promise."""
    before = window.document.network.flat.copy()
    window.statusBar().clearMessage()
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.wait(300)  # (a step that started would have trained by now)
    assert not window.training.running and np.array_equal(window.document.network.flat, before)
    said = window.statusBar().currentMessage()
    assert said.startswith("Not trained: "), said
    caption, notice = loss_caption(qtbot, window), window.lesson_guide.panel.notice.text()
    step = promised_step(caption)
    assert step is not None and promised_step(notice) == step, (caption, notice)
    assert re.match(rf"Not trained: (answer steps? (\d+–)?{step} first|answer steps? (\d+–)?\d+ first \(then train at step {step};|train at step {step} first)", said), (said, step)
    return step


@pytest.mark.parametrize("lesson", GUIDED)
def test_the_step_training_waits_for_is_the_step_that_frees_it(qtbot, main_window, canvas, lesson):
    window = main_window
    path = core.example_path(lesson)
    net = core.load_network(path)
    steps = net.lesson.steps
    student = open_lesson(qtbot, window, net, path)
    promise, kept = None, []
    for k, step in enumerate(steps, start=1):
        if promise == k and step.action is not None and step.action.kind == "train":
            assert promised_step(loss_caption(qtbot, window)) is None  # its own training: free, as promised
            promise = None
        if step.action is not None:
            do_action(student, canvas, step.action)
        if step.question is not None:
            if promise is not None or promised_step(loss_caption(qtbot, window)) is not None:
                named = f6_refused(qtbot, window)
                assert promise in (None, named), f"{lesson} step {k}: promised step {promise}, now step {named}"
                assert named >= k, f"{lesson} step {k}: training waits for step {named}, already past"
                promise = named
                kept.append(k)
            assert student.type_answer(f"{answer(step.question, net):.10g}").startswith("Right")
            if promise == k:  # answered what training waited for: free, as promised
                # (waited for: on the loaded CI machine 150 ms were not enough for the caption's new words)
                qtbot.waitUntil(lambda: INVITATION in caption_now(window), timeout=10000)  # else: still waits
                promise = None
        if k < len(steps):
            student.next()
    assert kept, f"{lesson}: no question held training"  # (the walk met the promise it checks)
    assert promise is None
    before = window.document.network.flat.copy()  # the lesson done: F6 trains
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not np.array_equal(window.document.network.flat, before), timeout=15000)
