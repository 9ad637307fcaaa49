"""Targets the chosen loss cannot take are refused before training, with their place.

Found while testing: xor (sigmoid output, binary_cross_entropy) given a CSV whose target column
holds 100.5 trained without a word and showed "loss −36.74" (−z·t has no lower bound once t > 1),
which a student reads as a correct cross-entropy. A cross-entropy is never negative: its targets
must be probabilities (0…1 for binary_cross_entropy; for cross_entropy, rows of t ≥ 0 summing to 1).
"""

from __future__ import annotations

import numpy as np
import pytest

import core
from core import datasets

SCORES = "a,b,y\n0,0,0\n0,1,1\n1,0,1\n\n1,1,0\n0.2,0.1,100.5\n"  # the blank line 5 is skipped: 100.5 is on line 7


def xor_with(tmp_path, text=SCORES):
    (tmp_path / "scores.csv").write_text(text, encoding="utf-8")
    net = core.load_network(core.example_path("xor"))  # x(2) → h(2) → y(1) sigmoid, binary_cross_entropy
    net.dataset = core.load_csv(str(tmp_path / "scores.csv"), ["a", "b"], ["y"])
    return net


def test_a_csv_target_outside_0_1_is_refused_by_binary_cross_entropy_naming_its_place(tmp_path):
    net = xor_with(tmp_path)
    expected = ("the binary_cross_entropy loss needs targets between 0 and 1: scores.csv, line 7, column 'y' "
                "holds 100.5 (for such numbers use mse and an identity output, or scale the column to 0…1)")
    assert net.dataset_problems() == [expected]
    with pytest.raises(ValueError) as refused:
        core.Trainer(net)
    assert str(refused.value) == expected  # nothing trained: no negative "loss" to read
    net.training.loss = "mse"  # the same data with a loss that takes any number
    assert net.dataset_problems() == []
    core.Trainer(net).step()


@pytest.mark.parametrize("value, written", [(-0.25, "−0.25"), (1.0000001, "1.0000001")])
def test_any_target_below_0_or_above_1_counts(tmp_path, value, written):
    net = xor_with(tmp_path, SCORES.replace("100.5", repr(value)))
    (problem,) = net.dataset_problems()
    assert f"scores.csv, line 7, column 'y' holds {written} (" in problem


def test_probabilities_between_0_and_1_are_taken(tmp_path):
    net = xor_with(tmp_path, SCORES.replace("100.5", "0.25"))
    assert net.dataset_problems() == []
    assert core.Trainer(net).step() >= 0


def test_generated_regression_data_names_the_dataset_row():
    net = core.load_network(core.example_path("xor"))
    data = core.generate("sine", samples=20, seed=0)
    row = int(np.flatnonzero((data.targets[:, 0] < 0) | (data.targets[:, 0] > 1))[0])
    net.dataset = core.Dataset(np.c_[data.inputs, data.inputs], data.targets)  # 2 inputs, as xor's layer
    (problem,) = net.dataset_problems()
    assert problem.startswith("the binary_cross_entropy loss needs targets between 0 and 1: "
                              f"dataset row {row} has the target {core.format_number(data.targets[row, 0], 6)} ("), problem


def softmax_net(targets):
    net = core.load_network(core.example_path("three_classes_softmax"))  # softmax output of 3, cross_entropy
    n = len(targets)
    net.dataset = core.Dataset(net.dataset.inputs[:n], np.array(targets, dtype=float))
    return net


NEEDS = "the cross_entropy loss needs target rows of numbers ≥ 0 that sum to 1: "
ADVICE = " (for classes give one column of class names; for other numbers use mse and an identity output)"


@pytest.mark.parametrize("bad_row, found", [
    ([0.5, 0.2, 0.2], "dataset row 1's targets sum to 0.9"),
    ([1, 1, 0], "dataset row 1's targets sum to 2"),
    ([1.5, -0.5, 0], "dataset row 1, target column 1, holds −0.5"),
])
def test_cross_entropy_refuses_rows_that_are_not_distributions(bad_row, found):
    net = softmax_net([[1, 0, 0], bad_row, [0, 0, 1]])
    assert net.dataset_problems() == [NEEDS + found + ADVICE]
    with pytest.raises(ValueError, match="sum to 1"):
        core.Trainer(net)


def test_cross_entropy_takes_one_hot_and_probability_rows():
    net = softmax_net([[1, 0, 0], [0.2, 0.3, 0.5], [0, 0, 1], [0.1, 0.7, 0.2]])
    assert net.dataset_problems() == []
    assert core.Trainer(net).step() >= 0


def test_a_csv_of_probability_columns_names_the_line_and_columns(tmp_path):
    (tmp_path / "p.csv").write_text("x0,x1,p,q,r\n0,0,1,0,0\n1,1,0.5,0.5,0.5\n", encoding="utf-8")
    net = core.load_network(core.example_path("three_classes_softmax"))
    net.dataset = datasets.load_csv(str(tmp_path / "p.csv"), ["x0", "x1"], ["p", "q", "r"])
    assert net.dataset_problems() == [NEEDS + "p.csv, line 3: the targets in columns 'p', 'q', 'r' sum to 1.5" + ADVICE]


def test_every_bundled_example_takes_its_own_targets():
    for example in core.list_examples():
        net = core.load_network(example.path)
        assert net.dataset is None or net.dataset_problems() == [], example.name


def test_the_readme_quotes_the_words_the_status_bar_says(tmp_path):
    from pathlib import Path

    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    (problem,) = xor_with(tmp_path).dataset_problems()
    assert f"`Cannot train: {problem}`" in readme
