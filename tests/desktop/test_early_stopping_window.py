"""Early stopping in the window: the Inspector's patience and restore option, the best
validation epoch marked in the Loss panel, and a status message saying when and why."""

from __future__ import annotations

import core
from test_training_support import training_window, wait_finished  # noqa: F401 (a fixture)


def test_early_stopping_lesson_marks_the_best_epoch_and_says_why(qtbot, training_window):
    net = core.load_network(core.example_path("early_stopping"))
    window = training_window(net)
    page = window.inspector.network_page
    window.view_state.select(None)
    assert page.patience.value() == 20 and page.restore_best.isChecked()
    page.restore_best.setChecked(False)  # a student unticks the box: one undoable settings edit
    assert window.document.network.training.early_stopping_restore_best is False
    window.document.undo_stack.undo()
    assert window.document.network.training.early_stopping_restore_best is True and page.restore_best.isChecked()

    reference = net.copy()
    trainer = core.Trainer(reference)
    expected = trainer.run(epochs=500)
    assert expected.reason == "early_stopped"

    window.training.play()
    snap = wait_finished(qtbot, window.training, timeout=60000)
    assert snap.state == "early_stopped" and snap.epoch == trainer.epoch
    marker = _loss_panel(window).best_epoch
    assert marker.epoch == trainer.best_epoch and marker.line.isVisible()
    message = window.statusBar().currentMessage()
    assert f"early stopping: epoch {trainer.epoch} is 20 epochs after the lowest validation loss" in message
    assert f"the weights of epoch {trainer.best_epoch} were restored" in message
    assert window.document.network.flat.tobytes() == reference.flat.tobytes()  # the best weights came back


def _loss_panel(window):
    from desktop.panels.loss import LossPanel

    return window.findChild(LossPanel)
