"""A lesson's answers are about the run its file kept (code review 22): the ``progress`` section's optimizer state
and shuffle position, as the window resumes them, not a fresh trainer at the same weights."""

from __future__ import annotations

import numpy as np
import pytest

import core
from core.lesson import Answers, Question


def saved_mid_run(optimizer: str) -> core.Network:
    """Spiral with Adam or momentum, mini-batches of 8 of a shuffled 300 rows, 45 steps in (mid-epoch)."""
    net = core.load_network(core.example_path("spiral"))
    net.training.optimizer.name = optimizer
    net.training.optimizer.momentum = 0.9
    net.training.batch_size = 8
    trainer = core.Trainer(net)
    trainer.train_steps(45)
    net.progress = core.SavedRun.of(trainer)
    return net


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_questions_about_the_next_steps_follow_the_saved_run(optimizer):
    net = saved_mid_run(optimizer)
    (source, target), j, i = next(iter(net.weights)), 0, 0
    answers = Answers(net)
    going_on = core.Trainer(net.copy())
    assert core.resume_saved(going_on)
    trace = core.trace_trainer_step(going_on)
    for kind, of in (("dL/dw", "gradient"), ("weight_after_step", "updated")):
        q = Question(kind, source=source, target=target, j=j, i=i)
        assert answers.answer(q) == trace.weights(source, target, of)[j, i]
    assert answers.answer(Question("loss")) == trace.loss
    going_on.train_steps(4)  # four steps on, the run's own: w after 4 steps and the next batch's gradient
    assert answers.answer(Question("weight_after_steps", source=source, target=target, j=j, i=i, step=4)) == \
        going_on.net.weights[source, target][j, i]
    after = core.trace_trainer_step(going_on)
    assert answers.answer(Question("dL/dw", source=source, target=target, j=j, i=i, step=4)) == \
        after.weights(source, target, "gradient")[j, i]
    fresh = core.trace_step(net)  # a new run at the same weights: another batch, no velocity or moments
    assert not np.isclose(fresh.update[0], trace.update[0], rtol=1e-2, atol=0)
