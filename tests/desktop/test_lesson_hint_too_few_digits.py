"""An answer right but cut short gets "close: … give 3 significant digits", not the generic hint (review 17 #7).

The teacher typed 0.57 at guided_chain_rule step 2 (a_h0 = 0.5744, asked to 3 significant digits), −0.69 at
guided_softmax step 7 (δ_y1 = −0.6933) and 0.35 at guided_weight_decay step 7 (w₀ after 5 steps = 0.3478):
each got "check each factor …" or the rule of the number, as if the number were wrong. Now the hint says
how many digits the question asks. A number of one digit (0.6) gets the usual hint: it may as well be a
weight typed by mistake. The typed values are the engine's answers rounded, never the lesson's text.
"""

from __future__ import annotations

import pytest

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step


@pytest.mark.parametrize(("lesson", "step"), [("guided_chain_rule", 2), ("guided_softmax", 7),
                                              ("guided_weight_decay", 7)])
def test_the_answer_to_two_digits_is_told_to_give_three(qtbot, main_window, canvas, lesson, step):
    student, net = lesson_at_step(qtbot, main_window, canvas, lesson, step)
    q = net.lesson.steps[step - 1].question
    assert q.tolerance.significant_digits == 3 and q.tolerance.absolute is None
    right = answer(q, net)
    short = f"{right:.2g}"
    verdict = student.type_answer(short)
    assert verdict.startswith("Not yet"), verdict
    assert "is the answer to 2 significant digits; give 3" in verdict, verdict
    assert "check each" not in verdict
    one_digit = student.type_answer(f"{right:.1g}")
    assert one_digit.startswith("Not yet") and "significant digit" not in one_digit.split("\n", 1)[1]
    assert student.type_answer(f"{right:.3g}").startswith("Right")


def cut_short(value: float, digits: int) -> str:
    """``value`` cut off (not rounded) after ``digits`` significant digits, as a student may write it."""
    text = f"{abs(value):.{digits + 6}e}"
    mantissa, exponent = text.split("e")
    kept = mantissa.replace(".", "")[:digits]
    number = int(kept) * 10.0 ** (int(exponent) - digits + 1)
    return f"{'-' if value < 0 else ''}{number:.{max(0, digits - 1 - int(exponent))}f}"


@pytest.mark.parametrize(("lesson", "step"), [("guided_chain_rule", 8), ("guided_softmax", 5)])
def test_an_answer_cut_off_instead_of_rounded_is_told_to_round(qtbot, main_window, canvas, lesson, step):
    """Review 18 #3: −0.0454 for δ_h0 = −0.0454877 and 0.306 for a_y1 = 0.3067 got "check each factor", though
    every factor was right: the last digit was cut off, not rounded."""
    student, net = lesson_at_step(qtbot, main_window, canvas, lesson, step)
    right = answer(net.lesson.steps[step - 1].question, net)
    typed = cut_short(right, 3)
    assert f"{right:.3g}" != typed  # (rounding would change the last digit)
    verdict = student.type_answer(typed)
    assert verdict.startswith("Not yet") and "looks cut off after its last digit; round it instead" in verdict, verdict
    assert "check each" not in verdict
