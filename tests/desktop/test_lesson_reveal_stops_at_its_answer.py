"""A hint or a Reveal stops at the number its own question asks for: it never writes a later question's answer.

The teacher's review 17 (#1) found guided_softmax's step 3, "z_y1?", revealing "z_y1 = b + Σ w · a_in = 0.6;
a_y1 = e^z_y1 / Σ_m e^z_ym = 0.3067": 0.3067 is step 5's answer (y₁), and step 4's z_y2 can be worked back
from it; step 4's Reveal gave a_y2 = 0.6176, step 8's answer. guided_sigmoid_neuron's "z_h0?" revealed a_h0,
its next question. The Reveal of a z now ends at z.

Every bundled guided lesson is walked as a student does: each step's action (a click, F8, F5), and at each
question two wrong tries (a hint each), then Reveal, then Next. Every text the Lesson panel shows then is
read for the answers of the questions still ahead, as the lesson writes numbers (3 to 6 significant
digits), less the numbers the student already has (the weights, the sample, the learning rate, the lesson's
words, the answers given so far and what they show, the numbers the student typed). No Reveal writes a
number that is 0 up to rounding as 1e−10 or less (review 17 #3: guided_weight_decay's w* = 5.995e−13).
"""

from __future__ import annotations

import re

import pytest

import core
from core.lesson import Answers
from test_lesson_bundled import GUIDED, do_action
from test_lesson_spoilers import open_lesson, written
from test_lesson_spoilers_every_view import given_numbers
from window_texts import numbers_in

#: a number written as 1.2e−10 or smaller: 0 up to the engine's rounding (w* = 5.995e−13 was exactly 0)
ROUNDING_NOISE = re.compile(r"\d(?:\.\d+)?e−(?:1\d|[2-9]\d|\d{3,})\b")


def wrong_tries(right: float) -> list[float]:
    """Two wrong values a student types: one off by a third, and the right size with the wrong sign
    (a slip with a hint of its own); the sign slip of a 0 answer is another off value."""
    return [right * 1.37 + 0.05, -right if right else 0.21]


def later_answers_in(text: str, later: dict[int, float], given: set[str]) -> list[str]:
    """"step N's answer X" for each answer of ``later`` (0-based step → value) that ``text`` writes
    in a form the student was not given."""
    shown = numbers_in([text])
    return [f"step {k + 1}'s answer {value:.6g} ({sorted(written(value) & shown - given)})"
            for k, value in later.items() if written(value) & shown - given]


@pytest.mark.parametrize("lesson", GUIDED)
def test_no_hint_or_reveal_writes_the_answer_of_a_later_question(qtbot, main_window, canvas, lesson):
    path = core.example_path(lesson)
    net = core.load_network(path)
    steps = net.lesson.steps
    answers = Answers(net)
    asked = {k: answers.answer(step.question) for k, step in enumerate(steps) if step.question is not None}
    student = open_lesson(qtbot, main_window, net, path)
    leaks, noise = [], []
    for k, step in enumerate(steps):
        if step.action is not None:
            do_action(student, canvas, step.action)
        if step.question is not None:
            later = {m: value for m, value in asked.items() if m > k}
            typed: set[str] = set()
            for value in wrong_tries(asked[k]):
                text = f"{value:.6g}"
                typed |= numbers_in([text]) | written(value)
                verdict = student.type_answer(text)
                assert verdict.startswith("Not yet"), f"{lesson} step {k + 1}: {text} taken as right"
                leaks += [f"step {k + 1}'s hint to {text}: {leak}\n{verdict}"
                          for leak in later_answers_in(verdict, later, given_numbers(net, k + 1) | typed)]
            revealed = student.reveal()
            assert "(revealed)" in revealed
            noise += [f"step {k + 1}'s Reveal writes {m}" for m in ROUNDING_NOISE.findall(revealed)]
            leaks += [f"step {k + 1}'s Reveal: {leak}\n{revealed}"
                      for leak in later_answers_in(revealed, later, given_numbers(net, k + 1) | typed)]
        if k + 1 < len(steps):
            student.next()
    assert not leaks, f"{lesson} hands over later answers:\n" + "\n\n".join(leaks)
    assert not noise, f"{lesson} writes rounding noise for 0: {noise}"  # review 17 #3
