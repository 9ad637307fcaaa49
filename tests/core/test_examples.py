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


def test_every_lesson_is_found_by_name_at_the_path_the_list_gives():
    for example in EXAMPLES:
        assert core.example_path(example.name) == example.path
        assert core.find_lesson(example.name) == example.path
    with pytest.raises(KeyError) as missing:
        core.example_path("nope")
    assert str(missing.value).endswith("the examples are " + ", ".join(NAMES) + "\"")


def test_finding_a_lesson_by_name_reads_no_lesson_file(monkeypatch):
    """``backprop-studio xor`` looks the name up three times before the window opens: each look-up
    lists the folder, it does not parse every lesson's JSON (``list_examples`` does, for the menu)."""
    opened = []
    real_open = open

    def watching_open(path, *args, **kwargs):
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching_open)
    assert core.find_lesson("spiral").endswith("spiral.bpnet")
    assert not [p for p in opened if p.endswith(".bpnet")], opened


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
    stops_early = net.training.early_stopping_patience is not None  # the early-stopping lesson may end sooner
    assert result.reason in (("completed", "early_stopped") if stops_early else ("completed",)), result.message
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


def test_relu_tutorial_forward_is_0_61_as_its_description_says():
    net = _lesson("relu_tutorial")
    np.testing.assert_array_equal(net.weights["x", "h"], [[0.5, 0.1], [0.6, 0.2]])
    np.testing.assert_array_equal(net.weights["h", "y"], [[0.3, 0.4]])
    assert net.biases == {} and net.layer("h").activation == "relu" and net.layer("y").activation == "identity"
    np.testing.assert_array_equal(net.dataset.inputs, [[1.0, 2.0]])
    np.testing.assert_array_equal(net.dataset.targets, [[0.5]])
    t = net.training
    assert (t.loss, t.optimizer.name, t.optimizer.learning_rate, t.optimizer.momentum, t.batch_size) == (
        "half_mse", "sgd", 0.01, 0.0, 1)
    values = net.forward_all(net.dataset.inputs)
    np.testing.assert_allclose(values["h"][1], [[0.7, 1.0]], rtol=0, atol=1e-15)
    assert values["y"][1][0, 0] == pytest.approx(0.7 * 0.3 + 1.0 * 0.4, abs=1e-15) == pytest.approx(0.61, abs=1e-15)
    for text in ("0.32", "0.61", "0.7·0.3 + 1.0·0.4", "canvas", "Step"):
        assert text in net.description, text


def test_relu_tutorial_one_sgd_step_by_hand():
    net = _lesson("relu_tutorial")
    loss = core.Trainer(net).step()
    assert loss == pytest.approx(0.5 * 0.11**2, abs=1e-15)  # ½(0.61 − 0.5)²
    d_y = 0.11  # y − t
    d_h = [0.3 * d_y, 0.4 * d_y]  # relu'(0.7) = relu'(1.0) = 1
    np.testing.assert_allclose(net.weights["h", "y"], [[0.3 - 0.01 * 0.7 * d_y, 0.4 - 0.01 * 1.0 * d_y]], atol=1e-15)
    np.testing.assert_allclose(net.weights["h", "y"], [[0.29923, 0.3989]], atol=1e-15)
    np.testing.assert_allclose(
        net.weights["x", "h"],
        [[0.5 - 0.01 * d_h[0] * 1, 0.1 - 0.01 * d_h[0] * 2], [0.6 - 0.01 * d_h[1] * 1, 0.2 - 0.01 * d_h[1] * 2]],
        atol=1e-15,
    )
    np.testing.assert_allclose(net.weights["x", "h"], [[0.49967, 0.09934], [0.59956, 0.19912]], atol=1e-15)


