"""A hint speaks of the lesson's own loss, and names a slip only where the slip can give the typed number.

Teacher review 13 (its findings 2, 3 and 13):

* the factor-2 hints were the same for every loss: an mse lesson ((y − t)², dL/da = 2(y − t)) read "an extra
  factor 2: ½(y − t)² has none" for twice the answer, a ½(y − t)² lesson (dL/da = y − t) "the 2 of (y − t)²
  left out" for half of it; guided_chain_rule's real slip, the mean over its two outputs forgotten (the loss
  "halved twice"), was called an extra factor 2;
* "(y − t, not t − y?)" followed every sign slip of a gradient or an update, also where y − t plays no part
  (a weight after a step; dL/dw₁ = 0.1 · w₁ of weight decay, whose input is 0);
* the likeliest slips of guided_softmax (−log₁₀ for ln, δ taken as y with the −t forgotten) and of
  guided_weight_decay (the penalty's ½ forgotten) got only the generic hint, in code words ("cross_entropy,
  the mean over the batch") in a lesson of one sample;
* the old weight typed back at "w after one step" read "your w and lr are right, your dL/dw is not".
"""

from __future__ import annotations

import math
import re

import pytest

import core
from core.lesson import Answers, check

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]


def hint_for(name: str, step: int, typed: float) -> str:
    """The hint lines (after "you typed …") for ``typed`` at 1-based ``step`` of the bundled lesson ``name``."""
    net = core.load_network(core.example_path(name))
    question = net.lesson.steps[step - 1].question
    verdict = check(question, typed, net)
    assert not verdict.right, (name, step, typed, verdict.answer)
    return " | ".join(verdict.hint[1:])


def right(name: str, step: int) -> float:
    net = core.load_network(core.example_path(name))
    return Answers(net).answer(net.lesson.steps[step - 1].question)


def test_an_mse_lesson_never_speaks_of_a_half_it_has_not():
    assert core.load_network(core.example_path("guided_perceptron")).training.loss == "mse"
    doubled = hint_for("guided_perceptron", 5, 2 * right("guided_perceptron", 5))
    assert "½(y − t)² has none" not in doubled and "extra factor 2" not in doubled
    halved = hint_for("guided_perceptron", 5, right("guided_perceptron", 5) / 2)
    assert "the slope of (y − t)² is 2(y − t)" in halved and "(mse) has no ½" in halved


def test_a_half_mse_lesson_says_its_half_cancels_the_2():
    assert core.load_network(core.example_path("guided_relu_tutorial")).training.loss == "half_mse"
    delta = right("guided_relu_tutorial", 6)
    doubled = hint_for("guided_relu_tutorial", 6, 2 * delta)
    assert "with ½(y − t)² the ½ cancels the 2" in doubled
    halved = hint_for("guided_relu_tutorial", 6, delta / 2)
    assert "the 2 of (y − t)²" not in halved and "dL/da_y0 is not" not in halved


def test_the_chain_rule_lessons_doubled_delta_is_the_mean_over_two_outputs_forgotten():
    for step in (5, 6):  # δ_y0, δ_y1
        hint = hint_for("guided_chain_rule", step, 2 * right("guided_chain_rule", step))
        assert "without the mean over the 2 outputs" in hint and "halved twice" in hint, (step, hint)
        assert "extra factor 2" not in hint


@pytest.mark.parametrize(("step", "neuron"), [(8, "h0"), (9, "h1")])
def test_a_hidden_neurons_doubled_number_is_its_sum_of_the_output_deltas_doubled(step, neuron):
    """Review 14 #8: δ_h0 (s8) and δ_h1 (s9) typed twice over read "the output's slope
    taken as y − t, without the mean over the 2 outputs", but dL/da_h = Σ w · δ_y sums the output δ's the
    student found at s5–s6 (the mean is inside them): the slip is that sum doubled."""
    hint = hint_for("guided_chain_rule", step, 2 * right("guided_chain_rule", step))
    assert f"dL/da_{neuron} doubled: dL/da_{neuron} = Σ w · δ sums δ_y0 and δ_y1 as you found them" in hint, hint
    assert "output's slope" not in hint and "mean over the 2 outputs" not in hint
    bias = hint_for("guided_chain_rule", 11, right("guided_chain_rule", 11) / 2)  # b after a step, halved
    assert "(y − t)²" not in bias, bias


