"""core.lesson: questions answered by the engine, checked with a tolerance, hints naming the differing factor."""

from __future__ import annotations

import math

import numpy as np
import pytest

import core
from core.lesson import (
    Action, Answers, LessonError, Observed, Question, Tolerance, answer, check, hidden_quantity, network_at_step,
    new_lesson, question_label,
)


def perceptron():
    """The tutorials' perceptron: i = 1.5, w = 0.8, t = 0.5, mse, lr 0.1, no bias."""
    net = core.Network("perceptron")
    net.add_layer("i", 1)
    net.add_layer("y", 1, activation="identity", bias=False)
    net.connect("i", "y", weights=[[0.8]])
    net.dataset = core.Dataset([[1.5]], [[0.5]])
    net.training.loss = "mse"
    net.training.optimizer.learning_rate = 0.1
    net.training.batch_size = 1
    return net


def sigmoid_neuron():
    """x → h (sigmoid) → y (identity), one sample x = 1, t = 0.6, half_mse, lr 0.5."""
    net = core.Network("sigmoid")
    net.add_layer("x", 1)
    net.add_layer("h", 1, activation="sigmoid")
    net.add_layer("y", 1, activation="identity")
    net.connect("x", "h", weights=[[0.5]])
    net.connect("h", "y", weights=[[0.8]])
    net.biases["h"] = [0.1]
    net.biases["y"] = [-0.2]
    net.dataset = core.Dataset([[1.0]], [[0.6]])
    net.training.loss = "half_mse"
    net.training.optimizer.learning_rate = 0.5
    net.training.batch_size = 1
    return net


W = dict(source="i", target="y", j=0, i=0)


def test_perceptron_answers_are_the_tutorials_numbers():
    net = perceptron()
    assert answer(Question("a", layer="y", unit=0), net) == pytest.approx(1.2, abs=1e-12)
    assert answer(Question("output"), net) == pytest.approx(1.2, abs=1e-12)
    assert answer(Question("loss"), net) == pytest.approx(0.49, abs=1e-12)
    assert answer(Question("dL/dw", **W), net) == pytest.approx(2.1, abs=1e-12)
    assert answer(Question("weight_after_step", **W), net) == pytest.approx(0.59, abs=1e-12)
    assert answer(Question("weight_after_steps", step=100, **W), net) == pytest.approx(1 / 3, abs=1e-12)
    # the step-k network: after one step w = 0.59, so y = 0.885 and dL/dw = 2·(0.885 − 0.5)·1.5
    assert answer(Question("dL/dw", step=1, **W), net) == pytest.approx(2 * 0.385 * 1.5, abs=1e-12)
    assert net.weights["i", "y"][0, 0] == 0.8, "answering must not train the caller's network"


def test_answers_are_the_traces_numbers():
    net = sigmoid_neuron()
    trace = core.trace_step(network_at_step(net, 2))
    a = Answers(net)
    assert a.answer(Question("z", layer="h", unit=0, step=2)) == trace.layers["h"].z[0, 0]
    assert a.answer(Question("delta", layer="h", unit=0, step=2)) == trace.layers["h"].delta[0, 0]
    assert a.answer(Question("dL/db", layer="y", unit=0, step=2)) == trace.bias("y", "gradient")[0]
    assert a.answer(Question("bias_after_step", layer="h", unit=0, step=2)) == trace.bias("h", "updated")[0]
    assert a.answer(Question("weight_after_step", source="x", target="h", j=0, i=0, step=2)) == \
        trace.weights("x", "h", "updated")[0, 0]
    trained = net.copy()
    core.Trainer(trained).run(steps=2)
    assert a.answer(Question("weight_after_steps", source="h", target="y", j=0, i=0, step=2)) == \
        trained.weights["h", "y"][0, 0]


def test_sample_selects_one_row_and_a_batch_question_needs_one():
    net = perceptron()
    net.dataset = core.Dataset([[1.5], [2.0]], [[0.5], [1.0]])
    net.training.batch_size = 2
    with pytest.raises(LessonError, match="give the question a sample"):
        answer(Question("a", layer="y", unit=0), net)
    assert answer(Question("a", layer="y", unit=0, sample=1), net) == pytest.approx(1.6, abs=1e-12)
    # dL/dw of the batch: mean over both samples of 2(y − t)·i
    batch = (2 * 0.7 * 1.5 + 2 * 0.6 * 2.0) / 2
    assert answer(Question("dL/dw", **W), net) == pytest.approx(batch, abs=1e-12)
    assert answer(Question("dL/dw", sample=1, **W), net) == pytest.approx(2 * 0.6 * 2.0, abs=1e-12)


def test_dL_dw_includes_the_regularization_term_and_the_hint_says_when_it_is_missing():
    net = perceptron()
    net.training.regularization, net.training.regularization_rate = "l2", 0.1
    right = answer(Question("dL/dw", **W), net)
    assert right == pytest.approx(2.1 + 0.1 * 0.8, abs=1e-12)
    verdict = check(Question("dL/dw", **W), 2.1, net)
    assert not verdict.right
    assert verdict.differing == "the L2 term"
    assert any("regularization" in line for line in verdict.hint)


