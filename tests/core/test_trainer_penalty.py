"""The training loss with a regularization penalty: L = data loss + penalty wherever the trainer reports it."""

from __future__ import annotations

import numpy as np
import pytest

import core
from test_trainer import xor_net


def test_with_a_penalty_every_training_loss_is_data_loss_plus_penalty_and_carries_the_penalty():
    """evaluate() (the status bar, the loss curve's step 0) and an epoch's mean hold the penalty as
    each step's loss does; validation is the data loss; without a penalty nothing changes."""
    net = xor_net()
    net.training.validation_fraction = 0.25
    plain = core.Trainer(net.copy()).evaluate()
    assert plain.penalty is None and plain.train_data_loss == plain.train_loss
    net.training.regularization, net.training.regularization_rate = "l2", 0.05
    trainer = core.Trainer(net)
    start = trainer.evaluate()
    penalty = net.regularization()[0]
    assert start.penalty == penalty > 0
    assert start.train_loss == pytest.approx(plain.train_loss + penalty, rel=1e-12)
    assert start.validation_loss == pytest.approx(plain.validation_loss, rel=1e-12)  # data loss only
    losses, penalties = [], []
    for _ in range(trainer.steps_per_epoch):
        penalties.append(net.regularization()[0])  # the penalty at the weights the step starts from
        losses.append(trainer.step())
    epoch = trainer.last_epoch
    n = len(trainer.X)
    sizes = [min(8, n - k) for k in range(0, n, 8)]  # each batch weighs by its samples
    assert epoch.train_loss == pytest.approx(np.average(losses, weights=sizes), rel=1e-12)
    assert epoch.penalty == pytest.approx(np.average(penalties, weights=sizes), rel=1e-12)
    assert epoch.train_data_loss == pytest.approx(epoch.train_loss - epoch.penalty)