def test_the_first_layer_gradient_doubled_is_read_as_the_other_input_taken():
    """s10 asks dL/dw[x→h][0,1] = a_x1 · δ_h0 with a_x1 = x₁ = 0.5 (review 18 #4: it asked a_x0 · δ_h1 with
    a_x0 = 1, s9's answer again): twice the answer is a_x0 = 1 taken for a_x1, and the hint says so."""
    hint = hint_for("guided_chain_rule", 10, 2 * right("guided_chain_rule", 10))
    assert "your a_x1 is not" in hint and "a_x0 = 1 in its place" in hint, hint


@pytest.mark.parametrize(("name", "step"), [("guided_weight_decay", 4), ("guided_weight_decay", 5),
                                            ("guided_perceptron", 6), ("guided_softmax", 10)])
def test_the_sign_hint_leaves_y_minus_t_out_where_it_plays_no_part(name, step):
    hint = hint_for(name, step, -right(name, step))
    assert "the right size with the wrong sign" in hint and "t − y" not in hint, hint


@pytest.mark.parametrize(("name", "step"), [("guided_perceptron", 5), ("guided_chain_rule", 5),
                                            ("guided_softmax", 7), ("guided_sigmoid_neuron", 9)])
def test_the_sign_hint_asks_about_t_minus_y_where_y_minus_t_is_in_the_product(name, step):
    assert "(y − t, not t − y?)" in hint_for(name, step, -right(name, step))


def test_weight_decays_gradient_with_the_data_part_flipped_is_t_minus_y():
    """dL/dw₀ = 2(y − t)·x₀ + 0.1·w₀ = 2.1 + 0.08: with t − y the data part flips, the penalty's does not."""
    assert "t − y" in hint_for("guided_weight_decay", 3, -2.1 + 0.08)


def test_softmaxs_loss_with_log10_says_log_is_the_natural_log():
    loss = right("guided_softmax", 6)
    hint = hint_for("guided_softmax", 6, round(loss / math.log(10), 4))  # 0.5133, a calculator's log key
    assert "log here is the natural log ln" in hint


def test_softmaxs_delta_taken_as_y_says_the_minus_t_was_left_out():
    net = core.load_network(core.example_path("guided_softmax"))
    y1 = Answers(net).answer(core.lesson.Question("output", unit=1))
    hint = hint_for("guided_softmax", 7, y1)
    assert "the −t left out" in hint and "δ = y − t" in hint
    assert "a_x1 is not" not in hint_for("guided_softmax", 9, 2 * y1)  # dL/dw = a_x1 · δ with δ taken as y
    assert "the −t left out" in hint_for("guided_softmax", 9, 2 * y1)


@pytest.mark.parametrize(("step", "typed"), [(3, 2.1 + 2 * 0.1 * 0.8), (4, 2 * 0.1 * 0.6)])
def test_weight_decays_gradient_with_the_penaltys_half_forgotten(step, typed):
    assert "the penalty rate · ½ · w² has a ½" in hint_for("guided_weight_decay", step, typed)


def test_weight_decays_loss_with_the_penaltys_half_forgotten():
    assert "the penalty without its ½" in hint_for("guided_weight_decay", 2, 0.49 + 0.1 * (0.8**2 + 0.6**2))


@pytest.mark.parametrize("name", GUIDED)
def test_a_one_sample_lessons_hints_use_no_code_words(name):
    net = core.load_network(core.example_path(name))
    answers = Answers(net)
    for k, step in enumerate(net.lesson.steps, 1):
        if step.question is None:
            continue
        value = answers.answer(step.question)
        for typed in (-value, 2 * value, value / 2, 1.5 * value + 0.3):
            verdict = check(step.question, typed, net, answers)
            for line in verdict.hint:
                assert not re.search(r"cross_entropy|half_mse|\bbatch\b", line), f"{name} step {k}: {line!r}"


@pytest.mark.parametrize(("name", "step", "before"), [("guided_perceptron", 6, 0.8), ("guided_softmax", 10, 0.1)])
def test_the_old_weight_typed_back_asks_for_the_step(name, step, before):
    hint = hint_for(name, step, before)
    assert hint.endswith("that is w before the step; now subtract lr · dL/dw")
    assert "are right" not in hint


def test_where_the_steps_end_typed_for_a_weight_after_a_few_steps():
    assert "where the steps end up" in hint_for("guided_perceptron", 9, 1 / 3)
    assert "where the steps end up" in hint_for("guided_weight_decay", 7, 1.5 / 4.6)
