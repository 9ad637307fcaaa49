"""Review 21, finding 7: a learning rate of 1e6 saturates every sigmoid: the loss stays 0.5 and every
dL/dw is exactly 0, which neither the rise watch (4×) nor the divergence guard (inf) can see."""

from __future__ import annotations

import numpy as np

import core
from core.saturation import stalled_words, stuck_layers


def trained_xor(learning_rate, steps, loss="mse"):
    net = core.load_network(core.example_path("xor"))  # x(2) → h(2, sigmoid) → y(1, sigmoid)
    net.training.loss = loss
    net.training.optimizer.learning_rate = learning_rate
    trainer = core.Trainer(net)
    losses = [trainer.step() for _ in range(steps)]
    return trainer, losses[-1]


def test_a_huge_learning_rate_saturates_every_layer_and_is_named():
    trainer, loss = trained_xor(1e6, 5)
    gradient = trainer.history.latest_gradient
    assert loss == 0.5 and not np.any(gradient)  # the silence of the review: nothing infinite, no 4× rise
    assert stuck_layers(trainer.net, trainer.X) == ["h", "y"]
    words = stalled_words(trainer, gradient, loss)
    assert words.startswith("Saturated: every dL/dw is 0 (")
    assert "the neurons of h and y are saturated" in words and "the loss stays 0.5" in words
    assert "lower the learning rate, then Undo (Ctrl+Z) or Reset" in words


def test_a_run_that_learns_gets_no_warning():
    trainer, loss = trained_xor(1.0, 50)
    assert stalled_words(trainer, trainer.history.latest_gradient, loss) == ""


def test_a_loss_of_exactly_0_is_no_failure():
    trainer, _ = trained_xor(1e6, 5)
    assert stalled_words(trainer, np.zeros_like(trainer.history.latest_gradient), 0.0) == ""


def test_zero_gradients_without_a_saturated_layer_still_say_training_has_stopped():
    trainer, _ = trained_xor(1.0, 3)
    words = stalled_words(trainer, np.zeros_like(trainer.history.latest_gradient), 0.25)
    assert words.startswith("Stuck: every dL/dw is 0 (") and "the loss is 0.25" in words
