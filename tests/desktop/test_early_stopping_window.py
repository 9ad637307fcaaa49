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


def test_the_best_epoch_label_stays_inside_a_laptops_loss_plot(qtbot, training_window):
    """At 1024×700 the loss plot is narrow: "best validation: epoch E" must not run off its left
    edge (it read "t validation: epoch 56"), and it is written whole on a side where it fits."""
    from PySide6.QtWidgets import QApplication

    net = core.load_network(core.example_path("early_stopping"))
    window = training_window(net)
    window.resize(1024, 700)
    window.apply_default_layout()
    QApplication.instance().processEvents()
    window.training.play()
    wait_finished(qtbot, window.training, timeout=60000)
    QApplication.instance().processEvents()
    marker = _loss_panel(window).best_epoch
    assert marker.line.isVisible()
    view_box = _loss_panel(window).loss_plot.getViewBox()
    box = view_box.sceneBoundingRect()
    for step in (float(marker.line.value()), view_box.viewRange()[0][0]):
        marker.line.setPos(step)  # the line where training put it, then at the plot's left edge
        QApplication.instance().processEvents()
        label = marker.label.sceneBoundingRect()
        assert box.left() - 1 <= label.left() and label.right() <= box.right() + 1, (step, label, box)
        assert f"epoch {marker.epoch}" in marker.label.toPlainText()
