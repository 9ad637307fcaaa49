"""What a bundled lesson's text states about its own network is true of the network, in the app's
notation, and it refers only to what an earlier lesson (in teaching order) or itself introduced.

A teacher's review found relu_2_2_1 writing the tutorial's per-input matrices [[0.5, 0.6], [0.1, 0.2]]
and [[0.3], [0.4]] while saying "one row per target neuron" (the app's W[x→h] is [[0.5, 0.1],
[0.6, 0.2]]), and referring to "the tutorial" one lesson before relu_tutorial introduced it.
"""

from __future__ import annotations

import ast
import re

import numpy as np
import pytest

import core

EXAMPLES = [e.name for e in core.list_examples()]
MATRIX = re.compile(r"(?:W\[(\w+)→(\w+)\] = )?(\[\[[-0-9., \[\]]*\]\])")


def words(net: core.Network) -> str:
    """Every word of a lesson a student reads: name, description and, for a guided lesson, its steps."""
    parts = [net.name, net.description]
    if net.lesson is not None:
        parts += [net.lesson.title, *(s.text for s in net.lesson.steps)]
    return "\n".join(parts)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_weight_matrix_the_text_writes_is_the_networks_own(name):
    """A matrix written [[…]] is one row per target neuron, as the canvas, the Inspector and the
    Matrix form write it (W[j][i]: from source neuron i to target neuron j)."""
    net = core.load_network(core.example_path(name))
    for source, target, literal in MATRIX.findall(words(net)):
        written = np.array(ast.literal_eval(literal), dtype=float)
        if source:
            assert (source, target) in net.weights, f"{name} writes W[{source}→{target}], a connection it has not"
            candidates = {(source, target): net.weights[source, target]}
        else:
            candidates = dict(net.weights.items())
        assert any(w.shape == written.shape and np.array_equal(w, written) for w in candidates.values()), (
            f"{name} writes the matrix {literal}, which is none of its weight matrices "
            f"{ {k: v.tolist() for k, v in candidates.items()} }")


def test_the_tutorial_is_introduced_before_a_lesson_refers_to_it():
    """In teaching order, the first lesson that says "the tutorial" introduces it ("a well-known …
    tutorial"); a lesson that says "the tutorial" before that leaves the student asking which."""
    introduced = False
    for name in EXAMPLES:
        text = words(core.load_network(core.example_path(name)))
        introduced = introduced or bool(re.search(r"a well-known [\w ]*tutorial", text))
        refers = re.search(r"\b[Tt]he (?:ReLU )?tutorial\b(?!s)", text)
        assert introduced or not refers, f"{name} says {refers.group(0)!r} before any lesson introduced it"


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_delta_under_the_squared_error_carries_its_factor_2(name):
    """mse is the mean of (y − t)²: its dL/da is 2(y − t)/N, as the chain-rule panel writes it;
    a δ written (y − t)·… belongs to ½(y − t)² (half_mse) or to a cross-entropy."""
    net = core.load_network(core.example_path(name))
    if net.training.loss != "mse":
        return
    for formula in re.findall(r"δ[\w₀-₉]* = [^.,;:]*?\(y − t\)", words(net)):
        assert "2(y − t)" in formula, f"{name} writes {formula!r} for the squared error (mse)"


def test_xor_with_every_weight_0_does_what_its_text_says():
    """xor's Try: all six weights 0, the biases kept. Its text said "nothing moves, because both hidden
    neurons receive identical gradients"; the biases differ (−0.2, 0.1), so they do not, and the
    network leaves ln 2 after thousands of steps."""
    net = core.load_network(core.example_path("xor"))
    text = net.description
    assert "identical gradients" not in text
    for key in net.weights:
        net.weights[key][...] = 0.0
    X, T = net.dataset.inputs, net.dataset.targets
    _, first = net.loss_and_gradients(X, T)
    assert "The first step moves only the two weights into y" in text
    assert not first.weights["x", "h"].any() and np.all(first.weights["h", "y"] != 0)
    assert first.weights["h", "y"][0, 0] != first.weights["h", "y"][0, 1]  # the hidden neurons' gradients differ
    assert "the output is 0.5 for every sample and the loss sits at ln 2 ≈ 0.6931" in text
    plateau, fall = (int(v.replace(",", "")) for v in
                     re.search(r"for about ([0-9,]+) steps, then falls to near 0 within about ([0-9,]+) steps", text).groups())
    trainer, losses, columns_equal = core.Trainer(net), [], True
    while trainer.step_count < int(1.05 * plateau) + fall:
        losses.append(trainer.step())
        W = net.weights["x", "h"]
        columns_equal = columns_equal and np.array_equal(W[:, 0], W[:, 1])
    losses = np.array(losses)
    left = int(np.argmax(losses < 0.69))  # the first step below ln 2's 0.6931
    assert np.all(np.abs(losses[10:int(0.95 * plateau)] - np.log(2)) < 1e-3)
    assert abs(left - plateau) <= 0.05 * plateau, f"the loss leaves ln 2 at step {left}, the text says about {plateau}"
    near_zero = int(np.argmax(losses < 0.01))
    assert 0 < near_zero - left <= fall
    assert columns_equal, "the text says each hidden neuron's weights from x₀ and x₁ stay equal"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_input_a_lesson_writes_counts_from_0_as_the_canvas_does(name):
    """The canvas captions the inputs x₀, x₁ … (and input features computed from the raw x₀, x₁:
    x₀², sin x₁); regularization wrote its features x₁, x₂, x₁², … while every other lesson, the
    questions (w[x→y][0,1]) and the hints (a_x0) count from 0."""
    net = core.load_network(core.example_path(name))
    features = net.input_features
    inputs = core.features.RAW_INPUTS if features else net.layer(net.input_layer).units
    digits = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
    shown = " ".join(core.features.labels(features)) if features else ""
    for where, text in (("text", words(net)), ("canvas captions", shown)):
        written = {int(k.translate(digits)) for k in re.findall(r"(?<![\w'])x([₀-₉]+)", text)}
        assert written <= set(range(inputs)), f"{name}'s {where} writes x{sorted(written)}; its inputs are x₀…x{inputs - 1}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_step_that_asks_to_select_an_edge_names_the_edge_its_action_waits_for(name):
    """guided_relu_tutorial's step 1 said "Select the connection x → h and check" while the step waited
    for the edge w[x→h][0,1] ("Do: Select the edge w[x→h][0,1]"): selecting the connection never did it.
    Where the connection has several edges, the text names the one the action waits for."""
    net = core.load_network(core.example_path(name))
    steps = net.lesson.steps if net.lesson is not None else ()
    for k, step in enumerate(steps, 1):
        action = step.action
        if action is None or action.kind != "select_edge":
            continue
        assert "Select the connection" not in step.text, f"{name} step {k} asks for the connection, waits for an edge"
        if net.weights[action.source, action.target].size > 1:
            edge = f"w[{action.source}→{action.target}][{action.j},{action.i}]"
            assert f"Select the edge {edge}" in step.text, f"{name} step {k} does not name the edge {edge}"
