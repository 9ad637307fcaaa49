"""A trained network saved, the window closed, the file opened again the next day: the run goes on.

A student trains, saves (Ctrl+S), closes the app and opens the file in a new window: the status bar and the
Loss panel say the run's step and epoch (not "Step 0, at the weights as saved"), the loss curve and the weight
paths are the run's, and F6 / Play go on with the same optimizer state and shuffled mini-batches: N steps,
save, open, M steps give the weights of N + M steps without saving (momentum and Adam, mini-batches of 8
of a shuffled spiral, saved in the middle of an epoch). Before, the file kept no step count, and momentum or Adam's averages started again.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QAction

import core
from test_training_support import close_window, wait_finished
from test_training_support import make_window as new_window


@pytest.fixture
def make_window(qtbot):
    """Opens windows (a new one each call) and closes any the test left open."""
    made = []

    def make():
        made.append(new_window(qtbot, core.Network("Untitled")))
        return made[-1]

    yield make
    for window in made:
        try:
            left_open = window.isVisible()
        except RuntimeError:  # closed and deleted by the test
            continue
        if left_open:
            close_window(qtbot, window)


def spiral(optimizer: str) -> core.Network:
    net = core.load_network(core.example_path("spiral"))
    net.lesson = None
    net.training.optimizer.name = optimizer
    net.training.optimizer.momentum = 0.9
    net.training.optimizer.learning_rate = 0.01 if optimizer == "adam" else 0.05
    net.training.batch_size = 8
    net.training.validation_fraction = 0.25
    return net


def press_f6(qtbot, window, times: int) -> None:
    for k in range(times):
        before = window.document.undo_stack.count()
        window.findChild(QAction, "step").trigger()  # Step (F6): one mini-batch
        qtbot.waitUntil(lambda: window.document.undo_stack.count() > before or
                        (window.training.latest is not None and window.training.latest.step > k), timeout=10000)
        wait_finished(qtbot, window.training)


def save_as(window) -> None:
    window.findChild(QAction, "save_as").trigger()  # File → Save As… (the dialog answers with the path)


def open_file(qtbot, window, dialogs, path) -> None:
    dialogs.answer("open_file", str(path))
    window.findChild(QAction, "open").trigger()  # File → Open… (the dialog answers with the path)
    assert window.document.path is not None


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_train_save_open_in_a_new_window_and_train_on_equals_training_straight(qtbot, dialogs, make_window, tmp_path, optimizer):
    start = tmp_path / "start.bpnet"
    core.save_network(spiral(optimizer), start)
    n, m = 53, 41  # batches of 8 of 300 training rows (38 steps an epoch): saved 15 steps into epoch 2

    first = make_window()
    open_file(qtbot, first, dialogs, start)
    press_f6(qtbot, first, 3)
    first.training.step(n - 3)  # Training → "Train N steps": the same commands as F6
    qtbot.waitUntil(lambda: first.training.latest is not None and first.training.latest.step == n, timeout=15000)
    wait_finished(qtbot, first.training)
    saved = tmp_path / "trained.bpnet"
    dialogs.answer("save_file", str(saved))
    save_as(first)
    assert saved.exists() and not first.document.dirty
    said = first.statusBar().whole_message()
    assert said.endswith(f"with its training run (step {n}, epoch 1): opening it goes on from there"), said
    close_window(qtbot, first)  # the app is closed: the run lives on in the file only

    reopened = core.load_network(saved)
    assert reopened.progress is not None and reopened.progress.progress.step_count == n

    second = make_window()
    open_file(qtbot, second, dialogs, saved)
    status = second.training.ui.status_label
    epoch = reopened.progress.progress.epoch
    assert epoch == 1
    qtbot.waitUntil(lambda: f"Epoch {epoch} · Step {n}" in status.text(), timeout=10000)
    assert "weights as saved" not in status.text()
    loss = second.training.ui.loss.summary
    qtbot.waitUntil(lambda: "Step 0" not in loss.text(), timeout=10000)
    press_f6(qtbot, second, 2)
    second.training.step(m - 2)
    qtbot.waitUntil(lambda: second.training.latest is not None and second.training.latest.step == n + m,
                    timeout=15000)
    wait_finished(qtbot, second.training)
    continued = second.document.network.flat.copy()
    close_window(qtbot, second)

    straight = core.load_network(start)
    trainer = core.Trainer(straight)
    trainer.train_steps(n + m)
    np.testing.assert_allclose(continued, straight.flat, rtol=0, atol=1e-12)


def test_the_reopened_window_draws_the_runs_loss_curve(qtbot, dialogs, make_window, tmp_path):
    start = tmp_path / "start.bpnet"
    core.save_network(spiral("adam"), start)
    first = make_window()
    open_file(qtbot, first, dialogs, start)
    first.training.step(40)
    qtbot.waitUntil(lambda: first.training.latest is not None and first.training.latest.step == 40, timeout=15000)
    wait_finished(qtbot, first.training)
    saved = tmp_path / "trained.bpnet"
    dialogs.answer("save_file", str(saved))
    save_as(first)
    before = first.training.latest
    close_window(qtbot, first)

    second = make_window()
    open_file(qtbot, second, dialogs, saved)
    qtbot.waitUntil(lambda: second.training.latest is not None and second.training.latest.step == 40, timeout=10000)
    after = second.training.latest
    assert np.array_equal(after.loss_steps, before.loss_steps) and np.array_equal(after.loss_values, before.loss_values)
    assert np.array_equal(after.epoch_values, before.epoch_values, equal_nan=True)
    assert np.array_equal(after.trajectory_steps, before.trajectory_steps)
    assert np.array_equal(after.trajectories, before.trajectories)
    assert np.array_equal(after.epoch_steps, before.epoch_steps)
    close_window(qtbot, second)


def test_a_weight_typed_after_the_run_saves_no_run(qtbot, dialogs, make_window, tmp_path):
    """The progress describes the run's weights: after an edit by hand the file keeps none."""
    start = tmp_path / "start.bpnet"
    core.save_network(spiral("adam"), start)
    window = make_window()
    open_file(qtbot, window, dialogs, start)
    press_f6(qtbot, window, 2)
    from desktop import commands

    params = window.document.network.flat.copy()
    params[0] += 0.5
    window.document.perform(commands.SetParameters(window.document, "Edit weight", params))
    saved = tmp_path / "edited.bpnet"
    dialogs.answer("save_file", str(saved))
    save_as(window)
    assert saved.exists()
    assert core.load_network(saved).progress is None
    close_window(qtbot, window)


