"""The training session alone (no Qt, no process): how a run ends, step for step like a ``Trainer``."""

from __future__ import annotations

import queue
import threading

import numpy as np
import pytest

import core
from desktop.training.messages import Load, Pause, Quit, Run, SetStopConditions
from desktop.training.session import TrainingSession
from test_training_support import xor_network


class Session:
    """A ``TrainingSession`` running in a thread; ``finished()`` waits for its next finished snapshot."""

    def __init__(self, network):
        self.results: queue.Queue = queue.Queue()
        self.snapshots = 0
        self.session = TrainingSession(self._snapshot, lambda snap: self.results.put(snap),
                                       lambda session, message: self.results.put(message))
        self.thread = threading.Thread(target=self.session.run_forever, daemon=True)
        self.thread.start()
        self.session.send(Load(1, network.copy()))
        assert self.finished().state == "ready"

    def _snapshot(self, snap) -> None:
        self.snapshots += 1
        self.session.acknowledge()

    def finished(self, timeout: float = 20.0):
        result = self.results.get(timeout=timeout)
        assert not isinstance(result, str), result  # a failure message
        return result

    def close(self) -> None:
        self.session.send(Quit())
        self.thread.join(5)
        assert not self.thread.is_alive()


@pytest.fixture
def session():
    made = []

    def make(network):
        made.append(Session(network))
        return made[-1]

    yield make
    for s in made:
        s.close()


def test_run_of_steps_and_epochs_ends_exactly_where_asked(session):
    net = xor_network(batch=8)  # 40 samples: 5 steps an epoch
    s = session(net)
    by_hand = core.Trainer(net.copy())
    snap = None
    for run, steps in ((Run(steps=7), 7), (Run(epochs=2), 8), (Run(steps=300), 300)):  # 7 → 15 (epoch 3) → 315
        s.session.send(run)
        snap = s.finished()
        assert snap.state == "completed"
        by_hand.run(steps=steps)
        assert snap.step == by_hand.step_count
        assert np.array_equal(snap.parameters, by_hand.net.flat)  # bit-identical to the trainer's own steps
    assert s.session.steps_done == 315
    assert snap.epoch == 63
    # the step at which each epoch ended (the loss panel's epoch points)
    assert np.array_equal(snap.epoch_steps, 5 * np.arange(1, 64))


def test_loss_threshold_stops_at_the_first_step_below_it(session):
    net = xor_network(batch=8)
    by_hand = core.Trainer(net.copy())
    result = by_hand.run(steps=2000, loss_threshold=0.1)
    assert result.reason == "loss_threshold"
    s = session(net)
    s.session.send(SetStopConditions(loss=0.1))
    s.session.send(Run())
    snap = s.finished()
    assert snap.state == "loss_threshold"
    assert snap.step == by_hand.step_count and snap.last_loss <= 0.1
    assert np.array_equal(snap.parameters, by_hand.net.flat)


def test_play_stops_at_the_epoch_limit_even_when_it_is_lowered_during_the_run(session):
    s = session(xor_network(batch=8))
    s.session.send(SetStopConditions(epochs=4))
    s.session.send(Run())
    snap = s.finished()
    assert (snap.state, snap.epoch, snap.step) == ("epochs", 4, 20)
    s.session.send(SetStopConditions(epochs=None))
    s.session.send(Run())
    while s.session.steps_done < 2000:  # an epoch well past 4
        threading.Event().wait(0.01)
    s.session.send(SetStopConditions(epochs=5))  # already passed: the run ends without going on
    snap = s.finished()
    assert snap.state == "epochs"
    step = snap.step
    s.session.send(Run())  # Play past the limit takes no step
    assert s.finished().step == step


def test_pause_ends_a_free_run(session):
    s = session(xor_network())
    s.session.send(Run())
    while s.session.steps_done < 100:
        threading.Event().wait(0.01)
    s.session.send(Pause())
    snap = s.finished()
    assert snap.state == "paused" and snap.step >= 100
    assert snap.step == s.session.steps_done


