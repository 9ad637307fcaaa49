"""Trainer: divergence guard, bounded history, reproducibility, early stopping, cross-validation, masks."""

from __future__ import annotations

import numpy as np
import pytest

import core
from netbuild import chain, random_dataset


def xor_net(seed=0, **training):
    net = chain([2, 4, 1], ["tanh", "sigmoid"], seed=seed)
    net.dataset = core.generate("xor", samples=40, noise=0.1, seed=1)
    net.training.batch_size = 8
    net.training.optimizer.learning_rate = 0.5
    for key, value in training.items():
        setattr(net.training, key, value)
    return net


# ------------------------------------------------------------ divergence guard
def test_huge_learning_rate_raises_divergence_and_keeps_last_finite_parameters():
    net = chain([1, 3, 1], ["identity", "identity"], dataset=core.Dataset([[1.0], [2.0]], [[1e3], [-1e3]]))
    net.training.optimizer.learning_rate = 1e150
    trainer = core.Trainer(net)
    snapshots = [net.parameters()]
    with pytest.raises(core.DivergenceError, match="learning rate") as info:
        for _ in range(50):
            trainer.step()
            snapshots.append(net.parameters())
    # the weights after the last step already had L = ∞: those before it are kept (review 21, finding 8)
    assert "were kept, the last whose loss is finite" in str(info.value)
    assert np.all(np.isfinite(net.flat))
    assert any(np.array_equal(net.flat, kept) for kept in snapshots[-2:])
    assert np.isfinite(net.data_loss(net.dataset.inputs, net.dataset.targets))
    assert trainer.stop_reason == "diverged"
    assert np.isfinite(trainer.history.step_loss.data).all()


def test_run_reports_divergence_without_raising():
    net = chain([1, 3, 1], ["identity", "identity"], dataset=core.Dataset([[1.0], [2.0]], [[1e3], [-1e3]]))
    net.training.optimizer.learning_rate = 1e150
    trainer = core.Trainer(net)
    result = trainer.run(steps=100)
    assert result.reason == "diverged"
    assert result.steps < 100
    assert "learning rate" in result.message
    assert np.all(np.isfinite(net.flat))
    assert trainer.step_count == result.steps


def test_divergence_on_the_first_step_keeps_the_initial_parameters():
    net = chain([1, 1], ["identity"], dataset=core.Dataset([[1e200]], [[0.0]]))
    before = net.parameters()
    trainer = core.Trainer(net)
    result = trainer.run(steps=5)
    assert result.reason == "diverged" and result.steps == 0
    assert np.array_equal(net.flat, before)


# ----------------------------------------------------------- history memory
def test_history_memory_stays_flat_over_100k_steps():
    net = chain([1, 2, 1], ["tanh", "identity"], lr=0.01)
    net.dataset = core.generate("sine", samples=16, noise=0.0, seed=0)
    net.training.batch_size = 16
    trainer = core.Trainer(net, history_capacity=256)
    history = trainer.history
    trainer.run(steps=10)
    nbytes = history.nbytes
    lengths = (len(history.step_loss), len(history.trajectories), len(history.epochs))
    trainer.run(steps=100_000 - 10)
    assert trainer.step_count == 100_000
    assert history.nbytes == nbytes
    for buffer in (history.step_loss, history.trajectories, history.epochs):
        # the loss keeps its last 256 steps in full and as many older ones thinned
        assert len(buffer) <= (512 if buffer is history.step_loss else 256)
        x = buffer.x
        first = 0 if buffer is history.trajectories else 1  # trajectories start at the starting weights
        assert x[0] == first and x[-1] > 100_000 - 2 * (100_000 / len(x))  # spans the whole run
        assert np.all(np.diff(x) > 0)
    assert lengths[0] == 10 and len(history.step_loss) > 64
    # every weight is watched (≤ 512 weights), and the newest trajectory row is the current weights
    assert history.trajectories.width == net.n_weights
    assert history.steps == 100_000


# ----------------------------------------------------------- reproducibility
def trained(seed, steps=60):
    net = xor_net(seed=3)
    net.training.seed = seed
    net.training.optimizer.name = "adam"
    net.training.optimizer.learning_rate = 0.05
    net.training.validation_fraction = 0.25
    trainer = core.Trainer(net)
    trainer.run(steps=steps)
    return net


def test_same_network_and_seed_give_bit_identical_weights():
    a, b = trained(7), trained(7)
    assert np.array_equal(a.flat, b.flat)
    assert a.flat.tobytes() == b.flat.tobytes()


def test_different_seed_gives_different_weights():
    assert not np.array_equal(trained(7).flat, trained(8).flat)


