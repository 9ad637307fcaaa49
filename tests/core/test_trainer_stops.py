"""``Trainer.train_steps``'s stop tests, written into its loop: epoch ends noted, stops at an epoch or a loss."""

from __future__ import annotations

import numpy as np

import core
from test_trainer import xor_net


def test_train_steps_notes_each_epochs_end_and_stops_at_an_epoch_or_a_loss():
    """The session's per-step tests, inside the loop: each epoch's (end step, train loss), and the
    loop ends after the step that ends epoch ``stop_epoch`` or has a batch loss ≤ ``stop_loss``."""
    one_by_one, together = core.Trainer(xor_net()), core.Trainer(xor_net())  # 5 steps an epoch
    expected = []
    for _ in range(12):
        loss = one_by_one.step()
        if one_by_one.step_count % 5 == 0:
            expected.append((one_by_one.step_count, one_by_one.last_epoch.train_loss))
    ends = []
    assert together.train_steps(100, stop_epoch=2, epoch_ends=ends) == 10
    assert together.train_steps(2, epoch_ends=ends) == 2 and ends == expected[:2]
    assert np.array_equal(together.net.flat, one_by_one.net.flat)
    assert together.train_steps(100, stop_loss=loss + 1.0) == 1  # any batch loss is below it: one step
    assert together.train_steps(100, stop_loss=-1.0, stop_epoch=4) == 7 and together.epoch == 4
