"""Reveal and the hints of "the weight after k steps" follow the factor method the step teaches (review 14 #6).

guided_weight_decay s7 says "No need for five updates by hand: the distance 0.8 − w₀* shrinks by the factor
0.54 at each step", and guided_perceptron s9 the same with 0.55 over three steps. Reveal worked every update
by hand instead, and the factor method's two slips (the distance alone, without w* added back; the weight
shrunk instead of the distance) got only "each step subtracts lr · dL/dw of that step". Now Reveal writes
w* + (w − w*) · fᵏ with its numbers, and each slip gets its own hint. The numbers a test expects come from the
engine's weights after 0, 1, 2 and k steps, never from the lesson's text.
"""

from __future__ import annotations

import re

import pytest

from core.lesson import Answers, network_at_step
from core.lesson_steps_hints import superscript
from core.notation import format_number
from test_lesson_error_hidden import lesson_at_step


def engine_weight(net, q, k: int) -> float:
    return float(network_at_step(net, k).weights[q.source, q.target][q.j, q.i])


def by_factor(net, q) -> tuple[float, float, float]:
    """(w₀, the factor each step multiplies the distance by, the bottom w*), from the engine's first steps."""
    w0, w1, w2 = (engine_weight(net, q, k) for k in range(3))
    factor = (w2 - w1) / (w1 - w0)
    return w0, factor, w0 + (w1 - w0) / (1 - factor)


@pytest.mark.parametrize(("lesson", "step"), [("guided_weight_decay", 7), ("guided_perceptron", 9)])
def test_reveal_works_the_weight_after_k_steps_by_the_factor(qtbot, main_window, canvas, lesson, step):
    student, net = lesson_at_step(qtbot, main_window, canvas, lesson, step)
    q = net.lesson.steps[step - 1].question
    w0, factor, bottom = by_factor(net, q)
    text = student.reveal()
    lines = text.splitlines()
    method = next(i for i, line in enumerate(lines) if line.startswith(f"w after {q.step} steps = w* + "))
    assert f"({format_number(w0, 4)} − w*) · {format_number(factor, 4)}" in lines[method]
    assert format_number(bottom, 4) in lines[method]
    assert format_number(Answers(net).answer(q), 4) in lines[method]
    # the step-by-step check comes after the method, short: at most 3 steps written out
    steps = [line for line in lines if line.startswith("step ")]
    assert steps and len(steps) <= 3 and lines.index(steps[0]) > method


@pytest.mark.parametrize(("lesson", "step"), [("guided_weight_decay", 7), ("guided_perceptron", 9)])
def test_the_factor_methods_slips_get_their_own_hints(qtbot, main_window, canvas, lesson, step):
    student, net = lesson_at_step(qtbot, main_window, canvas, lesson, step)
    q = net.lesson.steps[step - 1].question
    w0, factor, bottom = by_factor(net, q)
    distance_alone = student.type_answer(f"{(w0 - bottom) * factor ** q.step:.4g}")  # 0.02176 at gwd s7
    assert distance_alone.startswith("Not yet") and f"add w* = {format_number(bottom, 4)} back" in distance_alone
    shrunk = student.type_answer(f"{w0 * factor ** q.step:.4g}")  # 0.8 · 0.54⁵ = 0.03673
    assert "the weight itself shrunk" in shrunk and "shrinks the distance w − w*" in shrunk
    assert "each step subtracts lr · dL/dw" not in distance_alone + shrunk


def test_a_weight_that_only_decays_is_revealed_with_its_bottom_at_0(qtbot, main_window, canvas):
    """guided_weight_decay s9 asks w₁ after 100 steps: no data term reaches it, so each step only multiplies it
    by 1 − lr · λ and its bottom is exactly 0. Reveal wrote w* = 5.995e−13, rounding noise of
    w₀ + (w₁ − w₀)/(1 − f), and "5.995e−13 + 0.6 · 0.3660" (review 17 #3)."""
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_weight_decay", 9)
    q = net.lesson.steps[8].question
    w0, factor, bottom = by_factor(net, q)
    assert bottom != 0 and abs(bottom) < 1e-9 * abs(w0)  # the engine's steps give noise, not 0
    text = student.reveal()
    assert "w* = 0," in text
    power = f"{format_number(factor, 4)}{superscript(q.step)}"
    shrinks = f"w after {q.step} steps = {format_number(w0, 4)} · {power} = "
    assert shrinks in text and format_number(Answers(net).answer(q), 4) in text
    assert not re.search(r"\de−\d", text), text  # no number written as 1e−13 and the like
