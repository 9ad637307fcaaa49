"""The bundled guided lessons name each quantity the way the app names it, so a student checking
numbers by hand meets one name for one thing: the text, the canvas and Reveal's worked computation
all call the output y (softmax's probabilities too) and the target t (the canvas writes "t" beside
each output, Reveal "δ_y1 = (y − t)/N"), and the input x (the canvas captions every input neuron
x₀, x₁…, and the hints write a_x0 for a layer named x).

A teacher's review found guided_softmax writing "−Σ y_k log p_k" and "δ = p − y" (y the target,
p the probabilities) and guided_perceptron / guided_weight_decay naming their input layer "i"
(the text said "input i", the hints "a_i0", the canvas "x₀").
"""

from __future__ import annotations

import re

import pytest

import core
from core.lesson import answer, check, question_label

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]

#: ways of writing the probabilities p or the target y that clash with the app's y (output) and t (target)
CLASHES = {
    "a probability written p": re.compile(r"(?<![\w'])p(?:_k|_[0-9]|[₀-₉])"),
    "a δ written with p": re.compile(r"δ = p\b"),
    "a log of p": re.compile(r"log p\b"),
    "a target written y": re.compile(r"one-hot y\b|y_k log|− y\)|\bp − y\b"),
}


def lesson_words(name: str) -> tuple[core.Network, str]:
    """The network and every word of its lesson a student reads: name, description, title, steps."""
    net = core.load_network(core.example_path(name))
    return net, "\n".join([net.name, net.description, net.lesson.title, *(s.text for s in net.lesson.steps)])


def test_there_are_guided_lessons_to_check():
    assert {"guided_softmax", "guided_perceptron", "guided_weight_decay"} <= set(GUIDED)


@pytest.mark.parametrize("name", GUIDED)
def test_the_text_writes_the_output_y_and_the_target_t(name):
    _, text = lesson_words(name)
    found = {what: pattern.findall(text) for what, pattern in CLASHES.items() if pattern.search(text)}
    assert not found, f"{name} names the output or the target unlike the canvas (y, t): {found}"


def test_softmax_lesson_writes_the_cross_entropy_and_its_delta_in_y_and_t():
    """The formulas a student checks against Reveal's "δ_y1 = (y − t)/N = (0.3067 − 1)/1"."""
    net, text = lesson_words("guided_softmax")
    assert net.output_layer == "y" and net.training.loss == "cross_entropy"
    assert "L = −Σ_k t_k ln y_k" in text and "natural log" in text  # ln, not a calculator's log₁₀ (review 13)
    assert "δ = y − t" in text
    assert "t = (0, 1, 0)" in text  # the one-hot target, the dataset's target row
    assert net.dataset.targets[0].tolist() == [0.0, 1.0, 0.0]


@pytest.mark.parametrize("name", GUIDED)
def test_the_input_layer_is_x_as_the_canvas_captions_its_neurons(name):
    """The canvas captions every input neuron x₀, x₁… whatever the layer's name; the lesson's text,
    its questions (w[x→y]) and the hints (a_x0) use the layer's name: it must be x."""
    net, text = lesson_words(name)
    assert net.input_layer == "x", f"{name}'s input layer is {net.input_layer!r}, captioned x₀ on the canvas"
    named = {getattr(item, key) for step in net.lesson.steps for item in (step.action, step.question)
             if item is not None for key in ("layer", "source", "target") if getattr(item, key, None) is not None}
    assert named <= set(net.order()), f"{name}'s steps name layers it has not: {named - set(net.order())}"
    assert not re.search(r"the input i\b|\bi₀|\bi = [0-9(]|· i\b", text), f"{name} calls the input i"


@pytest.mark.parametrize("name", GUIDED)
def test_every_input_the_text_writes_is_one_the_canvas_shows(name):
    """The canvas captions the inputs x₀ … x_(n−1), counting from 0 as the questions' indices do:
    guided_relu_tutorial wrote the tutorial's "input 2" as x₂, a neuron its two inputs have not."""
    net, text = lesson_words(name)
    inputs = net.layer(net.input_layer).units
    digits = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
    written = {int(k.translate(digits)) for k in re.findall(r"(?<![\w'])x([₀-₉]+)", text)}
    assert written <= set(range(inputs)), f"{name} writes x{sorted(written)}, the canvas shows x₀…x{inputs - 1}"


