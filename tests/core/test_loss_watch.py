"""The rules that judge a run going the wrong way (issue 14, point 1), without Qt.

``worse_run``: the ``train`` command's rule (final training loss more than 10 % above the
starting one; measured in tests/benchmarks/bench_worse_run.py).
``LossRiseWatch``: the window's "loss is rising" warning (an epoch loss over 4× its best so
far, the loss before training included, and above it by more than 1 % of that first loss).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import core
from core.loss_watch import RISE_FACTOR, LossRiseWatch, worse_run, worse_run_message


def test_worse_run_is_a_rise_of_more_than_10_percent():
    assert worse_run(0.694, 81016.5) and worse_run(0.15, 2.25) and worse_run(1.0, 1.1 + 1e-9)
    assert not worse_run(0.694, 0.2175) and not worse_run(0.5, 0.5) and not worse_run(1.0, 1.1 - 1e-9)
    assert not worse_run(0.181109, 0.181697)  # issue 24: a continued exam_csv run's 0.3 % wobble
    assert worse_run(0.5, math.nan) and worse_run(0.5, math.inf)


def test_worse_run_message_has_both_numbers_and_a_smaller_rate():
    text = worse_run_message(0.694401, 81016.5, 1e6)
    assert "0.694401" in text and "81016.5" in text and "100000" in text


def test_rise_watch_counts_the_start_and_needs_a_clear_rise():
    watch = LossRiseWatch(start=1.0)
    assert not watch.epoch(0.9)  # falling
    assert not watch.epoch(3.0)  # 3.3× the best (0.9): not yet "clearly"
    assert watch.epoch(RISE_FACTOR * 0.9 + 0.01) and "Loss is rising" in watch.message()
    assert not watch.epoch(0.8) and watch.message() == ""  # back down: the warning goes
    assert watch.best == 0.8


def test_rise_watch_ignores_noise_near_zero():
    watch = LossRiseWatch(start=0.7)
    watch.epoch(1e-6)
    assert not watch.epoch(5e-6)  # 5× a tiny best, but 0.0006 % of the first loss
    assert watch.epoch(0.2)


def test_a_first_epoch_already_worse_than_the_start_warns_at_once():
    watch = LossRiseWatch(start=0.69)
    assert watch.epoch(14.8)


def test_without_a_start_the_first_epoch_is_the_reference():
    watch = LossRiseWatch()
    assert not watch.epoch(1.0) and not watch.epoch(3.9) and watch.epoch(4.5)


def _first_warning(name, learning_rate_factor, epochs):
    net = core.load_network(core.example_path(name))
    net.training.optimizer.learning_rate *= learning_rate_factor
    trainer = core.Trainer(net)
    watch = LossRiseWatch(trainer.evaluate().train_loss)
    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            if trainer.run(epochs=1).reason == "diverged":
                return "diverged"
            if watch.epoch(trainer.last_epoch.train_loss):
                return epoch
    return None


@pytest.mark.parametrize("name", ["xor", "relu_2_2_1", "circles", "sine_regression", "three_classes_softmax"])
def test_lessons_at_their_own_learning_rate_never_warn(name):
    assert _first_warning(name, 1, 60) is None


@pytest.mark.parametrize("name", ["xor", "relu_2_2_1", "spiral", "sine_regression", "skip_connection"])
def test_lessons_at_a_thousand_times_their_learning_rate_warn_in_the_first_two_epochs(name):
    assert _first_warning(name, 1000, 2) in (0, 1)


@pytest.mark.parametrize("start", [None, 1.0])
def test_epochs_at_once_say_what_one_epoch_at_a_time_says(start):
    """``epochs`` (the training session records a chunk's epochs together) leaves the watch as
    ``epoch`` called for each loss: rising or not, the same best, the same words; NaN and inf too."""
    rng = np.random.default_rng(5)
    losses = np.exp(rng.normal(0, 1.5, 400))
    losses[rng.integers(0, 400, 20)] = np.nan
    losses[rng.integers(0, 400, 10)] = np.inf
    one, many = LossRiseWatch(start), LossRiseWatch(start)
    at = 0
    while at < len(losses):
        n = int(rng.integers(0, 6))
        piece = losses[at:at + n]
        for loss in piece:
            one.epoch(float(loss))
        assert many.epochs(piece) == one.rising
        assert (many.first, many.best, many.message()) == (one.first, one.best, one.message())
        at += n