def test_every_answer_echoes_who_asked_and_the_version_the_session_holds():
    """Load sets the version, Follow and the live settings move it on; snapshots, traces,
    failures and reports carry it back with the asker."""
    from desktop.training.messages import Follow, Report, SetLearningRate, Trace

    answers: queue.Queue = queue.Queue()
    session = TrainingSession(lambda snap: None, lambda snap: answers.put(("finished", snap)),
                              lambda tag, message: answers.put(("failed", (tag, message))),
                              lambda traced: answers.put(("traced", traced)),
                              lambda report: answers.put(("report", report)))
    thread = threading.Thread(target=session.run_forever, daemon=True)
    thread.start()
    try:
        net = xor_network(batch=8)
        session.send(Load(4, net.copy(), version=11))
        kind, ready = answers.get(timeout=20)
        assert kind == "finished" and (ready.session, ready.version) == (4, 11)
        session.send(Follow(version=12))
        session.send(SetLearningRate(0.25, version=13))
        session.send(Trace(None, asker="stepper", version=13))
        kind, traced = answers.get(timeout=20)
        assert kind == "traced" and (traced.tag.asker, traced.tag.session, traced.tag.version) == ("stepper", 4, 13)
        assert traced.trace.learning_rate == 0.25 and traced.step_rows == traced.trace.rows
        session.send(Trace(99, asker="stepper", version=13))  # no such row: a failure, tagged
        kind, (tag, message) = answers.get(timeout=20)
        assert kind == "failed" and (tag.asker, tag.version) == ("stepper", 13) and "sample 99" in message
        session.send(Run(steps=2, asker="test", version=13))
        kind, done = answers.get(timeout=20)
        assert (done.step, done.version, done.asker) == (2, 13, "test")
        session.send(Report(asker="test"))
        kind, report = answers.get(timeout=20)
        assert (report["asker"], report["version"], report["session"]) == ("test", 13, 4)
    finally:
        session.send(Quit())
        thread.join(5)


def test_a_big_networks_step_answers_before_its_evaluation_on_all_the_data():
    """784-64-10: the finished step leaves first (the canvas's numbers, no figures on all the data),
    then ``Evaluated`` with the same session, version and step and exactly the trainer's evaluation
    there, and the output view. A small network's finished step carries its evaluation itself."""
    from desktop.training.messages import Evaluated
    from training_networks import big_network

    answers: queue.Queue = queue.Queue()
    session = TrainingSession(lambda snap: None, lambda snap: answers.put(("finished", snap)),
                              lambda tag, message: answers.put(("failed", message)),
                              emit_evaluated=lambda evaluated: answers.put(("evaluated", evaluated)))
    thread = threading.Thread(target=session.run_forever, daemon=True)
    thread.start()
    try:
        net = big_network()
        by_hand = core.Trainer(net.copy())
        session.send(Load(3, net.copy(), version=7))
        kind, ready = answers.get(timeout=20)
        assert kind == "finished" and ready.evaluation is not None and not ready.evaluation_pending
        for steps in (1, 2):
            session.send(Run(steps=1, version=7))
            kind, done = answers.get(timeout=20)
            assert kind == "finished" and done.step == steps and done.evaluation_pending
            assert done.evaluation is None and done.output is None
            kind, evaluated = answers.get(timeout=20)
            assert kind == "evaluated" and isinstance(evaluated, Evaluated)
            assert (evaluated.tag.session, evaluated.tag.version, evaluated.step) == (3, 7, steps)
            by_hand.run(steps=1)
            expected = dict(vars(by_hand.evaluate()))  # the same numbers (BLAS may round the last bit apart)
            assert evaluated.evaluation.keys() == expected.keys()
            assert all(value == pytest.approx(expected[key], rel=1e-12) for key, value in evaluated.evaluation.items())
            shown = evaluated.output.predictions  # the first samples' outputs at the step's weights
            assert np.allclose(shown, by_hand.net.forward(net.dataset.inputs[:len(shown)]), rtol=1e-12, atol=0)
        session.send(Load(4, xor_network(batch=8), version=8))
        assert answers.get(timeout=20)[0] == "finished"
        session.send(Run(steps=1, version=8))
        kind, small = answers.get(timeout=20)
        assert kind == "finished" and small.evaluation is not None and not small.evaluation_pending
        assert answers.empty()
    finally:
        session.send(Quit())
        thread.join(5)


