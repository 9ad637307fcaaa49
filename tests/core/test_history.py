"""Decimating buffers and the History they make up."""

from __future__ import annotations

import numpy as np
import pytest

import core


def test_buffer_keeps_everything_until_full():
    buf = core.DecimatingBuffer(capacity=8, width=2)
    for k in range(8):
        buf.append(k, [k, -k])
    np.testing.assert_array_equal(buf.x, np.arange(8))
    np.testing.assert_array_equal(buf.data[:, 1], -np.arange(8))


def test_buffer_decimates_evenly_and_never_grows():
    buf = core.DecimatingBuffer(capacity=8, width=1)
    nbytes = buf.nbytes
    for k in range(1000):
        buf.append(k, k * 10.0)
        assert len(buf) <= 8
    x = buf.x
    assert buf.nbytes == nbytes
    assert x[0] == 0 and len(x) >= 4
    steps = np.diff(x)
    assert np.all(steps == steps[0])  # one stride over the whole run
    assert x[-1] + steps[0] >= 1000 - steps[0]
    np.testing.assert_array_equal(buf.data[:, 0], x * 10.0)


def test_buffer_copies_and_clear():
    buf = core.DecimatingBuffer(capacity=4)
    buf.append(1, 2.0)
    buf.x[0] = 99
    assert buf.x[0] == 1
    buf.clear()
    assert len(buf) == 0
    buf.append(5, 1.0)
    assert buf.x.tolist() == [5]


def test_buffer_capacity_must_be_even():
    with pytest.raises(ValueError, match="even"):
        core.DecimatingBuffer(capacity=5)


def test_history_records_a_step():
    h = core.History(n_params=5, n_weights=3)
    theta = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    grad = np.array([0.5, -1.0, 0.0, 2.0, 1.0])
    h.record_step(1, 0.25, theta, grad)
    assert h.step_loss.data.tolist() == [[0.25]]
    assert h.trajectories.data.tolist() == [[1.0, 2.0, 3.0]]  # weights only
    np.testing.assert_array_equal(h.latest_gradient, grad)
    grad[0] = 7.0  # the history holds a copy
    assert h.latest_gradient[0] == 0.5
    np.testing.assert_allclose(h.gradient_magnitude, 0.01 * np.abs([0.5, -1.0, 0.0, 2.0, 1.0]))
    h.record_epoch(1, 0.3, float("nan"), 0.5, float("nan"))
    assert h.epochs.data.shape == (1, 4)


def test_history_watches_a_spread_subset_of_large_networks():
    h = core.History(n_params=2000, n_weights=1900)
    assert 32 <= len(h.watched) <= 64
    assert h.watched[0] == 0 and h.watched[-1] == 1899
    theta = np.arange(2000.0)
    h.record_step(1, 0.0, theta, np.zeros(2000))
    np.testing.assert_array_equal(h.trajectories.data[0], theta[h.watched])


def test_trajectories_start_at_step_0_with_the_starting_weights():
    """The perceptron's w starts at 0.8: the curve must show 0.8 at step 0, then each step's value."""
    net = core.load_network(core.example_path("perceptron"))
    w0 = float(net.weights["x", "y"][0, 0])
    trainer = core.Trainer(net)
    assert trainer.history.trajectories.x.tolist() == [0.0]
    assert trainer.history.trajectories.data[:, 0].tolist() == [w0]
    trainer.step()
    assert trainer.history.trajectories.x.tolist() == [0.0, 1.0]
    assert trainer.history.trajectories.data[0, 0] == w0
    assert trainer.history.trajectories.data[1, 0] == float(net.weights["x", "y"][0, 0]) != w0
    h = core.History(n_params=5, n_weights=3)
    h.record_start(np.arange(5.0))
    h.record_start(np.ones(5))  # only once, before the first step
    assert h.trajectories.data.tolist() == [[0.0, 1.0, 2.0]]


def test_recent_buffer_keeps_every_recent_step_and_thins_only_older_ones():
    """A student who stepped past 2048 steps can name any recent step: it is on the loss curve."""
    buf = core.RecentBuffer(capacity=16, width=1, recent=8)
    nbytes = buf.nbytes
    for step in range(1, 1001):
        buf.append(step, step * 0.5)
        assert len(buf) <= 16 and buf.nbytes == nbytes
    x = buf.x
    assert x[-8:].tolist() == list(range(993, 1001))  # the last 8 steps, every one of them
    assert x[0] == 1 and np.all(np.diff(x) > 0)  # the older part still starts at the first step
    np.testing.assert_array_equal(buf.data[:, 0], x * 0.5)
    buf.clear()
    buf.append(3, 1.0)
    assert buf.x.tolist() == [3]


def test_history_keeps_the_loss_of_every_step_of_the_last_capacity_steps():
    h = core.History(n_params=1, n_weights=1, capacity=2048)
    theta, grad = np.zeros(1), np.zeros(1)
    for step in range(1, 2171):
        h.record_step(step, 1.0 / step, theta, grad)
    steps = h.step_loss.x
    assert set(range(2170 - 2047, 2171)) <= set(steps.tolist())  # step 2170 and 2168 alike
    assert 2170 in steps and 2168 in steps and steps[0] == 1


def test_recent_buffer_sizes_are_checked():
    with pytest.raises(ValueError, match="recent"):
        core.RecentBuffer(capacity=8, recent=8)


def test_extend_keeps_exactly_what_appending_one_by_one_keeps():
    """``extend`` (the training session records a chunk's epochs at once) is ``append`` per sample:
    the same rows kept, through any number of decimations, whatever the pieces' lengths."""
    rng = np.random.default_rng(3)
    one_by_one, in_pieces = core.DecimatingBuffer(8, 2), core.DecimatingBuffer(8, 2)
    x = np.arange(1000.0)
    values = np.c_[x * 2, -x]
    for k in range(1000):
        one_by_one.append(x[k], values[k])
    start = 0
    while start < 1000:
        n = int(rng.integers(0, 40))
        in_pieces.extend(x[start:start + n], values[start:start + n])
        start += n
        assert len(in_pieces) <= 8
    assert np.array_equal(in_pieces.x, one_by_one.x) and np.array_equal(in_pieces.data, one_by_one.data)


def test_a_buffers_revision_changes_exactly_when_its_kept_rows_move():
    """While ``revision`` stays, the rows kept so far stay as they are and new ones only follow them
    (the training process then sends a snapshot only the rows after them)."""
    buf = core.DecimatingBuffer(capacity=4)
    seen = []
    for k in range(40):
        revision, before = buf.revision, buf.x
        buf.append(k, float(k))
        if buf.revision == revision:
            assert buf.x[: len(before)].tolist() == before.tolist()
        else:
            seen.append(k)
    assert seen == [4, 8, 16, 32]  # each thinning, when the buffer is full
    revision = buf.revision
    buf.clear()
    assert buf.revision == revision + 1


def test_a_recent_buffers_newest_rows_end_its_series():
    buf = core.RecentBuffer(capacity=8, width=1, recent=4)
    for step in range(1, 11):
        buf.append(step, step * 0.5)
        assert buf.appended == step and buf.recent_count == min(step, 4)
        x, data = buf.newest(buf.recent_count)
        assert buf.x.tolist() == buf.older.x.tolist() + x.tolist()
        assert data[:, 0].tolist() == (x * 0.5).tolist()
    assert buf.newest(2)[0].tolist() == [9, 10] and buf.newest(0)[0].tolist() == []
    with pytest.raises(ValueError):
        buf.newest(5)
    buf.clear()
    assert buf.appended == 0 and buf.recent_count == 0
