"""The early_stopping lesson shows what its text promises (a teacher's review: the training epoch curve
lay flat and above the validation curve, which jumped about instead of turning up).

Its description says: the training loss (the mean of each epoch's batches) keeps falling; the validation
loss falls, then turns and climbs; early stopping (patience 20) stops 20 epochs after the lowest one and
restores its weights. Step 2 asks whether patience 40 finds a later, lower validation loss. Training is
seeded, so each run of the file is the same run.
"""

from __future__ import annotations

import numpy as np

import core


def epoch_losses(patience: int | None = None) -> tuple[core.Trainer, np.ndarray, np.ndarray]:
    """Train the lesson as Play does until early stopping ends it: (trainer, each epoch's mean training
    loss, each epoch's validation loss)."""
    net = core.load_network(core.example_path("early_stopping"))
    if patience is not None:
        net.training.early_stopping_patience = patience
    trainer = core.Trainer(net)
    train, validation = [], []

    def record(t: core.Trainer) -> None:  # after each step: the figures of an epoch that just ended
        if t.epoch > len(train):
            train.append(t.last_epoch.train_loss)
            validation.append(t.last_epoch.validation_loss)

    result = trainer.run(epochs=500, callback=record)
    assert result.reason == "early_stopped", result
    return trainer, np.array(train), np.array(validation)


def test_the_training_loss_keeps_falling_while_the_validation_loss_turns_and_climbs():
    trainer, train, validation = epoch_losses()
    best, last = trainer.best_epoch, trainer.epoch
    assert last == len(train) and last - best == trainer.net.training.early_stopping_patience == 20
    assert np.all(np.diff(train) < 0), train  # every epoch's mean below the one before, to the stop
    assert train[-1] < 0.6 * train[best - 1]  # and well below it after the best epoch: it keeps learning
    lowest = validation[best - 1]
    assert best >= 8 and validation[0] > 2 * lowest  # the validation loss falls first, a long way
    after = validation[best - 1:]
    assert np.all(np.diff(after[1:]) > 0)  # then climbs, epoch after epoch (no jumping about)
    assert after[-1] > 1.5 * lowest  # clearly: by the stop it is half as high again
    assert np.all(train[best:] < validation[best:])  # the training curve lies below the validation curve
    # the restored weights are the best epoch's: their validation loss is the lowest one
    assert trainer.evaluate().validation_loss == lowest


def test_patience_40_trains_20_epochs_more_and_restores_the_same_epoch():
    """Step 2's question ("does it find a later, lower validation loss?") has this answer here."""
    short, _, _ = epoch_losses()
    trainer, _, validation = epoch_losses(patience=40)
    assert trainer.best_epoch == short.best_epoch and trainer.epoch == short.epoch + 20
    assert validation.min() == validation[short.best_epoch - 1]
