"""The trainer chooses its BLAS threads for its own steps and restores the caller's setting.

The thread counts are read with threadpoolctl from inside a step (the optimizer's
``step_vector``, which every step calls, is wrapped). No timing here: the speed
figures behind the rule are in ``core/training.py`` and the README.
"""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

import core
from core.blas import MAX_LIMITED_PRODUCT, SMALL_PARAMETERS, SMALL_PRODUCT, blas_threads_for, limit_blas_threads
from netbuild import chain, random_dataset

CALLER = 3  # the caller's own setting in these tests: neither BLAS's usual default nor the trainer's 1


def blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


@pytest.fixture
def caller_threads():
    """BLAS set to CALLER threads by the caller (as OpenBLAS reports it back), for the test only."""
    if not blas_threads():
        pytest.skip("threadpoolctl finds no BLAS library it can control in this NumPy")
    with threadpool_limits(CALLER, user_api="blas"):
        setting = blas_threads()
        assert 1 not in setting
        yield setting


def mid_net(batch=32):
    net = chain([100, 64, 10], ["relu", "softmax"], loss="cross_entropy", batch_size=batch, lr=0.01)
    net.dataset = random_dataset(net, 96, kind="onehot")
    return net


def watch_threads(trainer) -> list[list[int]]:
    """Record BLAS's thread counts inside every step of ``trainer``."""
    seen = []
    step_vector = trainer.optimizer.step_vector

    def watched(grad):
        seen.append(blas_threads())
        return step_vector(grad)

    trainer.optimizer.step_vector = watched
    return seen


def test_rule():
    assert blas_threads_for(2 * 4 * 8, 17) is None  # XOR: untouched
    assert blas_threads_for(SMALL_PRODUCT, SMALL_PARAMETERS) is None
    assert blas_threads_for(SMALL_PRODUCT + 1, 100) == 1
    assert blas_threads_for(10, SMALL_PARAMETERS + 1) == 1
    assert blas_threads_for(32 * 784 * 64, 50_890) == 1  # 784-64-10, batch 32
    assert blas_threads_for(128 * 784 * 256, 235_146) == 1  # 784-256-128-10, batch 128
    assert blas_threads_for(MAX_LIMITED_PRODUCT, 10**6) == 1
    assert blas_threads_for(MAX_LIMITED_PRODUCT + 1, 10**6) is None


def test_trainer_chooses_by_network_and_batch_size():
    trainer = core.Trainer(mid_net(batch=32))
    assert trainer.blas_threads == 1
    tiny = chain([2, 4, 1], ["tanh", "sigmoid"])
    tiny.dataset = core.generate("xor", samples=40, noise=0.1, seed=1)
    assert core.Trainer(tiny).blas_threads is None
    small = chain([4, 8, 3], ["relu", "softmax"], loss="cross_entropy", batch_size=1)
    small.dataset = random_dataset(small, 5000, kind="onehot")
    trainer = core.Trainer(small)
    assert trainer.blas_threads is None  # 1 × 4 × 8 multiply-adds
    trainer.batch_size = 4096  # 4096 × 8 × 3 > 2**16
    assert trainer.blas_threads == 1


def test_step_runs_with_one_blas_thread_and_restores_the_callers(caller_threads):
    trainer = core.Trainer(mid_net())
    seen = watch_threads(trainer)
    for _ in range(4):  # crosses an epoch end (96 rows, 80 % training rows, batch 32)
        trainer.step()
        assert blas_threads() == caller_threads
    assert seen == [[1] * len(caller_threads)] * 4


def test_run_runs_with_one_blas_thread_and_restores_the_callers(caller_threads):
    trainer = core.Trainer(mid_net())
    seen = watch_threads(trainer)
    in_callback = []
    result = trainer.run(steps=5, callback=lambda t: in_callback.append(blas_threads()))
    assert result.steps == 5
    assert seen == in_callback == [[1] * len(caller_threads)] * 5
    assert blas_threads() == caller_threads


def test_caller_setting_restored_after_an_error_in_a_step(caller_threads):
    trainer = core.Trainer(mid_net())

    def broken(grad):
        raise RuntimeError("boom")

    trainer.optimizer.step_vector = broken
    with pytest.raises(RuntimeError, match="boom"):
        trainer.step()
    assert blas_threads() == caller_threads


def test_divergence_restores_the_callers_setting(caller_threads):
    net = mid_net()
    net.training.optimizer.learning_rate = 1e300
    trainer = core.Trainer(net)
    with pytest.raises(core.DivergenceError):
        for _ in range(20):
            trainer.step()
    assert blas_threads() == caller_threads
    assert trainer.run(steps=20).reason == "diverged"
    assert blas_threads() == caller_threads


def test_small_network_leaves_the_callers_setting_alone(caller_threads):
    net = chain([2, 4, 1], ["tanh", "sigmoid"], batch_size=8)
    net.dataset = core.generate("xor", samples=40, noise=0.1, seed=1)
    trainer = core.Trainer(net)
    seen = watch_threads(trainer)
    trainer.run(steps=2)
    trainer.step()
    assert seen == [caller_threads] * 3


def test_nested_limits_keep_the_outermost_and_restore_once(caller_threads):
    outer, inner = limit_blas_threads(1), limit_blas_threads(2)
    with outer:
        with inner:
            assert blas_threads() == [1] * len(caller_threads)
        assert blas_threads() == [1] * len(caller_threads)
    assert blas_threads() == caller_threads


def test_same_results_as_before():
    """The limit changes where the arithmetic runs, not what it computes."""
    a, b = core.Trainer(mid_net()), core.Trainer(mid_net())
    a.run(steps=6)
    for _ in range(6):
        b.step()
    assert np.array_equal(a.net.flat, b.net.flat)
