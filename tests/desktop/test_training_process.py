"""The training session in a process of its own: where it runs, faults, closing, the thread fallback.

(``tests/conftest.py`` checks after every test that no child process is left running.)
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time

import numpy as np
import pytest

import core
from desktop.training import worker as worker_module
from PySide6.QtCore import Qt
from test_training_support import (
    close_window, make_window, press, wait_finished, wait_steps, worker_report, xor_network,
)


def wide_network() -> core.Network:
    """64-64-10: 4,810 parameters (38 kB), more than the channel keeps inside a pickle."""
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 300)
    net = core.Network("wide")
    net.add_layer("x", 64)
    net.add_layer("h", 64, activation="tanh")
    net.add_layer("y", 10, activation="softmax")
    net.connect("x", "h")
    net.connect("h", "y")
    net.dataset = core.Dataset(rng.normal(0, 1, (300, 64)), np.eye(10)[labels])
    net.training.loss = "cross_entropy"
    net.training.batch_size = 16
    return net


def deep_network(hidden_layers: int = 8) -> core.Network:
    """2-(16 × ``hidden_layers``)-1 on XOR: many arrays each small enough to go inside the pickle, so
    that every snapshot and finished run fills most of a pipe (64 kB) by itself."""
    net = core.Network("deep")
    net.add_layer("x", 2)
    previous = "x"
    for k in range(hidden_layers):
        net.add_layer(f"h{k}", 16, activation="tanh")
        net.connect(previous, f"h{k}")
        previous = f"h{k}"
    net.add_layer("y", 1, activation="sigmoid")
    net.connect(previous, "y")
    net.dataset = core.Dataset(np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float), np.array([[0], [1], [1], [0]], float))
    return net


def test_the_session_trains_in_another_process_that_loads_no_qt(qtbot, main_window):
    c = main_window.training
    assert c.worker.transport == "process"
    c.step()
    wait_finished(qtbot, c)
    report = worker_report(qtbot, c)
    assert report["pid"] == c.worker.pid != os.getpid()
    assert report["qt_loaded"] is False
    assert report["frozen_objects"] > 10_000  # what its imports made: no collection walks it again
    assert c.worker.process.is_alive()
    assert c.worker.startup_seconds is not None and c.worker.startup_seconds > 0


def test_one_process_serves_new_networks_runs_and_edits(qtbot, main_window):
    c, doc = main_window.training, main_window.document
    pid = c.worker.pid
    for hidden in (2, 3):
        doc.replace_network(xor_network(hidden=hidden), None)
        c.play()
        wait_steps(qtbot, c, 30)
        c.pause()
        wait_finished(qtbot, c)
        c.step()
        snap = wait_finished(qtbot, c)
        assert np.array_equal(doc.network.flat, snap.parameters)
    assert c.worker.pid == pid  # the same process all along


def test_bulk_arrays_travel_through_shared_memory(qtbot, main_window):
    c, doc = main_window.training, main_window.document
    doc.replace_network(wide_network(), None)
    c.step(5)
    snap = wait_finished(qtbot, c)
    link = c.worker._link
    # the Load's dataset went out through the window's segments, the snapshots came back through the process's
    assert link.sender.bytes_through_shared_memory >= doc.network.dataset.inputs.nbytes
    assert link.inbox.attached
    assert snap.parameters.shape == doc.network.flat.shape and np.array_equal(snap.parameters, doc.network.flat)
    assert snap.parameters.flags.writeable and snap.parameters.base is not None  # a copy out of the segment


def test_a_killed_process_keeps_the_work_says_so_and_play_starts_a_new_one(qtbot, main_window):
    c, doc = main_window.training, main_window.document
    doc.replace_network(xor_network(), None)
    told = []
    c.notify = lambda title, text: told.append((title, text))
    c.set_speed(500)  # slow: the run is surely going on when the process is killed
    c.play()
    wait_steps(qtbot, c, 20)
    old = c.worker.process
    with qtbot.waitSignal(c.worker.died, timeout=10000):
        old.kill()
    assert not c.running
    qtbot.wait(300)  # the window goes on (its preview of the committed weights: no process to load them into)
    last = c.latest
    assert last is not None and last.step >= 20  # the run's last figures stay: they are the weights kept
    # what the run reached is kept, as one undoable step, like a Pause
    assert np.array_equal(doc.network.flat, last.parameters)
    assert [doc.undo_stack.text(k) for k in range(doc.undo_stack.count())] == ["Training run"]
    assert told and "stopped unexpectedly" in told[0][1] and "killed by signal" in told[0][1]
    assert "Play, Step or Trace starts a new training process" in main_window.statusBar().currentMessage()
    assert not old.is_alive() and c.worker.pid is None
    # the next Play trains in a new process, from the kept weights
    c.set_speed(None)
    assert c.play()
    wait_steps(qtbot, c, 10)  # a new session: its steps count from 0
    assert c.worker.pid not in (None, old.pid)
    c.pause()
    snap = wait_finished(qtbot, c)
    assert snap.step > 0 and np.array_equal(doc.network.flat, snap.parameters)
    doc.undo_stack.undo()
    assert np.array_equal(doc.network.flat, last.parameters)


def test_closing_during_start_up_leaves_no_process(qtbot):
    window = make_window(qtbot, xor_network())
    process = window.training.worker.process
    assert process is not None and not window.training.worker.is_ready  # still importing
    close_window(qtbot, window)
    assert not process.is_alive()


def test_a_step_pressed_before_the_process_is_up_waits_for_it_with_a_busy_cursor(qtbot):
    from PySide6.QtWidgets import QApplication

    window = make_window(qtbot, xor_network())
    c = window.training
    try:
        assert not c.worker.is_ready
        assert c.step()
        assert QApplication.overrideCursor() is not None  # busy until the process is up
        snap = wait_finished(qtbot, c)
        assert snap.step == 1 and QApplication.overrideCursor() is None
    finally:
        close_window(qtbot, window)


def test_without_a_process_training_runs_in_a_thread_and_the_status_bar_says_so(qtbot, monkeypatch):
    def cannot_start(self, generation):
        raise OSError("no processes here")

    monkeypatch.setattr(worker_module._ProcessTransport, "__init__", cannot_start)
    messages = []
    window = make_window(qtbot, xor_network())
    c = window.training
    try:
        assert c.worker.transport == "thread" and c.worker.pid == os.getpid()
        c.status.connect(messages.append)
        qtbot.waitUntil(lambda: "no processes here" in window.statusBar().currentMessage(), timeout=3000)
        assert "Training runs inside the window" in window.statusBar().currentMessage()
        c.step(3)
        snap = wait_finished(qtbot, c)
        assert snap.step == 3 and np.array_equal(window.document.network.flat, snap.parameters)
    finally:
        close_window(qtbot, window)


@pytest.mark.parametrize("transport", ["process", "thread"])
def test_both_transports_give_the_same_numbers(qtbot, monkeypatch, transport):
    monkeypatch.setenv(worker_module.TRANSPORT_ENV, transport)
    net = xor_network()
    by_hand = core.Trainer(net.copy())
    window = make_window(qtbot, net)
    c = window.training
    try:
        assert c.worker.transport == transport
        c.step(7)
        snap = wait_finished(qtbot, c)
        for _ in range(7):
            by_hand.step()
        assert np.array_equal(window.document.network.flat, by_hand.net.flat)  # bit for bit
        assert np.array_equal(snap.loss_values, by_hand.history.step_loss.data[:, 0])
        # a long run (its running snapshots carry only what changed since the one before, through the
        # process), past the loss curve's 2,048 recent steps and the weight paths' first thinning
        c.step(2500)
        snap = wait_finished(qtbot, c, timeout=60_000)
        for _ in range(2500):
            by_hand.step()
        h = by_hand.history
        assert snap.step == by_hand.step_count == 2507
        for got, expected in ((snap.loss_steps, h.step_loss.x), (snap.loss_values, h.step_loss.data[:, 0]),
                              (snap.epoch_numbers, h.epochs.x), (snap.epoch_values, h.epochs.data),
                              (snap.trajectory_steps, h.trajectories.x), (snap.trajectories, h.trajectories.data),
                              (snap.block_gradient_steps, h.block_gradient.x),
                              (snap.block_gradient_sums, h.block_gradient.data)):
            assert np.array_equal(got, expected, equal_nan=True)
    finally:
        close_window(qtbot, window)


def stopped_window(qtbot, monkeypatch):
    """A window whose training process is up, has sent a snapshot through shared memory, and is
    then stopped by the operating system (SIGSTOP); (window, its process, the Leaks watcher)."""
    from test_training_random import Leaks

    leaks = Leaks(monkeypatch)
    window = make_window(qtbot, wide_network())
    c = window.training
    c.step()
    wait_finished(qtbot, c)
    assert leaks.segments  # the snapshot came through shared memory
    process = c.worker.process
    os.kill(c.worker.pid, signal.SIGSTOP)
    qtbot.wait(50)
    return window, process, leaks


def close_and_time(qtbot, window, process) -> float:
    """Close the window through its close event; the seconds it took (the process is always ended)."""
    started = time.monotonic()
    try:
        close_window(qtbot, window)
    finally:
        if process.is_alive():  # the assertion failed: leave nothing behind
            os.kill(process.pid, signal.SIGCONT)
            process.kill()
            process.join(5)
    return time.monotonic() - started


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP/SIGCONT (POSIX)")
def test_closing_the_window_while_its_process_is_stopped_is_quick_and_clean(qtbot, monkeypatch):
    """A training process stopped by the system (a suspended child, Ctrl+Z of the group) is woken
    on close, reads its Quit and ends by itself: shared memory and semaphores are released."""
    window, process, leaks = stopped_window(qtbot, monkeypatch)
    seconds = close_and_time(qtbot, window, process)
    assert seconds < 3.0  # a correctness bound: closing waited ~7 s before
    assert process.exitcode == 0  # it ended on its Quit, not killed
    assert not multiprocessing.active_children()
    assert leaks.left() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process's state in /proc")
def test_closing_the_window_while_a_debugger_holds_its_process_is_quick(qtbot, monkeypatch):
    """A process that stays stopped whatever the window sends (as under a debugger, where SIGCONT
    does not resume it; simulated by withholding the window's SIGCONT) cannot read its Quit: the
    window sees it is stopped and kills it at once instead of waiting for it, and releases the
    shared memory the process can no longer release."""
    window, process, leaks = stopped_window(qtbot, monkeypatch)
    real_kill = os.kill
    monkeypatch.setattr(worker_module.os, "kill",
                        lambda pid, sig: None if sig == signal.SIGCONT else real_kill(pid, sig))
    seconds = close_and_time(qtbot, window, process)
    assert seconds < 3.0
    assert process.exitcode == -signal.SIGKILL
    assert not multiprocessing.active_children()
    assert leaks.left() == []


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP/SIGCONT (POSIX)")
def test_closing_the_window_just_after_pause_lets_the_process_end_on_its_quit(qtbot):
    """Pause (F5 again), then close at once: the process still answers the Pause (its last snapshot
    and the finished run, each more than a pipe holds for this network) while the window closes. The
    window reads and drops what comes until the process has ended, so the process finishes its
    answer, reads its Quit and ends by itself (exit code 0). When the window stopped reading first,
    the process hung in its write until it was killed 7 s later, the window frozen meanwhile. The
    system holds the process (SIGSTOP) from before the Pause until the close wakes it, so that the
    answer always comes after the close."""
    from desktop.app import create_main_window

    window = create_main_window(restore_layout=False)
    window.document.replace_network(deep_network(), None)
    window.resize(1300, 850)
    window.show()
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=15000)
    (process,) = multiprocessing.active_children()
    press(qtbot, window, Qt.Key.Key_F5)
    wait_steps(qtbot, c, 200, timeout=30000)
    os.kill(process.pid, signal.SIGSTOP)
    qtbot.wait(100)  # the snapshots on their way are drawn and acknowledged
    press(qtbot, window, Qt.Key.Key_F5)
    close_and_time(qtbot, window, process)
    assert process.exitcode == 0, f"the training process ended with {process.exitcode}, not on its Quit"
