"""Review 21, smaller findings: what core says of a self-built network that cannot learn its data.

* softmax over one output neuron is always 1 (its gradient is 0): refused with the remedy;
* a text label column whose two classes became two one-hot target columns: the words name the one
  column the student's file has, and its classes, not "2 target columns".
"""

from __future__ import annotations

import core


def xor_network():
    return core.load_network(core.example_path("xor"))  # x(2) → h(2) → y(1)


def test_softmax_over_one_neuron_is_refused_with_what_to_do():
    net = xor_network()
    net.training.loss = "mse"
    net.set_activation("y", "softmax")
    assert ("softmax over 1 neuron is always 1: use sigmoid for two classes, or give 'y' one unit per class"
            in net.dataset_problems())
    net.set_activation("y", "sigmoid")
    assert net.dataset_problems() == []


def test_two_text_classes_in_one_column_say_which_column_and_classes(tmp_path):
    csv = tmp_path / "textlabel.csv"
    csv.write_text("a,b,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n", encoding="utf-8")
    net = xor_network()
    net.dataset = core.load_csv(str(csv), ["a", "b"], ["label"])
    assert net.dataset_problems() == [
        "column 'label' holds 2 classes (no, yes), one output each: give 'y' 2 units (softmax)"]
