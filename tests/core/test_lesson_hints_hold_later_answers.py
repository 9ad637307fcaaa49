"""No hint, whatever was typed, and no Reveal writes the answer of a later question of the lesson.

Review 17 #1 found guided_softmax's Reveal of z_y1 writing a_y1 = 0.3067, step 5's answer. The desktop walk
(tests/desktop/test_lesson_reveal_stops_at_its_answer.py) types two wrong values per question as a student
does; here every question of every bundled guided lesson is checked against many more: each number of the
network's forward and backward pass (z, a, δ of every neuron: what a student mixes up), each other
question's answer, and each of these with its sign flipped, doubled and halved, so that every slip the hints
recognise shows its words. A later answer may be written only where the student already has the number: the
answers up to this question, or the number typed itself ("you typed 0.3067").
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import core
from core.lesson import Answers, check

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[−+-]?\d+)?")


def written(value: float) -> set[str]:
    """The forms a hint may write ``value`` in (3 to 6 significant digits, without its sign)."""
    return {core.format_number(abs(value), d) for d in (3, 4, 5, 6)}


def numbers_in(lines) -> set[str]:
    return {m for line in lines for m in NUMBER.findall(line)}


def typed_values(net, asked: dict[int, float]) -> list[float]:
    """What a student may type instead: the pass's numbers and the answers, each as is, negated, ×2 and ×½."""
    trace = core.trace_step(net, 0)
    pool = set(asked.values())
    for layer in trace.layers.values():
        for values in (layer.z, layer.a, layer.delta):
            if values is not None:
                pool |= {float(v) for v in np.ravel(values)}
    return sorted({v * f for v in pool for f in (1, -1, 2, 0.5)})


@pytest.mark.parametrize("lesson", GUIDED)
def test_no_hint_or_reveal_writes_a_later_answer(lesson):
    net = core.load_network(core.example_path(lesson))
    answers = Answers(net)
    questions = list(net.lesson.questions())
    asked = {k: answers.answer(q) for k, q in questions}
    tries = typed_values(net, asked)
    leaks = []
    for k, q in questions:
        known = set().union(*(written(v) for m, v in asked.items() if m <= k))
        later = {m: v for m, v in asked.items() if m > k}
        for typed in [asked[k], *tries]:
            verdict = check(q, typed, net, answers)
            lines = verdict.worked if verdict.right else verdict.hint[1:]  # (hint[0]: "you typed …")
            shown = numbers_in(lines) - known - written(typed)
            leaks += [f"step {k + 1}, typed {typed:.6g}: step {m + 1}'s answer {v:.6g} in {lines}"
                      for m, v in later.items() if written(v) & shown]
    assert not leaks, "\n".join(leaks[:5])