def test_save_as_while_the_run_trains_keeps_the_run_and_play_goes_on(qtbot, dialogs, make_window, tmp_path):
    """Save As during Play pauses as F5 does: the file keeps the run (it said "the run was still training … pause
    before saving to keep the run" and kept none), and Play goes on (test_save_during_play: Ctrl+S)."""
    start = tmp_path / "start.bpnet"
    core.save_network(spiral("adam"), start)
    window = make_window()
    open_file(qtbot, window, dialogs, start)
    window.findChild(QAction, "play").trigger()
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step > 20, timeout=15000)
    saved = tmp_path / "mid-run.bpnet"
    dialogs.answer("save_file", str(saved))
    save_as(window)
    said = window.statusBar().whole_message()
    assert "with its training run" in said and "the run was still training" not in said, said
    assert core.load_network(saved).progress is not None
    assert window.training.running


def test_reset_at_a_files_run_starts_a_new_run_at_step_0(qtbot, dialogs, make_window, tmp_path):
    """Reset: back to the weights the session started from (the file's), and the history starts afresh, as
    for any file: step 0, a new optimizer, the shuffle from the seed."""
    net = spiral("adam")
    trainer = core.Trainer(net)
    trainer.train_steps(30)
    net.progress = core.SavedRun.of(trainer)
    saved = tmp_path / "trained.bpnet"
    core.save_network(net, saved)
    window = make_window()
    open_file(qtbot, window, dialogs, saved)
    status = window.training.ui.status_label
    qtbot.waitUntil(lambda: "Step 30 ·" in status.text(), timeout=10000)
    window.findChild(QAction, "reset").trigger()
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == 0, timeout=10000)
    press_f6(qtbot, window, 1)
    fresh = core.Trainer(core.load_network(saved))  # a new run from the file's weights
    fresh.train_steps(1)
    np.testing.assert_allclose(window.document.network.flat, fresh.net.flat, rtol=0, atol=1e-12)


def test_a_run_the_training_process_no_longer_has_is_saved_without_it_and_said(qtbot, dialogs, make_window, tmp_path):
    """The run's optimizer state lives in the training process: when that process is gone (ended, or restarted
    since), Save keeps the weights and says the run was not kept."""
    start = tmp_path / "start.bpnet"
    core.save_network(spiral("adam"), start)
    window = make_window()
    open_file(qtbot, window, dialogs, start)
    press_f6(qtbot, window, 2)
    window.training.worker.stop()  # the process that kept the run ends
    saved = tmp_path / "lost.bpnet"
    dialogs.answer("save_file", str(saved))
    save_as(window)
    said = window.statusBar().whole_message()
    assert said.endswith("without the training run that left these weights (the training process no longer keeps "
                         "it): opening the file starts from step 0"), said
    assert core.load_network(saved).progress is None
    assert np.array_equal(core.load_network(saved).flat, window.document.network.flat)
