"""A snapshot's histories sent as tails (``history_tails``): what the window rebuilds is exactly what a
whole snapshot holds, across the buffers' thinning, a new Load and a snapshot that did not arrive."""

from __future__ import annotations

import pickle
import queue
import threading

import numpy as np
import pytest

import core
from core.history import DecimatingBuffer
from desktop.training.history_tails import HistoryCopies, HistoryTails
from desktop.training.messages import Load, Quit, Run
from desktop.training.session import TrainingSession
from test_training_support import xor_network
from training_networks import big_network

HISTORY_FIELDS = ("loss_steps", "loss_values", "epoch_numbers", "epoch_values", "trajectory_steps", "trajectories",
                  "block_gradient_steps", "block_gradient_sums", "epoch_steps")


def through_the_channel(obj):
    """``obj`` as the window's receiver gets it: pickled with its big buffers apart, then copied."""
    buffers = []
    data = pickle.dumps(obj, protocol=5, buffer_callback=lambda b: buffers.append(b.raw()) or False)
    return pickle.loads(data, buffers=[bytearray(b) for b in buffers])


class Trained:
    """A session in a thread, as the training process runs it (``tails``: views, histories as tails,
    each snapshot pickled and completed by the window's ``HistoryCopies``) or as the window's thread
    does (whole copies). ``run(steps)`` gives the finished snapshot as the window gets it."""

    def __init__(self, tails: bool):
        self.copies = HistoryCopies() if tails else None
        self.results: queue.Queue = queue.Queue()
        self.session = TrainingSession(self._snapshot, self._finished, lambda tag, message: self.results.put(message),
                                       snapshot_copies=not tails, history_tails=tails)
        self.thread = threading.Thread(target=self.session.run_forever, daemon=True)
        self.thread.start()

    def _arrive(self, snap):
        return snap if self.copies is None else self.copies.complete(through_the_channel(snap))

    def _snapshot(self, snap) -> None:
        self._arrive(snap)  # every running snapshot reaches the window; the next builds on it
        self.session.acknowledge()

    def _finished(self, snap) -> None:
        self.results.put(self._arrive(snap))

    def _answer(self):
        result = self.results.get(timeout=300)  # a guard against a hang, not a measure: a loaded CI machine took over 60 s
        assert not isinstance(result, str), result
        return result

    def load(self, network, session: int) -> None:
        self.session.send(Load(session, network.copy()))
        assert self._answer().state == "ready"

    def run(self, steps: int):
        self.session.send(Run(steps=steps))
        return self._answer()

    def close(self) -> None:
        self.session.send(Quit())
        self.thread.join(5)


def assert_same_histories(got, expected) -> None:
    assert got.step == expected.step
    for name in HISTORY_FIELDS:
        a, b = getattr(got, name), getattr(expected, name)
        assert a.shape == b.shape and np.array_equal(a, b, equal_nan=True), (name, got.step)


def finished_snapshots(tails: bool, networks, runs) -> list:
    """The finished snapshot of each run in ``runs`` ("load": the next of ``networks`` instead), as the
    window gets them from a session trained as the process (``tails``) or the thread does."""
    trained, networks, got = Trained(tails), iter(networks), []
    try:
        trained.load(next(networks), session=1)
        for steps in runs:
            if steps == "load":
                trained.load(next(networks), session=2)
            else:
                got.append(trained.run(steps))
    finally:
        trained.close()
    return got


@pytest.mark.parametrize("make, runs", [
    # single steps, then past the recent loss ring (2,048 rows) and the weight paths' first thinning,
    # then many thinnings at once; then a new trainer (its buffers are sent whole)
    (lambda: xor_network(batch=8), (1, 1, 3, 500, 2000, 1, 2100, 7, 9000, "load", 2, 30)),
    (lambda: big_network(300, batch=32), (1, 1, 3, 700, 1400, 7, "load", 2, 30)),
], ids=["xor", "784-64-10"])
def test_the_histories_rebuilt_from_tails_equal_whole_snapshots(make, runs):
    # one session after the other: a step's BLAS thread limit is the library's, for every thread at once
    networks = [make(), make()]
    expected = finished_snapshots(False, networks, runs)
    for got, whole_one in zip(finished_snapshots(True, networks, runs), expected, strict=True):
        assert_same_histories(got, whole_one)


def whole(history, epoch_steps) -> dict:
    """What whole snapshots would hold, by series (x, data): straight from the buffers."""
    return {"loss": (history.step_loss.x, history.step_loss.data), "epochs": (history.epochs.x, history.epochs.data),
            "trajectories": (history.trajectories.x, history.trajectories.data),
            "block_gradient": (history.block_gradient.x, history.block_gradient.data),
            "epoch_steps": (epoch_steps.x, epoch_steps.data)}


class Snapshotlike:
    """Only what ``HistoryCopies.complete`` reads and fills."""

    history_tails = None


def test_tails_that_did_not_arrive_are_followed_by_whole_histories():
    """The session calls ``resend`` when an emitter raised: the tails after it are whole."""
    trainer = core.Trainer(xor_network(batch=8))
    epoch_steps = DecimatingBuffer(trainer.history.epochs.capacity, 1)
    tails, copies = HistoryTails(), HistoryCopies()

    def send(delivered: bool = True):
        snap = Snapshotlike()
        snap.history_tails = tails.take(trainer.history, epoch_steps)
        if not delivered:
            tails.resend()
            return None
        return copies.complete(through_the_channel(snap))

    for steps, delivered in ((40, True), (3000, False), (1, True), (5, True)):
        for _ in range(steps):
            trainer.step()
            epoch_steps.append(trainer.epoch, trainer.step_count)
        got = send(delivered)
        if got is None:
            continue
        expected = whole(trainer.history, epoch_steps)
        assert np.array_equal(got.loss_steps, expected["loss"][0])
        assert np.array_equal(got.loss_values, expected["loss"][1][:, 0])
        assert np.array_equal(got.trajectories, expected["trajectories"][1])
        assert np.array_equal(got.trajectory_steps, expected["trajectories"][0])
        assert np.array_equal(got.epoch_values, expected["epochs"][1], equal_nan=True)
        assert np.array_equal(got.block_gradient_sums, expected["block_gradient"][1])
        assert np.array_equal(got.epoch_steps, expected["epoch_steps"][1][:, 0])


def test_the_arrays_rebuilt_from_tails_are_read_only():
    """The next snapshot's histories are built from them: nobody may write into them."""
    trained = Trained(tails=True)
    try:
        trained.load(xor_network(batch=8), session=1)
        trained.run(10)
        snap = trained.run(10)
        with pytest.raises(ValueError):
            snap.trajectories[0, 0] = 1.0
    finally:
        trained.close()
