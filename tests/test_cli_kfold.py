"""k-fold cross-validation (core.kfold): the folds, each fold as a `train` run a teacher can
repeat, and the mean ± standard deviation."""

from __future__ import annotations

import json

import numpy as np
import pytest

import core
from desktop.cli import train as cli_train


def noisy_net(kind="binary"):
    net = core.Network("noisy")
    net.add_layer("x", 2)
    net.add_layer("h", 5, activation="tanh")
    net.add_layer("y", 1, activation="sigmoid" if kind == "binary" else "identity")
    net.connect("x", "h", seed=3)
    net.connect("h", "y", seed=3)
    net.training.optimizer.learning_rate = 0.3
    net.training.loss = "binary_cross_entropy" if kind == "binary" else "mse"
    rng = np.random.default_rng(5)
    X = rng.normal(size=(23, 2))
    T = (X[:, :1] * X[:, 1:] > 0).astype(float) if kind == "binary" else np.sin(X[:, :1]) + 0.1 * X[:, 1:]
    net.dataset = core.Dataset(X, T)
    net.training.batch_size = 4
    net.training.validation_fraction = 0.3  # does not apply to k-fold
    net.training.early_stopping_patience = 1  # nor does early stopping
    net.training.seed = 11
    return net


@pytest.mark.parametrize("n,k", [(23, 2), (23, 5), (23, 23), (40, 7)])
def test_folds_are_disjoint_complete_and_balanced(n, k):
    folds = core.fold_rows(n, k, seed=4)
    assert len(folds) == k
    everything = np.concatenate(folds)
    assert sorted(everything.tolist()) == list(range(n))  # every row exactly once
    sizes = [len(f) for f in folds]
    assert max(sizes) - min(sizes) <= 1
    assert all(np.all(np.diff(f) > 0) for f in folds)
    assert [f.tolist() for f in core.fold_rows(n, k, seed=4)] == [f.tolist() for f in folds]
    assert [f.tolist() for f in core.fold_rows(n, k, seed=5)] != [f.tolist() for f in folds]


def test_bad_k_is_refused():
    net = noisy_net()
    for k in (1, 24, 2.5):
        with pytest.raises(ValueError, match="k must be"):
            core.k_fold(net, k, 3)


@pytest.mark.parametrize("kind", ["binary", "regression"])
def test_each_fold_equals_a_train_run_on_the_other_rows(kind, tmp_path, capsys):
    """The teacher's check: a copy of the file with only the fold's training rows (file order,
    validation fraction 0), trained by `backprop-studio train --epochs E`, scored on the fold."""
    net = noisy_net(kind)
    before = net.parameters()
    result = core.k_fold(net, 4, 6)
    assert np.array_equal(net.flat, before)  # the network is not changed
    assert result.k == 4 and [f.fold for f in result.folds] == [1, 2, 3, 4]
    X, T = net.dataset.inputs, net.dataset.targets
    for fold in result.folds:
        held = np.array(fold.validation_rows)
        train = np.setdiff1d(np.arange(len(X)), held)
        copy = net.copy()
        copy.dataset = core.Dataset(X[train], T[train])
        copy.training.validation_fraction = 0.0
        source, out = tmp_path / f"fold{fold.fold}.bpnet", tmp_path / f"trained{fold.fold}.bpnet"
        core.save_network(copy, source)
        assert cli_train.main([str(source), "--epochs", "6", "--out", str(out), "--allow-worse", "--quiet"]) == 0
        trained = core.load_network(out)
        assert fold.train_loss == pytest.approx(trained.data_loss(X[train], T[train]), rel=1e-12)
        assert fold.validation_loss == pytest.approx(trained.data_loss(X[held], T[held]), rel=1e-12)
        if kind == "binary":
            y = trained.forward(X[held])
            assert fold.validation_accuracy == pytest.approx(np.mean((y >= 0.5) == (T[held] >= 0.5)), abs=1e-15)
        else:
            assert fold.validation_accuracy is None
        # the curves: epoch 0 before training, then one point per epoch, ending at the figures
        assert fold.epochs == list(range(7))
        assert fold.epoch_validation_loss[-1] == pytest.approx(fold.validation_loss, rel=1e-12)
        assert fold.epoch_train_loss[-1] == pytest.approx(fold.train_loss, rel=1e-12) and fold.penalty is None
    capsys.readouterr()


