"""Hints and worked lines for "the weight after k steps" (a lesson question of kind ``weight_after_steps``).

When each step multiplies the distance from the weight to where the steps end up by one factor
(gradient descent on a loss that is a parabola in this weight, the other weights fixed or not feeding it):

    w_k − w* = (w_0 − w*) · f   at each step, so   w_k = w* + (w_0 − w*) · fᵏ,

with w_0 the weight as saved, w* the bottom (dL/dw = 0 there) and f = 1 − lr · (the parabola's curvature).
``factor_form`` finds w* and f from the engine's steps (w* = w_0 + (w_1 − w_0)/(1 − f), f = (w_2 − w_1)/(w_1 − w_0))
and keeps them only when every step up to k follows them; Reveal then works the answer that way, the
lesson's own method, and names the two slips of that method: the distance (w_0 − w*) · fᵏ without w*
added back, and the weight shrunk instead of the distance (w_0 · fᵏ).

Otherwise (another optimizer, several weights moving together) the answer is worked step by step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .hand_check import relation, written
from .notation import factor as bracketed, format_number

#: a weight after at most this many steps is worked step by step; after more, the first and the last steps
STEPS_WRITTEN = 6
#: how close (relative to the distance w_0 − w*) each step must come to w* + (w_0 − w*) · fᵏ to call it the factor form
FACTOR_FORM_TOLERANCE = 1e-9


def _n(x: float) -> str:
    return format_number(x, 4)


def superscript(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


@dataclass(frozen=True)
class FactorForm:
    """w_k = bottom + (start − bottom) · factorᵏ for every k up to the question's step."""

    start: float
    bottom: float
    factor: float

    def after(self, k: int) -> float:
        return self.bottom + (self.start - self.bottom) * self.factor ** k


def weight_at(answers, q, k: int) -> float:
    """The weight ``q`` names after k steps of the lesson's training (``core.lesson.Answers``)."""
    return float(answers.net(k).weights[q.source, q.target][q.j, q.i])


def factor_form(answers, q) -> FactorForm | None:
    """w*, f of the module docstring when every step up to ``q.step`` (at least 2) follows them, else None."""
    if q.step < 2 or answers.trace(0, None).optimizer != "sgd":
        return None
    w = [weight_at(answers, q, k) for k in range(q.step + 1)]
    first, second = w[1] - w[0], w[2] - w[1]
    if first == 0 or second == first:
        return None
    f = second / first
    form = FactorForm(w[0], _zero_if_noise(w[0] + first / (1 - f), max(abs(w[0]), abs(first / (1 - f)))), f)
    scale = abs(w[0] - form.bottom)
    if not (math.isfinite(form.bottom) and 0 < abs(f) < 1):
        return None
    if any(abs(form.after(k) - w[k]) > FACTOR_FORM_TOLERANCE * scale for k in range(q.step + 1)):
        return None
    return form


def _zero_if_noise(bottom: float, scale: float) -> float:
    """``bottom``, or 0 when it is 0 up to rounding: w_0 + (w_1 − w_0)/(1 − f) of a weight that only decays
    (w* = 0) comes out as 6e−13, since 1/(1 − f) multiplies the rounding of w_1 − w_0 (by 100 for f = 0.99).
    Within ``FACTOR_FORM_TOLERANCE`` of ``scale`` (the larger of |w_0| and the distance the steps go), the
    steps tell no bottom but 0."""
    return 0.0 if abs(bottom) <= FACTOR_FORM_TOLERANCE * scale else bottom


def factor_lines(form: FactorForm, k: int, right: float) -> list[str]:
    """'w* = 0.3261 (dL/dw = 0 there); each step multiplies w − w* by 0.54',
    'w after 5 steps = w* + (0.8 − w*) · 0.54⁵ = 0.3261 + 0.4739 · 0.04592 = 0.3478'; for a bottom w* = 0
    (a weight that only decays), 'w after 100 steps = 0.6 · 0.99¹⁰⁰ = 0.6 · 0.3660 = 0.2196'."""
    power = form.factor ** k
    if form.bottom == 0:
        hand = written(form.start, 4) * written(power, 4)
        return [f"w* = 0, the bottom where dL/dw = 0; each step multiplies the distance w − w*, here w itself, "
                f"by {_n(form.factor)}",
                f"w after {k} steps = {_n(form.start)} · {_n(form.factor)}{superscript(k)} = "
                f"{bracketed(form.start, 4)} · {_n(power)} {relation(hand, right, 4)}"]
    distance = form.start - form.bottom
    hand = written(form.bottom, 4) + written(distance, 4) * written(power, 4)
    return [f"w* = {_n(form.bottom)}, the bottom where dL/dw = 0; each step multiplies the distance w − w* "
            f"by {_n(form.factor)}",
            f"w after {k} steps = w* + ({_n(form.start)} − w*) · {_n(form.factor)}{superscript(k)} = "
            f"{_n(form.bottom)} + {bracketed(distance, 4)} · {_n(power)} {relation(hand, right, 4)}"]


def factor_slips(form: FactorForm, k: int) -> list[tuple[float, str, str]]:
    """The factor method's two slips as (value, factor name, why read after "your number fits …"); none
    for a bottom w* = 0, where both give the answer."""
    if form.bottom == 0:
        return []
    power = _n(form.factor) + superscript(k)
    return [((form.start - form.bottom) * form.factor ** k, "w*",
             f"the distance (w − w*) · {power} alone: add w* = {_n(form.bottom)} back to it"),
            (form.start * form.factor ** k, "the distance",
             f"the weight itself shrunk, {_n(form.start)} · {power}: the factor shrinks the distance "
             f"w − w* to the bottom w* = {_n(form.bottom)}, not w")]


def steps_lines(answers, q, written_steps: int = STEPS_WRITTEN) -> list[str]:
    """The weight ``q`` asks, step by step from the weight as saved: "step 1: w = 0.8 − 0.1 · 2.1 = 0.59"
    (SGD; another optimizer: w − Δ), every step up to ``written_steps``, else the first, "…" and the
    last (each step's dL/dw is that step's, at the weights it starts from)."""
    if q.step <= written_steps:
        shown = range(q.step)
    else:
        shown = [0, 1, None, q.step - 1] if written_steps >= 4 else [0, None, q.step - 1]
    lines = []
    for k in shown:
        if k is None:
            first = 2 if written_steps < 4 else 3
            skipped = f"step {first}" if first == q.step - 1 else f"steps {first} to {q.step - 1}"
            lines.append(f"… ({skipped} the same way)")
            continue
        t = answers.trace(k, None)
        before = float(t.weights(q.source, q.target, "before")[q.j, q.i])
        g = float(t.weights(q.source, q.target, "gradient")[q.j, q.i])
        after = float(t.weights(q.source, q.target, "updated")[q.j, q.i])
        if t.optimizer != "sgd":
            lines.append(f"step {k + 1}: w = {_n(before)} − Δ ({t.optimizer}) = {_n(after)}")
            continue
        hand = written(before, 4) - written(t.learning_rate, 4) * written(g, 4)
        lines.append(f"step {k + 1}: w = w − lr · dL/dw = {_n(before)} − {_n(t.learning_rate)} · {bracketed(g, 4)} "
                     f"{relation(hand, after, 4)}")
    return lines


def far_weight(answers, q) -> float | None:
    """The weight ``q`` asks after many more steps than it names (20 × its steps + 200, at most 2,000 more):
    where the steps end up; None when training does not get there (it diverges)."""
    from .lesson import LessonError

    try:
        return weight_at(answers, q, min(20 * q.step + 200, q.step + 2000))
    except LessonError:
        return None
