"""A trainer that resumes where another left off (``Trainer.resume_state`` / ``resume``) trains on exactly
as if it had never stopped: momentum's velocity, Adam's moments and step count t, and the shuffled
mini-batches' order go on. A trainer made afresh at the same weights does not (the window's Undo, then
Redo, then Train once gave those weights)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import core


def resumed_after(net: core.Network, first: int, then: int) -> tuple[core.Trainer, bool]:
    """``first`` steps, the state through a pickle (as through the window's undo stack and the training
    process), a new trainer at those weights that resumes it, then ``then`` steps."""
    before = core.Trainer(net.copy())
    before.run(steps=first)
    state = pickle.loads(pickle.dumps(before.resume_state()))
    again = net.copy()
    again.set_parameters(state.parameters)
    trainer = core.Trainer(again)
    resumed = trainer.resume(state)
    trainer.run(steps=then)
    return trainer, resumed


@pytest.mark.parametrize("example", ["circles", "xor", "spiral", "three_classes_softmax"])
def test_ten_steps_then_ten_resumed_are_twenty_straight(example):
    net = core.load_network(core.example_path(example))
    assert net.training.optimizer.name == "adam" or net.training.optimizer.momentum > 0
    straight = core.Trainer(net.copy())
    straight.run(steps=20)
    resumed, took = resumed_after(net, 10, 10)
    assert took
    assert np.array_equal(resumed.net.flat, straight.net.flat)
    fresh = core.Trainer(net.copy())
    fresh.run(steps=10)
    afresh = core.Trainer(fresh.net.copy())
    afresh.run(steps=10)
    assert not np.array_equal(afresh.net.flat, straight.net.flat)  # what resuming is for


def test_an_epoch_cut_by_the_resume_has_the_mean_loss_of_all_its_batches():
    """circles: 200 rows in batches of 16, 13 steps an epoch; cut after 5 steps, the epoch's mean loss is
    the straight run's (its first 5 batches are counted in the resumed trainer's first epoch)."""
    net = core.load_network(core.example_path("circles"))
    straight = core.Trainer(net.copy())
    straight.run(steps=13)
    resumed, _ = resumed_after(net, 5, 8)
    assert resumed.epoch == straight.epoch == 1
    assert resumed.last_epoch.train_loss == straight.last_epoch.train_loss
    assert resumed.last_epoch.train_accuracy == straight.last_epoch.train_accuracy


def test_a_state_of_other_weights_or_another_optimizer_is_not_taken():
    net = core.load_network(core.example_path("circles"))
    trainer = core.Trainer(net.copy())
    trainer.run(steps=3)
    state = trainer.resume_state()
    other = core.Trainer(net.copy())  # the weights before the 3 steps
    assert not other.resume(state)
    sgd = net.copy()
    sgd.set_parameters(state.parameters)
    sgd.training.optimizer.name = "sgd"
    assert not core.Trainer(sgd).resume(state)
