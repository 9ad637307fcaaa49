"""The layer graph: refusals, problems in words, editing that keeps weights, state, copies."""

from __future__ import annotations

import numpy as np
import pytest

import core
from core.graph import structure_problems, topological_order


def three_layers():
    net = core.Network("s")
    net.add_layer("x", 2)
    net.add_layer("h", 3, activation="tanh")
    net.add_layer("y", 1, activation="sigmoid")
    net.connect("x", "h", seed=1)
    net.connect("h", "y", seed=1)
    return net


# ------------------------------------------------------------------ refusals
@pytest.mark.parametrize(
    "src, tgt, message",
    [
        ("y", "x", "x is the input layer"),
        ("h", "x", "x is the input layer"),
        ("y", "h", "would make a cycle"),
        ("h", "h", "cannot be connected to itself"),
        ("x", "h", "already connected"),
        ("x", "nowhere", "no layer called 'nowhere'"),
    ],
)
def test_connection_refusals(src, tgt, message):
    net = three_layers()
    assert message in net.connection_refusal(src, tgt)
    with pytest.raises(core.GraphError, match=message):
        net.connect(src, tgt)
    assert net.connections == [("x", "h"), ("h", "y")]


def test_edge_from_a_loose_layer_into_the_input_is_refused():
    net = three_layers()
    net.add_layer("z", 2)
    with pytest.raises(core.GraphError, match="x is the input layer"):
        net.connect("z", "x")


def test_second_input_is_refused():
    net = three_layers()
    net.add_layer("z", 2)
    with pytest.raises(core.GraphError, match="z would become a second input layer next to x"):
        net.connect("z", "h")
    net.connect("h", "z")  # feeding z from the graph is fine
    assert net.problems() == [
        "there must be exactly one output layer (a layer no connection leaves); found 2: y, z"
    ]


def test_skip_connection_is_allowed():
    net = three_layers()
    net.connect("x", "y")
    assert net.problems() == []
    assert net.weights["x", "y"].shape == (1, 2)


def test_structure_problems_in_words():
    assert structure_problems([], []) == ["the network has no layers"]
    net = core.Network()
    net.add_layer("x", 2)
    assert net.problems() == ["a network needs at least an input and an output layer"]
    net.add_layer("h", 2, activation="softmax")
    net.add_layer("y", 1)
    problems = net.problems()
    assert "there must be exactly one input layer (a layer no connection goes into); found 3: x, h, y" in problems
    assert "there must be exactly one output layer (a layer no connection leaves); found 3: x, h, y" in problems
    net.connect("x", "h")
    net.connect("h", "y")
    assert net.problems() == ["softmax is only allowed on the output layer, not on 'h'"]
    net.set_activation("h", "relu")
    net.training.loss = "cross_entropy"
    assert net.problems() == ["the cross_entropy loss needs a softmax output layer; y uses identity"]
    net.training.loss = "hinge"
    assert net.problems() == ["unknown loss 'hinge'"]
    with pytest.raises(core.GraphError, match="unknown loss 'hinge'"):
        net.forward([[1.0, 2.0]])


def test_structure_problems_of_raw_layers():
    layers = [core.Layer("a", 0), core.Layer("a", 2, activation="swish")]
    problems = structure_problems(layers, [("a", "b")])
    assert "two layers are called 'a'" in problems
    assert "layer 'a' has 0 units; expected 1 to 100000" in problems
    assert "layer 'a' has unknown activation 'swish'" in problems
    assert "a connection names unknown layer 'b'" in problems
    cyc = structure_problems([core.Layer("a", 1), core.Layer("b", 1)], [("a", "b"), ("b", "a")])
    assert any("cycle: a → b → a" in p for p in cyc)
    dup = structure_problems([core.Layer("a", 1), core.Layer("b", 1)], [("a", "b"), ("a", "b")])
    assert "two connections join the same pair of layers" in dup


def test_bad_edits_are_refused():
    net = three_layers()
    with pytest.raises(core.GraphError, match="already exists"):
        net.add_layer("h", 2)
    with pytest.raises(core.GraphError, match="units must be a whole number"):
        net.add_layer("q", 0)
    with pytest.raises(core.GraphError, match="units must be a whole number"):
        net.set_units("h", 2.5)
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        net.add_layer("q", 2, activation="swish")
    with pytest.raises(IndexError, match=r"has no edge \[3, 0\]"):
        net.set_weight("x", "h", 3, 0, 1.0)
    with pytest.raises(ValueError, match="finite"):
        net.set_weight("x", "h", 0, 0, float("nan"))
    with pytest.raises(ValueError, match="shape"):
        net.weights["x", "h"] = np.zeros((2, 3))
    with pytest.raises(core.GraphError, match="'x' has no bias"):
        net.set_bias("x", 0, 1.0)
    with pytest.raises(ValueError, match=r"inputs must have shape \(batch, 2\)"):
        net.forward(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"targets must have shape \(batch, 1\)"):
        net.loss_and_gradients(np.zeros((4, 2)), np.zeros((4, 2)))