def test_one_sigmoid_neuron_forward_as_its_description_says():
    net = _lesson("one_sigmoid_neuron")
    assert [(l.units, l.activation, l.bias) for l in net.layers][1:] == [(1, "sigmoid", True), (1, "identity", True)]
    assert (net.flat.tolist(), net.n_weights) == ([0.5, 0.5, 0.0, 0.0], 2)  # w1, w2, b1, b2
    t = net.training
    assert (t.loss, t.optimizer.name, t.optimizer.learning_rate, t.batch_size) == ("mse", "sgd", 0.5, 1)
    np.testing.assert_array_equal(net.dataset.inputs, [[1.0]])
    np.testing.assert_array_equal(net.dataset.targets, [[0.6]])
    a1 = 1 / (1 + np.exp(-0.5))
    values = net.forward_all([[1.0]])
    assert values["h"][0][0, 0] == 0.5
    assert values["h"][1][0, 0] == pytest.approx(a1, rel=1e-15)
    y = values["y"][1][0, 0]
    assert y == pytest.approx(0.5 * a1, rel=1e-15)
    loss = net.data_loss([[1.0]], [[0.6]])
    assert loss == pytest.approx((0.5 * a1 - 0.6) ** 2, rel=1e-14)
    stated = {"a1 = σ(0.5) = 1/(1 + e^−0.5) ≈ ": a1, "y = w2·a1 + b2 ≈ ": y}  # what Forward shows
    for text, value in stated.items():
        assert f"{text}{value:.6f}".replace("-", "−") in net.description, text
    # the loss and the backward pass as formulas: the student computes them (the step-through shows them later)
    for formula in ("the loss (y − t)²", "δ_y = 2(y − t)", "dL/dw2 = δ_y·a1", "δ_h = w2·δ_y·σ'(z1)", "a1(1 − a1)"):
        assert formula in net.description, formula
    assert f"{loss:.6f}" not in net.description and f"{abs(2 * (y - 0.6)):.6f}" not in net.description


def test_one_sigmoid_neuron_one_sgd_step_by_hand():
    net = _lesson("one_sigmoid_neuron")
    core.Trainer(net).step()
    a1 = 1 / (1 + np.exp(-0.5))
    d_y = 2 * (0.5 * a1 - 0.6)
    d_h = 0.5 * d_y * a1 * (1 - a1)
    w1, w2 = 0.5 - 0.5 * d_h * 1.0, 0.5 - 0.5 * d_y * a1
    b1, b2 = 0.0 - 0.5 * d_h, 0.0 - 0.5 * d_y
    np.testing.assert_allclose(net.flat, [w1, w2, b1, b2], rtol=1e-14)
    assert "w − 0.5·dL/dw" in net.description  # the rule; the new weights are the student's to compute
    assert f"{w2:.6f}" not in net.description and f"{w1:.6f}" not in net.description


def test_the_regularization_lesson_shows_what_its_description_promises():
    """Too many weights for its noisy points; 300 epochs (the description's Stop at epoch): without
    regularization the validation loss climbs above L2's; L1 leaves most weights at about 0, L2
    almost none; with L1 0.01 the circle's features x₀², x₁² keep the largest weights."""
    net = _lesson("regularization")
    assert net.input_features == ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
    assert net.dataset.source["generator"] == "circles" and net.dataset.source["noise"] >= 0.2
    trainer = core.Trainer(net.copy())
    assert net.n_weights > len(trainer.X)  # more weights than training samples
    assert net.training.regularization == "none" and net.training.regularization_rate == 0.003

    def trained(kind, rate=0.003):
        copy = net.copy()
        copy.training.regularization, copy.training.regularization_rate = kind, rate
        trainer = core.Trainer(copy)
        trainer.run(epochs=300)
        return copy, trainer.evaluate()

    plain, plain_stats = trained("none")
    l1, _ = trained("l1")
    l2, l2_stats = trained("l2")
    assert plain_stats.validation_loss > 1.2 * l2_stats.validation_loss
    near_zero = lambda n: int((np.abs(n.flat[: n.n_weights]) < 0.01).sum())  # noqa: E731
    assert near_zero(l1) > 0.5 * net.n_weights and near_zero(l2) < 0.05 * net.n_weights and near_zero(plain) == 0
    strong, _ = trained("l1", 0.01)
    per_feature = np.abs(strong.weights["x", "h1"]).sum(axis=0)
    assert set(np.argsort(per_feature)[-2:]) == {2, 3}  # x₀², x₁²
