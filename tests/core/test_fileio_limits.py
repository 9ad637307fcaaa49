"""Whatever Backprop Studio saves, it opens again (issue 24, point 2): the file size limit is
derived from the limits on what a file may hold (10 M weights and biases, 10 M numbers of
data), and what would exceed them is refused when saving, with what to do, nothing written."""

from __future__ import annotations

import os

import numpy as np
import pytest

import core
import core.fileio
from core.bpnet_read import MAX_DATASET_VALUES, MAX_PARAMETERS


def _chain(sizes, activations) -> core.Network:
    net = core.Network("big")
    names = [f"l{k}" for k in range(len(sizes))]
    for name, units, act in zip(names, sizes, ["identity", *activations]):
        net.add_layer(name, units, activation=act)
    for a, b in zip(names, names[1:]):
        net.connect(a, b)
    return net


def test_the_size_limit_holds_the_largest_network_and_data_at_their_longest():
    """The old limit (64 MB) refused the 82 MB file of a 784-2048-1024-10 network (3.7 M
    parameters); tests/benchmarks/bench_fileio.py saves and opens that network and prints the
    figures (too slow for the test run: about 10 s)."""
    longest = repr(-2.2250738585072014e-308)  # the longest repr of a float64
    assert len(longest) + len(", ") == core.fileio.NUMBER_BYTES
    assert core.fileio.MAX_FILE_BYTES >= core.fileio.NUMBER_BYTES * (MAX_PARAMETERS + MAX_DATASET_VALUES)


def test_more_parameters_than_a_file_holds_are_refused_at_save_time(tmp_path):
    net = _chain([3163, 3163, 1], ["tanh", "sigmoid"])  # 10,007,733 weights and biases
    assert net.flat.size > MAX_PARAMETERS
    path = tmp_path / "too-big.bpnet"
    with pytest.raises(core.NetworkFileError) as caught:
        core.save_network(net, path)
    message = str(caught.value)
    assert f"{net.flat.size:,} weights and biases" in message and "at most 10,000,000" in message
    assert "nothing was written" in message and not path.exists()


def test_more_rows_of_data_than_a_file_holds_are_refused_at_save_time(tmp_path):
    net = _chain([2, 3, 1], ["tanh", "sigmoid"])
    rows = MAX_DATASET_VALUES // 3 + 1
    net.dataset = core.Dataset(np.zeros((rows, 2)), np.zeros((rows, 1)))
    path = tmp_path / "data.bpnet"
    with pytest.raises(core.NetworkFileError) as caught:
        core.save_network(net, path)
    assert "at most 10,000,000" in str(caught.value) and "CSV" in str(caught.value) and not path.exists()


def test_a_file_larger_than_the_reader_takes_is_refused_at_save_time(tmp_path, monkeypatch):
    net = core.load_network(core.example_path("xor"))
    monkeypatch.setattr(core.fileio, "MAX_FILE_BYTES", 1000)  # stands for an unusual shape's huge file
    path = tmp_path / "xor.bpnet"
    path.write_text("the old file", encoding="utf-8")
    with pytest.raises(core.NetworkFileError) as caught:
        core.save_network(net, path)
    assert "more than the 1,000 bytes Backprop Studio opens" in str(caught.value)
    assert path.read_text(encoding="utf-8") == "the old file"


def test_a_file_of_millions_of_tiny_values_is_refused_before_parsing(tmp_path):
    """A hostile file of short values ("0,0,0,…") would make the parser allocate far more than
    the largest real network needs: refused by counting, before json.loads."""
    path = tmp_path / "zeros.bpnet"
    path.write_bytes(b"[" + b"0," * (core.fileio.MAX_FILE_VALUES + 1) + b"0]")
    with pytest.raises(core.NetworkFileError) as caught:
        core.load_network(path)
    assert "more than 31,000,000 values" in str(caught.value)
