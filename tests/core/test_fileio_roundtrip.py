"""Saving and loading .bpnet files keeps everything, bit for bit."""

import json

import numpy as np
import pytest
from bpnet_docs import random_network, valid_doc, write

import core
from core.settings import TrainingSettings


def _roundtrip(net, tmp_path, name="net.bpnet"):
    path = tmp_path / name
    core.save_network(net, path)
    return core.load_network(path), path


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_roundtrip_is_bit_exact_and_keeps_everything(tmp_path, seed):
    net = random_network(seed)
    back, _ = _roundtrip(net, tmp_path)
    assert back.flat.tobytes() == net.flat.tobytes()
    for edge in net.connections:
        assert back.weights[edge].tobytes() == net.weights[edge].tobytes()
    assert back.layers == net.layers  # names, units, activations, bias flags, positions
    assert back.connections == net.connections
    assert back.masks.keys() == net.masks.keys()
    for edge, mask in net.masks.items():
        np.testing.assert_array_equal(back.masks[edge], mask)
    assert "out" not in back.biases  # the layer without bias stays without bias
    assert back.training == net.training
    assert (back.name, back.description) == (net.name, net.description)
    assert back.dataset.inputs.tobytes() == net.dataset.inputs.tobytes()
    assert back.dataset.targets.tobytes() == net.dataset.targets.tobytes()
    assert back.dataset.class_names == ["cat", "dog"]
    X = net.dataset.inputs
    assert np.array_equal(back.forward(X), net.forward(X))
    loss_a, grads_a = net.loss_and_gradients(X, net.dataset.targets)
    loss_b, grads_b = back.loss_and_gradients(X, net.dataset.targets)
    assert loss_a == loss_b and grads_a.flat.tobytes() == grads_b.flat.tobytes()


def test_awkward_floats_survive_exactly(tmp_path):
    net = random_network(4)
    values = [0.1 + 0.2, 5e-324, 1e-320, -0.0, 1.7976931348623157e308, -2.2250738585072014e-308, 1 / 3, 123456789.123456789]
    net.weights["hidden layer", "out"] = np.reshape(values, (2, 4))
    net.biases["hidden layer"] = values[4:]
    back, _ = _roundtrip(net, tmp_path)
    assert back.flat.tobytes() == net.flat.tobytes()


def test_saving_twice_gives_identical_bytes(tmp_path):
    net = random_network(5)
    back, first = _roundtrip(net, tmp_path, "a.bpnet")
    core.save_network(back, tmp_path / "b.bpnet")
    assert (tmp_path / "b.bpnet").read_bytes() == first.read_bytes()


