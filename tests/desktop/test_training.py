"""Live training through the real worker thread: play, pause, step, reset, undo, speed, divergence, close."""

from __future__ import annotations

import os

import numpy as np

import core
from desktop import commands
from desktop.training.messages import Report
from desktop.training.session import MAX_CHUNK
from test_training_support import (
    dataset_loss, finite, regression_network, training_window, wait_finished, wait_idle, wait_steps, worker_report,
    xor_network,
)

__all__ = ["training_window"]


def test_play_trains_and_the_loss_falls_on_xor(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    before = dataset_loss(window.document.network)
    c.toolbar.play_action.trigger()  # the toolbar's Play
    assert c.running and c.toolbar.play_action.text() == "Pause"
    wait_steps(qtbot, c, 400)
    c.toolbar.play_action.trigger()  # … which is now Pause
    snap = wait_finished(qtbot, c)
    assert c.toolbar.play_action.text() == "Play"
    assert snap.state == "paused"
    after = dataset_loss(window.document.network)
    assert after < 0.5 * before
    # the loss the worker recorded falls too (first vs last tenth of the steps)
    k = max(1, len(snap.loss_values) // 10)
    assert snap.loss_values[-k:].mean() < snap.loss_values[:k].mean()
    assert np.array_equal(window.document.network.flat, snap.parameters)


def test_pause_stops_within_one_chunk(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    c.play()
    wait_steps(qtbot, c, 50)
    with qtbot.waitSignal(c.worker.reported) as at_request:  # the step count when Pause is sent
        c.worker.send(Report())
        c.pause()
    snap = wait_finished(qtbot, c)
    assert snap.state == "paused"
    assert at_request.args[0]["running"]
    assert 0 <= snap.step - at_request.args[0]["step"] <= MAX_CHUNK
    # the worker is idle and holds exactly the weights the document got
    now = worker_report(qtbot, c)
    assert not now["running"] and now["step"] == snap.step
    assert np.array_equal(now["parameters"], window.document.network.flat)


def test_step_does_exactly_one_mini_batch(qtbot, training_window):
    net = xor_network()
    by_hand = core.Trainer(net.copy())
    window = training_window(net)
    c = window.training
    for expected_steps in (1, 2, 3):
        assert c.step()
        snap = wait_finished(qtbot, c)
        by_hand.step()
        assert snap.step == expected_steps
        assert np.array_equal(window.document.network.flat, by_hand.net.flat)  # bit-identical
    # each single Step is an undo entry of its own (a small network's Steps are cheap to keep apart)
    stack = window.document.undo_stack
    assert [stack.text(k) for k in range(stack.count())] == ["Training step"] * 3


def test_a_finished_step_is_painted_on_the_canvas_before_the_panels_take_it(qtbot, training_window):
    """Step → the canvas shows the step's weights first; the plots follow (press → canvas under 50 ms)."""
    from PySide6.QtCore import QEvent, QObject

    window = training_window(xor_network())
    c = window.training
    wait_finished(qtbot, c)  # the session's "ready"
    events = []

    class CanvasPaintSpy(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and events:
                events.append(("canvas", window.view_state.parameters().copy()))
            return False

    def recording(panel):
        show = panel.show_snapshot

        def show_snapshot(snap):
            if events:
                events.append(("panel", snap.parameters))
            show(snap)
        return show_snapshot

    for panel in c.ui.panels:
        panel.show_snapshot = recording(panel)
    spy = CanvasPaintSpy()
    window.canvas.viewport().installEventFilter(spy)
    window.document.parameters_changed.connect(lambda: events.append(("committed", None)))
    try:
        assert c.step()
        snap = wait_finished(qtbot, c)
    finally:
        window.canvas.viewport().removeEventFilter(spy)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "committed" and "panel" in kinds
    first_panel = kinds.index("panel")
    assert "canvas" in kinds[:first_panel]  # painted before any panel got the snapshot
    painted = next(params for kind, params in events if kind == "canvas")
    assert np.array_equal(painted, snap.parameters)  # … with the step's weights
    assert all(np.array_equal(params, snap.parameters) for kind, params in events if kind == "panel")


def test_step_epoch_ends_at_an_epoch_boundary(qtbot, training_window):
    window = training_window(xor_network(batch=8))  # 40 samples: 5 steps per epoch
    c = window.training
    c.step()
    wait_finished(qtbot, c)
    c.step_epoch()
    snap = wait_finished(qtbot, c)
    assert (snap.step, snap.epoch) == (5, 1)


def test_reset_restores_the_starting_weights_bit_exactly(qtbot, training_window):
    window = training_window(xor_network())
    c, doc = window.training, window.document
    start = doc.network.parameters()
    for _ in range(2):  # two runs, then Reset; twice
        for _ in range(2):
            c.play()
            wait_steps(qtbot, c, (c.latest.step if c.latest else 0) + 20)
            c.pause()
            wait_finished(qtbot, c)
        assert not np.array_equal(doc.network.flat, start)
        c.reset()
        assert np.array_equal(doc.network.flat, start)
        qtbot.waitUntil(lambda: c.latest is not None and c.latest.state == "ready")
        assert c.latest.step == 0
    # Reset is itself undoable: Undo brings the trained weights back
    trained = doc.undo_stack.command(doc.undo_stack.index() - 1).old
    doc.undo_stack.undo()
    assert np.array_equal(doc.network.flat, trained)


def test_undo_after_training_restores_the_pre_training_weights(qtbot, training_window):
    window = training_window(xor_network())
    c, doc = window.training, window.document
    before = doc.network.parameters()
    c.play()
    wait_steps(qtbot, c, 100)
    c.pause()
    snap = wait_finished(qtbot, c)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert np.array_equal(doc.network.flat, before)
    doc.undo_stack.redo()
    assert np.array_equal(doc.network.flat, snap.parameters)


def test_changing_the_learning_rate_while_running_takes_effect(qtbot, training_window):
    window = training_window(xor_network(lr=0.5))
    c, doc = window.training, window.document
    c.set_speed(2000)  # slow enough to see several snapshots
    c.play()
    wait_steps(qtbot, c, 10)
    c.toolbar.learning_rate.setValue(0.0125)
    qtbot.waitUntil(lambda: c.latest.learning_rate == 0.0125 and c.latest.state == "running")
    assert c.running
    assert doc.network.training.optimizer.learning_rate == 0.0125
    c.toolbar.batch_size.setValue(4)
    qtbot.waitUntil(lambda: c.latest.batch_size == 4 and c.latest.state == "running")
    c.pause()
    wait_finished(qtbot, c)
    report = worker_report(qtbot, c)
    assert report["learning_rate"] == 0.0125
    assert report["batch_size"] == 4


def test_divergence_stops_cleanly_with_finite_weights(qtbot, training_window):
    window = training_window(regression_network(lr=1e6))
    c, doc = window.training, window.document
    told = []
    c.notify = lambda title, text: told.append((title, text))
    c.play()
    snap = wait_finished(qtbot, c)
    assert snap.state == "diverged"
    assert finite(doc.network.flat) and finite(snap.parameters)
    assert told and "learning rate too high" in told[0][0]
    assert "learning rate" in snap.message
    for arr in (snap.loss_values, snap.trajectories, snap.gradient):
        assert finite(arr)
    ui = c.ui  # what the plots received
    x, y = ui.loss.step_curve.getData()
    assert len(x) == snap.step and finite(y)  # every finite step, nothing else
    for curves in ui.trajectories.curves.values():
        for curve in curves:
            x, y = curve.getData()
            assert finite(y[~np.isnan(x)])  # NaN only where one weight's path ends
    assert "learning rate" in window.statusBar().currentMessage()


def test_the_message_box_after_divergence_is_not_modal(qtbot, training_window):
    window = training_window(regression_network(lr=1e6))
    c = window.training
    c.play()
    wait_finished(qtbot, c)
    boxes = [b for b in c._message_boxes if b.isVisible()]
    assert boxes and not boxes[0].isModal()
    boxes[0].close()


def test_closing_the_window_while_training_neither_hangs_nor_aborts(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    c.play()
    wait_steps(qtbot, c, 20)
    assert c.running
    process = c.worker.process
    assert process.is_alive() and process.pid != os.getpid()
    window.close()
    assert not process.is_alive() and process.exitcode == 0  # it ended by itself, on Quit


def test_editing_while_training_pauses_first_and_keeps_the_run(qtbot, training_window):
    window = training_window(xor_network())
    c, doc = window.training, window.document
    c.play()
    wait_steps(qtbot, c, 30)
    trained = c.latest.parameters
    doc.perform(commands.set_dataset(doc, core.generate("xor", samples=20, noise=0.1, seed=5), 0.0))
    assert not c.running
    assert [doc.undo_stack.text(k) for k in range(doc.undo_stack.count())] == ["Training run", "Change dataset"]
    assert np.array_equal(doc.network.flat, trained)


def test_opening_another_network_while_training_stops_the_worker(qtbot, training_window):
    window = training_window(xor_network())
    c, doc = window.training, window.document
    c.play()
    wait_steps(qtbot, c, 10)
    doc.replace_network(xor_network(hidden=3), None)
    assert not c.running
    wait_idle(qtbot, c)
    # the next Play trains the new network
    c.step()
    snap = wait_finished(qtbot, c)
    assert snap.parameters.shape == doc.network.flat.shape == (2 * 3 + 3 * 1 + 3 + 1,)


def test_undo_while_running_stops_and_keeps_the_document(qtbot, training_window):
    window = training_window(xor_network())
    c, doc = window.training, window.document
    c.step()
    wait_finished(qtbot, c)
    c.play()
    wait_steps(qtbot, c, 30)
    doc.undo_stack.undo()
    assert not c.running
    assert np.array_equal(doc.network.flat, doc.undo_stack.command(0).old)


def test_stop_conditions_end_the_run(qtbot, training_window):
    window = training_window(xor_network(batch=8))
    c = window.training
    c.toolbar.stop_epochs.setValue(3)
    c.play()
    snap = wait_finished(qtbot, c)
    assert (snap.state, snap.epoch, snap.step) == ("epochs", 3, 15)
    c.toolbar.stop_epochs.setValue(0)
    c.toolbar.stop_loss.setValue(10.0)  # any batch loss is below: stops after one step
    c.play()
    snap = wait_finished(qtbot, c)
    assert (snap.state, snap.step) == ("loss_threshold", 16)


def test_speed_limit_and_status_bar(qtbot, training_window):
    window = training_window(xor_network())
    c = window.training
    c.toolbar.speed.setValue(10)  # 10 steps per second
    c.play()
    wait_steps(qtbot, c, 3)
    c.pause()
    snap = wait_finished(qtbot, c)
    assert snap.step < 40  # far below the free-running rate of thousands a second
    text = c.ui.status_label.text()
    assert f"Step {snap.step}" in text and "Epoch" in text and "all training data: loss" in text and "accuracy" in text


def test_cannot_train_without_a_matching_dataset(qtbot, training_window):
    net = xor_network()
    net.dataset = core.generate("blobs", samples=30)  # 3 target columns, 1 output unit
    window = training_window(net)
    c = window.training
    messages = []
    c.status.connect(messages.append)
    assert not c.play()
    assert not c.running and messages and "3 target columns" in messages[0]


def test_canvas_edges_move_with_the_worker_while_training(qtbot, training_window):
    window = training_window(xor_network())
    c, scene = window.training, window.canvas.scene()
    start = window.document.network.weights["x", "h"].copy()
    c.play()
    wait_steps(qtbot, c, 300)
    # while running, the document keeps its weights but the canvas shows the worker's
    qtbot.waitUntil(lambda: not np.array_equal(scene.values[("x", "h")], start), timeout=5000)
    assert np.array_equal(window.document.network.weights["x", "h"], start)
    c.pause()
    snap = wait_finished(qtbot, c)
    trained = window.document.network.weights["x", "h"]
    assert np.array_equal(trained, snap.parameters[: trained.size].reshape(trained.shape))
    assert np.array_equal(scene.values[("x", "h")], trained)


def test_before_the_first_step_the_panels_show_the_gradient_step_will_use(qtbot, training_window):
    net = xor_network()
    _, expected = core.Trainer(net.copy()).upcoming_gradient()
    window = training_window(net)
    window.view_state.set_sample(None)  # trace the next mini-batch (the default is sample 0)
    c = window.training
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step == 0 and c.latest.gradient.any(), timeout=5000)
    assert np.array_equal(c.latest.gradient, expected)
    rows = core.Trainer(net.copy()).next_batch_indices()
    qtbot.waitUntil(lambda: np.array_equal(window.view_state.traced_rows(), rows), timeout=5000)
    window.view_state.select_edge("x", "h", 0, 1)
    assert window.inspector.edge_page.gradient.text() == core.format_number(expected[1], 6)  # W[0, 1] of x→h is flat[1]
    start = window.document.network.parameters()
    c.step()
    wait_finished(qtbot, c)
    lr = net.training.optimizer.learning_rate
    assert np.array_equal(window.document.network.flat, start - lr * expected)  # plain SGD: θ − lr·g


def conflicting_network():
    """Validation targets disagree with training targets: early stopping fires after 3 epochs."""
    net = core.Network("conflict")
    net.add_layer("x", 1)
    net.add_layer("y", 1, activation="identity")
    net.connect("x", "y", weights=[[0.0]])
    net.dataset = core.Dataset([[1.0]] * 40, [[1.0]] * 30 + [[0.0]] * 10)
    net.training.optimizer.learning_rate = 0.1
    net.training.batch_size = 2
    net.training.validation_fraction = 0.25
    net.training.early_stopping_patience = 3
    return net


def test_play_after_early_stopping_trains_again(qtbot, training_window):
    window = training_window(conflicting_network())
    c = window.training
    c.play()
    first = wait_finished(qtbot, c)
    assert first.state == "early_stopped"
    c.play()
    qtbot.waitUntil(lambda: c.latest.step > first.step and not c.running, timeout=10000)
    second = c.latest
    assert second.state == "early_stopped"
    steps_per_epoch = 15  # 30 training samples, batches of 2
    assert second.step - first.step >= 3 * steps_per_epoch  # a full patience, not one step
    assert np.array_equal(window.document.network.flat, second.parameters)


def test_play_past_the_epoch_limit_does_not_step(qtbot, training_window):
    window = training_window(xor_network(batch=8))  # 5 steps per epoch
    c, stack = window.training, window.document.undo_stack
    c.set_stop_conditions(2, None)
    c.play()
    first = wait_finished(qtbot, c)
    assert (first.state, first.epoch, first.step) == ("epochs", 2, 10)
    entries = stack.count()
    c.play()
    qtbot.waitUntil(lambda: not c.running, timeout=5000)
    assert c.latest.step == 10 and c.latest.state == "epochs"
    assert stack.count() == entries
