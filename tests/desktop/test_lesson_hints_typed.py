"""What the Lesson panel says to the slips a student types, in the guided lessons (teacher review 13).

* #2: the factor-2 hints follow the lesson's own loss: guided_perceptron's (y − t)² has no ½ to speak of,
  guided_chain_rule's doubled δ is the mean over its two outputs forgotten; "(y − t, not t − y?)" only where
  y − t is a factor of the answer (not for a weight after a step).
* #3: guided_softmax's −log₁₀ for ln and δ taken as y, guided_weight_decay's penalty without its ½, each get
  their own hint, in plain words (no "cross_entropy", no "batch" in a lesson of one sample).
* #13: the old weight typed back for "w after one step" is "w before the step", nothing "right" about lr.
* #17: the box accepts the product the hint shows ("1.5*1.4", "1.5 × 1.4") as it accepts "2/7", and its
  message for what it cannot read lists what it accepts.
"""

from __future__ import annotations

import math

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step


def test_perceptrons_doubled_gradient_speaks_of_its_own_loss(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_perceptron", 5)
    doubled = student.type_answer("4.2")  # twice dL/dw = 2(y − t)·x = 2.1
    assert doubled.startswith("Not yet") and "½(y − t)² has none" not in doubled and "extra factor 2" not in doubled
    halved = student.type_answer("1.05")
    assert "the slope of (y − t)² is 2(y − t)" in halved
    assert "(y − t, not t − y?)" in student.type_answer("-2.1")  # the gradient is a product with y − t in it


def test_the_box_takes_the_product_the_step_writes(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_perceptron", 5)
    refused = student.type_answer("w")
    assert "is not a number" in refused and "product or quotient" in refused and "×" in refused
    assert student.type_answer("1.5*1.4").startswith("Right")  # x · 2(y − t), as the step's text writes it
    student.next()
    assert "is not a number" in student.type_answer("0.8-0.1*2.1")  # only products and quotients: no −
    assert student.type_answer("0.59/1").startswith("Right")


def test_the_old_weight_typed_back_is_w_before_the_step(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_perceptron", 6)
    old = student.type_answer("0.8")  # w after one step = 0.8 − 0.1 · 2.1
    assert "that is w before the step; now subtract lr · dL/dw" in old and "are right" not in old
    flipped = student.type_answer("-0.59")
    assert "the right size with the wrong sign" in flipped and "t − y" not in flipped
    assert student.type_answer("0.59").startswith("Right")


def test_chain_rules_doubled_delta_is_the_mean_over_two_outputs(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_chain_rule", 5)
    delta = answer(net.lesson.steps[4].question, net)
    verdict = student.type_answer(f"{2 * delta:.4g}")  # −0.971: y0 − t0 without the /2
    assert "without the mean over the 2 outputs" in verdict and "halved twice" in verdict
    assert "extra factor 2" not in verdict


def test_softmaxs_log10_and_delta_taken_as_y(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_softmax", 6)
    loss = answer(net.lesson.steps[5].question, net)
    verdict = student.type_answer(f"{loss / math.log(10):.4g}")  # 0.5133: a calculator's log key
    assert "log here is the natural log ln" in verdict
    assert "cross_entropy" not in verdict and "batch" not in verdict
    assert student.type_answer(f"{loss:.10g}").startswith("Right")
    student.next()
    y1 = answer(net.lesson.steps[4].question, net)
    verdict = student.type_answer(f"{y1:.4g}")  # 0.3067: δ_y1 taken as y₁, the −t forgotten
    assert "the −t left out" in verdict and "δ = y − t" in verdict


def test_weight_decays_penalty_without_its_half(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_weight_decay", 3)
    verdict = student.type_answer("2.26")  # 2(y − t)·x₀ + 2 · 0.1 · w₀
    assert "the penalty rate · ½ · w² has a ½" in verdict


def test_chain_rules_doubled_hidden_delta_is_the_sum_of_the_output_deltas_doubled(qtbot, main_window, canvas):
    """Review 14 #8: twice δ_h0 typed at s8 read "the output's slope taken as y − t, without the mean over the
    2 outputs", though δ_y0 and δ_y1 were answered (and ringed on the canvas) at s5–s6."""
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_chain_rule", 8)
    delta = answer(net.lesson.steps[7].question, net)
    verdict = student.type_answer(f"{2 * delta:.4g}")  # −0.09098
    assert "your dL/da_h0 is not" in verdict
    assert "dL/da_h0 = Σ w · δ sums δ_y0 and δ_y1 as you found them, with no extra factor 2" in verdict
    assert "output's slope" not in verdict


def _input_swapped(net, step: int) -> float:
    """dL/dw_ji of question ``step`` (1-based, an x → layer edge) with the other input a_x(1−i) in place
    of a_xi: what a student who multiplies by the wrong input types."""
    q = net.lesson.steps[step - 1].question
    inputs = net.dataset.inputs[q.sample or 0]
    return answer(q, net) / float(inputs[q.i]) * float(inputs[1 - q.i])


def test_the_wrong_input_that_is_1_is_named_beside_the_input_left_out(qtbot, main_window, canvas):
    """Review 15 #6: relu s10 multiplies by x₁ = 2; a student who takes x₀ = 1 in its place multiplied by an input,
    so "fits the product without a_x1" alone reads as wrong: the hint names both readings."""
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_relu_tutorial", 10)
    verdict = student.type_answer(f"{_input_swapped(net, 10):.4g}")  # 0.033: a_x0 = 1 in place of a_x1 = 2
    assert ("your number fits the product without a_x1, or with a_x0 = 1 in its place "
            "(w[x→h][0,1] comes from neuron i = 1)") in verdict, verdict


def test_softmaxs_wrong_input_that_is_1_is_named_beside_the_input_left_out(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_softmax", 9)
    verdict = student.type_answer(f"{_input_swapped(net, 9):.4g}")  # −0.6933 = 1 · δ_y1
    assert "without a_x1, or with a_x0 = 1 in its place (w[x→y][1,1] comes from neuron i = 1)" in verdict, verdict
