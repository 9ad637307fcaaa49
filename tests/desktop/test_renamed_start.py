"""``desktop.lesson.renamed_start``: the lesson's start under the network's layer names now (no Qt)."""

from __future__ import annotations

import json

import core
from desktop.lesson.renamed_start import renamed_lesson_start, renamed_start

NET = {
    "format": "backprop-studio.network", "version": 1, "name": "chain",
    "layers": [{"name": "x", "units": 1}, {"name": "h", "units": 1, "activation": "sigmoid", "bias": [0.1]},
               {"name": "y", "units": 1, "activation": "identity", "bias": [0.0]}],
    "connections": [{"from": "x", "to": "h", "weights": [[0.5]]}, {"from": "h", "to": "y", "weights": [[0.8]]}],
    "training": {"loss": "half_mse", "optimizer": {"name": "sgd", "learning_rate": 0.5}, "batch_size": 1},
    "dataset": {"inputs": [[1.0]], "targets": [[0.6]]},
    "lesson": {"version": 1, "title": "One", "steps": [
        {"text": "w", "question": {"kind": "dL/dw", "source": "h", "target": "y", "j": 0, "i": 0}}]},
}


def _net(tmp_path):
    path = tmp_path / "n.bpnet"
    path.write_text(json.dumps(NET), encoding="utf-8")
    return core.load_network(path)


def test_two_renames_where_one_takes_the_others_old_name(tmp_path):
    start = _net(tmp_path)
    net = start.copy()
    net.rename_layer("h", "z")
    net.rename_layer("x", "h")  # the input is now called "h": by place, x → h and h → z, not both → z
    net.weights["h", "z"][...] = 9.0  # trained since
    carried = renamed_start(start, net)
    assert carried.weights["h", "z"].tolist() == [[0.5]] and carried.weights["z", "y"].tolist() == [[0.8]]
    assert carried.biases["z"].tolist() == [0.1]
    assert renamed_lesson_start(start, net).weights["h", "z"].tolist() == [[0.5]]  # the lesson only renamed


def test_a_lesson_changed_otherwise_is_not_a_rename(tmp_path):
    start = _net(tmp_path)
    net = start.copy()
    assert renamed_lesson_start(start, net) is None  # same names: the editor's Apply
    net.rename_layer("y", "out")
    net.lesson = core.lesson.new_lesson(net)  # and the lesson written anew
    assert renamed_lesson_start(start, net) is None