def test_tolerance_is_three_significant_digits_by_default():
    net = perceptron()
    q = Question("weight_after_step", **W)
    assert check(q, 0.59, net).right
    assert check(q, 0.5904, net).right
    assert not check(q, 0.5906, net).right
    loose = Question("weight_after_step", tolerance=Tolerance(absolute=0.01), **W)
    assert check(loose, 0.599, net).right and not check(loose, 0.601, net).right
    assert not check(q, math.nan, net).right
    assert Tolerance().accepts(0.0, 5.551115123125783e-17)  # an answer that is 0 up to rounding


@pytest.mark.parametrize("typed, differing", [
    (1.05, "dL/da_y0"),  # the 2 of (y − t)² left out
    (4.2, None),  # twice 2(y − t): no slip of (y − t)² (mse) gives it, so no factor is named (review 13)
    (1.4, "a_i0"),  # the input left out
    (-2.1, "the sign"),
])
def test_a_wrong_gradient_gets_a_hint_naming_the_factor(typed, differing):
    verdict = check(Question("dL/dw", **W), typed, perceptron())
    assert not verdict.right
    assert verdict.answer == pytest.approx(2.1, abs=1e-12)
    assert verdict.differing == differing
    assert [name for name, _ in verdict.factors] == ["a_i0", "f'(z_y0)", "dL/da_y0"]
    assert verdict.hint[0] == f"you typed {core.format_number(typed, 4)}"
    assert not any("2.1" in line for line in verdict.hint[1:])  # a hint, not the answer: Reveal gives that
    assert verdict.worked[0] == "the right value is 2.1" and "dL/dw = 1.5 · 1 · 1.4 = 2.1" in verdict.worked


def test_no_hint_of_a_bundled_lesson_gives_the_right_value():
    """The first wrong try once printed "the right value is −0.5775" and the worked computation."""
    for example in core.list_examples():
        net = core.load_network(core.example_path(example.name))
        if net.lesson is None:
            continue
        for _, q in net.lesson.questions():
            verdict = check(q, 0.123, net)
            shown = {core.format_number(verdict.answer, d) for d in (3, 4, 5, 6)} - {"0", "1", "-1"}
            written = " ".join(verdict.hint[1:])  # (after "you typed 0.123")
            assert not any(number in written for number in shown), (example.name, q, verdict.hint)


def test_sigmoid_derivative_confused_with_sigmoid_is_named():
    net = sigmoid_neuron()
    q = Question("dL/dw", source="x", target="h", j=0, i=0)
    trace = core.trace_step(net)
    a_h = trace.layers["h"].a[0, 0]
    dl_da = trace.layers["h"].dL_da[0, 0]
    verdict = check(q, 1.0 * a_h * dl_da, net)  # σ(z) where σ'(z) belongs
    assert verdict.differing == "σ'(z_h0)"
    assert "your a_x0 and dL/da_h0 are right, your σ'(z_h0) is not" in verdict.hint[-1]
    right = check(q, 1.0 * a_h * (1 - a_h) * dl_da, net)
    assert right.right and right.hint == []


def test_update_slips():
    net = perceptron()
    q = Question("weight_after_step", **W)
    assert check(q, 0.8 + 0.21, net).differing == "the sign of the update"
    assert check(q, 0.8 - 2.1, net).differing == "lr"
    assert check(q, 0.8 - 0.105, net).differing == "dL/da_y0"


def test_places_that_do_not_exist_are_refused():
    net = perceptron()
    with pytest.raises(LessonError, match="no layer"):
        answer(Question("a", layer="h", unit=0), net)
    with pytest.raises(LessonError, match="no neuron 3"):
        answer(Question("a", layer="y", unit=3), net)
    with pytest.raises(LessonError, match="no bias"):
        answer(Question("dL/db", layer="y", unit=0), net)
    with pytest.raises(LessonError, match="no connection"):
        answer(Question("dL/dw", source="y", target="i", j=0, i=0), net)
    with pytest.raises(LessonError, match="has no z"):
        answer(Question("z", layer="i", unit=0), net)


def test_divergence_before_the_step_is_a_lesson_error():
    net = perceptron()
    net.training.optimizer.learning_rate = 1e6
    with pytest.raises(LessonError, match="diverge"):
        answer(Question("loss", step=200), net)


def test_labels():
    assert question_label(Question("dL/dw", source="h", target="y", j=0, i=1)) == "dL/dw[h→y][0,1]"
    assert question_label(Question("delta", layer="h", unit=1)) == "δ_h1 = dL/dz_h1"