def test_copy_of_a_network_trains_identically():
    net = xor_net()
    twin = net.copy()
    core.Trainer(net).run(steps=30)
    core.Trainer(twin).run(steps=30)
    assert np.array_equal(net.flat, twin.flat)


# ----------------------------------------------------------- epochs and stats
def test_epochs_cover_every_sample_and_record_stats():
    net = xor_net(validation_fraction=0.25)
    trainer = core.Trainer(net)
    assert len(trainer.X) == 30 and len(trainer.X_val) == 10
    assert trainer.steps_per_epoch == 4  # 8 + 8 + 8 + 6
    result = trainer.run(epochs=3)
    assert result.reason == "completed" and result.epochs == 3 and result.steps == 12
    rows = trainer.history.epochs.data
    assert rows.shape == (3, 4) and np.isfinite(rows).all()
    stats = trainer.last_epoch
    assert stats.epoch == 3
    assert stats.validation_loss == pytest.approx(net.data_loss(trainer.X_val, trainer.T_val), abs=1e-15)
    assert 0.0 <= stats.train_accuracy <= 1.0 and 0.0 <= stats.validation_accuracy <= 1.0


def test_epoch_train_loss_is_the_sample_weighted_mean_of_its_batch_losses():
    net = xor_net()
    trainer = core.Trainer(net)
    sizes = [8, 8, 8, 8, 8]
    losses = [trainer.step() for _ in sizes]
    assert trainer.epoch == 1
    expected = sum(l * s for l, s in zip(losses, sizes)) / 40
    assert trainer.last_epoch.train_loss == pytest.approx(expected, rel=1e-14)


def test_each_epoch_uses_every_sample_once():
    net = chain([1, 1], ["identity"], lr=1e-9)
    net.dataset = core.Dataset(np.arange(10.0)[:, None], np.zeros((10, 1)))
    net.training.batch_size = 3
    trainer = core.Trainer(net)
    seen = []
    for _ in range(trainer.steps_per_epoch):
        start = trainer._cursor
        seen.extend(trainer._order[start : start + 3])
        trainer.step()
    assert sorted(seen) == list(range(10))
    assert trainer.epoch == 1


def test_loss_threshold_and_should_stop():
    net = xor_net()
    trainer = core.Trainer(net)
    result = trainer.run(steps=1000, loss_threshold=10.0)
    assert result.reason == "loss_threshold" and result.steps == 1
    calls = []
    result = trainer.run(epochs=5, should_stop=lambda: len(calls) >= 3, callback=lambda t: calls.append(t.step_count))
    assert result.reason == "interrupted" and result.steps == 3
    with pytest.raises(ValueError, match="exactly one"):
        trainer.run()


