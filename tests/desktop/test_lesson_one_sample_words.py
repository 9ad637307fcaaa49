"""A one-sample guided lesson's words are the lesson's own, and a step's status message goes with its step.

The teacher's review of guided_perceptron (one sample, one output written y in its text):

* the question read "Compute the output y0 (the next mini-batch, the weights as saved; …)": the lesson
  never speaks of mini-batches, and writes y, not y0;
* "Done: Select the edge w[x→y][0,0]. …" stayed in the status bar through steps 5 and 6 (and "Lesson
  progress reset: back to step 1." into step 2 and on).
"""

from __future__ import annotations

import core
from core.lesson import answer
from test_lesson_bundled import do_action
from test_lesson_spoilers import open_lesson


def test_guided_perceptron_asks_in_its_own_words_and_its_done_message_goes_with_its_step(qtbot, main_window, canvas):
    window = main_window
    path = core.example_path("guided_perceptron")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    steps = net.lesson.steps
    assert window.statusBar().currentMessage() == "Lesson progress reset: back to step 1."  # (Reset Progress)
    student.next()
    assert window.statusBar().currentMessage() == "", "step 1's message stays at step 2"
    assert steps[1].question.kind == "output"
    prompt = student.panel.question.text()
    assert "mini-batch" not in prompt and "y0" not in prompt, prompt
    assert "the output y " in prompt and "one sample" in prompt, prompt

    selecting = next(k for k, s in enumerate(steps) if s.action is not None and s.action.kind == "select_edge")
    for step in steps[1:selecting]:
        assert student.type_answer(f"{answer(step.question, net):.10g}").startswith("Right")
        student.next()
    do_action(student, canvas, steps[selecting].action)
    assert window.statusBar().currentMessage().startswith("Done: Select the edge")
    student.next()
    assert student.panel.progress.text().startswith(f"Step {selecting + 2} of")
    assert not window.statusBar().currentMessage().startswith("Done:"), window.statusBar().currentMessage()
