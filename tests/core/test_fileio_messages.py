"""Messages for a bad file read as a person wrote them (issue 14, point 6): singular counts, a hint
for a transposed weight matrix, and the refusal of a loss whose gradient the engine would not use."""

from __future__ import annotations

import json

import pytest

import core
from core.jsonchecks import count


def _xor_doc():
    with open(core.example_path("xor"), encoding="utf-8") as f:
        return json.load(f)


def _error(tmp_path, doc) -> str:
    path = tmp_path / "lesson.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(core.NetworkFileError) as caught:
        core.load_network(path)
    return str(caught.value)


def test_count_says_one_row_and_three_rows():
    assert count(1, "rows") == "1 row" and count(3, "rows") == "3 rows"
    assert count(1, "numbers (one per neuron of 'y')") == "1 number (one per neuron of 'y')"
    assert count(0, "numbers") == "0 numbers"


def test_a_transposed_weight_matrix_gets_a_hint_in_the_singular(tmp_path):
    doc = _xor_doc()
    h_to_y = next(c for c in doc["connections"] if c["to"] == "y")
    h_to_y["weights"] = [[w] for w in h_to_y["weights"][0]]  # (2, 1) instead of (1, 2)
    message = _error(tmp_path, doc)
    assert "expected 1 row (one per neuron of 'y'), found 2" in message
    assert "did you transpose it?" in message and "2 rows of 1 number" in message
    assert "1 rows" not in message and "1 numbers" not in message


def test_a_wrong_row_length_that_is_not_a_transposition_gets_no_hint(tmp_path):
    doc = _xor_doc()
    h_to_y = next(c for c in doc["connections"] if c["to"] == "y")
    h_to_y["weights"] = [[1.0, 2.0, 3.0]]
    message = _error(tmp_path, doc)
    assert "expected 2 numbers" in message and "transpose" not in message


def test_targets_of_one_row_say_row(tmp_path):
    doc = _xor_doc()
    doc["dataset"] = {"inputs": [[0, 1]], "targets": [[1], [0]]}
    assert "expected 1 row (one per row of inputs), found 2" in _error(tmp_path, doc)


@pytest.mark.parametrize("activation", ["identity", "tanh", "relu", "leaky_relu", "softmax"])
def test_binary_cross_entropy_after_a_non_sigmoid_output_is_refused(tmp_path, activation):
    doc = _xor_doc()
    assert doc["training"]["loss"] == "binary_cross_entropy"
    next(layer for layer in doc["layers"] if layer["name"] == "y")["activation"] = activation
    message = _error(tmp_path, doc)
    assert "training.loss" in message and "binary_cross_entropy loss needs a sigmoid output layer" in message
    assert f"'y' uses {activation}" in message
    net = core.load_network(core.example_path("xor"))
    net.set_activation("y", activation)
    assert any("binary_cross_entropy" in p for p in net.problems())
    with pytest.raises(core.GraphError, match="between 0 and 1"):
        core.Trainer(net)


def test_binary_cross_entropy_after_sigmoid_is_fine_and_after_softmax_points_to_cross_entropy():
    net = core.load_network(core.example_path("xor"))
    assert net.layer("y").activation == "sigmoid" and net.problems() == []
    net.set_activation("y", "softmax")
    assert any("after a softmax, use cross_entropy" in p for p in net.problems())
