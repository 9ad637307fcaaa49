"""Compare runs in the Loss panel (issue 15, item 4): Reset keeps the run it ends, labelled with
its settings; up to five earlier runs are overlaid; a toggle and Clear runs."""

from __future__ import annotations

import numpy as np

import core
from desktop import commands
from desktop.panels.runs import MAX_RUNS, Run, legend_rows, run_fields, run_label
from test_training_support import training_window, wait_finished, xor_network

__all__ = ["training_window"]


def train(qtbot, window, steps):
    window.training.step(steps)
    return wait_finished(qtbot, window.training)


def reset(qtbot, window):
    c = window.training
    c.reset()
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.state == "ready", timeout=10000)


def test_run_label_names_the_settings():
    t = core.TrainingSettings()
    t.optimizer.learning_rate, t.batch_size, t.seed = 0.5, 4, 3
    assert run_label(t, (0.5, 0.5), (4, 4)) == "lr 0.5 · sgd · batch 4 · seed 3"
    t.optimizer.momentum = 0.9
    t.regularization, t.regularization_rate = "l1", 0.003
    assert run_label(t, (0.1, 0.5), (4, 8)) == "lr 0.1→0.5 · sgd momentum 0.9 · batch 4→8 · seed 3 · L1 0.003"
    t.optimizer.name = "adam"
    assert run_label(t, (0.01, 0.01), (4, 4)).startswith("lr 0.01 · adam · batch 4")


def test_the_legend_says_once_what_the_runs_share_and_per_run_what_differs():
    t = core.TrainingSettings()
    t.optimizer.learning_rate, t.batch_size = 0.5, 10
    plain = run_fields(t, (0.5, 0.5), (10, 10))
    t.regularization, t.regularization_rate = "l1", 0.003
    l1 = run_fields(t, (0.5, 0.5), (10, 10))
    t.regularization = "l2"
    this = run_fields(t, (0.5, 0.5), (10, 10))
    runs = [Run(2, l1, np.array([9.0, 18.0]), np.array([0.5, 0.4]), "epoch mean", (0, 0, 0),
                np.array([9.0, 18.0]), np.array([0.6, 0.45])),
            Run(1, plain, np.array([9.0, 18.0]), np.array([0.3, 0.2]), "epoch mean", (0, 0, 0))]
    common, rows = legend_rows(this, runs)
    assert common == "lr 0.5 · sgd · batch 10 · seed 0"
    assert rows == ["this run: L2 0.003", "run 2: L1 0.003", "run 1: no regularization"]
    assert legend_rows(plain, runs[1:])[1] == ["this run: the same settings", "run 1: the same settings"]
    assert runs[0].figures() == "loss 0.4, val. 0.45" and runs[1].figures() == "loss 0.2"
    assert runs[0].details() == ("run 2: lr 0.5 · sgd · batch 10 · seed 0 · L1 0.003; at step 18 epoch mean 0.4, "
                                 "validation 0.45")


