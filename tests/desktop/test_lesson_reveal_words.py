"""Reveal writes the loss as a formula a student computes, never by the engine's code names (review 13).

Reveal's worked lines read "L = cross_entropy = mean over samples of −Σ_k t_k·log softmax(z)_k" and
"L = half_mse = ½·mean((y − t)²); N = 1 sample × 2 outputs = 2" in lessons whose text says
"L = −ln y₁" and "½(y − t)²", whose one sample has no batch, and which write the natural log ln. Now
the loss reads "L = (y − t)²", "L = ½(y − t)²", "L = −Σ_k t_k ln y_k = −ln a_y1 …", with "batch"
only for several samples; the Inspector's chain rule shares these lines. A weight after k steps,
which Reveal gave bare, is worked step by step.

Every bundled guided lesson is walked as a student does (each step's action, Reveal at each
question, Next), and every revealed text is read.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QTextEdit

import core
from test_lesson_bundled import do_action
from test_lesson_spoilers import open_lesson

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]

#: the engine's names and words a one-sample lesson never uses ("log": the lessons write ln, "the natural log")
CODE_WORDS = re.compile(r"\b(cross_entropy|binary_cross_entropy|half_mse|mse|batch|(?<!natural )log)\b")


def test_there_are_guided_lessons_to_walk():
    assert {"guided_softmax", "guided_perceptron", "guided_chain_rule"} <= set(GUIDED)


@pytest.mark.parametrize("lesson", GUIDED)
def test_every_reveal_of_a_guided_lesson_writes_the_loss_in_plain_words(qtbot, main_window, canvas, lesson):
    path = core.example_path(lesson)
    net = core.load_network(path)
    assert len(net.dataset) == 1  # (one sample: no batch to speak of)
    student = open_lesson(qtbot, main_window, net, path)
    revealed = {}
    for k, step in enumerate(net.lesson.steps):
        if step.action is not None:
            do_action(student, canvas, step.action)
        if step.question is not None:
            revealed[k + 1] = text = student.reveal()
            assert "(revealed)" in text
            # with how it is worked out (a weight after k steps: step by step, each from the one before)
            assert len(text.splitlines()) > 1, f"{lesson} step {k + 1} reveals no worked computation"
            assert not CODE_WORDS.findall(text), f"{lesson} step {k + 1} reveals code words:\n{text}"
        if k + 1 < len(net.lesson.steps):
            student.next()
    loss_lines = [line for text in revealed.values() for line in text.splitlines() if line.startswith("L = ")]
    formula = {"mse": "(y − t)²", "half_mse": "½", "cross_entropy": "−ln a_y"}[net.training.loss]
    assert loss_lines and all(formula in line or "data loss" in line for line in loss_lines), loss_lines

    # the Inspector writes the chain rule with the same lines: click each edge into the output and read it
    source = net.order()[-2]
    rows, cols = net.weights[source, net.output_layer].shape
    for j in range(rows):
        for i in range(cols):
            canvas.click(canvas.edge_point(source, net.output_layer, j, i, 0.3))
            chain_rule = main_window.findChild(QTextEdit, "edge_chain_rule")  # (the edge page, once one is selected)
            qtbot.waitUntil(lambda: f"[{j},{i}]" in chain_rule.toPlainText(), timeout=5000)
            text = chain_rule.toPlainText()
            assert formula in text and not CODE_WORDS.findall(text), f"{lesson}'s Inspector:\n{text}"