def test_actions_are_recognised_when_done():
    net = perceptron()
    set_w = Action("set_weight", source="i", target="y", j=0, i=0, value=0.5)
    assert not set_w.is_done(Observed(network=net))
    net.weights["i", "y"] = [[0.5]]
    assert set_w.is_done(Observed(network=net))
    through = Action("step_through", phase="backward", layer="h")
    assert not through.is_done(Observed(phase="loss"))
    assert not through.is_done(Observed(phase="backward", phase_layers=frozenset({"y"})))
    assert through.is_done(Observed(phase="backward", phase_layers=frozenset({"y", "h"})))
    assert through.is_done(Observed(phase="update"))
    assert Action("train", steps=100).is_done(Observed(steps_trained=100))
    assert not Action("train", steps=100).is_done(Observed(steps_trained=99))
    edge = Action("select_edge", source="h", target="y", j=0, i=0)
    assert edge.is_done(Observed(selected_edge=("h", "y", 0, 0)))
    assert not edge.is_done(Observed(selected_edge=("h", "y", 0, 1)))
    assert Action("select_layer", layer="h").is_done(Observed(selected_layer="h"))
    assert not Action("set_bias", layer="y", unit=0, value=1.0).is_done(Observed(network=net))  # y has no bias


def test_answers_do_not_follow_later_edits():
    net = perceptron()
    answers = Answers(net)
    net.weights["i", "y"] = [[0.0]]
    assert answers.answer(Question("output")) == pytest.approx(1.2, abs=1e-12)
    assert np.isclose(answer(Question("output"), net), 0.0)


def test_what_an_open_question_hides_and_a_new_lesson():
    net = perceptron()
    assert hidden_quantity(Question("output"), net) == ("neuron", "y", 0, "a")
    assert hidden_quantity(Question("delta", layer="y", unit=0), net) == ("neuron", "y", 0, "delta")
    assert hidden_quantity(Question("dL/dw", **W), net) == ("edge", "i", "y", 0, 0, "gradient")
    assert hidden_quantity(Question("weight_after_steps", step=3, **W), net) == ("edge", "i", "y", 0, 0, "weight")
    assert hidden_quantity(Question("bias_after_step", layer="y", unit=0), net) == ("bias", "y", 0, "value")
    assert hidden_quantity(Question("loss"), net) == ("loss",)
    lesson = new_lesson(net)
    assert lesson.title == "perceptron" and len(lesson.steps) == 1 and lesson.questions() == []
    net.lesson = lesson
    assert core.network_from_json(core.network_to_json(net)).lesson == lesson


def test_a_hidden_delta_from_one_outgoing_term_only_is_named():
    net = core.load_network(core.example_path("guided_chain_rule"))
    t = core.trace_step(net)
    a = t.layers["h"].a[0, 0]
    one_term = a * (1 - a) * net.weights["h", "y"][0, 0] * t.layers["y"].delta[0, 0]
    verdict = check(Question("delta", layer="h", unit=0), one_term, net)
    assert not verdict.right and verdict.differing == "dL/da_h0"
    assert "only the term w·δ of y0" in verdict.hint[-1] and "2 terms" in verdict.hint[-1]
    grad = check(Question("dL/dw", source="x", target="h", j=0, i=1), 0.5 * one_term, net)
    assert grad.differing == "dL/da_h0"
    assert "your a_x1 and σ'(z_h0) are right" in grad.hint[-1]


def test_weight_after_steps_off_by_one_step_is_named():
    net = perceptron()
    q = Question("weight_after_steps", step=3, **W)
    # each step: w − 1/3 shrinks by 0.55
    w = lambda k: 1 / 3 + (0.8 - 1 / 3) * 0.55**k  # noqa: E731
    assert check(q, w(3), net).right
    assert "one step too few" in check(q, w(2), net).hint[-1]
    assert "one step too many" in check(q, w(4), net).hint[-1]
    assert "before any step" in check(q, 0.8, net).hint[-1]


def test_loss_slips_follow_the_loss_function():
    net = perceptron()  # mse: L = 0.49
    assert check(Question("loss"), 0.245, net).differing == "the ½"
    assert check(Question("loss"), 0.98, net).differing is None
    net.training.loss = "half_mse"  # L = 0.245
    assert check(Question("loss"), 0.49, net).differing == "the ½"


def test_renaming_a_layer_renames_it_in_the_lesson_so_the_file_saves(tmp_path):
    net = core.load_network(str(core.example_path("guided_chain_rule")))
    lesson = net.lesson
    net.rename_layer("h", "hidden")
    for old_step, step in zip(lesson.steps, net.lesson.steps):
        for part in ("action", "question"):
            before, after = getattr(old_step, part), getattr(step, part)
            if before is None:
                assert after is None
                continue
            for key in ("layer", "source", "target"):
                if hasattr(before, key):
                    expected = "hidden" if getattr(before, key) == "h" else getattr(before, key)
                    assert getattr(after, key) == expected
    assert net.lesson != lesson  # a new lesson; the old one (frozen) is untouched
    core.save_network(net, str(tmp_path / "renamed.bpnet"))  # not refused
    assert core.load_network(str(tmp_path / "renamed.bpnet")).lesson == net.lesson
    assert net.lesson.with_layer_renamed("nowhere", "x2") is net.lesson  # names no such layer: unchanged