def test_reset_keeps_the_run_as_a_labelled_comparison(qtbot, training_window):
    net = xor_network(lr=0.5, batch=8)
    start = core.Trainer(net.copy()).evaluate().train_loss  # a run's curve begins at step 0, before training
    by_hand = core.Trainer(net.copy())
    by_hand.run(steps=60)
    window = training_window(net)
    panel = window.training.ui.loss
    train(qtbot, window, 60)
    assert panel.runs == [] and panel.legend_entries() == ["batch", "epoch mean", "now, all data"]
    reset(qtbot, window)
    (run,) = panel.runs
    assert run.label == "lr 0.5 · sgd · batch 8 · seed 0" and run.what == "epoch mean"
    h = by_hand.history
    assert np.array_equal(run.steps, np.r_[0, h.epochs.x * by_hand.steps_per_epoch])
    assert np.array_equal(run.losses, np.r_[start, h.epochs.data[:, 0]])
    x, y = panel.run_curves[0].getData()
    assert np.array_equal(x, run.steps) and np.array_equal(y, run.losses)
    # the plots of this run start afresh, with only the loss on all the data at step 0; the weights
    # are the starting ones again
    x, y = panel.train_curve.getData()
    assert list(x) == [0] and list(y) == [start]
    assert np.array_equal(window.document.network.flat, net.flat)

    window.training.set_learning_rate(0.1)
    train(qtbot, window, 60)
    assert panel.run_labels()[:2] == ["sgd · batch 8 · seed 0", "this run: lr 0.1"]
    reset(qtbot, window)
    assert [r.label for r in panel.runs] == ["lr 0.5 · sgd · batch 8 · seed 0", "lr 0.1 · sgd · batch 8 · seed 0"]
    labels = panel.run_labels()
    assert labels[2:] == ["run 2: lr 0.1", "run 1: lr 0.5"]  # newest first
    assert panel.runs[0].colour != panel.runs[1].colour
    assert panel.legend_entries()[2:] == labels[1:]  # after this run's series

    panel.compare.setChecked(False)
    assert all(len(c.getData()[0] if c.getData()[0] is not None else []) == 0 for c in panel.run_curves)
    assert panel.run_labels() == [] and panel.legend_entries() == ["batch", "epoch mean"]
    panel.compare.setChecked(True)
    assert len(panel.run_curves[1].getData()[0]) == len(panel.runs[1].steps)
    panel.clear_runs.trigger()
    assert panel.runs == [] and panel.legend_entries() == ["batch", "epoch mean"] and not panel.clear_runs.isEnabled()


def test_a_changed_setting_starts_a_new_run_and_keeps_the_old(qtbot, training_window):
    net = xor_network(lr=0.5, batch=8, validation=0.25)
    start = core.Trainer(net.copy()).evaluate().validation_loss  # before training: the curve's step 0
    by_hand = core.Trainer(net.copy())
    by_hand.run(steps=20)
    window = training_window(net)
    panel, doc = window.training.ui.loss, window.document
    train(qtbot, window, 20)
    t = doc.network.training.copy()
    t.regularization, t.regularization_rate = "l2", 0.01
    doc.perform(commands.SetSettings(doc, "L2", training=t))
    qtbot.waitUntil(lambda: len(panel.runs) == 1, timeout=5000)
    run = panel.runs[0]
    assert run.label == "lr 0.5 · sgd · batch 8 · seed 0"
    assert np.array_equal(run.val_losses, np.r_[start, by_hand.history.epochs.data[:, 1]]) and len(run.val_losses) == 6
    assert np.array_equal(panel.run_val_curves[0].getData()[1], run.val_losses)  # drawn dashed
    assert panel.run_labels()[2] == "run 1: no regularization"
    assert "dashed: the validation loss" in panel.legend.toolTip() and run.details() in panel.legend.toolTip()
    train(qtbot, window, 20)
    assert panel.run_labels()[1] == "this run: L2 0.01"


def test_at_most_five_runs_are_kept_and_another_network_forgets_them(qtbot, training_window):
    window = training_window(xor_network(lr=0.5, batch=8))
    panel = window.training.ui.loss
    for _ in range(MAX_RUNS + 2):
        train(qtbot, window, 3)
        reset(qtbot, window)
    assert [r.number for r in panel.runs] == list(range(3, MAX_RUNS + 3))
    assert all(r.what == "batch loss" and len(r.steps) == 3 for r in panel.runs)  # less than two epochs
    reset(qtbot, window)  # a run without a step is not kept
    assert len(panel.runs) == MAX_RUNS
    training_window(xor_network(lr=0.3))
    assert panel.runs == []


def test_a_hidden_loss_panel_still_keeps_the_run(qtbot, training_window):
    window = training_window(xor_network(lr=0.5, batch=8))
    ui = window.training.ui
    ui.docks["loss_panel"].hide()
    train(qtbot, window, 15)  # 3 epochs of 5 steps
    reset(qtbot, window)
    ui.docks["loss_panel"].show()
    assert len(ui.loss.runs) == 1 and ui.loss.runs[0].steps.tolist() == [0, 5, 10, 15]
