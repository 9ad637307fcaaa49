"""Input features (issue 15, item 2): derived columns x₀², x₁², x₀x₁, sin x₀, sin x₁ before the
input layer; in the forward, training, the file, the trace."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from bpnet_docs import write
from exportcheck import featured

import core
from core.features import FEATURE_NAMES, feature_columns

X = np.array([[0.5, -2.0], [-1.25, 0.75], [3.0, 0.0]])


def by_hand(x1: float, x2: float) -> dict[str, float]:
    """The columns as the table in core/features.py defines them, one number at a time."""
    return {"x1": x1, "x2": x2, "x1^2": x1 * x1, "x2^2": x2 * x2, "x1*x2": x1 * x2,
            "sin(x1)": math.sin(x1), "sin(x2)": math.sin(x2)}


def two_input_network(features=None, seed: int = 1) -> core.Network:
    net = core.Network("f")
    net.add_layer("x", 2)
    net.add_layer("h", 3, activation="tanh")
    net.add_layer("y", 1, activation="sigmoid")
    net.connect("x", "h", seed=seed)
    net.connect("h", "y", seed=seed)
    net.connect("x", "y", seed=seed)
    net.biases["h"] = [0.1, -0.2, 0.3]
    if features is not None:
        net.set_input_features(features, seed=seed)
    net.training.loss = "binary_cross_entropy"
    rng = np.random.default_rng(seed)
    inputs = rng.uniform(-2, 2, (16, 2))
    net.dataset = core.Dataset(inputs, (inputs[:, :1] * inputs[:, 1:] > 0).astype(float))
    return net


def test_every_feature_column_is_its_formula():
    cols = feature_columns(X, FEATURE_NAMES)
    assert cols.shape == (3, len(FEATURE_NAMES))
    for b, (x1, x2) in enumerate(X):
        expected = by_hand(x1, x2)
        for k, name in enumerate(FEATURE_NAMES):
            assert cols[b, k] == pytest.approx(expected[name], rel=1e-15, abs=0), (name, b)


def test_the_forward_is_the_plain_network_on_the_feature_columns():
    """A network with features computes exactly what the same weights compute on a plain input
    layer fed the columns by hand (order of the features respected)."""
    features = ("sin(x2)", "x1*x2", "x1^2")
    net = two_input_network(features)
    assert net.layer("x").units == 3 and net.input_features == features and net.raw_input_units == 2
    plain = core.Network("plain")
    plain.add_layer("x", 3)
    plain.add_layer("h", 3, activation="tanh")
    plain.add_layer("y", 1, activation="sigmoid")
    for s, t in net.connections:
        plain.connect(s, t, weights=net.weights[s, t])
    plain.biases["h"] = net.biases["h"]
    plain.biases["y"] = net.biases["y"]
    plain.training.loss = net.training.loss
    hand = np.array([[by_hand(x1, x2)[f] for f in features] for x1, x2 in X])
    assert np.array_equal(net.feature_inputs(X), hand)
    assert np.array_equal(net.forward(X), plain.forward(hand))
    assert np.array_equal(net.forward_all(X)["x"][1], hand)
    T = np.array([[1.0], [0.0], [1.0]])
    loss, grads = net.loss_and_gradients(X, T)
    loss_plain, grads_plain = plain.loss_and_gradients(hand, T)
    assert loss == loss_plain and np.array_equal(grads.flat, grads_plain.flat)


def test_the_forward_takes_the_raw_inputs_and_says_so():
    net = two_input_network(("x1", "x1^2", "x2^2"))
    assert net.forward(X[0]).shape == (1, 1)  # one row as a vector
    with pytest.raises(ValueError, match=r"shape \(batch, 2\).*x₀, x₁"):
        net.forward(np.zeros((4, 3)))  # the feature columns are not the inputs


def test_choosing_features_keeps_the_weights_of_kept_features():
    net = two_input_network()
    before = {t: net.weights["x", t].copy() for t in ("h", "y")}
    net.set_input_features(("x1", "x2", "x1*x2"), seed=4)
    for t in ("h", "y"):
        assert net.weights["x", t].shape[1] == 3
        assert np.array_equal(net.weights["x", t][:, :2], before[t])
        assert np.all(net.weights["x", t][:, 2] != 0)  # a new column is initialised
    kept = net.weights["x", "h"][:, 2].copy()
    net.set_input_features(("x1*x2", "x2"))
    assert np.array_equal(net.weights["x", "h"], np.c_[kept, before["h"][:, 1]])
    net.set_input_features(None)  # back to the raw inputs: ("x1", "x2")
    assert net.input_features is None and net.layer("x").units == 2
    assert np.array_equal(net.weights["x", "h"][:, 1], before["h"][:, 1])


def test_removed_edges_follow_their_feature():
    net = two_input_network(("x1", "x2", "sin(x1)"))
    net.set_edge_enabled("x", "h", 2, 2, False)  # sin x1 → h[2]
    net.set_input_features(("sin(x1)", "x2^2"))
    assert net.masks["x", "h"].tolist() == [[1, 1], [1, 1], [0, 1]]
    assert net.weights["x", "h"][2, 0] == 0.0
    net.set_input_features(("x2^2",))
    assert ("x", "h") not in net.masks


def test_raw_inputs_normalise_to_none_and_the_units_follow_the_features():
    net = two_input_network(("x1", "x2"))
    assert net.input_features is None
    net = two_input_network(("x2", "x1"))  # another order is a real choice
    assert net.input_features == ("x2", "x1")
    with pytest.raises(core.GraphError, match="follow its input features"):
        net.set_units("x", 5)
    with pytest.raises(ValueError, match="unknown input feature 'cos'"):
        net.set_input_features(("x1", "cos"))
    with pytest.raises(ValueError, match="chosen twice"):
        net.set_input_features(("x1", "x1"))
    with pytest.raises(ValueError, match="at least one"):
        net.set_input_features(())


def test_features_need_two_raw_inputs():
    net = core.Network()
    net.add_layer("x", 3)
    net.add_layer("y", 1)
    net.connect("x", "y")
    with pytest.raises(core.GraphError, match="two inputs .* 3 units"):
        net.set_input_features(("x1^2",))
    net = two_input_network(("x1", "x1^2"))
    net.dataset = core.Dataset(np.zeros((4, 3)), np.zeros((4, 1)))
    (problem,) = net.dataset_problems()
    assert "need 2 input columns" in problem and "3 input columns" in problem
    with pytest.raises(ValueError, match="need 2 input columns"):
        core.Trainer(net)


def test_the_structure_signature_and_undo_state_carry_the_features():
    a, b = two_input_network(("x1", "x1^2")), two_input_network(("x1", "sin(x1)"))
    assert a.layer("x").units == b.layer("x").units
    assert a.structure_signature() != b.structure_signature()
    state = a.get_state()
    a.set_input_features(("x2",))
    a.set_state(state)
    assert a.input_features == ("x1", "x1^2")
    assert a.copy().input_features == ("x1", "x1^2")


def test_nothing_can_connect_into_the_feature_layer():
    net = two_input_network(("x1", "x1^2"))
    net.add_layer("z", 2)
    assert "receives the data, not a connection" in net.connection_refusal("z", "x")
    with pytest.raises(core.GraphError):
        net.connect("z", "x")


def test_training_uses_the_features():
    """A step of Trainer is gradient descent on the loss of the feature columns."""
    net = two_input_network(("x1", "x2", "x1*x2"))
    net.training.batch_size = 5
    net.training.optimizer.learning_rate = 0.3
    trainer = core.Trainer(net)
    X, T = trainer.next_batch()
    assert X.shape == (5, 2)  # the batch is raw rows
    before = net.flat.copy()
    _, grads = net.loss_and_gradients(X, T)
    trainer.step()
    assert np.allclose(net.flat, before - 0.3 * grads.flat, rtol=0, atol=1e-15)
    assert trainer.run(steps=400).reason == "completed"
    stats = trainer.evaluate()
    assert stats.train_loss == pytest.approx(net.data_loss(trainer.X, trainer.T), rel=1e-12)


def test_xor_of_signs_is_learnt_by_one_product_feature_alone():
    """x₀x₁ makes the sign-XOR linearly separable: no hidden layer is needed."""
    net = core.Network("product")
    net.add_layer("x", 2)
    net.add_layer("y", 1, activation="sigmoid")
    net.connect("x", "y", weights=[[0.0, 0.0]])
    net.set_input_features(("x1*x2",))
    net.training.loss = "binary_cross_entropy"
    net.training.optimizer.learning_rate = 1.0
    rng = np.random.default_rng(0)
    inputs = rng.uniform(-1, 1, (80, 2))
    net.dataset = core.Dataset(inputs, (inputs[:, :1] * inputs[:, 1:] > 0).astype(float))
    net.training.batch_size = 80
    core.Trainer(net).run(steps=300)
    assert np.mean((net.forward(inputs) > 0.5) == net.dataset.targets) >= 0.95


def test_gradcheck_with_features():
    net = featured(("x1^2", "sin(x2)", "x1*x2"))
    data = net.dataset
    result = core.gradcheck(net, data.inputs[:6], data.targets[:6])
    assert result.relative_error.max() < 1e-6, result.worst()


# ------------------------------------------------------------------------------- the file
def test_features_round_trip_through_the_file(tmp_path):
    net = featured(("sin(x1)", "x2", "x1*x2"))
    path = tmp_path / "f.bpnet"
    core.save_network(net, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    assert doc["layers"][0]["features"] == ["sin(x1)", "x2", "x1*x2"]
    assert "features" not in doc["layers"][1]
    back = core.load_network(path)
    assert back.input_features == ("sin(x1)", "x2", "x1*x2")
    assert back.structure_signature() == net.structure_signature()
    X = np.random.default_rng(3).normal(size=(9, 2))
    assert np.array_equal(back.forward(X), net.forward(X))


def test_a_file_without_features_has_raw_inputs_and_saves_without_the_key(tmp_path):
    net = core.load_network(core.example_path("xor"))
    assert net.input_features is None
    text = core.network_to_json(net)
    assert '"features"' not in text


def _doc(features, on: int = 0) -> dict:
    doc = {"format": "backprop-studio.network", "version": 1,
           "layers": [{"name": "x", "units": 3}, {"name": "y", "units": 1, "activation": "sigmoid"}],
           "connections": [{"from": "x", "to": "y", "weights": [[1, 2, 3]]}]}
    doc["layers"][on]["features"] = features
    return doc


@pytest.mark.parametrize("features, on, place, fragment", [
    ("x1^2", 0, "layers[0].features", "expected a list of input feature names"),
    ([], 0, "layers[0].features", "at least one input feature"),
    (["x1", "cos(x1)", "x2"], 0, "layers[0].features[1]", "unknown input feature 'cos(x1)'"),
    (["x1", 2, "x2"], 0, "layers[0].features[1]", "unknown input feature the number 2"),
    (["x1", "x2", "x1"], 0, "layers[0].features[2]", "already listed at layers[0].features[0]"),
    (["x1", "x2"], 0, "layers[0].features", "expected 3 feature names (one per unit of the input layer), found 2"),
    (["x1"], 1, "layers[1].features", "only the input layer ('x')"),
])
def test_bad_features_name_the_field(tmp_path, features, on, place, fragment):
    path = write(tmp_path, _doc(features, on))
    with pytest.raises(core.NetworkFileError) as info:
        core.load_network(path)
    assert info.value.place == place, str(info.value)
    assert fragment in str(info.value)
    assert str(info.value).startswith(path + ": " + place + ": ")


def test_null_features_mean_raw_inputs(tmp_path):
    assert core.load_network(write(tmp_path, _doc(None))).input_features is None


# ------------------------------------------------------------------------------- the trace
def test_the_trace_shows_raw_inputs_and_the_feature_columns():
    net = featured(("x1*x2", "sin(x1)"))
    trace = core.trace_step(net, 2)
    raw = net.dataset.inputs[2:3]
    assert np.array_equal(trace.inputs, raw)
    assert np.array_equal(trace.layers["in"].a, feature_columns(raw, ("x1*x2", "sin(x1)")))
    doc = trace.to_json_dict()
    assert doc["input_features"] == ["x1*x2", "sin(x1)"] and np.shape(doc["inputs"]) == (1, 2)
    text = trace.to_text()
    assert "raw inputs x₀, x₁" in text and "in[0] = x₀·x₁" in text and "in[1] = sin(x₀)" in text
    assert "in[1] = sin(x₀)" in trace.to_html()


def test_the_traced_batch_step_is_the_trainer_step_bit_for_bit():
    net = featured(("x1", "x2^2", "sin(x2)", "x1*x2"))
    trainer = core.Trainer(net.copy())
    trainer.run(steps=3)
    trace = core.trace_trainer_step(trainer)
    trainer.step()
    assert np.array_equal(trace.updated, trainer.net.flat)


def test_the_neuron_explanation_names_the_feature():
    net = featured(("x1*x2", "sin(x1)"))
    X, T = net.dataset.inputs[:3], net.dataset.targets[:3]
    text = "\n".join(core.explain_neuron(net, "in", 1, X, T).lines())
    assert "a_in1 = sin(x₀), an input feature" in text
    assert core.format_number(float(np.sin(X[0, 0])), 4) in text
    assert "= x_0, the input value" in "\n".join(core.explain_neuron(two_input_network(), "x", 0, X, T).lines())
