"""The bundled guided lessons: the engine's answers to their questions are the tutorials' printed numbers."""

from __future__ import annotations

import math

import pytest

import core
from core.lesson import Answers, Question, check


def _answers(name):
    net = core.load_network(core.example_path(name))
    assert net.lesson is not None and len(net.lesson.questions()) >= 5
    solver = Answers(net)
    return net, [solver.answer(q) for _, q in net.lesson.questions()], solver


def _kinds(net):
    return [q.kind for _, q in net.lesson.questions()]


def test_perceptron_tutorial_numbers():
    net, values, _ = _answers("guided_perceptron")
    assert _kinds(net) == ["output", "loss", "dL/dw", "weight_after_step", "weight_after_steps"]
    # y = 1.5·0.8; L = (1.2 − 0.5)²; dL/dw = 2·0.7·1.5; w = 0.8 − 0.1·2.1; after 3 steps the distance to
    # the bottom 1/3 is 0.55³ of what it was (each step: w − 1/3 ← (w − 1/3)(1 − lr·2·x²))
    assert values[:4] == pytest.approx([1.2, 0.49, 2.1, 0.59], abs=1e-12)
    assert net.lesson.steps[7].action.steps == 3 and net.lesson.questions()[4][1].step == 3
    assert values[4] == pytest.approx(1 / 3 + (0.8 - 1 / 3) * 0.55**3, abs=1e-12)


def test_sigmoid_neuron_numbers_are_the_ones_printed_in_its_sibling_lesson():
    """The numbers of one_sigmoid_neuron.bpnet's step, to 6 digits (its description gives the forward ones
    and the formulas of the rest)."""
    net, values, _ = _answers("guided_sigmoid_neuron")
    printed = [0.5, 0.622459, 0.311230, 0.083388, -0.577541, -0.359496, -0.577541, -0.067862, -0.067862,
               0.679748, 0.533931]
    assert values == pytest.approx(printed, abs=6e-7)


def test_relu_tutorial_output_is_0_61_not_the_printed_0_32():
    net, values, _ = _answers("guided_relu_tutorial")
    a0, a1, y, delta_y, grad, delta_h0, delta_h1, grad_x, w_new = values
    assert (a0, a1) == pytest.approx((0.7, 1.0), abs=1e-12)
    assert y == pytest.approx(0.61, abs=1e-12) and abs(y - 0.32) > 0.2
    # the slips the lesson rules out give 0.71 (W transposed) and 0.39 (input 2 left out), not 0.32
    assert 0.3 * (0.5 + 2 * 0.6) + 0.4 * (0.1 + 2 * 0.2) == pytest.approx(0.71)
    assert 0.3 * 0.5 + 0.4 * 0.6 == pytest.approx(0.39)
    assert delta_y == pytest.approx(0.11, abs=1e-12)
    assert grad == pytest.approx(0.077, abs=1e-12)
    assert (delta_h0, delta_h1) == pytest.approx((0.033, 0.044), abs=1e-12)
    assert grad_x == pytest.approx(2 * 0.033, abs=1e-12)
    assert w_new == pytest.approx(0.3 - 0.01 * 0.077, abs=1e-12)  # 0.29923, which relu_tutorial's student computes


def test_chain_rule_hidden_delta_sums_over_both_outputs():
    net, values, _ = _answers("guided_chain_rule")
    a0, a1, y0, d_y0, d_y1, d_h0, d_h1, grad, bias = values
    W = net.weights["h", "y"]
    assert d_h0 == pytest.approx(a0 * (1 - a0) * (W[0, 0] * d_y0 + W[1, 0] * d_y1), rel=1e-12)
    assert d_h1 == pytest.approx(a1 * (1 - a1) * (W[0, 1] * d_y0 + W[1, 1] * d_y1), rel=1e-12)
    assert grad == pytest.approx(0.5 * d_h0, rel=1e-12)  # dL/dw[x→h][0,1] = a_x1 · δ_h0, a_x1 = x₁ = 0.5
    assert bias == pytest.approx(0.0 - 0.5 * d_h1, rel=1e-12)
    assert d_y0 == pytest.approx((y0 - 1.0) / 2, rel=1e-12)


def test_softmax_output_delta_is_p_minus_y():
    net, values, solver = _answers("guided_softmax")
    z0, z1, z2, p1, loss, d1, d2, grad, w_new = values
    assert (z0, z1, z2) == pytest.approx((-0.8, 0.6, 1.3), abs=1e-12)
    e = [math.exp(z) for z in (z0, z1, z2)]
    assert p1 == pytest.approx(e[1] / sum(e), rel=1e-12)
    assert loss == pytest.approx(-math.log(p1), rel=1e-12)
    assert d1 == pytest.approx(p1 - 1, rel=1e-12)
    assert d2 == pytest.approx(solver.answer(Question("output", unit=2)), rel=1e-12)
    assert grad == pytest.approx(2.0 * d1, rel=1e-12)
    assert w_new == pytest.approx(0.1 - 0.5 * grad, rel=1e-12) and w_new > 0.1


def test_weight_decay_extra_term_and_its_effect_over_steps():
    net, values, _ = _answers("guided_weight_decay")
    loss, g0, g1, w1_step, w0_5, w1_100 = values
    assert loss == pytest.approx(0.49 + 0.1 * 0.5 * (0.8**2 + 0.6**2), abs=1e-12)
    assert g0 == pytest.approx(2.1 + 0.1 * 0.8, abs=1e-12)
    assert g1 == pytest.approx(0.1 * 0.6, abs=1e-12)  # only the penalty: the input is 0
    assert w1_step == pytest.approx(0.6 * 0.99, abs=1e-12)
    assert w1_100 == pytest.approx(0.6 * 0.99**100, rel=1e-10)
    # w₀'s distance to the bottom 1.5/4.6 shrinks by 1 − 0.1·(2·1.5² + 0.1) = 0.54 a step
    assert w0_5 == pytest.approx(1.5 / 4.6 + (0.8 - 1.5 / 4.6) * 0.54**5, abs=1e-12)
    assert [s.action.steps for s in net.lesson.steps if s.action is not None] == [5, 95]  # 100 in all


def test_a_wrong_answer_in_a_bundled_lesson_names_the_differing_factor():
    net = core.load_network(core.example_path("guided_sigmoid_neuron"))
    question = next(q for _, q in net.lesson.questions() if q.kind == "dL/dw" and q.source == "x")
    # σ(z) typed where σ'(z) belongs: 1 · a · (w2 · δ_y)
    a = 1 / (1 + math.exp(-0.5))
    verdict = check(question, 1.0 * a * 0.5 * 2 * (0.5 * a - 0.6), net)
    assert not verdict.right
    assert verdict.differing == "σ'(z_h0)"
    assert "your a_x0 and dL/da_h0 are right, your σ'(z_h0) is not" in verdict.hint[-1]