def test_trainer_refuses_unusable_setups():
    net = chain([2, 1], ["sigmoid"])
    with pytest.raises(ValueError, match="no dataset"):
        core.Trainer(net)
    net.dataset = core.Dataset(np.zeros((4, 3)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match="3 input columns"):
        core.Trainer(net)
    net.dataset = core.Dataset(np.zeros((4, 2)), np.zeros((4, 1)))
    trainer = core.Trainer(net)
    with pytest.raises(ValueError, match="batch size"):
        trainer.batch_size = 0
    with pytest.raises(ValueError, match="learning rate"):
        trainer.learning_rate = -1.0


# ------------------------------------------------------------ early stopping
def conflicting_net(patience):
    """Training data says x → 1, validation says x → 0: validation loss rises from epoch 1 on."""
    net = chain([1, 1], ["identity"], lr=0.1)
    net.weights["l0", "l1"] = [[0.0]]
    net.dataset = core.Dataset([[1.0], [1.0], [1.0]], [[1.0], [1.0], [0.0]])
    net.training.batch_size = 2
    net.training.early_stopping_patience = patience
    return net


def test_early_stopping_restores_the_best_weights():
    net = conflicting_net(patience=3)
    reference = conflicting_net(patience=None)
    ref_trainer = core.Trainer(reference, train_indices=[0, 1], validation_indices=[2])
    ref_trainer.run(epochs=1)
    best = reference.parameters()
    ref_trainer.run(epochs=3)
    assert not np.array_equal(reference.flat, best)

    trainer = core.Trainer(net, train_indices=[0, 1], validation_indices=[2])
    result = trainer.run(epochs=100)
    assert result.reason == "early_stopped"
    assert result.epochs == 4  # best at epoch 1, then 3 epochs without improvement
    assert np.array_equal(net.flat, best)
    val = trainer.history.epochs.data[:, 1]
    assert np.all(np.diff(val) > 0)


@pytest.mark.parametrize("restore", [True, False])
def test_early_stopping_when_the_validation_loss_overflows_says_so(restore):
    """A validation row far outside the training data overflows the validation loss at every
    epoch (inf): no epoch is best, training stops after P epochs and says why (found by the
    export tests' random networks: the message subtracted a missing best epoch)."""
    net = chain([1, 1], ["identity"], lr=0.1)
    net.weights["l0", "l1"] = [[0.5]]
    net.dataset = core.Dataset([[1.0], [1.0], [1e200]], [[1.0], [1.0], [0.0]])
    net.training.batch_size = 2
    net.training.early_stopping_patience = 3
    net.training.early_stopping_restore_best = restore
    trainer = core.Trainer(net, train_indices=[0, 1], validation_indices=[2])
    result = trainer.run(epochs=100)
    assert result.reason == "early_stopped" and result.epochs == 3
    assert result.message == ("epoch 3: the validation loss has not been a finite number for 3 epochs; "
                              "the weights of epoch 3 were kept")
    assert np.isfinite(net.flat).all()


@pytest.mark.parametrize("patience", [1, 2, 5])
@pytest.mark.parametrize("restore", [True, False])
def test_early_stopping_stops_at_best_plus_patience(patience, restore):
    """A noisy set that overfits: training goes on P epochs past the lowest validation loss."""
    net = chain([1, 8, 1], ["tanh", "identity"], seed=2, lr=0.2)
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, (30, 1))
    net.dataset = core.Dataset(x, np.sin(x) + rng.normal(0, 0.4, x.shape))
    net.training.batch_size = 5
    net.training.validation_fraction = 0.3
    net.training.early_stopping_patience = patience
    net.training.early_stopping_restore_best = restore
    free = net.copy()
    free.training.early_stopping_patience = None
    free_trainer = core.Trainer(free)
    snapshots = {0: free.parameters()}
    for epoch in range(1, 301):
        free_trainer.run(epochs=1)
        snapshots[epoch] = free.parameters()
    val = free_trainer.history.epochs.data[:, 1]
    best = None  # the first epoch after which P epochs bring no lower validation loss
    for e in range(1, 301 - patience):
        if np.all(val[e : e + patience] >= val[:e].min()) and val[e - 1] == val[:e].min():
            best = e
            break
    assert best is not None and best + patience < 300

    trainer = core.Trainer(net)
    result = trainer.run(epochs=300)
    assert result.reason == "early_stopped"
    assert trainer.epoch == best + patience and trainer.best_epoch == best
    assert np.array_equal(net.flat, snapshots[best] if restore else snapshots[best + patience])
    assert result.message.startswith(f"epoch {best + patience} is {patience} epochs after the lowest validation loss")
    assert f", epoch {best})" in result.message
    assert ("restored" if restore else "kept") in result.message
    assert trainer.restored_epoch == (best if restore else None)  # which epoch's weights the network holds
    trainer.step()
    assert trainer.restored_epoch is None  # a step moves them on: they are the last step's again


def test_restore_best_is_saved_in_the_file(tmp_path):
    net = conflicting_net(patience=4)
    net.training.early_stopping_restore_best = False
    core.save_network(net, tmp_path / "n.bpnet")
    again = core.load_network(tmp_path / "n.bpnet")
    assert again.training.early_stopping_restore_best is False and again.training.early_stopping_patience == 4
    net.training.early_stopping_restore_best = True
    core.save_network(net, tmp_path / "m.bpnet")
    assert "restore_best" not in (tmp_path / "m.bpnet").read_text()  # the default is not written
    assert core.load_network(tmp_path / "m.bpnet").training.early_stopping_restore_best is True


def test_no_early_stopping_without_validation_data():
    net = conflicting_net(patience=1)
    result = core.Trainer(net, train_indices=[0, 1, 2], validation_indices=[]).run(epochs=6)
    assert result.reason == "completed" and result.epochs == 6


# ------------------------------------------------------------ cross-validation
def test_cross_validate_k_folds():
    net = xor_net()
    before = net.parameters()
    result = core.cross_validate(net, k=4, epochs=3)
    assert len(result.fold_losses) == 4 and len(result.fold_accuracies) == 4
    assert result.mean == pytest.approx(sum(result.fold_losses) / 4, rel=1e-15)
    mean = result.mean
    assert result.std == pytest.approx(np.sqrt(sum((l - mean) ** 2 for l in result.fold_losses) / 4), rel=1e-12)
    assert np.array_equal(net.flat, before)  # net unchanged
    # fold 0, recomputed by hand: the seeded shuffle cut in 4, first part held out
    folds = np.array_split(np.random.default_rng(net.training.seed).permutation(40), 4)
    train = np.sort(np.concatenate(folds[1:]))
    twin = net.copy()
    trainer = core.Trainer(twin, train_indices=train, validation_indices=np.sort(folds[0]))
    trainer.run(epochs=3)
    assert result.fold_losses[0] == trainer.evaluate().validation_loss
    assert len({float(l) for l in result.fold_losses}) > 1


