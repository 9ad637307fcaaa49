"""core.task.is_classifier: a network is scored as a classifier (accuracy) only when its targets are
labels and its outputs read as class probabilities (sigmoid or softmax output, or a cross-entropy).

guided_chain_rule's two linear outputs with target (1, 0) were scored as classes (accuracy 0.0 %)
because the target row looked one-hot."""

from __future__ import annotations

import core


def test_linear_outputs_fitted_to_a_one_hot_looking_target_are_a_regression():
    net = core.load_network(core.example_path("guided_chain_rule"))
    assert net.dataset.is_classification  # the row (1, 0) looks one-hot
    assert not core.is_classifier(net)
    trainer = core.Trainer(net)
    trainer.run(steps=1)
    stats = trainer.evaluate()
    assert stats.train_accuracy is None and trainer.last_epoch.train_accuracy is None


def test_the_same_targets_with_a_probability_output_or_a_cross_entropy_are_classes():
    net = core.load_network(core.example_path("guided_chain_rule"))
    net.set_activation("y", "softmax")
    assert core.is_classifier(net)
    sat = core.load_network(core.example_path("saturation"))  # a sigmoid output under mse: classes
    assert sat.training.loss == "mse" and core.is_classifier(sat)
    sat.set_activation("y", "identity")
    assert not core.is_classifier(sat)
    sat.training.loss = "binary_cross_entropy"
    assert core.is_classifier(sat)


def test_targets_that_are_not_labels_are_a_regression_whatever_the_output():
    net = core.load_network(core.example_path("one_hidden_sigmoid"))  # a sigmoid output toward 0.6
    assert net.layer("y").activation == "sigmoid" and not core.is_classifier(net)