# ------------------------------------------------------------------- editing
def test_set_units_keeps_overlapping_weights_and_biases():
    net = three_layers()
    net.biases["h"] = [0.1, 0.2, 0.3]
    w_in, w_out = net.weights["x", "h"].copy(), net.weights["h", "y"].copy()
    net.set_units("h", 5)
    assert net.weights["x", "h"].shape == (5, 2) and net.weights["h", "y"].shape == (1, 5)
    np.testing.assert_array_equal(net.weights["x", "h"][:3], w_in)
    np.testing.assert_array_equal(net.weights["h", "y"][:, :3], w_out)
    np.testing.assert_array_equal(net.biases["h"], [0.1, 0.2, 0.3, 0.0, 0.0])
    assert np.all(net.weights["x", "h"][3:] != 0)  # new neurons are initialised
    net.set_units("h", 2)
    np.testing.assert_array_equal(net.weights["x", "h"], w_in[:2])
    np.testing.assert_array_equal(net.weights["h", "y"], w_out[:, :2])
    np.testing.assert_array_equal(net.biases["h"], [0.1, 0.2])
    assert net.forward(np.ones((1, 2))).shape == (1, 1)


def test_set_units_keeps_the_mask_of_overlapping_edges():
    net = three_layers()
    net.set_edge_enabled("x", "h", 1, 0, False)
    net.set_units("h", 4)
    assert net.masks["x", "h"].tolist() == [[1, 1], [0, 1], [1, 1], [1, 1]]
    assert net.weights["x", "h"][1, 0] == 0.0


def test_edits_keep_untouched_parameters():
    net = three_layers()
    before = net.get_state()
    net.add_layer("extra", 4, activation="relu")
    net.connect("y", "extra")
    np.testing.assert_array_equal(net.weights["x", "h"], before["weights"]["x", "h"])
    np.testing.assert_array_equal(net.biases["y"], before["biases"]["y"])
    net.remove_layer("extra")
    for edge in before["edges"]:
        np.testing.assert_array_equal(net.weights[edge], before["weights"][edge])
    net.set_bias_enabled("h", False)
    assert "h" not in net.biases
    net.set_bias_enabled("h", True)
    np.testing.assert_array_equal(net.biases["h"], before["biases"]["h"])


def test_rename_layer_keeps_everything():
    net = three_layers()
    net.set_edge_enabled("h", "y", 0, 1, False)
    y_before = net.forward(np.ones((2, 2)))
    net.rename_layer("h", "hidden")
    assert net.connections == [("x", "hidden"), ("hidden", "y")]
    assert ("hidden", "y") in net.masks
    np.testing.assert_array_equal(net.forward(np.ones((2, 2))), y_before)


def test_layer_without_bias_has_no_bias_entry():
    net = core.Network()
    net.add_layer("x", 1)
    net.add_layer("y", 1, bias=False)
    net.connect("x", "y", weights=[[2.0]])
    assert list(net.biases) == [] and net.flat.size == 1
    _, grads = net.loss_and_gradients([[1.0]], [[0.0]])
    with pytest.raises(KeyError):
        grads.biases["y"]


def test_initializers_are_seeded():
    net = three_layers()
    for method in core.INITIALIZERS:
        net.initialize(method, seed=3)
        first = net.parameters()
        net.initialize(method, seed=3)
        assert np.array_equal(first, net.flat)
        assert np.all(net.flat[net.n_weights:] == 0)
    net.initialize("he", seed=4)
    assert not np.array_equal(first, net.flat)
    net.initialize("zeros")
    assert not net.flat.any()
    with pytest.raises(ValueError, match="unknown initializer"):
        net.initialize("orthogonal")


def test_parameter_views_and_names():
    net = three_layers()
    net.set_weight("x", "h", j=2, i=1, value=0.5)
    assert net.flat[2 * 2 + 1] == 0.5  # weights first, row-major W[j, i]
    net.set_bias("y", 0, -0.25)
    assert net.flat[-1] == -0.25
    names = net.parameter_names()
    assert len(names) == net.flat.size
    assert names[5] == "w[h←x][2,1]" and names[-1] == "b[y][0]"