def test_cross_validate_refuses_bad_k():
    net = xor_net()
    with pytest.raises(ValueError, match="k must be between 2"):
        core.cross_validate(net, k=1)
    with pytest.raises(ValueError, match="k must be between 2"):
        core.cross_validate(net, k=41)


# ---------------------------------------------------------------------- masks
@pytest.mark.parametrize("optimizer", [("sgd", 0.9, False), ("sgd", 0.9, True), ("adam", 0.0, False)])
@pytest.mark.parametrize("regularization", ["none", "l1", "l2"])
def test_masked_edges_stay_zero_through_training(optimizer, regularization):
    net = xor_net()
    name, momentum, nesterov = optimizer
    net.training.optimizer.name = name
    net.training.optimizer.momentum = momentum
    net.training.optimizer.nesterov = nesterov
    net.training.optimizer.learning_rate = 0.05
    net.training.regularization = regularization
    net.training.regularization_rate = 0.01
    net.set_edge_enabled("l0", "l1", 2, 1, False)
    net.set_edge_enabled("l0", "l1", 0, 0, False)
    assert net.weights["l0", "l1"][2, 1] == 0 and net.weights["l0", "l1"][0, 0] == 0
    before = net.parameters()
    trainer = core.Trainer(net)
    trainer.run(steps=50)
    assert net.weights["l0", "l1"][2, 1] == 0.0 and net.weights["l0", "l1"][0, 0] == 0.0
    assert trainer.history.latest_gradient[np.flatnonzero(net.mask_vector() == 0)].tolist() == [0.0, 0.0]
    assert np.count_nonzero(net.flat != before) >= net.flat.size - 2


def test_restored_edge_trains_again():
    net = xor_net()
    net.set_edge_enabled("l0", "l1", 0, 0, False)
    core.Trainer(net).run(steps=5)
    assert net.weights["l0", "l1"][0, 0] == 0.0
    net.set_edge_enabled("l0", "l1", 0, 0, True)
    assert net.masks == {}
    core.Trainer(net).run(steps=5)
    assert net.weights["l0", "l1"][0, 0] != 0.0


def test_trainer_watched_subset_and_large_network_default():
    big = chain([30, 20, 2], ["relu", "softmax"], loss="cross_entropy")
    big.dataset = random_dataset(big, 8, kind="onehot")
    trainer = core.Trainer(big)
    assert big.n_weights > 512 and 0 < len(trainer.history.watched) <= 64
    trainer.step()
    np.testing.assert_array_equal(trainer.history.trajectories.data[-1], big.flat[trainer.history.watched])
    small = xor_net()
    trainer = core.Trainer(small, watched=[0, 5])
    trainer.step()
    np.testing.assert_array_equal(trainer.history.trajectories.data[-1], small.flat[[0, 5]])


def test_parameters_beyond_1e154_count_as_divergence():
    """The guard checks θ·θ: finite parameters past ~1e154 stop training too, and are not kept."""
    net = chain([1, 1], ["identity"], bias=False, dataset=core.Dataset([[1.0]], [[0.0]]))
    net.weights["l0", "l1"] = [[1e150]]
    net.training.optimizer.learning_rate = 1e4  # w ← w − 1e4·2w: about −2e154
    trainer = core.Trainer(net)
    with pytest.raises(core.DivergenceError, match="larger than 1e154"):
        trainer.step()
    assert net.weights["l0", "l1"][0, 0] == 1e150


def test_train_accuracy_is_that_of_the_epochs_batches():
    """With a vanishing learning rate the batches' outputs equal the full-set outputs."""
    from core.datasets import accuracy

    net = xor_net(validation_fraction=0.25)
    net.training.optimizer.learning_rate = 1e-300
    trainer = core.Trainer(net)
    expected = accuracy(net.forward(trainer.X), trainer.T)
    trainer.run(epochs=1)
    assert trainer.last_epoch.train_accuracy == expected
    assert 0.0 < expected < 1.0  # a case where misaligned rows would show