@pytest.mark.parametrize("acknowledged_by", ["call", "semaphore"])
def test_a_big_networks_evaluation_waits_until_the_window_drew_the_step(monkeypatch, acknowledged_by):
    """The measurements on all the data (~20 ms for 784-64-10) run once the window acknowledged the
    finished step (it is drawn), not while it draws; a command that comes first gets its answer only
    after them (they are of the step's weights), and with no acknowledgement they still come. The
    window acknowledges by calling ``acknowledge`` (a thread) or through a semaphore (a process)."""
    import multiprocessing

    import desktop.training.session as session_module
    from desktop.training.messages import Trace
    from training_networks import big_network

    monkeypatch.setattr(session_module, "EVALUATION_WAITS_S", 30.0, raising=False)  # only the window's word lets it go
    answers: queue.Queue = queue.Queue()
    drawn = multiprocessing.get_context("spawn").Semaphore(0) if acknowledged_by == "semaphore" else None
    session = TrainingSession(lambda snap: None, lambda snap: answers.put(("finished", snap)),
                              lambda tag, message: answers.put(("failed", message)),
                              emit_traced=lambda traced: answers.put(("traced", traced)),
                              emit_evaluated=lambda evaluated: answers.put(("evaluated", evaluated)),
                              acknowledgements=drawn)
    thread = threading.Thread(target=session.run_forever, daemon=True)
    thread.start()
    try:
        session.send(Load(3, big_network(), version=7))
        assert answers.get(timeout=20)[0] == "finished"
        session.send(Run(steps=1, version=7))
        kind, done = answers.get(timeout=20)
        assert kind == "finished" and done.evaluation_pending
        with pytest.raises(queue.Empty):  # the window has not drawn it yet
            answers.get(timeout=0.5)
        session.acknowledge() if drawn is None else drawn.release()
        kind, evaluated = answers.get(timeout=20)
        assert kind == "evaluated" and evaluated.step == done.step == 1

        session.send(Run(steps=1, version=7))
        assert answers.get(timeout=20)[0] == "finished"
        session.send(Trace(None, version=7))  # no acknowledgement: the next command releases them, first
        assert [answers.get(timeout=20)[0] for _ in range(2)] == ["evaluated", "traced"]

        monkeypatch.setattr(session_module, "EVALUATION_WAITS_S", 0.05)
        session.send(Run(steps=1, version=7))
        assert answers.get(timeout=20)[0] == "finished"
        kind, evaluated = answers.get(timeout=20)  # nobody acknowledges: they come a moment later
        assert kind == "evaluated" and evaluated.step == 3
    finally:
        session.send(Quit())
        thread.join(5)


def test_a_new_snapshot_waits_until_the_window_released_the_semaphore_for_the_last():
    """A process's window acknowledges a snapshot through a semaphore (no message): until it does, no
    new snapshot leaves, however long the run goes on; each release lets the next one go."""
    import multiprocessing

    drawn = multiprocessing.get_context("spawn").Semaphore(0)
    results: queue.Queue = queue.Queue()
    snapshots = []
    window_draws = threading.Event()  # set: the window draws each snapshot as it comes

    def snapshot(snap):
        snapshots.append(snap)
        if window_draws.is_set():
            drawn.release()

    session = TrainingSession(snapshot, results.put, lambda tag, message: results.put(message),
                              acknowledgements=drawn)
    thread = threading.Thread(target=session.run_forever, daemon=True)
    thread.start()
    try:
        session.send(Load(1, xor_network()))
        assert results.get(timeout=20).state == "ready"
        session.send(Run(steps=20_000))  # ~1 s: room for 30 snapshots
        done = results.get(timeout=60)
        assert done.step == 20_000 and len(snapshots) == 1  # never acknowledged: only the first left
        first = snapshots[0].step

        window_draws.set()
        drawn.release()  # the window drew the first
        session.send(Run(steps=20_000))
        assert results.get(timeout=60).step == 40_000
        assert len(snapshots) > 2 and all(s.step > first for s in snapshots[1:])
    finally:
        session.send(Quit())
        thread.join(5)
