"""Review 21, finding 8: after divergence the kept weights have a finite loss (a large step whose
batch loss would be infinite is not taken), and the words say which weights were kept."""

from __future__ import annotations

import numpy as np

import core
from core.step_back import StepBack


def identity_xor(learning_rate):
    net = core.load_network(core.example_path("xor"))
    net.training.loss = "mse"
    for layer in ("h", "y"):
        net.set_activation(layer, "identity")
    net.training.optimizer.learning_rate = learning_rate
    return net


def test_an_identity_network_at_lr_1e6_keeps_weights_whose_loss_is_finite():
    net = identity_xor(1e6)
    trainer = core.Trainer(net)
    weights = [net.parameters()]
    result = trainer.run(steps=100, callback=lambda t: weights.append(t.net.parameters()))
    assert result.reason == "diverged" and trainer.step_count == 2
    # the old guard took step 3 and stopped at step 4, whose loss (at the weights after step 3) was inf
    assert "step 3 would make the loss ∞ (it was not taken)" in result.message  # "∞", not "inf"
    assert "The weights after step 2 were kept, the last whose loss is finite" in result.message
    assert "(1e6)" in result.message  # not "1e+06"
    np.testing.assert_array_equal(net.parameters(), weights[-1])
    with np.errstate(over="ignore"):
        assert np.isfinite(net.data_loss(net.dataset.inputs, net.dataset.targets))


def test_a_small_step_is_neither_copied_nor_checked():
    back = StepBack()
    theta = np.array([1.0, -2.0, 3.0])
    delta = np.array([1e-3, 2e-3, -1e-3])
    assert not back.note(theta, delta, float(theta @ theta), float(delta @ delta))
    assert not back.undo(theta)


def test_a_large_step_is_taken_back_exactly_from_its_copy():
    back = StepBack()
    theta = np.array([1.5, -0.25])
    delta = np.array([1e81, -3e80])
    assert back.note(theta, delta, float(theta @ theta), float(delta @ delta))
    theta -= delta  # θ + Δ would give 0, not 1.5: the digits are gone
    assert back.undo(theta)
    np.testing.assert_array_equal(theta, [1.5, -0.25])
    assert not back.undo(theta)  # once


def test_lw_never_writes_nan_for_a_loss_too_large_to_compute():
    net = identity_xor(1.0)
    net.set_parameters(net.parameters() * 1e80)  # y ~ 1e160: y² overflows
    X, T = net.dataset.inputs, net.dataset.targets
    with np.errstate(all="ignore"):
        lines = core.loss_curve(net, "h", "y", 0, 0, X, T).lines()
    text = " ".join(lines)
    assert "nan" not in text and "L = ∞" not in text
    assert "L is too large to compute here (the weights diverged)" in lines[1]
    assert "where L is too large to compute (this step diverges)" in lines[2]


def test_a_refused_step_does_not_count_its_penalty_when_training_goes_on():
    """Review 22, finding 7: the refused step's batch penalty stayed in the epoch's sum, so the next epoch's
    'of which penalty' was twice the penalty of the weights it trained at (8.76e47 for 4.38e47)."""
    net = identity_xor(1e6)
    net.training.regularization, net.training.regularization_rate = "l2", 1e-3
    net.training.batch_size = 4  # full batch: one step per epoch
    trainer = core.Trainer(net)
    assert trainer.run(steps=100).reason == "diverged" and trainer.step_count == 2
    penalty_at_kept_weights = net.regularization()[0]
    trainer.learning_rate = 1e-12  # the student lowers the learning rate and presses Play again
    trainer.clear_stop()
    trainer.train_steps(1)
    assert trainer.last_epoch.epoch == 3
    np.testing.assert_allclose(trainer.last_epoch.penalty, penalty_at_kept_weights, rtol=1e-9)