def test_the_file_is_the_documented_json(tmp_path):
    net = random_network(6)
    _, path = _roundtrip(net, tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "backprop-studio.network" and doc["version"] == 1
    layers = {entry["name"]: entry for entry in doc["layers"]}
    assert "activation" not in layers["in"] and "bias" not in layers["in"]
    assert layers["out"]["bias"] is None and layers["out"]["activation"] == "softmax"
    assert layers["hidden layer"]["position"] == [220.0, 13.25]
    first = doc["connections"][0]
    assert (first["from"], first["to"]) == ("in", "hidden layer")
    # weights[j][i]: the edge from source neuron i to target neuron j
    assert first["weights"][3][1] == net.weights["in", "hidden layer"][3, 1]
    assert first["mask"][1][2] == 0 and first["weights"][1][2] == 0
    assert "mask" not in doc["connections"][1]
    opt = doc["training"]["optimizer"]
    assert opt == {"name": "sgd", "learning_rate": 1 / 3, "momentum": 0.9, "nesterov": True,
                   "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert doc["training"]["regularization"] == {"kind": "l1", "rate": 1e-4}


def test_the_design_example_loads(tmp_path):
    net = core.load_network(write(tmp_path, valid_doc()))
    assert [l.name for l in net.layers] == ["x", "h", "y"]
    assert net.connections == [("x", "h"), ("h", "y"), ("x", "y")]
    np.testing.assert_array_equal(net.weights["x", "h"], [[0.5, -0.3, 0.25], [0.8, 0.2, -1.5]])
    assert net.layer("h").position == (220.0, -40.5)
    assert not net.layer("y").bias and "y" not in net.biases
    assert not net.edge_enabled("h", "y", 0, 1)
    assert net.training.optimizer.name == "adam" and net.training.early_stopping_patience == 5
    X = np.array([[0.0, 1.0, 2.0]])
    h = np.tanh(X @ net.weights["x", "h"].T + [0.1, -0.2])
    expected = 1 / (1 + np.exp(-(h @ net.weights["h", "y"].T + X @ net.weights["x", "y"].T)))
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-15)


def test_unknown_keys_are_kept_and_written_back(tmp_path):
    doc = valid_doc()
    doc["teacher_notes"] = {"week": 3, "tags": ["xor", "intro"]}
    doc["layers"][1]["colour"] = "red"  # unknown key inside a layer: ignored, not fatal
    net = core.load_network(write(tmp_path, doc))
    assert net.extra == {"teacher_notes": {"week": 3, "tags": ["xor", "intro"]}}
    back, _ = _roundtrip(net, tmp_path, "again.bpnet")
    assert back.extra == net.extra


def test_a_file_without_training_or_dataset_uses_defaults(tmp_path):
    doc = valid_doc()
    del doc["training"], doc["dataset"], doc["name"], doc["description"]
    doc["layers"][1].pop("bias")  # no bias key: a zero bias
    doc["layers"][0].pop("position")
    net = core.load_network(write(tmp_path, doc))
    assert net.training == TrainingSettings()
    assert net.dataset is None and net.name == "" and net.description == ""
    np.testing.assert_array_equal(net.biases["h"], [0.0, 0.0])
    assert net.layer("x").position == (0.0, 0.0)
    back, _ = _roundtrip(net, tmp_path, "defaults.bpnet")
    assert back.dataset is None and back.training == TrainingSettings()


@pytest.mark.parametrize("spec", [
    {"generator": "spiral", "samples": 150, "noise": 0.2, "seed": 9, "classes": 3},
    {"generator": "xor", "samples": 4, "noise": 0.0, "seed": 0},
    {"generator": "sine", "samples": 30, "noise": 0.05, "seed": 2},
])
def test_generator_datasets_are_saved_as_their_spec(tmp_path, spec):
    net = core.Network("g")
    inputs = 1 if spec["generator"] == "sine" else 2
    outputs = spec.get("classes", 1)
    net.add_layer("x", inputs)
    net.add_layer("y", outputs, activation="softmax" if outputs > 1 else "sigmoid")
    net.connect("x", "y")
    name = spec["generator"]
    options = {k: v for k, v in spec.items() if k == "classes"}
    net.dataset = core.generate(name, spec["samples"], spec["noise"], spec["seed"], **options)
    back, path = _roundtrip(net, tmp_path)
    saved = json.loads(path.read_text())["dataset"]
    assert saved == spec  # the recipe, not the points
    assert back.dataset.inputs.tobytes() == net.dataset.inputs.tobytes()
    assert back.dataset.targets.tobytes() == net.dataset.targets.tobytes()


def test_csv_dataset_path_is_relative_to_the_new_file_or_its_rows_are_saved(tmp_path):
    """A CSV in the new file's folder (or below) is saved as a relative path; one outside it as
    its rows, because a reader refuses a CSV path that leads out of the file's folder."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "points.csv").write_text("a,b,kind\n0,1,red\n1,0,blue\n1,1,red\n", encoding="utf-8")
    doc = valid_doc()
    doc["layers"][0]["units"] = 2
    for c in doc["connections"]:
        if c["from"] == "x":
            c["weights"] = [row[:2] for row in c["weights"]]
    doc["layers"][2].update(units=2, activation="softmax")
    doc["connections"][1].update(weights=[[1.0, 0.5], [0.0, 2.0]], mask=None)
    doc["connections"][2]["weights"] = [[0.1, 0.2], [0.3, 0.4]]
    doc["training"]["loss"] = "cross_entropy"
    doc["dataset"] = {"csv": "data/points.csv", "inputs": ["a", "b"], "targets": ["kind"]}
    net = core.load_network(write(tmp_path, doc))
    assert net.dataset.class_names == ["blue", "red"]
    np.testing.assert_array_equal(net.dataset.targets, [[0, 1], [1, 0], [0, 1]])
    back, path = _roundtrip(net, tmp_path, "beside.bpnet")
    assert json.loads(path.read_text())["dataset"]["csv"] == "data/points.csv"
    assert back.dataset.source["csv"] == str(data / "points.csv")
    other = tmp_path / "elsewhere" / "deeper"
    other.mkdir(parents=True)
    back, path = _roundtrip(net, other)
    saved = json.loads(path.read_text())["dataset"]
    assert "csv" not in saved and saved["class_names"] == ["blue", "red"]
    assert back.dataset.inputs.tobytes() == net.dataset.inputs.tobytes()
    assert back.dataset.targets.tobytes() == net.dataset.targets.tobytes()
    assert back.dataset.class_names == ["blue", "red"]


def test_network_json_text_round_trip_without_files():
    net = random_network(7)
    text = core.network_to_json(net)
    back = core.network_from_json(text)
    assert back.flat.tobytes() == net.flat.tobytes()
    assert core.network_to_json(back) == text


def test_the_readme_example_is_a_valid_file():
    import pathlib
    import re

    readme = (pathlib.Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("<!-- section: file-format -->"): readme.index("<!-- /section: file-format -->")]
    text = re.search(r"```json\n(.*?)```", section, re.S).group(1)
    net = core.network_from_json(text, "README.md")
    assert net.layer("h").bias and not net.layer("y").bias
    assert not net.edge_enabled("h", "y", 0, 1)
    assert net.training.early_stopping_patience == 10


def test_dataset_from_spec_matches_what_a_file_would_load(tmp_path):
    spec = {"generator": "moons", "samples": 40, "noise": 0.2, "seed": 4}
    data = core.dataset_from_spec(spec)
    expected = core.generate("moons", 40, 0.2, 4)
    assert data.inputs.tobytes() == expected.inputs.tobytes() and data.source == spec
    (tmp_path / "d.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert core.dataset_from_spec({"csv": "d.csv", "inputs": ["a"], "targets": ["b"]}, str(tmp_path)).targets[0, 0] == 2
    with pytest.raises(core.NetworkFileError, match="^dataset.samples: expected a whole number"):
        core.dataset_from_spec({"generator": "moons", "samples": -3})


def test_an_incomplete_dataset_source_is_saved_inline(tmp_path):
    net = random_network(8)
    net.dataset.source = {"generator": "spiral"}  # no samples/noise/seed: the recipe is unknown
    back, path = _roundtrip(net, tmp_path)
    assert "inputs" in json.loads(path.read_text())["dataset"]
    assert back.dataset.inputs.tobytes() == net.dataset.inputs.tobytes()
