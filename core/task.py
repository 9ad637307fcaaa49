"""Whether a network is scored as a classifier (accuracy, class colours) or as a regression.

A network classifies when both hold:

* its targets are class labels (``Dataset.is_classification``): 0/1 in one column, or one-hot
  rows (every row 0s and one 1);
* its outputs can be read as class probabilities: its output layer is sigmoid or softmax, or
  its loss is a cross-entropy (``binary_cross_entropy``, ``cross_entropy``).

Then accuracy is the fraction of rows whose output is ≥ 0.5 for a target 1 and < 0.5 for a
target 0 (one column), or whose largest output is the target's class (several columns).

A linear (or tanh, relu …) output fitted with the squared error is a regression even when its
targets happen to be 0s and 1s: guided_chain_rule's two identity outputs with target (1, 0)
are numbers to match, not the probabilities of two classes, and an "accuracy" of its one
sample would say nothing a student can check.
"""

from __future__ import annotations

from .datasets import Dataset
from .graph import GraphError
from .network import Network

__all__ = ["PROBABILITY_OUTPUTS", "CROSS_ENTROPIES", "is_classifier", "reads_as_probabilities"]

#: output activations whose values read as class probabilities
PROBABILITY_OUTPUTS = ("sigmoid", "softmax")
#: losses that compare probabilities with class labels
CROSS_ENTROPIES = ("binary_cross_entropy", "cross_entropy")


def reads_as_probabilities(net: Network) -> bool:
    """True when ``net``'s outputs read as class probabilities: a sigmoid or softmax output layer,
    or a cross-entropy loss. False while the network has no single output layer (being edited)."""
    try:
        output = net.layer(net.output_layer)
    except GraphError:
        return False
    return output.activation in PROBABILITY_OUTPUTS or net.training.loss in CROSS_ENTROPIES


def is_classifier(net: Network, dataset: Dataset | None = None) -> bool:
    """True when ``net`` trained on ``dataset`` (default: the data it carries) is scored as a
    classifier: label targets (``Dataset.is_classification``) and outputs that read as
    probabilities (``reads_as_probabilities``). False without a dataset."""
    data = net.dataset if dataset is None else dataset
    return data is not None and data.is_classification and reads_as_probabilities(net)
