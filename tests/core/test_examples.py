"""The bundled lessons: found through importlib.resources, valid, laid out left to right, and trainable."""

import os

import numpy as np
import pytest

import core

EXAMPLES = core.list_examples()
NAMES = [e.name for e in EXAMPLES]


def test_there_are_at_least_ten_lessons_in_teaching_order():
    assert len(EXAMPLES) >= 10
    assert NAMES[0] == "perceptron"
    folder = core.examples.examples_folder()
    listed = [line.strip() for line in open(os.path.join(folder, "lessons.txt"), encoding="utf-8")
              if line.strip() and not line.startswith("#")]
    on_disk = sorted(f for f in os.listdir(folder) if f.endswith(".bpnet"))
    assert sorted(listed) == on_disk, "lessons.txt and the .bpnet files disagree"
    assert NAMES == [f[: -len(".bpnet")] for f in listed]


def test_example_path():
    assert core.example_path("xor").endswith("xor.bpnet")
    assert core.example_path("xor.bpnet") == core.example_path("xor")
    with pytest.raises(KeyError, match="no example called 'nope'.*perceptron"):
        core.example_path("nope")


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_lesson_loads_and_describes_itself(example):
    net = core.load_network(example.path)
    net.validate()
    assert example.title == net.name and len(net.name) > 5
    assert example.description == net.description and len(net.description) >= 150
    assert "Try" in net.description  # every lesson tells the student what to try
    assert net.dataset is not None


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_lesson_is_laid_out_left_to_right(example):
    net = core.load_network(example.path)
    x = {layer.name: layer.position[0] for layer in net.layers}
    for src, tgt in net.connections:
        assert x[tgt] - x[src] >= 150, f"{src} → {tgt} does not go to the right"
    assert x[net.input_layer] == min(x.values()) and x[net.output_layer] == max(x.values())


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_lesson_file_is_in_canonical_form(example, tmp_path):
    """Each lesson is exactly what save_network writes (so it round-trips, CSV path included)."""
    net = core.load_network(example.path)
    folder = os.path.dirname(example.path)
    text = core.network_to_json(net, example.path, folder)
    with open(example.path, encoding="utf-8") as f:
        assert f.read() == text


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_lesson_trains_to_a_lower_loss_without_diverging(example):
    net = core.load_network(example.path)
    trainer = core.Trainer(net)
    before = trainer.evaluate().train_loss
    result = trainer.run(steps=3000)  # "a few thousand steps"
    after = trainer.evaluate().train_loss
    assert result.reason == "completed", result.message
    assert np.isfinite(after) and after < 0.5 * before, (before, after)


def _lesson(name):
    return core.load_network(core.example_path(name))


def test_perceptron_is_the_tutorial_one_and_steps_by_hand():
    net = _lesson("perceptron")
    assert [l.units for l in net.layers] == [1, 1] and net.biases == {} and len(net.flat) == 1
    assert net.flat[0] == 0.8
    np.testing.assert_array_equal(net.dataset.inputs, [[1.5]])
    np.testing.assert_array_equal(net.dataset.targets, [[0.5]])
    t = net.training
    assert (t.loss, t.optimizer.name, t.optimizer.learning_rate, t.batch_size) == ("mse", "sgd", 0.1, 1)
    loss = core.Trainer(net).step()
    assert loss == pytest.approx(0.49)  # (1.5·0.8 − 0.5)²
    assert net.flat[0] == pytest.approx(0.8 - 0.1 * 2 * 0.7 * 1.5)  # 0.59


def test_one_hidden_sigmoid_layer_moves_toward_0_6():
    net = _lesson("one_hidden_sigmoid")
    assert net.layer("h").activation == "sigmoid" and net.dataset.targets[0, 0] == 0.6
    core.Trainer(net).run(steps=300)
    assert net.forward(net.dataset.inputs)[0, 0] == pytest.approx(0.6, abs=1e-3)


def test_relu_network_has_the_tutorial_weights_transposed():
    net = _lesson("relu_2_2_1")
    input_major = np.array([[0.5, 0.6], [0.1, 0.2]])  # the tutorial: row i = input neuron i
    np.testing.assert_array_equal(net.weights["x", "h"], input_major.T)
    np.testing.assert_array_equal(net.weights["h", "y"], np.array([[0.3], [0.4]]).T)
    assert net.layer("h").activation == "relu"
    assert net.forward([[2.0, 3.0]])[0, 0] == pytest.approx(1.11)


def test_xor_learns_the_truth_table():
    net = _lesson("xor")
    core.Trainer(net).run(steps=2000)
    y = net.forward(net.dataset.inputs)
    np.testing.assert_array_equal(y >= 0.5, net.dataset.targets == 1)


def test_the_lessons_cover_what_they_promise():
    spiral = _lesson("spiral")
    assert len(spiral.layers) == 4 and spiral.dataset.source["generator"] == "spiral"
    soft = _lesson("three_classes_softmax")
    assert soft.layer(soft.output_layer).activation == "softmax" and soft.training.loss == "cross_entropy"
    assert soft.dataset.source["generator"] == "blobs" and soft.dataset.targets.shape[1] == 3
    sine = _lesson("sine_regression")
    assert sine.layer(sine.input_layer).units == 1 and sine.layer(sine.output_layer).activation == "identity"
    assert _lesson("circles").dataset.source["generator"] == "circles"
    skip = _lesson("skip_connection")
    assert (skip.input_layer, skip.output_layer) in skip.connections and len(skip.connections) == 3
    exam = _lesson("exam_csv")
    assert exam.dataset.source["csv"] == os.path.join(os.path.dirname(core.example_path("exam_csv")), "exam_results.csv")
    assert exam.dataset.class_names == ["fail", "pass"]