#: a name the hints and the Inspector's chain rule give a number: a_h0, z_y1, δ_y0, dL/da_h1, dL/dz_y1,
#: σ'(z_h0), f'(z_y0), relu'(z_h1)
SYMBOL = re.compile(r"(?:dL/da_|dL/dz_|(?<![\w/])a_|δ_|(?<![\w/(])z_)[a-z]+[0-9]+|[a-zσ]+'\(z_[a-z]+[0-9]+\)")
#: a weight as the questions name it: w[x→y][0,1]
WEIGHT = re.compile(r"w\[\w+→\w+\]\[[0-9]+,[0-9]+\]")
CHAIN_RULE_KINDS = ("dL/dw", "delta", "dL/db")


def read_so_far(net: core.Network, upto: int) -> str:
    """The lesson's title and its steps' texts up to and including step ``upto`` (0-based)."""
    return "\n".join([net.lesson.title, *(s.text for s in net.lesson.steps[: upto + 1])])


@pytest.mark.parametrize("name", GUIDED)
def test_every_name_a_hint_uses_is_written_in_the_text_before_it_is_needed(name):
    """A wrong answer's hint writes the rule in the app's names ("dL/dw[x→y][0,0] = a_x0 · f'(z_y0) ·
    dL/da_y0"); the lesson's text has used each of those names by the question's step. A teacher's
    review found guided_perceptron's text writing only "dL/dy = 2(y − t), dy/dw = x"."""
    net = core.load_network(core.example_path(name))
    for index, question in net.lesson.questions():
        if question.kind not in CHAIN_RULE_KINDS:
            continue
        right = answer(question, net)
        hint = "\n".join(check(question, right * 1.37 + 0.011, net).hint[1:])
        text = read_so_far(net, index)
        missing = sorted({s for s in SYMBOL.findall(hint) if s not in text})
        assert not missing, f"{name} step {index + 1}: the hint {hint!r} uses {missing}, which its text has not written"


@pytest.mark.parametrize("name", GUIDED)
def test_every_weight_a_question_asks_about_is_named_in_the_text_by_then(name):
    """The Lesson panel writes a question's weight as w[x→y][0,1]; a text that calls it w₁ or w2
    says which that is (guided_weight_decay asked about w₀ and w₁ with no mapping stated)."""
    net = core.load_network(core.example_path(name))
    for index, question in net.lesson.questions():
        for weight in WEIGHT.findall(question_label(question)):
            assert weight in read_so_far(net, index), f"{name} step {index + 1} asks about {weight}, never named in its text"


@pytest.mark.parametrize("name", GUIDED)
def test_a_lesson_writes_a_neurons_z_and_delta_one_way(name):
    """z_y0 (the app's name, the hints') or z₀, not both: guided_softmax wrote "z_y0" in one step and
    "e^z₀" two steps later for the same number."""
    _, text = lesson_words(name)
    for symbol in ("z", "δ"):
        named = re.findall(rf"(?<![\w/]){symbol}_[a-z]+[0-9k]", text)
        short = re.findall(rf"(?<![\w/]){symbol}[₀-₉]", text)
        assert not (named and short), f"{name} writes {symbol} both ways: {sorted(set(named))} and {sorted(set(short))}"


@pytest.mark.parametrize("name", [e.name for e in core.list_examples()])
def test_every_lesson_names_its_input_layer_x_as_the_canvas_captions_it(name):
    """The canvas captions an input neuron x₀, the legend writes x = […]; the chain rule names it after
    the layer (a_x0): perceptron's layer was "i" (the text "y = w·i", the chain rule "a_i0")."""
    net = core.load_network(core.example_path(name))
    assert net.input_layer == "x"
    assert not re.search(r"·\s?i\b|\bi = [0-9]", net.description), f"{name} calls the input i"
