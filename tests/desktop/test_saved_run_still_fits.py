"""A file's run reopened says what the run did, and a file keeps a run only while it still describes the network.

A student trains, saves (File → Save As), opens the file again: no "Stuck: every dL/dw is 0" warning (the run's
last gradient is kept, not zeros). After Reset, an activation chosen in the Inspector, or another regularization
typed in the Training settings, Save writes no run (it would not be the network's), and F6 starts at step 1.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QAction

import core
from test_saved_run_continues import make_window, open_file, press_f6, save_as  # noqa: F401 (make_window: the fixture)
from test_training_support import close_window, wait_finished


def xor(tmp_path, optimizer="adam"):
    net = core.load_network(core.example_path("xor"))
    net.lesson = None
    net.training.optimizer.name = optimizer
    path = tmp_path / "start.bpnet"
    core.save_network(net, path)
    return path


def trained_and_saved(qtbot, dialogs, window, tmp_path, steps=50, name="trained.bpnet"):
    open_file(qtbot, window, dialogs, xor(tmp_path))
    window.training.step(steps)  # Training → "Train N steps"
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == steps, timeout=15000)
    wait_finished(qtbot, window.training)
    saved = tmp_path / name
    dialogs.answer("save_file", str(saved))
    save_as(window)
    return saved


def test_a_reopened_run_is_not_said_to_be_stuck(qtbot, dialogs, make_window, tmp_path):
    first = make_window()
    saved = trained_and_saved(qtbot, dialogs, first, tmp_path)
    before = first.training.latest
    assert np.any(before.gradient)
    close_window(qtbot, first)

    second = make_window()
    open_file(qtbot, second, dialogs, saved)
    qtbot.waitUntil(lambda: second.training.latest is not None and second.training.latest.step == 50, timeout=10000)
    wait_finished(qtbot, second.training)
    assert not second.training.ui.loss_warning.isVisible(), second.training.ui.loss_warning.text()
    np.testing.assert_array_equal(second.training.latest.gradient, before.gradient)  # the heatmaps' dL/dw


def select_layer(window, name):
    scene = window.canvas.scene()
    scene.clearSelection()
    scene.layer_items[name].setSelected(True)
    return window.inspector.layer_page


def network_page(window):
    window.canvas.scene().clearSelection()
    return window.inspector.network_page


def save_to(dialogs, window, path):
    dialogs.answer("save_file", str(path))
    save_as(window)
    return window.statusBar().whole_message()


def test_another_activation_is_another_run(qtbot, dialogs, make_window, tmp_path):
    """The same weights under a ReLU hidden layer are not the sigmoid run's end: F6 starts a new run, Save keeps none."""
    first = make_window()
    saved = trained_and_saved(qtbot, dialogs, first, tmp_path, steps=20)
    close_window(qtbot, first)
    window = make_window()
    open_file(qtbot, window, dialogs, saved)
    qtbot.waitUntil(lambda: "Step 20 ·" in window.training.ui.status_label.text(), timeout=10000)
    select_layer(window, "h").activation.setCurrentText("relu")  # Inspector: h's activation
    said = save_to(dialogs, window, tmp_path / "relu.bpnet")
    assert core.load_network(tmp_path / "relu.bpnet").progress is None
    assert "with its training run" not in said, said
    press_f6(qtbot, window, 1)
    assert window.training.latest.step == 1


def test_a_penalty_chosen_after_the_run_saves_no_run(qtbot, dialogs, make_window, tmp_path):
    """The window's run ended without a penalty: with L2 chosen since, the file keeps no run (it never happened)."""
    window = make_window()
    trained_and_saved(qtbot, dialogs, window, tmp_path, steps=20)
    page = network_page(window)
    page.regularization.setCurrentText("l2")  # Inspector: the network's regularization
    said = save_to(dialogs, window, tmp_path / "l2.bpnet")
    assert core.load_network(tmp_path / "l2.bpnet").progress is None
    assert "with its training run" not in said and "no longer keeps" not in said, said


def test_early_stopping_chosen_during_a_run_goes_on_with_it(qtbot, dialogs, make_window, tmp_path):
    """Early stopping's patience says when a run stops, not what its steps do: the window's run goes on, as a
    file's run does (one rule)."""
    window = make_window()
    trained_and_saved(qtbot, dialogs, window, tmp_path, steps=20)
    network_page(window).patience.setValue(50)  # Inspector: early stopping, patience 50
    assert window.document.network.training.early_stopping_patience == 50
    press_f6(qtbot, window, 1)
    assert window.training.latest.step == 21
    said = save_to(dialogs, window, tmp_path / "patience.bpnet")
    assert core.load_network(tmp_path / "patience.bpnet").progress.progress.step_count == 21, said


