"""A hint (and Reveal's worked lines) names only terms the network has.

The teacher's review found the forward-pass hint writing "z_y0 = b + Σ w · a_in" in guided_perceptron,
whose output has no bias (y = w · x), and "a_y1 = softmax(z_y1)" in guided_softmax, where each output
reads every score: y₁ = e^z_y1 / Σ_m e^z_ym. Every question of every bundled guided lesson is checked
against several wrong values (a slip of each kind the hints recognise shows its own words).
"""

from __future__ import annotations

import re

import pytest

import core
from core.lesson import Answers, check

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]
FORWARD = ("a", "z", "output")


def wrong_values(right: float) -> list[float]:
    """What a student might type instead: the sign flipped, doubled, halved, off by one, off by a lot."""
    return [-right, 2 * right, 0.5 * right, right + 1, 1.7 * right + 0.3]


def texts_of(name: str):
    """(question, its layer, every hint and worked line for each wrong value) of lesson ``name``."""
    net = core.load_network(core.example_path(name))
    answers = Answers(net)
    for _, q in net.lesson.questions():
        right = answers.answer(q)
        lines = []
        for typed in wrong_values(right):
            verdict = check(q, typed, net, answers)
            lines += [*verdict.hint, *verdict.worked]
        layer = q.target or (q.layer if q.kind != "output" else None) or net.output_layer  # the loss: the output's
        yield net, q, layer, lines


def test_the_guided_lessons_include_networks_without_a_bias_and_with_softmax():
    """The checks below meet each case they guard (else they would pass without checking)."""
    nets = [core.load_network(core.example_path(name)) for name in GUIDED]
    assert any(not net.biases and any(q.kind in FORWARD for _, q in net.lesson.questions()) for net in nets)
    assert any(layer.activation == "softmax" for net in nets for layer in net.layers)


@pytest.mark.parametrize("name", GUIDED)
def test_a_hint_names_a_bias_only_where_the_layer_has_one(name):
    for net, q, layer, lines in texts_of(name):
        if layer in net.biases:
            continue
        for line in lines:
            assert not re.search(r"\bb\b|\bbias\b|\bb_", line), (
                f"{name}: {q.kind} of {layer} (a layer without a bias) is explained as {line!r}")


@pytest.mark.parametrize("name", GUIDED)
def test_a_hint_names_a_penalty_only_where_training_has_one(name):
    for net, q, _layer, lines in texts_of(name):
        if net.training.penalized:
            continue
        for line in lines:
            assert not re.search(r"penalty|regulari[sz]ation|\bL[12]\b", line), (
                f"{name} trains without a penalty, but its {q.kind} hint says {line!r}")


@pytest.mark.parametrize("name", GUIDED)
def test_a_softmax_output_is_not_written_as_a_function_of_its_own_score_alone(name):
    for net, q, layer, lines in texts_of(name):
        if net.layer(layer).activation != "softmax":
            continue
        for line in lines:
            assert not re.search(r"softmax\(z_\w+\)", line), f"{name}: {q.kind} hint says {line!r}"
        if q.kind in ("a", "output"):  # (a z question's hint and working stop at z: review 17 #1)
            assert any("Σ_m e^z_" in line for line in lines), f"{name}: the {q.kind} hint does not say how softmax adds"


@pytest.mark.parametrize("name", GUIDED)
def test_a_forward_value_is_not_explained_with_the_error_y_minus_t(name):
    """z and a come before the loss: a sign slip in them is no "t − y"."""
    for _net, q, _layer, lines in texts_of(name):
        if q.kind in FORWARD:
            for line in lines:
                assert "t − y" not in line and "y − t" not in line, f"{name}: the {q.kind} hint says {line!r}"