def test_with_a_penalty_the_training_curve_ends_at_l_and_its_parts_add_up():
    """With L2 on, training minimizes L = data loss + rate·½Σw²: each fold's training curve is L on
    its training rows at each epoch's end, ending at ``penalized_train_loss``, whose parts are the
    data loss (``train_loss``, as before) and the penalty at the trained weights."""
    net = noisy_net()
    net.training.regularization, net.training.regularization_rate = "l2", 0.05
    result = core.k_fold(net, 3, 5)
    X, T = net.dataset.inputs, net.dataset.targets
    for fold in result.folds:
        held = np.array(fold.validation_rows)
        train = np.setdiff1d(np.arange(len(X)), held)
        twin = net.copy()
        twin.training.validation_fraction, twin.training.early_stopping_patience = 0.0, None
        trainer = core.Trainer(twin, train_indices=train, validation_indices=held)
        trainer.run(epochs=5)  # the fold's training again, by hand
        weights = np.concatenate([w.ravel() for w in twin.weights.values()])
        penalty = 0.05 * 0.5 * float(weights @ weights)
        assert fold.penalty == pytest.approx(penalty, rel=1e-12) and fold.penalty > 0
        assert fold.train_loss == pytest.approx(twin.data_loss(X[train], T[train]), rel=1e-12)
        assert fold.penalized_train_loss == fold.train_loss + fold.penalty
        assert fold.epoch_train_loss[-1] == pytest.approx(fold.penalized_train_loss, rel=1e-12)
        assert fold.epoch_validation_loss[-1] == pytest.approx(fold.validation_loss, rel=1e-12)


def test_mean_and_standard_deviation_and_the_json(capsys):
    net = noisy_net()
    status = cli_train.main([_saved(net), "--k-fold", "5", "--epochs", "4",
                             "--format", "json"])
    out = capsys.readouterr().out
    assert status == 0
    doc = json.loads(out)
    assert set(doc) >= {"k", "folds", "mean_validation_loss", "std_validation_loss"} and doc["k"] == 5
    losses = [f["validation_loss"] for f in doc["folds"]]
    assert set(doc["folds"][0]) == {"fold", "validation_rows", "train_loss", "validation_loss", "validation_accuracy"}
    mean = sum(losses) / 5
    assert doc["mean_validation_loss"] == pytest.approx(mean, rel=1e-14)
    assert doc["std_validation_loss"] == pytest.approx((sum((x - mean) ** 2 for x in losses) / 5) ** 0.5, rel=1e-12)
    assert sorted(r for f in doc["folds"] for r in f["validation_rows"]) == list(range(23))
    assert len(set(losses)) > 1
    direct = core.k_fold(net, 5, 4)
    assert losses == [f.validation_loss for f in direct.folds]
    assert all(0 <= f["validation_accuracy"] <= 1 for f in doc["folds"])




def _saved(net):
    import os
    import tempfile

    folder = tempfile.mkdtemp(prefix="kfold")
    path = os.path.join(folder, "net.bpnet")
    core.save_network(net, path)
    return path


def test_the_table_and_the_cli_errors(capsys):
    path = _saved(noisy_net("regression"))
    assert cli_train.main([path, "--k-fold", "3", "--epochs", "2"]) == 0
    out = capsys.readouterr().out
    assert "3-fold cross-validation, 2 epochs per fold" in out and "mean ± sd" in out
    assert "accuracy" not in out  # regression
    assert len(out.strip().splitlines()) == 2 + 3 + 1
    for argv, fragment in [
        (["--k-fold", "3", "--steps", "5"], "--k-fold needs --epochs"),
        (["--k-fold", "30", "--epochs", "2"], "more folds than the dataset has rows (23)"),
        (["--k-fold", "1", "--epochs", "2"], "from 2 to"),
        (["--k-fold", "3", "--epochs", "2", "--out", "x.bpnet"], "writes nothing"),
        (["--epochs", "2"], "--out"),
    ]:
        assert cli_train.main([path, *argv]) == 2
        err = capsys.readouterr().err
        assert err.startswith("backprop-studio: error:") and fragment in err, err


def test_patience_on_the_command_line(tmp_path, capsys):
    """`train --patience P --no-restore-best`: the run stops early, says when and why, and the
    saved file keeps the setting."""
    net = noisy_net("regression")
    net.training.early_stopping_patience = None
    net.training.optimizer.learning_rate = 0.5
    path, out = _saved(net), tmp_path / "out.bpnet"
    status = cli_train.main([path, "--epochs", "2000", "--patience", "3", "--no-restore-best", "--out", str(out),
                             "--allow-worse"])
    text = capsys.readouterr().out
    assert status == 0
    assert "(early stopping: epoch" in text and "epochs after the lowest validation loss" in text and "kept" in text
    saved = core.load_network(out)
    assert saved.training.early_stopping_patience == 3 and saved.training.early_stopping_restore_best is False
    assert cli_train.main([path, "--epochs", "3", "--patience", "0", "--out", str(out)]) == 2
    assert "--patience" in capsys.readouterr().err
