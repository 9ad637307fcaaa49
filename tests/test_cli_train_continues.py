"""`backprop-studio train A --out B`, then `train B --out C`: the second goes on with the first's run.

Before, a file kept no optimizer state or step count, so `train B` started a new optimizer (Adam's averages
and momentum from zero, the shuffle from the seed): 53 + 41 steps in two commands were not 94 in one.
"""

from __future__ import annotations

import numpy as np
import pytest

import core
from cli_support import run_command
from desktop.cli import train as cli_train


def _run(capsys, *argv):
    return run_command(cli_train.main, capsys, *argv)


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_two_trains_in_a_row_equal_one_train_of_both(tmp_path, capsys, optimizer):
    net = core.load_network(core.example_path("spiral"))
    net.lesson = None
    net.training.optimizer.name, net.training.optimizer.momentum = optimizer, 0.9
    net.training.batch_size = 8  # 40 steps an epoch of 320 training rows: 53 stops in the middle of epoch 2
    start, middle, end, straight = (tmp_path / f"{name}.bpnet" for name in ("start", "middle", "end", "straight"))
    core.save_network(net, start)

    assert _run(capsys, start, "--steps", 53, "--out", middle)[0] == 0
    status, out, err = _run(capsys, middle, "--steps", 41, "--out", end)
    assert status == 0, err
    assert "41 steps" in out and "going on with its run from step 53: now step 94, epoch 2" in out
    assert _run(capsys, start, "--steps", 94, "--out", straight)[0] == 0

    continued, whole = core.load_network(end), core.load_network(straight)
    assert continued.flat.tobytes() == whole.flat.tobytes()
    a, b = continued.progress.progress, whole.progress.progress
    assert (a.step_count, a.epoch) == (b.step_count, b.epoch) == (94, 2)
    assert np.array_equal(a.history.step_loss.x, b.history.step_loss.x)
    assert np.array_equal(a.history.step_loss.data, b.history.step_loss.data)
    assert np.array_equal(a.extra[0].data, b.extra[0].data)  # the steps at which epochs ended: 40, 80


def test_a_file_without_a_run_starts_a_new_one(tmp_path, capsys):
    """A file saved before runs were kept (or by a script): step 0, as before."""
    out_file = tmp_path / "out.bpnet"
    status, out, err = _run(capsys, core.example_path("xor"), "--steps", 5, "--out", out_file)
    assert status == 0, err
    assert "going on" not in out
    assert core.load_network(out_file).progress.progress.step_count == 5


def test_a_run_kept_without_its_start_figures_is_not_given_the_resumed_weights_as_its_start(tmp_path, capsys):
    """A file whose run came without `epoch_steps`/`start` (a script's ``SavedRun.of(trainer)``): `train` goes
    on with it, and does not write the loss at step 20's weights as the loss "before the run's first step" (the
    window leaves it unknown too: one default, ``SavedRun.extra_or_default``)."""
    net = core.load_network(core.example_path("xor"))
    net.lesson = None
    trainer = core.Trainer(net)
    trainer.train_steps(20)
    net.progress = core.SavedRun.of(trainer)  # no extra
    script, out_file = tmp_path / "script.bpnet", tmp_path / "out.bpnet"
    core.save_network(net, script)
    status, out, err = _run(capsys, script, "--steps", 5, "--out", out_file)
    assert status == 0 and "going on with its run from step 20" in out, err
    epoch_steps, start = core.load_network(out_file).progress.progress.extra
    assert start is None
    assert list(epoch_steps.x) == [21, 22, 23, 24, 25]