# --------------------------------------------------------- state and copies
def test_get_state_set_state_round_trip():
    net = three_layers()
    net.connect("x", "y")
    net.set_edge_enabled("x", "y", 0, 1, False)
    net.set_bias_enabled("y", False)
    state = net.get_state()
    X = np.array([[0.3, -0.7], [1.0, 2.0]])
    y = net.forward(X)
    other = core.Network()
    other.set_state(state)
    assert [l.name for l in other.layers] == ["x", "h", "y"]
    assert other.connections == net.connections
    assert np.array_equal(other.flat, net.flat)
    assert np.array_equal(other.forward(X), y)
    assert other.masks.keys() == net.masks.keys()
    # the state is a copy: editing the network does not change it
    net.set_weight("x", "h", 0, 0, 9.0)
    assert state["weights"]["x", "h"][0, 0] != 9.0
    net.set_state(state)
    assert np.array_equal(net.forward(X), y)


def test_copy_is_independent():
    net = three_layers()
    net.training.optimizer.learning_rate = 0.3
    twin = net.copy()
    assert np.array_equal(twin.flat, net.flat)
    twin.set_weight("x", "h", 0, 0, 5.0)
    twin.training.optimizer.learning_rate = 0.9
    twin.set_units("h", 7)
    twin.set_edge_enabled("h", "y", 0, 0, False)
    assert net.weights["x", "h"][0, 0] != 5.0
    assert net.training.optimizer.learning_rate == 0.3
    assert net.layer("h").units == 3 and net.masks == {}
    assert net.layers[1] is not twin.layers[1]


def test_layers_property_returns_copies():
    net = three_layers()
    net.layers[1].units = 99
    assert net.layer("h").units == 3


def test_renaming_a_layer_that_does_not_exist_is_refused():
    net = core.Network()
    net.add_layer("a", 2)
    with pytest.raises(core.GraphError, match="no layer called 'zz'"):
        net.rename_layer("zz", "b")
    assert [layer.name for layer in net.layers] == ["a"]


def test_input_and_output_layer_are_the_graphs_one_source_and_one_sink():
    net = three_layers()
    assert (net.input_layer, net.output_layer) == ("x", "y")
    net.add_layer("z", 1, activation="sigmoid")  # a second source and a second sink
    with pytest.raises(core.GraphError, match="exactly one input layer, found 2: x, z"):
        net.input_layer
    with pytest.raises(core.GraphError, match="exactly one output layer, found 2: y, z"):
        net.output_layer


def test_dataset_problems_compare_columns_with_the_input_and_output_units():
    """The one shape check the Trainer, the training controller and the dataset panel use."""
    net = three_layers()
    assert net.dataset_problems() == ["there is no dataset to train on"]
    net.dataset = core.Dataset(np.zeros((4, 2)), np.zeros((4, 1)))
    assert net.dataset_problems() == []
    wrong = core.Dataset(np.zeros((4, 1)), np.zeros((4, 3)))
    assert net.dataset_problems(wrong) == [
        "the input layer 'x' has 2 units but the dataset has 1 input column: "
        "give 'x' 1 unit or use a dataset with 2 input columns",
        "the output layer 'y' has 1 unit but the dataset has 3 target columns: "
        "give 'y' 3 units or use a dataset with 1 target column",
    ]
    with pytest.raises(ValueError, match="the input layer 'x' has 2 units but the dataset has 1 input column"):
        core.Trainer(net, wrong)
    net.add_layer("z", 1)  # no input or output layer to compare with: problems() says why
    assert net.problems() and net.dataset_problems(wrong) == []


def test_a_cycle_is_named_by_its_own_layers_not_those_downstream():
    """x → a → b → c → a, and c → d → y: d and y cannot be ordered either, but are not on the cycle."""
    names = ["x", "d", "y", "a", "b", "c"]
    edges = [("x", "a"), ("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "y")]
    with pytest.raises(core.GraphError) as caught:
        topological_order(names, edges)
    message = str(caught.value)
    cycle = message.split("cycle: ")[1].split(" → ")
    assert cycle[0] == cycle[-1] and sorted(cycle[:-1]) == ["a", "b", "c"]
    assert all((s, t) in edges for s, t in zip(cycle, cycle[1:]))  # in the direction of the connections
    assert "d" not in cycle and "y" not in cycle