def test_reset_at_a_files_run_saves_no_run_and_undo_brings_it_back(qtbot, dialogs, make_window, tmp_path):
    """Reset says Step 0: Save must not write the step-20 run the file came with; Undo (Ctrl+Z) brings it back."""
    first = make_window()
    saved = trained_and_saved(qtbot, dialogs, first, tmp_path, steps=20)
    close_window(qtbot, first)
    window = make_window()
    open_file(qtbot, window, dialogs, saved)
    status = window.training.ui.status_label
    qtbot.waitUntil(lambda: "Step 20 ·" in status.text(), timeout=10000)
    window.findChild(QAction, "reset").trigger()
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == 0, timeout=10000)
    said = save_to(dialogs, window, tmp_path / "reset.bpnet")
    assert core.load_network(tmp_path / "reset.bpnet").progress is None, said
    window.findChild(QAction, "undo").trigger()  # Edit → Undo "Reset weights"
    save_to(dialogs, window, tmp_path / "undone.bpnet")
    assert core.load_network(tmp_path / "undone.bpnet").progress.progress.step_count == 20


def test_a_late_answer_is_said_and_not_taken_for_the_next_save(qtbot, dialogs, make_window, tmp_path, monkeypatch):
    """A busy training process that does not send the run in time: Save says so (not "no longer keeps it"), and
    its late answer, about the weights before F6, is not taken as the next Save's."""
    from desktop import run_save
    from desktop.training.messages import Report

    window = make_window()
    trained_and_saved(qtbot, dialogs, window, tmp_path, steps=20)
    worker, held = window.training.worker, []
    send = worker.send

    def busy(command):  # the process is busy: the first Save's question waits in its queue
        if isinstance(command, Report) and command.asker.startswith(run_save.SAVE_ASKER) and not held:
            held.append(command)
            return
        if held and isinstance(command, Report) and command.asker.startswith(run_save.SAVE_ASKER):
            send(held[0])  # ... and reaches it only now, before the second Save's
        send(command)

    monkeypatch.setattr(worker, "send", busy)
    monkeypatch.setattr(run_save, "RUN_END_WAIT_S", 0.3)
    press_f6(qtbot, window, 1)  # a new run's end (step 21) the file has not kept
    said = save_to(dialogs, window, tmp_path / "busy.bpnet")
    assert said.endswith("without the training run that left these weights (the training process did not send it "
                         "in time; save again to keep it): opening the file starts from step 0"), said
    press_f6(qtbot, window, 1)
    monkeypatch.setattr(run_save, "RUN_END_WAIT_S", 10.0)
    said = save_to(dialogs, window, tmp_path / "again.bpnet")
    assert core.load_network(tmp_path / "again.bpnet").progress.progress.step_count == 22, said


def test_a_run_early_stopping_ended_reopens_naming_the_restored_weights(qtbot, dialogs, make_window, tmp_path):
    """early_stopping, F5 until it stops itself and restores its best epoch's weights, Save As, reopen: the
    heatmaps' caption names that epoch's weights again, not "after step N" (the last step, whose weights are gone)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from test_heatmap_caption_weights import caption

    first = make_window()
    open_file(qtbot, first, dialogs, core.example_path("early_stopping"))
    qtbot.waitUntil(lambda: first.training.latest is not None, timeout=10000)
    QTest.keyClick(first, Qt.Key.Key_F5)  # Play: it stops by itself
    qtbot.waitUntil(lambda: first.training.latest.state == "early_stopped", timeout=60000)
    snap = wait_finished(qtbot, first.training, timeout=60000)
    assert snap.restored_epoch is not None
    best, last_step = snap.restored_epoch, snap.step
    said = save_to(dialogs, first, tmp_path / "stopped.bpnet")
    assert "with its training run" in said, said
    close_window(qtbot, first)

    window = make_window()
    open_file(qtbot, window, dialogs, tmp_path / "stopped.bpnet")
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == last_step,
                    timeout=10000)
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: f"weights of epoch {best}" in caption(panel), timeout=5000)
    assert f"step {last_step}" not in caption(panel)


def test_a_run_too_large_for_the_file_is_said_so(qtbot, dialogs, make_window, tmp_path, monkeypatch):
    """The file is saved without a run that would make it too large to open, and the status bar says that reason
    (not "with its training run ... opening it goes on from there")."""
    import core.fileio

    window = make_window()
    trained_and_saved(qtbot, dialogs, window, tmp_path, steps=20)
    press_f6(qtbot, window, 1)
    monkeypatch.setattr(core.fileio, "MAX_FILE_BYTES", len(core.network_to_json(window.document.network)) + 1000)
    said = save_to(dialogs, window, tmp_path / "small.bpnet")
    assert core.load_network(tmp_path / "small.bpnet").progress is None
    assert said.endswith("without the training run that left these weights (it would make the file too large to "
                         "open): opening the file starts from step 0"), said