def test_gathered_batches_train_exactly_like_the_per_epoch_copy(monkeypatch):
    """Large training sets gather each batch instead of copying the epoch: same numbers."""
    copied = xor_net()
    core.Trainer(copied).run(steps=23)
    monkeypatch.setattr(core.Trainer, "EPOCH_COPY_BYTES", 0)
    gathered = xor_net()
    trainer = core.Trainer(gathered)
    assert trainer._X_epoch is None
    trainer.run(steps=23)
    assert np.array_equal(copied.flat, gathered.flat)


def test_a_parameter_already_past_1e154_stops_training_untouched():
    net = chain([2, 1], ["identity"], bias=False, dataset=core.Dataset([[1.0, 0.0]], [[0.0]]))
    net.weights["l0", "l1"] = [[0.5, 1e155]]  # the second input is 0: the loss stays finite
    before = net.parameters()
    trainer = core.Trainer(net)
    result = trainer.run(steps=3)
    assert result.reason == "diverged" and result.steps == 0
    assert "larger than 1e154 before step 1" in result.message
    assert np.array_equal(net.flat, before)


def test_upcoming_gradient_is_what_the_next_step_uses():
    net = xor_net(seed=3, regularization="l2", regularization_rate=0.01)
    net.training.batch_size = 2
    trainer = core.Trainer(net)
    for _ in range(3):  # also inside an epoch, not only at its start
        before = net.parameters()
        X, T = trainer.next_batch()
        loss, grad = trainer.upcoming_gradient()
        assert np.array_equal(net.flat, before)  # nothing changed
        assert trainer.step() == loss
        assert np.array_equal(trainer.history.latest_gradient, grad)
        # plain SGD: the step moved every parameter by exactly −lr·g
        assert np.array_equal(net.flat, before - net.training.optimizer.learning_rate * grad)
        assert X.shape == (2, 2) and T.shape == (2, 1)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_a_rejected_update_leaves_no_trace_in_the_optimizer_state(optimizer):
    net = chain([1, 1], ["identity"], bias=False, dataset=core.Dataset([[1.0]], [[0.0]]))
    net.weights["l0", "l1"] = [[1e150]]
    net.training.optimizer.name = optimizer
    net.training.optimizer.momentum = 0.9
    net.training.optimizer.learning_rate = 1e4 if optimizer == "sgd" else 1e160
    trainer = core.Trainer(net)
    with pytest.raises(core.DivergenceError):
        trainer.step()
    state = trainer.optimizer.state()
    if optimizer == "sgd":
        assert not state["velocity"].any()
    else:
        assert state["t"] == 0 and not state["m"].any() and not state["v"].any()
    assert trainer.learning_rate == net.training.optimizer.learning_rate


# ------------------------------------------------------------- train_steps
def test_train_steps_is_bit_identical_to_single_steps_and_stops_when_asked():
    one_by_one, together = core.Trainer(xor_net()), core.Trainer(xor_net())
    losses = [one_by_one.step() for _ in range(13)]  # more than two epochs of 5 steps
    seen = []
    assert together.train_steps(13, lambda loss: seen.append(loss) and False) == 13
    assert seen == losses
    assert np.array_equal(together.net.flat, one_by_one.net.flat)
    assert (together.step_count, together.epoch) == (one_by_one.step_count, one_by_one.epoch) == (13, 2)
    # after_step returning True ends the loop after that step
    assert together.train_steps(10, lambda loss: together.step_count == 15) == 2
    assert together.step_count == 15
    assert together.train_steps(0) == 0 and together.step_count == 15


def test_train_steps_raises_divergence_and_keeps_the_steps_before_it():
    net = chain([1, 3, 1], ["identity", "identity"], dataset=core.Dataset([[1.0], [2.0]], [[1e3], [-1e3]]))
    net.training.optimizer.learning_rate = 1e150
    trainer = core.Trainer(net)
    counted = []
    with pytest.raises(core.DivergenceError):
        trainer.train_steps(50, lambda loss: counted.append(loss) and False)
    assert trainer.step_count == len(counted) and np.all(np.isfinite(net.flat))


def test_history_records_each_connections_sum_of_abs_gradient_every_step():
    """History.block_gradient: Σ|dL/dw| of each connection, per step (the loss panel's mean |dL/dw| lines)."""
    net = xor_net()
    net.set_edge_enabled("l0", "l1", 1, 0, False)
    trainer = core.Trainer(net)
    blocks = net.parameter_layout().weight_blocks
    expected = []
    for _ in range(7):
        _, g = trainer.upcoming_gradient()
        expected.append([np.abs(b.take(g)).sum() for b in blocks])
        trainer.step()
    record = trainer.history.block_gradient
    assert record.x.tolist() == list(range(1, 8))
    np.testing.assert_allclose(record.data, expected, rtol=1e-12)

